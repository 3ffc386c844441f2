/// A stable id, typed by what it names (a stage's id cannot stand for a lane's). Ids survive
/// renames and reordering, so edits, history and later merges refer to the same thing
/// whatever happens around it.
public struct Identifier<Named>: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var raw: String
    public init(_ raw: String) { self.raw = raw }
    public var description: String { raw }
    public static func < (a: Identifier, b: Identifier) -> Bool { a.raw < b.raw }

    /// A new random id, `prefix` and six hex digits, that `taken` says is free.
    static func fresh(_ prefix: String, using rng: inout some RandomNumberGenerator, taken: (Identifier) -> Bool) -> Identifier {
        while true {
            let id = Identifier(prefix + randomHex(6, using: &rng))
            if !taken(id) { return id }
        }
    }
}

public typealias StageID = Identifier<Stage>
public typealias LaneID = Identifier<Lane>
public typealias PersonaID = Identifier<Persona>
public typealias MapID = Identifier<JourneyMap>

/// How the customer feels at a stage: -2 (very negative) … +2 (very positive).
/// "No score" is `nil` in the model and an absent field in the file: it is not zero.
public enum Emotion {
    public static let range = -2...2

    /// A score as the map writes it: `+2`, `0`, `-1`.
    public static func signed(_ score: Int) -> String { score > 0 ? "+\(score)" : "\(score)" }

    public static func name(_ score: Int, _ language: Language = .en) -> String {
        switch score {
        case -2: return language.t(.emotionVeryNegative)
        case -1: return language.t(.emotionNegative)
        case 0: return language.t(.emotionNeutral)
        case 1: return language.t(.emotionPositive)
        default: return language.t(.emotionVeryPositive)
        }
    }
}

/// A column of the map: one step of the customer's journey.
public struct Stage: Equatable, Sendable {
    public var id: StageID
    public var name: String
    /// The map's own curve: the score when no persona is named.
    public var emotion: Int?
    /// One curve per linked persona.
    public var emotions: [PersonaID: Int]

    public init(id: StageID, name: String, emotion: Int? = nil, emotions: [PersonaID: Int] = [:]) {
        self.id = id
        self.name = name
        self.emotion = emotion
        self.emotions = emotions
    }

    /// The score on a curve: the persona's, or the map's own when `persona` is nil.
    public func score(for persona: PersonaID?) -> Int? {
        guard let persona else { return emotion }
        return emotions[persona]
    }
}

/// What a lane records. The method's rows; `notes` is the catch-all.
public enum LaneKind: String, CaseIterable, Sendable {
    case thoughts, actions, touchpoints, barriers, opportunities, metrics, notes

    public static func parse(_ s: String) -> LaneKind? { LaneKind(rawValue: s) }

    /// The kind a lane's title names, in English or Russian ("Barriers", "Точки контакта"),
    /// or nil. `cjm import` and the editor's new lanes share it.
    public static func guess(fromTitle title: String) -> LaneKind? {
        let t = title.lowercased()
        let table: [(LaneKind, [String])] = [
            (.thoughts, ["thought", "мысл", "дума"]), (.actions, ["action", "действ"]),
            (.touchpoints, ["touch", "channel", "точк", "канал"]),
            (.barriers, ["barrier", "pain", "барьер", "проблем", "боли", "трудност"]),
            (.opportunities, ["opportunit", "idea", "возможн", "решени", "иде"]),
            (.metrics, ["metric", "kpi", "метрик", "показат"]),
        ]
        return table.first { $0.1.contains { t.contains($0) } }?.0
    }

    /// What a lane of this kind usually holds: channels for touchpoints, named numbers for
    /// metrics, text for the rest.
    public var usualContent: LaneContent {
        switch self {
        case .touchpoints: return .channels
        case .metrics: return .metrics
        case .barriers, .opportunities: return .list
        default: return .text
        }
    }

    /// The kind's name for people, in `language`.
    public func name(_ language: Language) -> String {
        let phrase: Phrase
        switch self {
        case .thoughts: phrase = .kindThoughts
        case .actions: phrase = .kindActions
        case .touchpoints: phrase = .kindTouchpoints
        case .barriers: phrase = .kindBarriers
        case .opportunities: phrase = .kindOpportunities
        case .metrics: phrase = .kindMetrics
        case .notes: phrase = .kindNotes
        }
        return language.t(phrase)
    }
}

/// How a lane's cells hold their content. Every kind is kept as text in memory, one item
/// per line for the structured kinds, so changing a lane's kind keeps its text.
public enum LaneContent: String, CaseIterable, Sendable {
    /// Free text, wrapped.
    case text
    /// Bullet items, one per line.
    case list
    /// Tags from the workspace's channel palette, one per line.
    case channels
    /// Named numbers with units, one per line: `name = value unit`.
    case metrics

    /// The content's name for people, in `language`.
    public func name(_ language: Language) -> String {
        switch self {
        case .text: return language.t(.contentText)
        case .list: return language.t(.contentList)
        case .channels: return language.t(.contentChannels)
        case .metrics: return language.t(.contentMetrics)
        }
    }
}

/// A row of the map, with one cell per stage. Empty cells are not stored.
public struct Lane: Equatable, Sendable {
    public var id: LaneID
    public var title: String
    public var kind: LaneKind
    public var content: LaneContent
    public var cells: [StageID: String]

    public init(id: LaneID, title: String, kind: LaneKind, content: LaneContent = .text, cells: [StageID: String] = [:]) {
        self.id = id
        self.title = title
        self.kind = kind
        self.content = content
        self.cells = cells
    }

    public func cell(_ stage: StageID) -> String { cells[stage] ?? "" }
}

/// A customer journey map: one audience segment's path, stage by stage.
public struct JourneyMap: Equatable, Sendable {
    public var id: MapID
    public var title: String
    /// The audience segment this map follows (the method: one map per segment).
    public var segment: String
    public var goal: String
    /// The personas this map is drawn for, in legend order.
    public var personas: [PersonaID]
    public var stages: [Stage]
    public var lanes: [Lane]

    public init(
        id: MapID = MapID("map-1"), title: String = "", segment: String = "", goal: String = "", personas: [PersonaID] = [],
        stages: [Stage] = [], lanes: [Lane] = []
    ) {
        self.id = id
        self.title = title
        self.segment = segment
        self.goal = goal
        self.personas = personas
        self.stages = stages
        self.lanes = lanes
    }

    /// The map's emotion curves, in legend order: its own (when it has no personas, or has
    /// scores of its own) and one per linked persona.
    public var curves: [PersonaID?] {
        var out: [PersonaID?] = []
        if personas.isEmpty || stages.contains(where: { $0.emotion != nil }) { out.append(nil) }
        return out + personas.map { Optional($0) }
    }

    public func stageIndex(_ id: StageID) -> Int? { stages.firstIndex { $0.id == id } }
    public func laneIndex(_ id: LaneID) -> Int? { lanes.firstIndex { $0.id == id } }

    public func cell(lane: LaneID, stage: StageID) -> String {
        guard let l = laneIndex(lane) else { return "" }
        return lanes[l].cell(stage)
    }

    /// A new stage id not used in this map.
    public func freshStageID(using rng: inout some RandomNumberGenerator) -> StageID {
        .fresh("s-", using: &rng) { stageIndex($0) != nil }
    }

    /// A new lane id not used in this map.
    public func freshLaneID(using rng: inout some RandomNumberGenerator) -> LaneID {
        .fresh("l-", using: &rng) { laneIndex($0) != nil }
    }
}

func randomHex(_ count: Int, using rng: inout some RandomNumberGenerator) -> String {
    let digits = Array("0123456789abcdef")
    return String((0..<count).map { _ in digits[Int(rng.next() % 16)] })
}

extension CaseIterable where Self: Equatable, AllCases.Index == Int {
    /// The next case, the first after the last: what a key that cycles a lane's kind gives.
    public var following: Self {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
