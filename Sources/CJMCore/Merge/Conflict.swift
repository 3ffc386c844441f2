/// A place two people changed differently since their common version, kept in the file until
/// someone decides. The document holds "ours" meanwhile (or, where one side deleted what the
/// other edited, the edited thing), so a file with conflicts always opens.
public struct Conflict: Equatable, Sendable {
    /// Where the two sides disagree, by id: names change, ids do not.
    public enum Place: Hashable, Sendable {
        /// A map one side deleted and the other edited.
        case map(MapID)
        case title(MapID)
        case goal(MapID)
        case segment(MapID)
        /// A persona one side deleted and the other edited or linked.
        case persona(PersonaID)
        /// One field of a persona, by its file key (`name`, `goals`, `sociodemographic`…).
        case personaField(PersonaID, String)
        /// A stage one side deleted and the other edited (its name, scores or cells).
        case stage(MapID, StageID)
        case stageName(MapID, StageID)
        /// A score on a curve: the persona's, or the map's own when nil.
        case score(MapID, StageID, PersonaID?)
        /// A lane one side deleted and the other edited.
        case lane(MapID, LaneID)
        case laneTitle(MapID, LaneID)
        case laneKind(MapID, LaneID)
        case laneContent(MapID, LaneID)
        case cell(MapID, LaneID, StageID)
    }

    public enum Side: String, Sendable { case ours, theirs }

    public var place: Place
    /// The values as text: a field's value, a score's number, a cell's text. For a thing one
    /// side deleted (`map`, `persona`, `stage`, `lane`) nil means deleted and text names it.
    public var base: String?
    public var ours: String?
    public var theirs: String?

    public init(_ place: Place, base: String?, ours: String?, theirs: String?) {
        self.place = place
        self.base = base
        self.ours = ours
        self.theirs = theirs
    }

    public func value(_ side: Side) -> String? { side == .ours ? ours : theirs }

    /// One side kept (or changed) what the other deleted: the keeper's value, nil for the other.
    static func kept(_ place: Place, base: String?, as value: String?, by keeper: Side) -> Conflict {
        Conflict(place, base: base, ours: keeper == .ours ? value : nil, theirs: keeper == .theirs ? value : nil)
    }
}

extension Conflict.Place {
    public var map: MapID? {
        switch self {
        case .map(let m), .title(let m), .goal(let m), .segment(let m), .stage(let m, _), .stageName(let m, _),
            .score(let m, _, _), .lane(let m, _), .laneTitle(let m, _), .laneKind(let m, _), .laneContent(let m, _),
            .cell(let m, _, _):
            return m
        case .persona, .personaField: return nil
        }
    }

    public var stage: StageID? {
        switch self {
        case .stage(_, let s), .stageName(_, let s), .score(_, let s, _), .cell(_, _, let s): return s
        default: return nil
        }
    }

    public var lane: LaneID? {
        switch self {
        case .lane(_, let l), .laneTitle(_, let l), .laneKind(_, let l), .laneContent(_, let l), .cell(_, let l, _): return l
        default: return nil
        }
    }

    public var persona: PersonaID? {
        switch self {
        case .persona(let p), .personaField(let p, _): return p
        case .score(_, _, let p): return p
        default: return nil
        }
    }

    /// Whether the place is a whole thing one side deleted, rather than a value.
    public var isPresence: Bool {
        switch self {
        case .map, .persona, .stage, .lane: return true
        default: return false
        }
    }

    /// The name the file gives this kind of place.
    public var what: String {
        switch self {
        case .map: return "map"
        case .title: return "title"
        case .goal: return "goal"
        case .segment: return "segment"
        case .persona: return "persona"
        case .personaField: return "persona-field"
        case .stage: return "stage"
        case .stageName: return "stage-name"
        case .score: return "score"
        case .lane: return "lane"
        case .laneTitle: return "lane-title"
        case .laneKind: return "lane-kind"
        case .laneContent: return "lane-content"
        case .cell: return "cell"
        }
    }

    /// The persona field's file key, for `personaField`.
    public var key: String? {
        if case .personaField(_, let k) = self { return k }
        return nil
    }

    /// Builds a place from the file's fields; nil when they do not name one.
    public static func from(what: String, map: MapID?, persona: PersonaID?, stage: StageID?, lane: LaneID?, key: String?)
        -> Conflict.Place?
    {
        switch (what, map, stage, lane) {
        case ("map", let m?, nil, nil): return .map(m)
        case ("title", let m?, nil, nil): return .title(m)
        case ("goal", let m?, nil, nil): return .goal(m)
        case ("segment", let m?, nil, nil): return .segment(m)
        case ("stage", let m?, let s?, nil): return .stage(m, s)
        case ("stage-name", let m?, let s?, nil): return .stageName(m, s)
        case ("score", let m?, let s?, nil): return .score(m, s, persona)
        case ("lane", let m?, nil, let l?): return .lane(m, l)
        case ("lane-title", let m?, nil, let l?): return .laneTitle(m, l)
        case ("lane-kind", let m?, nil, let l?): return .laneKind(m, l)
        case ("lane-content", let m?, nil, let l?): return .laneContent(m, l)
        case ("cell", let m?, let s?, let l?): return .cell(m, l, s)
        case ("persona", nil, nil, nil): return persona.map { .persona($0) }
        case ("persona-field", nil, nil, nil):
            guard let persona, let key, Persona.fields.contains(where: { $0.key == key }) else { return nil }
            return .personaField(persona, key)
        default: return nil
        }
    }
}

extension Workspace {
    /// Whether the place still names something in this workspace. A conflict whose place is
    /// gone (its stage deleted since, say) is settled: nothing is left to decide.
    public func holds(_ place: Conflict.Place) -> Bool {
        if let p = place.persona, case .score = place {
            guard let m = place.map, let mi = mapIndex(m) else { return false }
            return maps[mi].personas.contains(p) && maps[mi].stageIndex(place.stage!) != nil
        }
        if let p = place.persona, personaIndex(p) == nil { return false }
        guard let m = place.map else { return true }
        guard let mi = mapIndex(m) else { return false }
        if let s = place.stage, maps[mi].stageIndex(s) == nil { return false }
        if let l = place.lane, maps[mi].laneIndex(l) == nil { return false }
        return true
    }

    /// What the place holds now, as a conflict writes it: to tell whether it was edited.
    public func value(at place: Conflict.Place) -> String? {
        guard holds(place) else { return nil }
        let m = place.map.flatMap(mapIndex).map { maps[$0] }
        switch place {
        case .title: return m?.title
        case .goal: return m?.goal
        case .segment: return m?.segment
        case .stageName(_, let s): return m?.stageIndex(s).map { m!.stages[$0].name }
        case .score(_, let s, let p): return m?.stageIndex(s).flatMap { m!.stages[$0].score(for: p) }.map { String($0) }
        case .laneTitle(_, let l): return m?.laneIndex(l).map { m!.lanes[$0].title }
        case .laneKind(_, let l): return m?.laneIndex(l).map { m!.lanes[$0].kind.rawValue }
        case .laneContent(_, let l): return m?.laneIndex(l).map { m!.lanes[$0].content.rawValue }
        case .cell(_, let l, let s): return m?.cell(lane: l, stage: s)
        case .personaField(let p, let key):
            guard let persona = persona(p), let f = Persona.fields.first(where: { $0.key == key }) else { return nil }
            return persona[keyPath: f.path]
        case .map, .persona, .stage, .lane: return "present"
        }
    }

    /// The conflicts still to decide, in file order.
    public var openConflicts: [Conflict] { conflicts.filter { holds($0.place) } }

    /// A place in people's words: «Map» · Lane × Stage, the stage «…», the persona «…»'s goals.
    public func describe(_ place: Conflict.Place, _ t: Language) -> String {
        let map = place.map.flatMap(mapIndex).map { maps[$0] }
        // Names on one line: a line break in a name must not forge a line of output.
        let mapName = map.map { "«\($0.title.oneLine)»" } ?? ""
        func stage(_ id: StageID) -> String { (map?.stageIndex(id).map { map!.stages[$0].name } ?? id.raw).oneLine }
        func lane(_ id: LaneID) -> String { (map?.laneIndex(id).map { map!.lanes[$0].title } ?? id.raw).oneLine }
        func persona(_ id: PersonaID) -> String { (self.persona(id)?.name ?? id.raw).oneLine }
        let what: String
        switch place {
        case .map: return t.t(.placeMap, map?.title.oneLine ?? place.map?.raw ?? "")
        case .title: what = t.t(.placeTitle)
        case .goal: what = t.t(.placeGoal)
        case .segment: what = t.t(.placeSegment)
        case .persona(let p): return t.t(.placePersona, persona(p))
        case .personaField(let p, let key):
            let label = Persona.fields.firstIndex { $0.key == key }.map { Persona.label($0, t) } ?? key
            return t.t(.placePersonaField, persona(p), label)
        case .stage(_, let s): what = t.t(.placeStage, stage(s))
        case .stageName(_, let s): what = t.t(.placeStageName, stage(s))
        case .score(_, let s, let p):
            what = p.map { t.t(.placeScoreFor, stage(s), persona($0)) } ?? t.t(.placeScore, stage(s))
        case .lane(_, let l): what = t.t(.placeLane, lane(l))
        case .laneTitle(_, let l): what = t.t(.placeLaneTitle, lane(l))
        case .laneKind(_, let l): what = t.t(.placeLaneKind, lane(l))
        case .laneContent(_, let l): what = t.t(.placeLaneContent, lane(l))
        case .cell(_, let l, let s): what = "\(lane(l)) × \(stage(s))"
        }
        return maps.count > 1 || mapName.isEmpty ? "\(mapName) \(what)".trimmingCharacters(in: " ") : what
    }
}
