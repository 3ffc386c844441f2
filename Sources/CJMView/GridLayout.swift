import CJMCore

/// Where the grid goes on the editor's screen: the columns, the header, the lanes' area and
/// heights, and the text being edited in a cell. Worked out from the editor alone, the same
/// way when a key is handled (to scroll the cursor into view) and when the view draws.
struct GridLayout: Sendable {
    /// The grid's first row: under the top bar, and under the tabs when there are several maps.
    let top: Int
    let geometry: GridGeometry
    let headerRows: Int
    /// The curve band's rows: five when there is room, one when short, none when tiny.
    let curveRows: Int
    /// The first row of lanes, the row past the last, and the rows between.
    let areaTop: Int
    let gridBottom: Int
    var area: Int { max(1, gridBottom - areaTop) }
    /// At most this many lines of a cell show when it is not being edited.
    let maxLines: Int
    /// The text being edited in a cell, wrapped: it replaces that cell.
    let override: (lane: Int, stage: Int, lines: [String], line: Int, column: Int)?
    /// The lane whose cell is walked item by item: it shows whole, so every item can be seen.
    let walked: Int?
    /// The first lane shown.
    private(set) var firstLane: Int
    private let map: JourneyMap

    /// The layout at the editor's scroll position; `scrolling` moves that position so the
    /// cursor's stage and lane show whole (the editor does, after each key).
    // Borrowed: an initializer takes its arguments owned, and the editor would be copied.
    init(_ e: borrowing Editor, scrolling: Bool = false) {
        map = e.map
        let width = e.width
        let height = e.height
        top = e.workspace.maps.count > 1 ? 2 : 1
        let titleWidth = GridGeometry.titleWidth(for: map, screenWidth: width)
        let (count, columnWidth) = GridGeometry.columns(
            stageCount: map.stages.count, available: width - titleWidth - 1, minimum: 16, preferred: 20, maximum: 40)
        var firstStage = e.firstStage
        if scrolling, let j = e.stage {
            if j < firstStage { firstStage = j }
            if j >= firstStage + count { firstStage = j - count + 1 }
        }
        firstStage = max(0, min(firstStage, map.stages.count - count))
        geometry = GridGeometry(
            titleWidth: titleWidth, columnWidth: columnWidth, firstStage: firstStage, visibleStages: count,
            language: e.language, numbers: e.mapLanguage, cache: e.wrapCache)
        curveRows = height >= 18 ? 5 : (height >= 10 ? 1 : 0)
        gridBottom = curveRows > 0 ? height - 2 - curveRows : height - 1
        headerRows = GridPainter.headerRows(map, geometry, persona: e.activePersona)
        areaTop = top + headerRows + 1
        maxLines = max(2, max(1, gridBottom - areaTop) / 3)
        if case .editing(let le, .cell(let lid, let sid), _) = e.mode, let l = map.laneIndex(lid), let j = map.stageIndex(sid) {
            let lay = le.layout(width: max(1, columnWidth - 1))
            override = (l, j, lay.lines, lay.cursorLine, lay.cursorColumn)
        } else {
            override = nil
        }
        let walkedLane = e.mode.walkedCell?.lane
        walked = walkedLane.flatMap(map.laneIndex)
        firstLane = 0
        var first = e.firstLane
        if scrolling, let cursorLane = e.lane {
            // Keep the cursor's lane whole on screen, and the rule under it that carries the
            // cursor's frame: drop lanes from the top until both fit.
            first = min(first, cursorLane)
            var used = (first...cursorLane).reduce(0) { $0 + laneRows($1) + 1 }
            while used > area, first < cursorLane {
                used -= laneRows(first) + 1
                first += 1
            }
        }
        firstLane = max(0, min(first, map.lanes.count - 1))
    }

    /// The lanes shown whole, with the rule under them, from the first one on screen.
    var wholeLanes: Range<Int> {
        var used = 0
        var l = firstLane
        while l < map.lanes.count {
            used += laneRows(l) + 1
            if used > area { break }
            l += 1
        }
        return firstLane..<l
    }

    /// How many rows lane `l` takes: its tallest visible cell, the edited text whole.
    func laneRows(_ l: Int) -> Int {
        let rows = GridPainter.laneHeight(map, lane: l, geometry: geometry, maxLines: l == walked ? area : maxLines)
        guard let o = override, o.lane == l else { return rows }
        return min(area, max(o.lines.count, rows))
    }
}
