/// Finding text on a map: case and ё/е do not matter (Russian writers often type е for ё).
public enum Search {
    /// Text folded for comparing.
    public static func fold(_ s: String) -> String {
        String(s.lowercased().map { $0 == "ё" ? "е" : $0 })
    }

    /// Whether `text` holds the already folded `query`.
    public static func text(_ text: String, holds foldedQuery: String) -> Bool {
        fold(text).contains(foldedQuery)
    }

    /// A place on the grid: -1 for the stage-name row or the lane-title column; (-1, -1) is the
    /// corner (the map's title, goal and segment).
    public struct Place: Equatable, Sendable {
        public var lane: Int
        public var stage: Int
        public init(lane: Int, stage: Int) {
            self.lane = lane
            self.stage = stage
        }
    }

    /// Every place of `map` whose text holds `query`, in reading order: the corner, the stage
    /// names, then each lane's title and cells (items, channels and metrics are cell text).
    public static func places(in map: JourneyMap, matching query: String) -> [Place] {
        let q = fold(query)
        guard !q.isEmpty else { return [] }
        func has(_ s: String) -> Bool { text(s, holds: q) }
        var out: [Place] = []
        if has(map.title) || has(map.goal) || has(map.segment) { out.append(Place(lane: -1, stage: -1)) }
        for (j, st) in map.stages.enumerated() where has(st.name) { out.append(Place(lane: -1, stage: j)) }
        for (l, ln) in map.lanes.enumerated() {
            if has(ln.title) { out.append(Place(lane: l, stage: -1)) }
            for (j, st) in map.stages.enumerated() where has(ln.cell(st.id)) { out.append(Place(lane: l, stage: j)) }
        }
        return out
    }
}
