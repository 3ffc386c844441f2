import CJMCore
import CJMStorage

/// Lays the editor out into an in-memory screen. Work is proportional to what is on screen:
/// only visible stages are measured, and lanes only from the first one shown.
public enum EditorView {
    public static let minWidth = 30
    public static let minHeight = 8

    /// Every key, by section: the help overlay and the README's key tables (`cjm keys
    /// --markdown`) are both made from this table, so they cannot drift apart.
    public static let keyHelp: [(String, [(String, String)])] = [
        (
            "Move",
            [
                (
                    "← → ↑ ↓  h l k j",
                    "move; up from the first lane to the stage names, left from the first stage to the lane titles"
                ),
                ("Tab  Shift-Tab", "next / previous stage"),
                ("Home  End", "first / last stage"),
                ("g  G", "first / last lane"),
                ("PgUp  PgDn", "five lanes up / down"),
            ]
        ),
        (
            "Edit",
            [
                (
                    "Enter",
                    "edit the cell in place (a list or metrics cell opens its items, a channels cell the palette); on a stage name rename the stage; on a lane title rename the lane; in the corner edit the map's title"
                ),
                ("t  T", "edit the map's title / goal"),
                ("x", "clear the cell"),
                ("a  o", "add a stage after the current one / a lane below the current one (asks for its name)"),
                (
                    "d",
                    "delete: on a stage name the stage, on a lane title the lane, in a cell asks s (stage) or l (lane); always asks first"
                ),
                ("<  >", "move the stage left / right"),
                ("K  J", "move the lane up / down"),
                ("c", "change the lane's kind (thoughts → actions → touchpoints → barriers → opportunities → metrics → notes)"),
                ("C", "change what the lane holds: text → list → channels → metrics (the text is kept)"),
                ("S", "edit the map's segment"),
                ("u  Ctrl-R", "undo / redo; the bottom bar says what; the history survives quitting"),
            ]
        ),
        (
            "Emotions",
            [
                ("1 2 3 4 5", "score the current stage from any row: very negative (−2) … very positive (+2)"),
                ("0", "clear the stage's score (no score is not zero)"),
                ("+  -", "nudge the score up / down (an unscored stage starts at 0)"),
            ]
        ),
        (
            "Maps and personas",
            [
                ("[  ]", "previous / next map (the tabs)"),
                ("m", "the maps: Enter open, o new, y duplicate, r rename, s segment, d delete, K / J reorder"),
                ("P", "the personas: o new, Enter their fields, l link to / unlink from this map, d delete, K / J reorder"),
                ("p", "switch the curve that 1–5 score: each linked persona's, or the map's own"),
                (
                    "I",
                    "insights: weakest moments, drops, barriers and their opportunities, the metrics funnel; Enter jumps to the cell"
                ),
                ("E", "export beside the file: m Markdown, c CSV, h HTML, s SVG"),
            ]
        ),
        (
            "List, channel and metric cells",
            [
                ("Enter", "open the cell's items (lists, metrics) or the channel palette (channels)"),
                ("↑ ↓  Enter", "choose an item / edit it"),
                ("o  O", "add an item after / before"),
                ("d  K  J", "remove the item / move it up / down"),
                ("Space", "in the palette: tick or untick a channel; n adds, r renames (everywhere), d removes, K / J move"),
            ]
        ),
        (
            "While editing text",
            [
                ("Enter  Esc", "keep / throw away the change"),
                ("Alt-Enter  Ctrl-J", "new line inside the cell"),
                ("← → ↑ ↓ Home End", "move; Ctrl-A / Ctrl-E line start / end"),
                ("Backspace  Delete", "delete before / under the cursor"),
                ("Ctrl-K  Ctrl-U  Ctrl-W", "delete to line end / line start / the word before"),
            ]
        ),
        (
            "File",
            [
                ("(nothing)", "every change is saved on its own within a second"),
                ("Ctrl-S", "save now (saving is automatic anyway)"),
                ("Ctrl-L", "paint the screen again"),
                (
                    "q  Ctrl-C",
                    "quit; everything is saved first. If a save fails, cjm stays open and says why; Q then quits anyway"
                ),
                ("?", "this help; j / k scroll it, any other key closes it"),
            ]
        ),
    ]

    /// The key tables as Markdown, one table per section of `keyHelp` (the README's).
    public static func keysMarkdown() -> String {
        var out = ""
        for (section, keys) in keyHelp {
            out += "\n### \(section)\n\n| keys | what they do |\n| --- | --- |\n"
            for (k, what) in keys {
                let cells = k.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")
                out += "| \(k == "(nothing)" ? "—" : cells) | \(what.map { $0 == "|" ? "\\|" : String($0) }.joined()) |\n"
            }
        }
        return out
    }

    public static func render(_ e: inout Editor, width: Int, height: Int) -> Screen {
        var s = Screen(width: width, height: height)
        guard width >= minWidth, height >= minHeight else {
            drawTooSmall(&s)
            return s
        }
        drawTopBar(e, &s)
        let map = e.map
        // With several maps, a row of tabs; the grid starts below it.
        let top = e.workspace.maps.count > 1 ? 2 : 1
        if top == 2 { drawTabs(e, &s) }
        let titleWidth = GridGeometry.titleWidth(for: map, screenWidth: width)
        let (count, colWidth) = GridGeometry.columns(
            stageCount: map.stages.count, available: width - titleWidth - 1, minimum: 16, preferred: 20, maximum: 40)
        // Horizontal scroll: keep the cursor's stage in view.
        if e.stage >= 0 {
            if e.stage < e.firstStage { e.firstStage = e.stage }
            if e.stage >= e.firstStage + count { e.firstStage = e.stage - count + 1 }
        }
        e.firstStage = max(0, min(e.firstStage, map.stages.count - count))
        let g = GridGeometry(titleWidth: titleWidth, columnWidth: colWidth, firstStage: e.firstStage, visibleStages: count)

        // The curve band: full when there is room, one row when short, none when tiny.
        let curveRows = height >= 18 ? 5 : (height >= 10 ? 1 : 0)
        let gridBottom = curveRows > 0 ? height - 2 - curveRows : height - 1
        let areaTop = top + 2
        let area = max(1, gridBottom - areaTop)

        // The text being edited in a cell, wrapped, replaces that cell.
        var override: (lane: Int, stage: Int, lines: [String], line: Int, column: Int)?
        if case .editing(let le, .cell(let lid, let sid), _) = e.mode, let l = map.laneIndex(lid), let j = map.stageIndex(sid) {
            let lay = le.layout(width: max(1, colWidth - 1))
            override = (l, j, lay.lines, lay.cursorLine, lay.cursorColumn)
        }
        let maxLines = max(2, area / 3)
        func laneRows(_ l: Int) -> Int {
            if let o = override, o.lane == l {
                return min(area, max(o.lines.count, GridPainter.laneHeight(map, lane: l, geometry: g, maxLines: maxLines)))
            }
            return GridPainter.laneHeight(map, lane: l, geometry: g, maxLines: maxLines)
        }
        // Vertical scroll: keep the cursor's lane whole on screen.
        if e.lane >= 0 {
            if e.lane < e.firstLane { e.firstLane = e.lane }
            var used = 0
            var heights: [Int] = []
            for l in e.firstLane...e.lane {
                heights.append(laneRows(l))
                used += heights.last! + 1
            }
            var k = 0
            while used - 1 > area, e.firstLane < e.lane {
                used -= heights[k] + 1
                k += 1
                e.firstLane += 1
            }
        }
        e.firstLane = max(0, min(e.firstLane, map.lanes.count - 1))

        GridPainter.drawHeader(
            map, g, y: top, corner: e.firstLane > 0 ? "↑ more" : "", current: e.stage >= 0 ? e.stage : nil,
            persona: e.activePersona,
            into: &s)
        if e.lane == -1, e.stage >= 0, g.isVisible(e.stage) {
            s.paint(x: g.columnX(e.stage), y: top, width: colWidth, height: 1, role: .cursor)
        }
        if e.lane == -1, e.stage == -1 { s.paint(x: 0, y: top, width: titleWidth, height: 1, role: .cursor) }
        GridPainter.drawRule(g, y: top + 1, into: &s)
        if e.firstStage > 0 { s.put("◀", x: titleWidth + 1, y: top + 1, role: .axis) }
        if e.firstStage + count < map.stages.count { s.put("▶", x: min(width - 1, g.gridRight - 2), y: top + 1, role: .axis) }
        var selectedItem: (lane: LaneID, stage: StageID, item: Int)?
        if case .items(let lid, let sid, let sel) = e.mode { selectedItem = (lid, sid, sel) }

        var y = areaTop
        var l = e.firstLane
        while l < map.lanes.count, y < gridBottom {
            let h = laneRows(l)
            let shown = min(h, gridBottom - y)
            let isCurrent = l == e.lane
            let o = override.flatMap { $0.lane == l ? ($0.stage, $0.lines) : nil }
            let item = selectedItem.flatMap { $0.lane == map.lanes[l].id ? $0.item : nil }
            GridPainter.drawLane(
                map, lane: l, g, y: y, height: shown, isCurrent: isCurrent, cursorStage: isCurrent ? e.stage : nil, override: o,
                selectedItem: item, into: &s)
            if let ov = override, ov.lane == l, g.isVisible(ov.stage) {
                let cy = y + min(ov.line, shown - 1)
                s.cursor = (min(width - 1, g.columnX(ov.stage) + 1 + ov.column), cy)
            }
            y += shown
            if y < gridBottom {
                GridPainter.drawRule(g, y: y, into: &s)
                y += 1
            }
            l += 1
        }
        if l < map.lanes.count, gridBottom - 1 > areaTop {
            s.put(" ↓ more", x: 0, y: gridBottom - 1, role: .axis, limit: titleWidth)
        }
        if map.lanes.isEmpty { s.put(" no lanes yet: o adds one", x: 0, y: areaTop, role: .dim) }

        let series = CurveSeries.all(for: map, in: e.workspace, active: e.activePersona)
        if curveRows == 5 {
            GridPainter.drawRule(g, y: gridBottom, label: "Emotion", into: &s)
            GridPainter.drawLegend(series, g, y: gridBottom, into: &s)
            GridPainter.drawCurve(map, g, y: gridBottom + 1, series: series, into: &s)
        } else if curveRows == 1 {
            GridPainter.drawRule(g, y: gridBottom, into: &s)
            GridPainter.drawLegend(series, g, y: gridBottom, into: &s)
            GridPainter.drawCompactCurve(map, g, y: gridBottom + 1, series: series, into: &s)
        }
        drawBottomBar(e, &s)
        switch e.mode {
        case .help(let scroll): drawHelp(&s, scroll: scroll)
        case .maps(let sel): Overlays.drawMaps(e, selected: sel, into: &s)
        case .personas(let sel, let field): Overlays.drawPersonas(e, selected: sel, field: field, into: &s)
        case .channels(let l, let st, let sel): Overlays.drawChannels(e, lane: l, stage: st, selected: sel, into: &s)
        case .insights(let sel): InsightsView.draw(e, selected: sel, into: &s)
        case .editing(_, _, let back), .confirm(_, let back):
            // A prompt opened from a list keeps the list in sight.
            switch back {
            case .maps(let sel): Overlays.drawMaps(e, selected: sel, into: &s)
            case .personas(let sel, let field): Overlays.drawPersonas(e, selected: sel, field: field, into: &s)
            case .channels(let l, let st, let sel): Overlays.drawChannels(e, lane: l, stage: st, selected: sel, into: &s)
            default: break
            }
        default: break
        }
        return s
    }

    static func drawTooSmall(_ s: inout Screen) {
        let lines = [
            "Terminal too small", "\(s.width)×\(s.height), need \(minWidth)×\(minHeight)", "q quits",
        ]
        let top = max(0, (s.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < s.height {
            let fitted = TextLayout.fit(line, width: s.width)
            let x = max(0, (s.width - DisplayWidth.of(fitted)) / 2)
            s.put(fitted, x: x, y: top + i, role: i == 0 ? .error : .normal)
        }
    }

    static func stateText(_ state: SaveState) -> (String, Role) {
        switch state {
        case .saved: return ("saved", .topBar)
        case .unsaved: return ("unsaved", .topBar)
        case .failed(let why): return ("SAVE FAILED: " + why, .error)
        case .readOnly(let why): return ("READ-ONLY: " + why, .error)
        }
    }

    static func drawTopBar(_ e: Editor, _ s: inout Screen) {
        s.fill(x: 0, y: 0, width: s.width, height: 1, role: .topBar)
        let (state, stateRole) = stateText(e.saveState)
        let right = " " + e.fileName + " · " + state + " "
        let rightWidth = min(DisplayWidth.of(right), s.width / 2)
        var left = " " + (e.map.title.isEmpty ? "(untitled map)" : e.map.title)
        if !e.map.segment.isEmpty { left += " · segment: " + e.map.segment }
        let names = e.map.personas.compactMap { e.workspace.persona($0)?.name }
        if !names.isEmpty { left += " · personas: " + names.joined(separator: ", ") }
        if !e.map.goal.isEmpty { left += " — goal: " + e.map.goal }
        s.put(TextLayout.fit(left.replacingNewlines, width: s.width - rightWidth - 1), x: 0, y: 0, role: .topBar)
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
        s.fill(x: 0, y: 1, width: s.width, height: 1, role: .bottomBar)
        let labels = e.workspace.maps.enumerated().map { i, m in " \(i + 1) \(TextLayout.fit(m.title, width: 28)) " }
        var first = 0
        while first < e.mapIndex, labels[first...e.mapIndex].reduce(0, { $0 + DisplayWidth.of($1) + 1 }) > s.width - 12 {
            first += 1
        }
        var x = 0
        if first > 0 { x += s.put("◀", x: x, y: 1, role: .bottomBar) }
        for i in first..<labels.count {
            guard x < s.width - 1 else { break }
            x += s.put(labels[i], x: x, y: 1, role: i == e.mapIndex ? .headerCurrent : .bottomBar, limit: s.width - x)
            x += s.put("│", x: x, y: 1, role: .bottomBar)
        }
        let hint = " [ ] switch · m maps "
        if x + DisplayWidth.of(hint) < s.width { s.put(hint, x: s.width - DisplayWidth.of(hint), y: 1, role: .bottomBar) }
    }

    static func promptLabel(_ t: Editor.Target, _ e: Editor) -> String? {
        switch t {
        case .cell: return nil
        case .stageName: return "Stage name: "
        case .laneTitle: return "Lane title: "
        case .title, .renameMap: return "Map title: "
        case .goal: return "Map goal: "
        case .segment: return "Map's segment: "
        case .newStage: return "New stage's name: "
        case .newLane: return "New lane's title: "
        case .newMap: return "New map's title: "
        case .duplicateMap: return "Title of the copy: "
        case .newPersona: return "New persona's name: "
        case .personaField(_, let f): return Persona.fields[f].label + ": "
        case .item(let l, _, _, let adding):
            let metrics = e.map.laneIndex(l).map { e.map.lanes[$0].content == .metrics } ?? false
            return metrics
                ? (adding ? "New metric (name = value unit): " : "Metric (name = value unit): ")
                : (adding ? "New item: " : "Item: ")
        case .newChannel: return "New channel: "
        case .renameChannel: return "Channel's new name: "
        }
    }

    static func drawBottomBar(_ e: Editor, _ s: inout Screen) {
        let y = s.height - 1
        s.fill(x: 0, y: y, width: s.width, height: 1, role: .bottomBar)
        switch e.mode {
        case .editing(let le, let target, _):
            if let label = promptLabel(target, e) {
                // One-line prompt: show the end of long text so the cursor stays in view.
                let lay = le.layout(width: Int.max / 4)
                let labelWidth = DisplayWidth.of(label) + 1
                let room = max(1, s.width - labelWidth - 1)
                var text = lay.lines.first ?? ""
                var cursorCol = lay.cursorColumn
                while DisplayWidth.of(text) > room, cursorCol > room / 2, let first = text.first {
                    text.removeFirst()
                    cursorCol -= DisplayWidth.of(String(first))
                }
                s.put(" " + label, x: 0, y: y, role: .bottomBar)
                s.fill(x: labelWidth, y: y, width: s.width - labelWidth, height: 1, role: .editing)
                s.put(text, x: labelWidth, y: y, role: .editing, limit: room)
                s.cursor = (min(s.width - 1, labelWidth + cursorCol), y)
            } else {
                let w = s.put(" EDIT ", x: 0, y: y, role: .headerCurrent)
                s.put(" Enter keep · Esc cancel · Alt-Enter/Ctrl-J new line · Ctrl-A/E/K/U/W", x: w, y: y, role: .bottomBar)
            }
        case .confirm:
            s.fill(x: 0, y: y, width: s.width, height: 1, role: .error)
            s.put(" " + (e.confirmQuestion ?? ""), x: 0, y: y, role: .error)
        case .help: modeBar("HELP", " any key closes · j/k scroll", e, &s)
        case .maps:
            modeBar("MAPS", " Enter open · o new · y duplicate · r rename · s segment · d delete · K/J move · Esc back", e, &s)
        case .personas(_, let field):
            let hint =
                field == nil
                ? " Enter fields · o new · l link to this map · d delete · K/J move · u undo · Esc back"
                : " Enter edit the field · ↑↓ fields · Esc back to the list"
            modeBar("PERSONAS", hint, e, &s)
        case .items(let l, _, _):
            let metrics = e.map.laneIndex(l).map { e.map.lanes[$0].content == .metrics } ?? false
            modeBar(
                "ITEMS",
                " ↑↓ choose · Enter edit · o add \(metrics ? "metric" : "item") · d remove · K/J move · u undo · Esc back", e, &s)
        case .insights: modeBar("INSIGHTS", " ↑↓ choose · Enter jump to the cell · Esc back", e, &s)
        case .exportMenu:
            modeBar(
                "EXPORT", " m Markdown · c CSV (this map) · h HTML page · s SVG curve (this map) · any other key: nothing", e, &s)
        case .channels:
            modeBar(
                "CHANNELS", " ↑↓ choose · Space tick · n new · r rename · d remove · K/J move · u undo · Esc back", e, &s
            )
        case .normal:
            let stagePart = e.stage >= 0 ? "stage \(e.stage + 1)/\(e.map.stages.count)" : "lane titles"
            let lanePart = e.lane >= 0 ? "lane \(e.lane + 1)/\(e.map.lanes.count)" : "stage names"
            let curve = e.map.personas.isEmpty ? "" : " · scoring: \(e.activeCurveName)"
            let position = " \(stagePart) · \(lanePart)\(curve) "
            let posWidth = DisplayWidth.of(position)
            let room = s.width - posWidth
            let mode = " MAP "
            s.put(mode, x: 0, y: y, role: .headerCurrent)
            let x = DisplayWidth.of(mode)
            if let m = e.message {
                s.put(" " + m.replacingNewlines, x: x, y: y, role: e.messageIsError ? .error : .message, limit: room - x)
            } else {
                let hint = " Enter edit · 1–5 score · a stage · o lane · d delete · u undo · ? help · q quit"
                s.put(TextLayout.fit(hint, width: room - x - 1), x: x, y: y, role: .bottomBar)
            }
            if room > 10 { s.put(position, x: room, y: y, role: .bottomBar) }
        }
    }

    /// The bottom bar of a list mode: its name, then what just happened or the keys that matter.
    static func modeBar(_ name: String, _ hint: String, _ e: Editor, _ s: inout Screen) {
        let y = s.height - 1
        let w = s.put(" \(name) ", x: 0, y: y, role: .headerCurrent)
        s.put(message(e) ?? hint, x: w, y: y, role: e.messageIsError ? .error : .bottomBar)
    }

    /// The help overlay: every key, in a box over the map.
    static func drawHelp(_ s: inout Screen, scroll: Int) {
        var rows: [(String, Role)] = []
        let keyWidth = 24
        for (section, keys) in keyHelp {
            if !rows.isEmpty { rows.append(("", .help)) }
            rows.append((section, .helpTitle))
            // Long descriptions wrap under themselves rather than being cut.
            let room = max(10, min(s.width - 2, 96) - 3 - keyWidth)
            for (k, what) in keys {
                for (i, line) in TextLayout.wrap(what, width: room).enumerated() {
                    rows.append((TextLayout.pad(i == 0 ? k : "", width: keyWidth) + line, .help))
                }
            }
        }
        let boxWidth = min(s.width - 2, 96)
        let boxHeight = min(s.height - 2, rows.count + 2)
        let x0 = (s.width - boxWidth) / 2
        let y0 = (s.height - 1 - boxHeight) / 2
        let visible = boxHeight - 2
        let first = min(scroll, max(0, rows.count - visible))
        s.fill(x: x0, y: y0, width: boxWidth, height: boxHeight, role: .help)
        s.put(
            TextLayout.fit(" cjm keys " + (rows.count > visible ? "(j/k scroll)" : ""), width: boxWidth), x: x0, y: y0,
            role: .helpTitle)
        for (i, (text, role)) in rows.dropFirst(first).prefix(visible).enumerated() {
            s.put(text, x: x0 + 2, y: y0 + 1 + i, role: role, limit: boxWidth - 3)
        }
    }
}

func message(_ e: Editor) -> String? { e.message.map { " " + $0.replacingNewlines } }

extension String {
    /// One-line display of text that may hold newlines (bars and prompts).
    var replacingNewlines: String {
        String(map { $0 == "\n" ? "⏎" : $0 })
    }
}
