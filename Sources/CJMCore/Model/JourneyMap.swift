/// The stable id of a stage. Ids survive renames and reordering, so edits, history and
/// later merges refer to the same column whatever happens around it.
public struct StageID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var raw: String
    public init(_ raw: String) { self.raw = raw }
    public var description: String { raw }
    public static func < (a: StageID, b: StageID) -> Bool { a.raw < b.raw }
}

/// The stable id of a lane.
public struct LaneID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var raw: String
    public init(_ raw: String) { self.raw = raw }
    public var description: String { raw }
    public static func < (a: LaneID, b: LaneID) -> Bool { a.raw < b.raw }
}

/// How the customer feels at a stage: -2 (very negative) … +2 (very positive).
/// "No score" is `nil` in the model and an absent field in the file: it is not zero.
public enum Emotion {
    public static let range = -2...2

    public static func name(_ score: Int) -> String {
        switch score {
        case -2: return "very negative"
        case -1: return "negative"
        case 0: return "neutral"
        case 1: return "positive"
        default: return "very positive"
        }
    }
}

/// A column of the map: one step of the customer's journey.
public struct Stage: Equatable, Sendable {
    public var id: StageID
    public var name: String
    public var emotion: Int?

    public init(id: StageID, name: String, emotion: Int? = nil) {
        self.id = id
        self.name = name
        self.emotion = emotion
    }
}

/// What a lane records. The method's rows; `notes` is the catch-all.
public enum LaneKind: String, CaseIterable, Sendable {
    case thoughts, actions, touchpoints, barriers, opportunities, metrics, notes

    public static func parse(_ s: String) -> LaneKind? { LaneKind(rawValue: s) }
}

/// A row of the map, with one cell of text per stage. Empty cells are not stored.
public struct Lane: Equatable, Sendable {
    public var id: LaneID
    public var title: String
    public var kind: LaneKind
    public var cells: [StageID: String]

    public init(id: LaneID, title: String, kind: LaneKind, cells: [StageID: String] = [:]) {
        self.id = id
        self.title = title
        self.kind = kind
        self.cells = cells
    }

    public func cell(_ stage: StageID) -> String { cells[stage] ?? "" }
}

/// A customer journey map: one audience segment's path, stage by stage.
public struct JourneyMap: Equatable, Sendable {
    public var title: String
    public var goal: String
    public var stages: [Stage]
    public var lanes: [Lane]

    public init(title: String = "", goal: String = "", stages: [Stage] = [], lanes: [Lane] = []) {
        self.title = title
        self.goal = goal
        self.stages = stages
        self.lanes = lanes
    }

    public func stageIndex(_ id: StageID) -> Int? { stages.firstIndex { $0.id == id } }
    public func laneIndex(_ id: LaneID) -> Int? { lanes.firstIndex { $0.id == id } }

    public func cell(lane: LaneID, stage: StageID) -> String {
        guard let l = laneIndex(lane) else { return "" }
        return lanes[l].cell(stage)
    }

    /// A new stage id not used in this map.
    public func freshStageID(using rng: inout some RandomNumberGenerator) -> StageID {
        while true {
            let id = StageID("s-" + randomHex(6, using: &rng))
            if stageIndex(id) == nil { return id }
        }
    }

    /// A new lane id not used in this map.
    public func freshLaneID(using rng: inout some RandomNumberGenerator) -> LaneID {
        while true {
            let id = LaneID("l-" + randomHex(6, using: &rng))
            if laneIndex(id) == nil { return id }
        }
    }
}

func randomHex(_ count: Int, using rng: inout some RandomNumberGenerator) -> String {
    let digits = Array("0123456789abcdef")
    return String((0..<count).map { _ in digits[Int(rng.next() % 16)] })
}
