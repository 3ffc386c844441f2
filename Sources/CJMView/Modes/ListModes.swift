import CJMCore

/// The maps of the file (`m`): open, add, copy, rename, reorder, delete.
struct MapsMode: ListMode {
    var selected: Int
    var keymap: Keymap { .maps }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        handle(action, &e)
        return .none
    }

    private func handle(_ action: Action?, _ e: inout Editor) {
        let n = e.workspace.maps.count
        let sel = min(max(0, selected), n - 1)
        let id = e.workspace.maps[sel].id
        e.message = nil
        if let to = e.moved(action, sel, count: n) {
            e.mode = .maps(selected: to)
            return
        }
        switch action {
        case .open?:
            e.switchMap(to: sel)
            e.mode = .normal
        case .add?: e.startEditing("", .newMap, back: .maps(selected: sel))
        case .duplicateMap?:
            e.startEditing(e.workspace.maps[sel].title, .duplicateMap(id), selected: true, back: .maps(selected: sel))
        case .rename?: e.startEditing(e.workspace.maps[sel].title, .renameMap(id), selected: true, back: .maps(selected: sel))
        case .setSegment?:
            e.switchMap(to: sel)
            e.startEditing(e.map.segment, .segment, selected: true, back: .maps(selected: sel))
        case .remove?:
            if n > 1 {
                e.mode = .confirm(.deleteMap(id), back: .maps(selected: sel))
            } else {
                e.say(e.language.t(.lastMap), error: true)
            }
        case .moveUp?, .moveDown?:
            // The map on screen stays on screen, wherever the moved map goes.
            let shown = e.map.id
            e.perform(Edits.moveMap(e.workspace, id, by: action == .moveUp ? -1 : 1))
            e.mapIndex = e.workspace.mapIndex(shown) ?? e.mapIndex
            e.mode = .maps(selected: e.workspace.mapIndex(id) ?? sel)
        case .undo?, .redo?:
            action == .undo ? e.undo() : e.redo()
            e.mode = .maps(selected: min(sel, e.workspace.maps.count - 1))
        case .close?: e.mode = .normal
        default: break
        }
    }

    func selecting(_ row: Int, _ e: Editor) -> Editor.Mode { .maps(selected: min(row, e.workspace.maps.count - 1)) }
    func draw(_ e: Editor, into s: inout Screen) -> Overlays.Box? { Overlays.drawMaps(e, selected: selected, into: &s) }
    func drawBar(_ e: Editor, into s: inout Screen) {
        EditorView.modeBar(e.language.t(.modeMaps), keymap.hint(e.language), e, &s)
    }
}

/// The persona library (`P`); `field` is set while walking one persona's fields.
struct PersonasMode: ListMode {
    var selected: Int
    var field: Int?
    var keymap: Keymap { field == nil ? .personas : .personaFields }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        handle(action, &e)
        return .none
    }

    private func handle(_ action: Action?, _ e: inout Editor) {
        let n = e.workspace.personas.count
        let sel = min(max(0, selected), max(0, n - 1))
        e.message = nil
        if let field, sel < n {
            let p = e.workspace.personas[sel]
            if let to = e.moved(action, field, count: Persona.fields.count) {
                e.mode = .personas(selected: sel, field: to)
                return
            }
            switch action {
            case .open?:
                e.startEditing(
                    p[keyPath: Persona.fields[field].path], .personaField(p.id, field), multiline: true, selected: true,
                    back: .personas(selected: sel, field: field))
            case .undo?: e.undo()
            case .redo?: e.redo()
            case .close?: e.mode = .personas(selected: sel, field: nil)
            default: break
            }
            return
        }
        if let to = e.moved(action, sel, count: n) {
            e.mode = .personas(selected: to, field: nil)
            return
        }
        switch action {
        case .add?: e.startEditing("", .newPersona, back: .personas(selected: sel, field: nil))
        case .open?:
            if n > 0 { e.mode = .personas(selected: sel, field: 0) }
        case .link?:
            guard sel < n else { return }
            let id = e.workspace.personas[sel].id
            if e.map.personas.contains(id) {
                e.perform(Edits.unlinkPersona(e.workspace, map: e.map, id))
            } else {
                e.perform(Edits.linkPersona(e.workspace, map: e.map, id))
                e.activePersona = id
            }
            e.mode = .personas(selected: sel, field: nil)
        case .remove?:
            if sel < n {
                e.mode = .confirm(.deletePersona(e.workspace.personas[sel].id), back: .personas(selected: sel, field: nil))
            }
        case .moveUp?, .moveDown?:
            guard sel < n else { return }
            let id = e.workspace.personas[sel].id
            e.perform(Edits.movePersona(e.workspace, id, by: action == .moveUp ? -1 : 1))
            e.mode = .personas(selected: e.workspace.personaIndex(id) ?? sel, field: nil)
        case .undo?: e.undo()
        case .redo?: e.redo()
        case .close?: e.mode = .normal
        default: break
        }
    }

    func selecting(_ row: Int, _ e: Editor) -> Editor.Mode { .personas(selected: row, field: nil) }
    /// The fields of one persona are not a list to click in.
    var clickable: Bool { field == nil }

    func draw(_ e: Editor, into s: inout Screen) -> Overlays.Box? {
        Overlays.drawPersonas(e, selected: selected, field: field, into: &s)
    }
    func drawBar(_ e: Editor, into s: inout Screen) {
        EditorView.modeBar(e.language.t(.modePersonas), keymap.hint(e.language), e, &s)
    }
}

/// The items of a list or metrics cell, one per row, shown in the cell itself.
struct ItemsMode: ListMode {
    var l: LaneID
    var s: StageID
    var selected: Int
    var keymap: Keymap { .items }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        handle(action, &e)
        return .none
    }

    private func handle(_ action: Action?, _ e: inout Editor) {
        var items = e.map.cell(lane: l, stage: s).items
        let sel = min(max(0, selected), max(0, items.count - 1))
        let back = Editor.Mode.items(l, s, selected: sel)
        e.message = nil
        if let to = e.moved(action, sel, count: items.count) {
            e.mode = .items(l, s, selected: to)
            return
        }
        switch action {
        case .open?:
            if items.isEmpty {
                e.startEditing("", .item(l, s, index: 0, adding: true), back: back)
            } else {
                // A metric is edited as the map's language writes it (`2,4 %`), and read back the same.
                let content = e.map.laneIndex(l).map { e.map.lanes[$0].content }
                let text = content == .metrics ? Metric.parse(items[sel]).display(e.mapLanguage) : items[sel]
                e.startEditing(text, .item(l, s, index: sel, adding: false), back: back)
            }
        case .add?: e.startEditing("", .item(l, s, index: items.isEmpty ? 0 : sel + 1, adding: true), back: back)
        case .addBefore?: e.startEditing("", .item(l, s, index: sel, adding: true), back: back)
        case .remove?:
            guard sel < items.count else { return }
            items.remove(at: sel)
            e.perform(Edits.setCell(e.map, lane: l, stage: s, items.joined(separator: "\n")))
            e.mode = .items(l, s, selected: min(sel, max(0, items.count - 1)))
        case .moveUp?, .moveDown?:
            let to = action == .moveUp ? sel - 1 : sel + 1
            guard sel < items.count, to >= 0, to < items.count else { return }
            items.swapAt(sel, to)
            e.perform(Edits.setCell(e.map, lane: l, stage: s, items.joined(separator: "\n")))
            e.mode = .items(l, s, selected: to)
        case .copy?:
            guard sel < items.count else { return }
            e.clipboard = .item(items[sel])
            e.say(e.language.t(.copiedItem, items[sel]))
        case .paste?:
            guard let clip = e.clipboard else {
                e.say(e.language.t(.nothingCopiedItem, Keymap.items.key(.copy)), error: true)
                return
            }
            let at = items.isEmpty ? 0 : sel + 1
            items.insert(contentsOf: clip.lines, at: at)
            e.perform(Edits.setCell(e.map, lane: l, stage: s, items.joined(separator: "\n")))
            e.mode = .items(l, s, selected: at)
        case .undo?: e.undo()
        case .redo?: e.redo()
        case .close?: e.mode = .normal
        default: break
        }
    }

    func selecting(_ row: Int, _ e: Editor) -> Editor.Mode { .items(l, s, selected: row) }
    func drawBar(_ e: Editor, into s: inout Screen) {
        EditorView.modeBar(e.language.t(.modeItems), keymap.hint(e.language), e, &s)
    }
}

/// The channel palette, ticking the channels of one cell; typing filters it.
struct ChannelsMode: ListMode {
    var l: LaneID
    var s: StageID
    var selected: Int
    var filter: String
    var keymap: Keymap { .channels }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        handle(action, key, &e)
        return .none
    }

    private func handle(_ action: Action?, _ key: Key, _ e: inout Editor) {
        let rows = e.channelRows(filter)
        let sel = min(max(0, selected), max(0, rows.count - 1))
        let palette = e.workspace.channels
        e.message = nil
        if let to = e.moved(action, sel, count: rows.count) {
            e.mode = .channels(l, s, selected: to, filter: filter)
            return
        }
        switch action {
        case .tick?:
            guard sel < rows.count else {
                // Nothing matches: the typed text becomes a channel, ticked.
                if !filter.trimmingSpaces.isEmpty {
                    e.addChannel(filter, l, s)
                    e.say(e.language.t(.addedToPalette, filter.trimmingSpaces))
                    e.mode = .normal
                }
                return
            }
            var items = e.map.cell(lane: l, stage: s).items
            let name = rows[sel]
            let ticking = !items.contains(name)
            if let i = items.firstIndex(of: name) {
                items.remove(at: i)
            } else {
                items.append(name)
            }
            e.perform(Edits.setCell(e.map, lane: l, stage: s, items.joined(separator: "\n")))
            e.say(e.language.t(ticking ? .ticked : .unticked, name))
            // Found by typing: done, back to the map. Chosen with the arrows: stay for more.
            e.mode = filter.isEmpty ? .channels(l, s, selected: sel, filter: "") : .normal
        case .newChannel?: e.startEditing(filter, .newChannel(l, s), back: .channels(l, s, selected: sel, filter: ""))
        case .rename?:
            if sel < rows.count {
                e.startEditing(
                    rows[sel], .renameChannel(rows[sel], l, s), selected: true,
                    back: .channels(l, s, selected: sel, filter: filter))
            }
        case .remove?:
            // Cells keep the tag (shown as not in the palette); undo brings it back.
            guard sel < rows.count else { return }
            let name = rows[sel]
            e.perform(Edits.setChannels(e.workspace, palette.filter { $0 != name }))
            e.say(e.language.t(.removedFromPalette, name))
            e.mode = .channels(l, s, selected: min(sel, max(0, e.channelRows(filter).count - 1)), filter: filter)
        case .moveUp?, .moveDown?:
            guard sel < rows.count, filter.isEmpty else { return }
            let to = action == .moveUp ? sel - 1 : sel + 1
            guard to >= 0, to < palette.count else { return }
            var reordered = palette
            reordered.swapAt(sel, to)
            e.perform(Edits.setChannels(e.workspace, reordered))
            e.mode = .channels(l, s, selected: to, filter: filter)
        case .undo?: e.undo()
        case .redo?: e.redo()
        case .deleteBack?: e.mode = .channels(l, s, selected: 0, filter: String(filter.dropLast()))
        case .close?: e.mode = filter.isEmpty ? .normal : .channels(l, s, selected: 0, filter: "")
        default:
            // Letters (any layout) and spaces filter the palette.
            if case .char(let c) = key {
                e.mode = .channels(l, s, selected: 0, filter: filter + String(c))
            } else if case .paste(let text) = key {
                e.mode = .channels(l, s, selected: 0, filter: filter + text.replacingNewlines)
            }
        }
    }

    func selecting(_ row: Int, _ e: Editor) -> Editor.Mode { .channels(l, s, selected: row, filter: filter) }
    func draw(_ e: Editor, into screen: inout Screen) -> Overlays.Box? {
        Overlays.drawChannels(e, lane: l, stage: s, selected: selected, filter: filter, into: &screen)
    }

    /// The filter typed so far stands on the bar, where the letters go.
    func drawBar(_ e: Editor, into screen: inout Screen) {
        let t = e.language
        let hint = keymap.hint(t)
        guard !filter.isEmpty else {
            EditorView.modeBar(t.t(.modeChannels), t.t(.typeToFilter) + hint, e, &screen)
            return
        }
        let y = screen.height - 1
        let w = screen.put(" \(t.t(.modeChannels)) ", x: 0, y: y, role: .headerCurrent)
        let f = screen.put(t.t(.filterLabel), x: w, y: y, role: .bottomBar)
        let typed = screen.put(filter, x: w + f, y: y, role: .editing, limit: screen.width - w - f - 1)
        screen.put(message(e) ?? hint, x: w + f + typed, y: y, role: e.messageIsError ? .error : .bottomBar)
    }
}

/// What the map says (`I`): rows with a place jump to it.
struct InsightsMode: ListMode {
    var selected: Int
    var keymap: Keymap { .insights }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        handle(action, &e)
        return .none
    }

    private func handle(_ action: Action?, _ e: inout Editor) {
        let rows = InsightsView.rows(e)
        let targets = InsightsView.targets(rows)
        let sel = InsightsView.selectable(rows, selected) ?? 0
        switch action {
        case .listDown?: e.mode = .insights(selected: targets.first { $0 > sel } ?? sel)
        case .listUp?: e.mode = .insights(selected: targets.last { $0 < sel } ?? sel)
        case .listTop?: e.mode = .insights(selected: targets.first ?? sel)
        case .listBottom?: e.mode = .insights(selected: targets.last ?? sel)
        case .open?:
            // Jump to the insight's cell.
            guard sel < rows.count, let t = rows[sel].target else { return }
            // A stage's row keeps the cursor's lane.
            e.cursor = GridPlace(lane: t.lane ?? e.lane, stage: t.stage)
            e.clampCursor()
            e.mode = .normal
            e.say(e.language.t(.at, rows[sel].text.trimmingSpaces))
        case .close?: e.mode = .normal
        default: break
        }
    }

    func selecting(_ row: Int, _ e: Editor) -> Editor.Mode { .insights(selected: row) }
    func draw(_ e: Editor, into s: inout Screen) -> Overlays.Box? { InsightsView.draw(e, selected: selected, into: &s) }
    func drawBar(_ e: Editor, into s: inout Screen) {
        EditorView.modeBar(e.language.t(.modeInsights), keymap.hint(e.language), e, &s)
    }
}

/// Choosing an export format (`E`): one key each; the front writes the file.
struct ExportMenuMode: EditorMode {
    var keymap: Keymap { .exportMenu }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        e.mode = .normal
        switch action {
        case .exportMarkdown?: return .export("md")
        case .exportCSV?: return .export("csv")
        case .exportHTML?: return .export("html")
        case .exportSVG?: return .export("svg")
        case .exportMermaid?: return .export("mermaid")
        default:
            e.say(e.language.t(.nothingExported))
            return .none
        }
    }

    func drawBar(_ e: Editor, into s: inout Screen) {
        EditorView.modeBar(e.language.t(.modeExport), keymap.hint(e.language), e, &s)
    }
}
