import CJMCore
import CJMStorage

/// Lays the editor out into an in-memory screen. Work is proportional to what is on screen:
/// only visible stages are measured, and lanes only from the first one shown.
public enum EditorView {
    public static let minWidth = 30
    public static let minHeight = 8

    /// The editor's screen at its size (`Editor.resize`). Reads the editor and changes nothing
    /// of it (only the wrap cache, a memo, learns lines): the scroll position was settled when
    /// the last key was handled.
    public static func render(_ e: Editor) -> Screen { drawn(e).screen }

    /// The whole screen, and the grid's layout in it (nil behind the too-small notice).
    /// `marks`: false draws the cursor's stage name and lane title current from the start,
    /// as every other cursor is drawn (what the tests compare the marks with).
    static func drawn(_ e: Editor, marks: Bool = true) -> (screen: Screen, layout: GridLayout?) {
        let width = e.width
        let height = e.height
        var s = Screen(width: width, height: height)
        guard width >= minWidth, height >= minHeight else {
            drawTooSmall(&s, e.language)
            return (s, nil)
        }
        drawTopBar(e, &s)
        let map = e.map
        let layout = GridLayout(e)
        let top = layout.top
        if top == 2 { drawTabs(e, &s) }
        let g = layout.geometry
        let (titleWidth, colWidth, count) = (g.titleWidth, g.columnWidth, g.visibleStages)
        let headerRows = layout.headerRows
        let (areaTop, gridBottom, curveRows) = (layout.areaTop, layout.gridBottom, layout.curveRows)
        let override = layout.override
        func laneRows(_ l: Int) -> Int { layout.laneRows(l) }
        s.regions.headerRow = top
        s.regions.titleWidth = titleWidth
        s.regions.columns = (g.firstStage..<min(map.stages.count, g.firstStage + count)).map { j in
            (j, g.columnX(j)..<g.columnX(j) + colWidth)
        }
        s.regions.headerRows = headerRows
        let firstLane = layout.firstLane

        // A framed cursor on a cell marks its stage's name and its lane's title over plainly
        // drawn ones, as a move marks them again (`Frame`).
        let marked =
            if marks, case .cell = e.cursor, e.cursorStyle == .frame, override == nil, e.mode.walkedCell == nil {
                true
            } else {
                false
            }
        GridPainter.drawHeader(
            map, g, y: top, rows: headerRows, corner: firstLane > 0 ? e.language.t(.moreAbove) : "",
            current: marked ? nil : e.stage,
            persona: e.activePersona,
            into: &s)
        if marked { markStage(e, g, y: top, rows: headerRows, &s) }
        switch e.cursor {
        case .stageName(let j) where g.isVisible(j):
            s.paint(x: g.columnX(j), y: top, width: colWidth, height: headerRows, role: .cursor)
        case .corner: s.paint(x: 0, y: top, width: titleWidth, height: headerRows, role: .cursor)
        default: break
        }
        let rule = top + headerRows
        let marks = e.conflictMarks
        drawHeaderRule(map, g, y: rule, marks: marks, &s)
        let selectedItem = e.mode.walkedCell

        // Matches stand out; the cursor's own place keeps the cursor's colour.
        for hit in e.searchHits where hit != e.cursor {
            if case .stageName(let j) = hit, g.isVisible(j) {
                s.paint(x: g.columnX(j), y: top, width: colWidth, height: headerRows, role: .match)
            }
        }
        var y = areaTop
        var l = firstLane
        while l < map.lanes.count, y < gridBottom {
            let h = laneRows(l)
            let shown = min(h, gridBottom - y)
            // The text being edited keeps the cursor's line in sight: the lines above give way.
            // With lines below too, the last row shown is theirs ("…"), not the cursor's.
            let editing = override.flatMap { $0.lane == l ? $0 : nil }
            let skip =
                editing.map { o in
                    let room = o.line < o.lines.count - 1 && shown >= 2 ? shown - 2 : shown - 1
                    return max(0, o.line - room)
                } ?? 0
            let o = editing.map { ($0.stage, Array($0.lines.dropFirst(skip))) }
            let item = selectedItem.flatMap { $0.lane == map.lanes[l].id ? $0.item : nil }
            GridPainter.drawLane(
                map, lane: l, g, y: y, height: shown, cursor: e.lane == l && !marked ? e.cursor : nil,
                fill: e.cursorStyle == .fill,
                override: o,
                selectedItem: item, into: &s)
            s.regions.lanes.append((l, y..<y + shown))
            for hit in e.searchHits where hit.lane == l && hit != e.cursor {
                if let j = hit.stage, !g.isVisible(j) { continue }
                let x = hit.stage.map(g.columnX) ?? 0
                s.paint(x: x, y: y, width: hit.stage == nil ? titleWidth : colWidth, height: shown, role: .match)
            }
            if let ov = editing, g.isVisible(ov.stage) {
                let cy = y + min(ov.line - skip, shown - 1)
                s.cursor = (min(width - 1, g.columnX(ov.stage) + 1 + ov.column), cy)
            }
            y += shown
            if y < gridBottom {
                drawRule(under: l, g, y: y, marks: marks, &s)
                y += 1
            }
            l += 1
        }
        drawFrame(e, g, top: top + headerRows, bottom: gridBottom, override: override != nil || selectedItem != nil, &s)
        drawMoreBelow(e, layout, &s)
        // After "↓ more", which may lie on the lane's title rows: a mark keeps what is under it.
        if marked {
            var known: [Int?] = []
            markLaneTitle(e, g, &s, known: &known)
        }
        if map.lanes.isEmpty {
            s.put(e.language.t(.noLanes, Keymap.grid.key(.addLane)), x: 0, y: areaTop, role: .dim)
        }

        let series = CurveSeries.all(for: map, in: e.workspace, active: e.activePersona, language: e.language)
        if curveRows == 5 {
            s.regions.curveTop = gridBottom + 1
            GridPainter.drawRule(g, y: gridBottom, label: e.language.t(.labelEmotion), into: &s)
            GridPainter.drawLegend(series, g, y: gridBottom, into: &s)
            GridPainter.drawCurve(map, g, y: gridBottom + 1, series: series, into: &s)
        } else if curveRows == 1 {
            GridPainter.drawRule(g, y: gridBottom, into: &s)
            GridPainter.drawLegend(series, g, y: gridBottom, into: &s)
            GridPainter.drawCompactCurve(map, g, y: gridBottom + 1, series: series, into: &s)
        }
        // The mode draws itself: its overlay over the map, then its bottom bar.
        let mode = e.mode.behaviour
        let box = mode.draw(e, into: &s)
        s.fill(x: 0, y: height - 1, width: width, height: 1, role: .bottomBar)
        mode.drawBar(e, into: &s)
        if let box {
            s.regions.box = (box.x..<box.x + box.width, box.y..<box.y + box.height)
            s.regions.firstListRow = box.first
            s.regions.listRows = box.rows
        }
        return (s, layout)
    }

    /// What marks a place a merge left undecided, on the rule under it.
    static let conflictMark = "‼"
    static let conflictCell = ScreenCell(text: conflictMark, width: 1, role: .error)

    /// The rule under the stage names: ◀ and ▶ when stages are off screen, and ‼ under a name
    /// (or the corner) a merge left undecided.
    static func drawHeaderRule(_ map: JourneyMap, _ g: GridGeometry, y: Int, marks: [GridPlace], _ s: inout Screen) {
        GridPainter.drawRule(g, y: y, into: &s)
        if g.firstStage > 0 { s.put("◀", x: g.titleWidth + 1, y: y, role: .axis) }
        if g.firstStage + g.visibleStages < map.stages.count {
            s.put("▶", x: min(s.width - 1, g.gridRight - 2), y: y, role: .axis)
        }
        // A place a merge left undecided carries ‼ in the error colour on the rule under it,
        // where it hides none of its text.
        for m in marks {
            switch m {
            case .stageName(let j) where g.isVisible(j): s.put(conflictMark, x: g.columnX(j) + 1, y: y, role: .error)
            case .corner: s.put(conflictMark, x: 1, y: y, role: .error)
            default: break
            }
        }
    }

    /// The rule under lane `l`, with ‼ under its title or cells a merge left undecided.
    static func drawRule(under l: Int, _ g: GridGeometry, y: Int, marks: [GridPlace], _ s: inout Screen) {
        GridPainter.drawRule(g, y: y, into: &s)
        for m in marks where m.lane == l {
            if let j = m.stage, !g.isVisible(j) { continue }
            s.put(conflictMark, x: m.stage.map { g.columnX($0) + 1 } ?? 1, y: y, role: .error)
        }
    }

    /// "↓ more" at the foot of the lane titles when lanes go on below the screen.
    static func drawMoreBelow(_ e: Editor, _ layout: GridLayout, _ s: inout Screen) {
        let last = s.regions.lanes.last?.lane ?? (layout.firstLane - 1)
        let width = layout.geometry.titleWidth
        guard last + 1 < e.map.lanes.count, layout.gridBottom - 1 > layout.areaTop else { return }
        // Padded over the whole title column: a kind name under it must not show through ("↓ morers").
        let more = TextLayout.pad(TextLayout.fit(e.language.t(.moreBelow), width: width), width: width)
        s.put(more, x: 0, y: layout.gridBottom - 1, role: .axis, limit: width)
    }

    /// The framed cursor: the ends of the rule under the cell turn heavy in the frame's colour
    /// (the rule above when the one under is off screen), a mark on it stays; with the stage's name and
    /// the lane's title highlighted, the cell is where they cross. Only the ends of one rule: a
    /// move then re-sends a few glyphs. A cell being edited or walked item by item is filled.
    static func drawFrame(_ e: Editor, _ g: GridGeometry, top: Int, bottom: Int, override: Bool, _ s: inout Screen) {
        guard e.cursorStyle == .frame, !override, case .cell(let l, let j) = e.cursor, g.isVisible(j),
            let rows = s.regions.lanes.first(where: { $0.lane == l })?.y
        else { return }
        let x = g.columnX(j)
        guard let y = frameRow(rows, top: top, bottom: bottom) else { return }
        // Heavy at both ends, like a viewfinder's corners: a move re-sends a third of the
        // rule's glyphs, and the ends still show the cell's width.
        let end = min(4, g.columnWidth / 2)
        for dx in 0..<g.columnWidth where dx < end || dx >= g.columnWidth - end {
            // A conflict's mark on the rule stays.
            if !s[x + dx, y].sameGlyph(conflictCell) { s.mark(.frame, frameCell, x: x + dx, y: y) }
        }
    }

    static let frameCell = ScreenCell(text: "━", width: 1, role: .cursorFrame)

    /// The cursor's stage name stands out: its cells take the current stage's colour, a score's too.
    static func markStage(_ e: Editor, _ g: GridGeometry, y: Int, rows: Int, _ s: inout Screen) {
        guard let j = e.stage, g.isVisible(j) else { return }
        s.mark(.stage, x: g.columnX(j), y: y, width: g.columnWidth, height: rows) { role in
            switch role {
            case .header, .veryNegative, .negative, .neutral, .positive, .veryPositive: .headerCurrent
            default: nil
            }
        }
    }

    /// The cursor's lane title stands out on the rows that hold it and its kind, as
    /// `GridPainter.drawLaneTitle` draws a current lane's.
    /// `known`: those rows for each lane shown (by its place in the screen's lanes), as far
    /// as worked out; a frame keeps them for its moves.
    static func markLaneTitle(_ e: Editor, _ g: GridGeometry, _ s: inout Screen, known: inout [Int?]) {
        guard let l = e.lane, let i = s.regions.lanes.firstIndex(where: { $0.lane == l }) else { return }
        let rows = s.regions.lanes[i].y
        if known.count != s.regions.lanes.count { known = Array(repeating: nil, count: s.regions.lanes.count) }
        let lane = e.map.lanes[l]
        let height = known[i] ?? GridPainter.currentTitleRows(lane, lines: g.titleLines(lane.title).count, height: rows.count)
        known[i] = height
        s.mark(.title, x: 0, y: rows.lowerBound, width: g.titleWidth, height: height) {
            $0 == .laneTitle ? .laneTitleCurrent : nil
        }
    }

    /// The rule that carries the frame of a lane on `rows`: the one under it, or the one above
    /// when that is off screen; nil when neither is on screen.
    static func frameRow(_ rows: Range<Int>, top: Int, bottom: Int) -> Int? {
        let y = rows.upperBound < bottom ? rows.upperBound : rows.lowerBound - 1
        return y >= top ? y : nil
    }

    static func drawTooSmall(_ s: inout Screen, _ t: Language) {
        let lines = [
            t.t(.tooSmall), t.t(.tooSmallSize, s.width, s.height, minWidth, minHeight),
            t.t(.tooSmallQuit, Keymap.grid.key(.quit)),
        ]
        let top = max(0, (s.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < s.height {
            let fitted = TextLayout.fit(line, width: s.width)
            let x = max(0, (s.width - DisplayWidth.of(fitted)) / 2)
            s.put(fitted, x: x, y: top + i, role: i == 0 ? .error : .normal)
        }
    }

    /// A save's failure in the interface language. The storage layer's conflict gets the keys
    /// that settle it here, from the table.
    public static func saveProblem(_ why: Words, _ t: Language) -> String {
        guard why == Autosaver.changedOnDisk else { return why.text(t) }
        return t.t(.changedOnDisk, Keymap.grid.key(.save), Keymap.grid.key(.quitAnyway))
    }

    static func stateText(_ state: SaveState, _ t: Language) -> (String, Role) {
        switch state {
        case .saved: return (t.t(.stateSaved), .topBar)
        case .unsaved: return (t.t(.stateUnsaved), .topBar)
        case .failed(let why): return (t.t(.stateFailed, saveProblem(why, t)), .error)
        case .readOnly(let why): return (t.t(.stateReadOnly, why.text(t)), .error)
        }
    }

    static func drawTopBar(_ e: Editor, _ s: inout Screen) {
        s.fill(x: 0, y: 0, width: s.width, height: 1, role: .topBar)
        let (state, stateRole) = stateText(e.saveState, e.language)
        let right = " " + e.fileName + " · " + state + " "
        let rightWidth = min(DisplayWidth.of(right), s.width / 2)
        let t = e.language
        // Undecided merge conflicts come first, in the error colour, until they are decided.
        let open = e.workspace.openConflicts.count
        let conflicts = open > 0 ? t.t(.barConflicts, t.count(open, .conflict)) : ""
        var left = conflicts + " " + (e.map.title.isEmpty ? t.t(.untitledShort) : e.map.title)
        if !e.map.segment.isEmpty { left += t.t(.barSegment, e.map.segment) }
        let names = e.map.personas.compactMap { e.workspace.persona($0)?.name }
        if !names.isEmpty { left += t.t(.barPersonas, names.joined(separator: ", ")) }
        if !e.map.goal.isEmpty { left += t.t(.barGoal, e.map.goal) }
        s.put(TextLayout.fit(left.replacingNewlines, width: s.width - rightWidth - 1), x: 0, y: 0, role: .topBar)
        if !conflicts.isEmpty {
            s.paint(x: 0, y: 0, width: min(DisplayWidth.of(conflicts), s.width - rightWidth - 1), height: 1, role: .error)
        }
        let fitted = TextLayout.fit(right, width: rightWidth)
        let x = s.width - DisplayWidth.of(fitted)
        let fileEnd = DisplayWidth.of(" " + e.fileName + " · ")
        s.put(fitted, x: x, y: 0, role: .topBar)
        if stateRole != .topBar, fileEnd < rightWidth {
            s.paint(x: x + fileEnd, y: 0, width: s.width - x - fileEnd, height: 1, role: stateRole)
        }
    }

    /// One tab per map, the current one highlighted; scrolled so the current tab shows.
    static func drawTabs(_ e: Editor, _ s: inout Screen) {
        s.regions.tabsRow = 1
        s.fill(x: 0, y: 1, width: s.width, height: 1, role: .bottomBar)
        let labels = e.workspace.maps.enumerated().map { i, m in " \(i + 1) \(TextLayout.fit(m.title, width: 28)) " }
        var first = 0
        while first < e.mapIndex, labels[first...e.mapIndex].reduce(0, { $0 + DisplayWidth.of($1) + 1 }) > s.width - 12 {
            first += 1
        }
        var x = 0
        if first > 0 { x += s.put("◀", x: x, y: 1, role: .bottomBar) }
        s.regions.tabs = Array(repeating: -1 ..< -1, count: labels.count)
        for i in first..<labels.count {
            guard x < s.width - 1 else { break }
            let w = s.put(labels[i], x: x, y: 1, role: i == e.mapIndex ? .headerCurrent : .bottomBar, limit: s.width - x)
            s.regions.tabs[i] = x..<x + w
            x += w
            x += s.put("│", x: x, y: 1, role: .bottomBar)
        }
        let hint = e.language.t(
            .mapTabsHint, Keymap.grid.key(.previousMap), Keymap.grid.key(.nextMap), Keymap.grid.key(.maps))
        if x + DisplayWidth.of(hint) < s.width { s.put(hint, x: s.width - DisplayWidth.of(hint), y: 1, role: .bottomBar) }
    }

    /// The bottom bar of a list mode: its name, then what just happened or the keys that matter.
    static func modeBar(_ name: String, _ hint: String, _ e: Editor, _ s: inout Screen) {
        let y = s.height - 1
        let w = s.put(" \(name) ", x: 0, y: y, role: .headerCurrent)
        s.put(message(e) ?? hint, x: w, y: y, role: e.messageIsError ? .error : .bottomBar)
    }

    /// The help rows at a width: every mode's keys, descriptions wrapped under themselves
    /// (never cut), with a note on the keyboard layouts.
    static func helpRows(width: Int, language: Language = .en) -> [(String, Role)] {
        var rows: [(String, Role)] = []
        let keyWidth = min(24, max(10, width / 3))
        let room = max(10, width - keyWidth)
        for line in TextLayout.wrap(language.t(.layoutNote), width: max(10, width)) { rows.append((line, .help)) }
        for map in Keymap.all {
            for section in map.sections {
                rows.append(("", .help))
                rows += TextLayout.wrap(section.title(language), width: max(10, width)).map { ($0, .helpTitle) }
                for b in section.bindings {
                    // Keys too long for their column take lines of their own above the description.
                    let keys = TextLayout.wrap(b.keysText, width: keyWidth - 1)
                    let lines = TextLayout.wrap(b.help(language), width: room)
                    rows += keys.dropLast().map { ($0, .help) }
                    rows.append((TextLayout.pad(keys.last ?? "", width: keyWidth) + (lines.first ?? ""), .help))
                    rows += lines.dropFirst().map { (TextLayout.pad("", width: keyWidth) + $0, .help) }
                }
            }
        }
        return rows
    }

    /// The help overlay: every key, in a box over the map, as wide as the screen allows.
    static func drawHelp(_ s: inout Screen, scroll: Int, language: Language) {
        let boxWidth = min(s.width - 2, 110)
        let rows = helpRows(width: boxWidth - 4, language: language)
        let boxHeight = min(s.height - 2, rows.count + 2)
        let x0 = (s.width - boxWidth) / 2
        let y0 = (s.height - 1 - boxHeight) / 2
        let visible = boxHeight - 2
        let first = min(scroll, max(0, rows.count - visible))
        s.fill(x: x0, y: y0, width: boxWidth, height: boxHeight, role: .help)
        let span = rows.count > visible ? language.t(.helpSpan, first + 1, min(rows.count, first + visible), rows.count) : ""
        s.fill(x: x0, y: y0, width: boxWidth, height: 1, role: .helpTitle)
        s.put(TextLayout.fit(language.t(.helpTitle) + span, width: boxWidth), x: x0, y: y0, role: .helpTitle)
        for (i, (text, role)) in rows.dropFirst(first).prefix(visible).enumerated() {
            s.put(text, x: x0 + 2, y: y0 + 1 + i, role: role, limit: boxWidth - 3)
        }
    }
}

func message(_ e: Editor) -> String? { e.message.map { " " + $0.replacingNewlines } }
