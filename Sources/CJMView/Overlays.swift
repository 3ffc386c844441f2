import CJMCore

/// The lists drawn over the map: maps, personas, the channel palette.
enum Overlays {
    /// Where a list box was drawn: its frame, the first row shown and the row count (for the mouse).
    struct Box {
        var x, y, width, height, first, rows: Int
    }

    /// A box of rows over the map; the selected row is highlighted and kept in view.
    @discardableResult
    static func drawBox(title: String, rows: [(String, Role)], selected: Int?, width: Int, into s: inout Screen) -> Box {
        let boxWidth = min(s.width - 2, width)
        let boxHeight = min(s.height - 3, rows.count + 2)
        let x0 = (s.width - boxWidth) / 2
        let y0 = max(1, (s.height - 1 - boxHeight) / 2)
        let visible = max(1, boxHeight - 2)
        var first = 0
        if let selected, selected >= visible { first = selected - visible + 1 }
        s.fill(x: x0, y: y0, width: boxWidth, height: boxHeight, role: .help)
        s.put(TextLayout.fit(" " + title, width: boxWidth), x: x0, y: y0, role: .helpTitle)
        s.fill(
            x: x0 + DisplayWidth.of(TextLayout.fit(" " + title, width: boxWidth)), y: y0, width: boxWidth, height: 1,
            role: .helpTitle)
        for (i, (text, role)) in rows.enumerated().dropFirst(first).prefix(visible) {
            let y = y0 + 1 + i - first
            let r: Role = i == selected ? .cursor : role
            if i == selected { s.fill(x: x0 + 1, y: y, width: boxWidth - 2, height: 1, role: .cursor) }
            s.put(text, x: x0 + 2, y: y, role: r, limit: boxWidth - 3)
        }
        return Box(x: x0, y: y0, width: boxWidth, height: boxHeight, first: first, rows: rows.count)
    }

    /// A whole text in a box, wrapped to the box and scrolled (`v`, to read a long cell).
    static func drawPane(title: String, text: String, scroll: Int, language t: Language, into s: inout Screen) {
        let width = min(s.width - 2, 100)
        let lines = TextLayout.wrap(text.isEmpty ? t.t(.emptyText) : text, width: max(1, width - 4))
        let visible = max(1, min(s.height - 3, lines.count + 2) - 2)
        let first = min(scroll, max(0, lines.count - visible))
        let rows = lines.dropFirst(first).prefix(visible).map { ($0, Role.help) }
        let more = lines.count > visible ? t.t(.viewLines, first + 1, first + rows.count, lines.count) : ""
        drawBox(title: title.replacingNewlines + more, rows: Array(rows), selected: nil, width: width, into: &s)
    }

    static func drawMaps(_ e: Editor, selected: Int, into s: inout Screen) -> Box {
        let t = e.language
        let rows: [(String, Role)] = e.workspace.maps.enumerated().map { i, m in
            let names = m.personas.compactMap { e.workspace.persona($0)?.name }
            var text = "\(i + 1). \(m.title.isEmpty ? t.t(.untitled) : m.title)"
            if !m.segment.isEmpty { text += t.t(.mapsRowSegment, m.segment) }
            text += names.isEmpty ? t.t(.mapsRowNoPersona) : " — " + names.joined(separator: ", ")
            return ((i == e.mapIndex ? "▸ " : "  ") + text.replacingNewlines, .help)
        }
        return drawBox(title: t.t(.mapsTitle), rows: rows, selected: selected, width: 100, into: &s)
    }

    static func drawPersonas(_ e: Editor, selected: Int, field: Int?, into s: inout Screen) -> Box {
        let ws = e.workspace
        let t = e.language
        guard !ws.personas.isEmpty else {
            var b = drawBox(
                title: t.t(.personasTitle), rows: [(t.t(.noPersonas, Keymap.personas.key(.add)), .help)], selected: nil,
                width: 60, into: &s)
            b.rows = 0
            return b
        }
        let sel = min(selected, ws.personas.count - 1)
        if let field {
            let p = ws.personas[sel]
            var rows: [(String, Role)] = []
            for (k, f) in Persona.fields.enumerated() {
                let value = p[keyPath: f.path]
                rows.append(
                    (
                        TextLayout.pad(t.t(f.phrase), width: 19) + (value.isEmpty ? "—" : value.replacingNewlines),
                        k == field ? .cursor : .help
                    ))
            }
            return drawBox(title: t.t(.personaTitle, p.name), rows: rows, selected: field, width: 110, into: &s)
        }
        let rows: [(String, Role)] = ws.personas.map { p in
            let onMap = e.map.personas.contains(p.id)
            let maps = ws.maps.filter { $0.personas.contains(p.id) }.count
            var text = (onMap ? "[x] " : "[ ] ") + p.name
            if !p.segment.isEmpty { text += " — " + p.segment }
            text += t.t(.onMaps, t.count(maps, .map))
            return (text.replacingNewlines, .help)
        }
        return drawBox(
            title: t.t(.personasListTitle, Keymap.personas.key(.link)), rows: rows, selected: sel,
            width: 90, into: &s)
    }

    static func drawChannels(_ e: Editor, lane: LaneID, stage: StageID, selected: Int, filter: String, into s: inout Screen)
        -> Box
    {
        let ticked = Set(e.map.cell(lane: lane, stage: stage).items)
        let l = e.language
        let stageName = e.map.stageIndex(stage).map { e.map.stages[$0].name } ?? "?"
        let shown = e.channelRows(filter)
        var rows: [(String, Role)] = shown.map { ((ticked.contains($0) ? "[x] " : "[ ] ") + $0, .help) }
        let count = rows.count
        if filter.isEmpty {
            // Tags no longer in the palette still show, so nothing hides.
            for t in e.map.cell(lane: lane, stage: stage).items where !e.workspace.channels.contains(t) {
                rows.append(("[x] \(t) " + l.t(.notInPalette), .dim))
            }
            if rows.isEmpty { rows = [(l.t(.paletteEmpty, Keymap.channels.key(.tick)), .help)] }
        } else if shown.isEmpty {
            rows = [(l.t(.noChannelHolds, filter, Keymap.channels.key(.tick)), .help)]
        }
        var b = drawBox(
            title: l.t(.channelsAt, stageName) + (filter.isEmpty ? "" : l.t(.channelsFilter, filter)), rows: rows,
            selected: shown.isEmpty ? nil : selected, width: 60, into: &s)
        b.rows = count
        return b
    }
}
