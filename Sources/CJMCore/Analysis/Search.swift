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

    /// Every place of `map` whose text holds `query`, in reading order: the corner, the stage
    /// names, then each lane's title and cells (items, channels and metrics are cell text).
    public static func places(in map: JourneyMap, matching query: String) -> [GridPlace] {
        let q = fold(query)
        guard !q.isEmpty else { return [] }
        func has(_ s: String) -> Bool { text(s, holds: q) }
        var out: [GridPlace] = []
        if has(map.title) || has(map.goal) || has(map.segment) { out.append(.corner) }
        for (j, st) in map.stages.enumerated() where has(st.name) { out.append(.stageName(j)) }
        for (l, ln) in map.lanes.enumerated() {
            if has(ln.title) { out.append(.laneTitle(l)) }
            for (j, st) in map.stages.enumerated() where has(ln.cell(st.id)) { out.append(.cell(lane: l, stage: j)) }
        }
        return out
    }
}
