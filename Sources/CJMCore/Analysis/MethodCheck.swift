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
        ("empty-lane", .warning), ("segment-mismatch", .warning), ("merge-conflict", .error),
    ]

    /// The findings, worded in `language`.
    public static func run(_ ws: Workspace, language: Language = .en) -> [Finding] {
        var out: [Finding] = []
        let t = language
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
        func name(_ p: PersonaID) -> String { ws.persona(p)?.name ?? p.raw }
        // One map for all segments: a persona linked to every map, whoever else is there.
        if ws.maps.count > 1, let first = ws.maps.first {
            for p in first.personas where ws.maps.allSatisfy({ $0.personas.contains(p) }) {
                add(.error, "one-persona-everywhere", 0, t.t(.checkOnePersona, name(p)), t.t(.checkOnePersonaHint))
            }
        }
        for (mi, map) in ws.maps.enumerated() {
            if map.goal.trimmingCharacters(in: " ").isEmpty {
                add(.error, "no-goal", mi, t.t(.checkNoGoal), t.t(.checkNoGoalHint))
            }
            if map.personas.isEmpty {
                add(.error, "no-persona", mi, t.t(.checkNoPersona), t.t(.checkNoPersonaHint))
            }
            for p in map.personas {
                guard let persona = ws.persona(p) else { continue }
                let a = Search.fold(persona.segment.trimmingCharacters(in: " "))
                let b = Search.fold(map.segment.trimmingCharacters(in: " "))
                if !a.isEmpty, !b.isEmpty, a != b {
                    add(
                        .warning, "segment-mismatch", mi, t.t(.checkSegment, persona.name, persona.segment, map.segment),
                        t.t(.checkSegmentHint))
                }
            }
            let touch = map.lanes.indices.filter { map.lanes[$0].kind == .touchpoints || map.lanes[$0].content == .channels }
            if touch.isEmpty, !map.stages.isEmpty {
                add(.error, "no-channels", mi, t.t(.checkNoTouchLane), t.t(.checkNoTouchLaneHint))
            }
            for (j, st) in map.stages.enumerated() {
                if !touch.isEmpty, touch.allSatisfy({ map.lanes[$0].cell(st.id).isEmpty }) {
                    add(.error, "no-channels", mi, stage: j, lane: touch[0], t.t(.checkNoChannels), t.t(.checkNoChannelsHint))
                }
                for p in map.personas where st.emotions[p] == nil {
                    add(
                        .error, "unscored-stage", mi, stage: j, t.t(.checkUnscoredFor, name(p)),
                        t.t(.checkUnscoredForHint, name(p)))
                }
                if map.personas.isEmpty, st.emotion == nil {
                    add(.error, "unscored-stage", mi, stage: j, t.t(.checkUnscored), t.t(.checkUnscoredHint))
                }
                if map.lanes.allSatisfy({ $0.cell(st.id).isEmpty }) {
                    add(.warning, "empty-stage", mi, stage: j, t.t(.checkEmptyStage), t.t(.checkEmptyStageHint))
                }
                let barriers = map.lanes.indices.filter { map.lanes[$0].kind == .barriers && !map.lanes[$0].cell(st.id).isEmpty }
                let opportunities = map.lanes.filter { $0.kind == .opportunities && !$0.cell(st.id).isEmpty }
                if let b = barriers.first, opportunities.isEmpty {
                    add(
                        .warning, "barrier-without-opportunity", mi, stage: j, lane: b, t.t(.checkBarrier),
                        t.t(.checkBarrierHint))
                }
            }
            for (l, lane) in map.lanes.enumerated()
            where !map.stages.isEmpty && map.stages.allSatisfy({ lane.cell($0.id).isEmpty }) {
                add(.warning, "empty-lane", mi, lane: l, t.t(.checkEmptyLane), t.t(.checkEmptyLaneHint))
            }
        }
        return out
    }
}

extension MethodCheck {
    /// What a merge left undecided, as errors that name the map, stage and lane. `keys` are
    /// the editor's keys for the next conflict, keeping ours and taking theirs, for the hint.
    public static func conflicts(_ ws: Workspace, language t: Language, keys: (next: String, ours: String, theirs: String))
        -> [Finding]
    {
        ws.openConflicts.map { c in
            let mi = c.place.map.flatMap(ws.mapIndex) ?? 0
            let m = ws.maps[mi]
            let s = c.place.stage.flatMap(m.stageIndex)
            let l = c.place.lane.flatMap(m.laneIndex)
            return Finding(
                severity: .error, rule: "merge-conflict", map: m.title, stage: s.map { m.stages[$0].name },
                lane: l.map { m.lanes[$0].title },
                message: ws.say(c, .checkConflict, t),
                hint: t.t(.checkConflictHint, keys.next, keys.ours, keys.theirs), mapIndex: mi, stageIndex: s, laneIndex: l)
        }
    }
}
