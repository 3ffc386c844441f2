/// The mistakes the method (000_…) says make a map useless, found in a workspace.
public struct Finding: Equatable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    /// A short stable name for scripts: `no-goal`, `no-persona`, …
    public var rule: String
    public var map: String
    public var stage: String?
    public var lane: String?
    public var message: String
    public var hint: String

    /// Where the finding points, for jumping to it: map index, stage index, lane index.
    public var mapIndex: Int
    public var stageIndex: Int?
    public var laneIndex: Int?
}

public enum MethodCheck {
    /// Every rule's name, with whether it is an error.
    public static let rules: [(String, Finding.Severity)] = [
        ("no-goal", .error), ("no-persona", .error), ("one-persona-everywhere", .error), ("no-channels", .error),
        ("unscored-stage", .error), ("barrier-without-opportunity", .warning), ("empty-stage", .warning),
        ("empty-lane", .warning),
    ]

    public static func run(_ ws: Workspace) -> [Finding] {
        var out: [Finding] = []
        func add(
            _ sev: Finding.Severity, _ rule: String, _ mi: Int, stage: Int? = nil, lane: Int? = nil, _ message: String,
            _ hint: String
        ) {
            let m = ws.maps[mi]
            out.append(
                Finding(
                    severity: sev, rule: rule, map: m.title, stage: stage.map { m.stages[$0].name },
                    lane: lane.map { m.lanes[$0].title },
                    message: message, hint: hint, mapIndex: mi, stageIndex: stage, laneIndex: lane))
        }
        // One map for all segments: the same single persona on every map.
        if ws.maps.count > 1, let first = ws.maps.first?.personas, first.count == 1,
            ws.maps.allSatisfy({ $0.personas == first })
        {
            let name = ws.persona(first[0])?.name ?? first[0].raw
            add(
                .error, "one-persona-everywhere", 0,
                "every map has the same persona «\(name)»: one portrait for all segments hides their barriers",
                "make a persona per segment (P, o) and link each map to its own (P, l)")
        }
        for (mi, map) in ws.maps.enumerated() {
            if map.goal.trimmingCharacters(in: " ").isEmpty {
                add(.error, "no-goal", mi, "the map has no goal", "say why the map is made, first (T): the method starts there")
            }
            if map.personas.isEmpty {
                add(
                    .error, "no-persona", mi, "the map has no persona: whose journey is it?",
                    "create the segment's persona (P, o) and link it (l)")
            }
            let touch = map.lanes.indices.filter { map.lanes[$0].kind == .touchpoints || map.lanes[$0].content == .channels }
            for (j, st) in map.stages.enumerated() {
                if !touch.isEmpty, touch.allSatisfy({ map.lanes[$0].cell(st.id).isEmpty }) {
                    add(
                        .error, "no-channels", mi, stage: j, lane: touch[0], "no touchpoint or channel at this stage",
                        "list every channel the customer meets here: leaving channels out is one of the method's mistakes")
                }
                for p in map.personas where st.emotions[p] == nil {
                    let name = ws.persona(p)?.name ?? p.raw
                    add(
                        .error, "unscored-stage", mi, stage: j, "no emotion score for «\(name)»",
                        "score it from what customers said (1–5 with \(name)'s curve active, p switches): ignoring their ratings is a mistake"
                    )
                }
                if map.personas.isEmpty, st.emotion == nil {
                    add(.error, "unscored-stage", mi, stage: j, "no emotion score", "score how the customer feels here (1–5)")
                }
                if map.lanes.allSatisfy({ $0.cell(st.id).isEmpty }) {
                    add(.warning, "empty-stage", mi, stage: j, "the stage is empty", "fill it in, or delete it (d)")
                }
                let barriers = map.lanes.indices.filter { map.lanes[$0].kind == .barriers && !map.lanes[$0].cell(st.id).isEmpty }
                let opportunities = map.lanes.filter { $0.kind == .opportunities && !$0.cell(st.id).isEmpty }
                if let b = barriers.first, opportunities.isEmpty {
                    add(
                        .warning, "barrier-without-opportunity", mi, stage: j, lane: b,
                        "a barrier with no opportunity at the same stage",
                        "propose how to remove it in the opportunities lane")
                }
            }
            for (l, lane) in map.lanes.enumerated()
            where !map.stages.isEmpty && map.stages.allSatisfy({ lane.cell($0.id).isEmpty }) {
                add(.warning, "empty-lane", mi, lane: l, "the lane is empty", "fill it in, or delete it (d on its title)")
            }
        }
        return out
    }
}
