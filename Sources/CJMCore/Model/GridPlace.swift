/// A place on a map's grid, by index as the map is shown: the corner (the map's title, goal
/// and segment), a stage's name, a lane's title, or a cell. The cursor, search hits, conflict
/// marks, insights and clicks all name places this way.
public enum GridPlace: Hashable, Sendable {
    case corner
    case stageName(Int)
    case laneTitle(Int)
    case cell(lane: Int, stage: Int)

    /// The place in a row (`lane`, nil for the stage names) and a column (`stage`, nil for the lane titles).
    public init(lane: Int?, stage: Int?) {
        switch (lane, stage) {
        case (nil, nil): self = .corner
        case (nil, let s?): self = .stageName(s)
        case (let l?, nil): self = .laneTitle(l)
        case (let l?, let s?): self = .cell(lane: l, stage: s)
        }
    }

    /// The lane's row, or nil in the stage-name row.
    public var lane: Int? {
        switch self {
        case .corner, .stageName: return nil
        case .laneTitle(let l), .cell(let l, _): return l
        }
    }

    /// The stage's column, or nil in the lane-title column.
    public var stage: Int? {
        switch self {
        case .corner, .laneTitle: return nil
        case .stageName(let s), .cell(_, let s): return s
        }
    }

    /// The same row in another column.
    public func with(stage: Int?) -> GridPlace { GridPlace(lane: lane, stage: stage) }
    /// The same column in another row.
    public func with(lane: Int?) -> GridPlace { GridPlace(lane: lane, stage: stage) }

    /// Where the place comes in reading order on a map of `stageCount` stages: the corner,
    /// the stage names, then lane by lane its title and its cells.
    public func order(stageCount: Int) -> Int {
        let row = lane.map { $0 + 1 } ?? 0
        let column = stage.map { $0 + 1 } ?? 0
        return row * (stageCount + 1) + column
    }

    /// One step along an axis whose first position is the header (nil), then `0..<count`;
    /// `header: false` keeps the step off the header. Ends stop the step.
    public static func step(_ at: Int?, by delta: Int, count: Int, header: Bool = true) -> Int? {
        // Positions count the header as 0 and index i as i + 1.
        let lowest = header || count == 0 ? 0 : 1
        let position = min(max(lowest, (at.map { $0 + 1 } ?? 0) + delta), count)
        return position == 0 ? nil : position - 1
    }

    /// The place kept on a map of this many lanes and stages (after a deletion, say).
    public func clamped(lanes: Int, stages: Int) -> GridPlace {
        func clamp(_ i: Int?, _ count: Int) -> Int? { i.flatMap { count == 0 ? nil : min(max(0, $0), count - 1) } }
        return GridPlace(lane: clamp(lane, lanes), stage: clamp(stage, stages))
    }
}
