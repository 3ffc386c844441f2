import CJMCore

/// The lists drawn over the map: maps, personas, the channel palette.
enum Overlays {
    /// A box of rows over the map; the selected row is highlighted and kept in view.
    static func drawBox(title: String, rows: [(String, Role)], selected: Int?, width: Int, into s: inout Screen) -> (
        x: Int, y: Int
    ) {
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
        return (x0, y0)
    }

    static func drawMaps(_ e: Editor, selected: Int, into s: inout Screen) {
        let rows: [(String, Role)] = e.workspace.maps.enumerated().map { i, m in
            let names = m.personas.compactMap { e.workspace.persona($0)?.name }
            var text = "\(i + 1). \(m.title.isEmpty ? "(untitled)" : m.title)"
            if !m.segment.isEmpty { text += " — segment: \(m.segment)" }
            text += names.isEmpty ? " — no persona" : " — " + names.joined(separator: ", ")
            return ((i == e.mapIndex ? "▸ " : "  ") + text.replacingNewlines, .help)
        }
        _ = drawBox(title: "Maps: one per audience segment", rows: rows, selected: selected, width: 100, into: &s)
    }

    static func drawPersonas(_ e: Editor, selected: Int, field: Int?, into s: inout Screen) {
        let ws = e.workspace
        guard !ws.personas.isEmpty else {
            _ = drawBox(title: "Personas", rows: [("No personas yet: o creates one.", .help)], selected: nil, width: 60, into: &s)
            return
        }
        let sel = min(selected, ws.personas.count - 1)
        if let field {
            let p = ws.personas[sel]
            var rows: [(String, Role)] = []
            for (k, f) in Persona.fields.enumerated() {
                let value = p[keyPath: f.path]
                rows.append(
                    (
                        TextLayout.pad(f.label, width: 19) + (value.isEmpty ? "—" : value.replacingNewlines),
                        k == field ? .cursor : .help
                    ))
            }
            _ = drawBox(title: "Persona: \(p.name)", rows: rows, selected: field, width: 110, into: &s)
            return
        }
        let rows: [(String, Role)] = ws.personas.map { p in
            let onMap = e.map.personas.contains(p.id)
            let maps = ws.maps.filter { $0.personas.contains(p.id) }.count
            var text = (onMap ? "[x] " : "[ ] ") + p.name
            if !p.segment.isEmpty { text += " — " + p.segment }
            text += " (\(maps) map\(maps == 1 ? "" : "s"))"
            return (text.replacingNewlines, .help)
        }
        _ = drawBox(title: "Personas · [x] = on this map (l links / unlinks)", rows: rows, selected: sel, width: 90, into: &s)
    }

    static func drawChannels(_ e: Editor, lane: LaneID, stage: StageID, selected: Int, into s: inout Screen) {
        let ticked = Set(e.map.cell(lane: lane, stage: stage).items)
        let stageName = e.map.stageIndex(stage).map { e.map.stages[$0].name } ?? "?"
        var rows: [(String, Role)] = e.workspace.channels.map { ((ticked.contains($0) ? "[x] " : "[ ] ") + $0, .help) }
        // Tags no longer in the palette still show, so nothing hides.
        for t in e.map.cell(lane: lane, stage: stage).items where !e.workspace.channels.contains(t) {
            rows.append(("[x] \(t) (not in the palette)", .dim))
        }
        if rows.isEmpty { rows = [("The palette is empty: n adds a channel.", .help)] }
        _ = drawBox(title: "Channels at \(stageName)", rows: rows, selected: selected, width: 60, into: &s)
    }
}
