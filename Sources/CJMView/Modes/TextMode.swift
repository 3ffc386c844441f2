import CJMCore

/// Text being typed: a cell in place, or a prompt on the bottom bar (a name, a title, an
/// item, the `/` and `:` lines). `back` is the mode to return to, still shown meanwhile.
struct TextMode: EditorMode {
    var lineEditor: LineEditor
    var target: Editor.Target
    var back: Editor.Mode

    var keymap: Keymap { .text }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        // The text stays open, as it is, for `fg`.
        if action == .suspend { return .suspend }
        var le = lineEditor
        return handle(&le, key, &e)
    }

    private func handle(_ le: inout LineEditor, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        let outcome = le.handle(key)
        switch outcome {
        case .editing:
            e.mode = .editing(le, target, back: back)
        case .cancel:
            e.mode = back
            if target.isLine { e.message = nil } else { e.say(e.language.t(.editCancelled)) }
        case .commit:
            e.mode = back
            return e.commit(le.text, to: target)
        case .commitAndQuit:
            e.mode = .editing(le, target, back: back)
            e.commitOpenText()
            return .quit
        case .commitNext, .commitPrevious:
            if target == .command {
                le.set(e.completion(le.text))
                e.mode = .editing(le, target, back: back)
                return .none
            }
            e.mode = back
            let effect = e.commit(le.text, to: target)
            // In a cell, Tab goes on to the next stage's cell of the same lane, as in a sheet.
            if case .cell = target, case .normal = e.mode {
                if let at = e.stage, case let to = at + (outcome == .commitNext ? 1 : -1), to >= 0, to < e.map.stages.count {
                    e.stage = to
                    e.enter()
                }
            }
            return effect
        case .earlier, .later:
            let history = target == .search ? e.searchHistory : e.commandHistory
            guard target.isLine, !history.isEmpty else {
                e.mode = .editing(le, target, back: back)
                return .none
            }
            e.historyIndex = min(history.count, max(0, e.historyIndex + (outcome == .earlier ? -1 : 1)))
            le.set(e.historyIndex < history.count ? history[e.historyIndex] : "")
            e.mode = .editing(le, target, back: back)
        }
        return .none
    }

    /// A prompt opened from a list keeps the list in sight.
    func draw(_ e: Editor, into s: inout Screen) -> Overlays.Box? { back.behaviour.draw(e, into: &s) }

    /// The prompt's label, or nil for a cell (edited where it stands).
    func label(_ e: Editor) -> String? {
        let l = e.language
        switch target {
        case .cell: return nil
        case .stageName: return l.t(.promptStageName)
        case .laneTitle: return l.t(.promptLaneTitle)
        case .title, .renameMap: return l.t(.promptMapTitle)
        case .goal: return l.t(.promptGoal)
        case .segment: return l.t(.promptSegment)
        case .newStage: return l.t(.promptNewStage)
        case .newLane: return l.t(.promptNewLane)
        case .newMap: return l.t(.promptNewMap)
        case .duplicateMap: return l.t(.promptCopyTitle)
        case .newPersona: return l.t(.promptNewPersona)
        case .personaField(_, let f): return Persona.label(f, l) + ": "
        case .item(let lane, _, _, let adding):
            let metrics = e.map.laneIndex(lane).map { e.map.lanes[$0].content == .metrics } ?? false
            return metrics
                ? l.t(adding ? .promptNewMetric : .promptMetric)
                : l.t(adding ? .promptNewItem : .promptItem)
        case .newChannel: return l.t(.promptNewChannel)
        case .renameChannel: return l.t(.promptRenameChannel)
        case .search: return "/"
        case .command: return ":"
        }
    }

    func drawBar(_ e: Editor, into s: inout Screen) {
        let y = s.height - 1
        guard let label = label(e) else {
            let w = s.put(" \(e.language.t(.modeEdit)) ", x: 0, y: y, role: .headerCurrent)
            s.put(TextLayout.fit(keymap.hint(e.language), width: s.width - w), x: w, y: y, role: .bottomBar)
            return
        }
        // One-line prompt: show the end of long text so the cursor stays in view.
        let le = lineEditor
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
        // A selected text (a rename) shows as selected: typing replaces it.
        s.put(text, x: labelWidth, y: y, role: le.selected ? .cursor : .editing, limit: room)
        s.cursor = (min(s.width - 1, labelWidth + cursorCol), y)
    }
}

/// A question on the bottom bar (delete this stage? which of the two?), over the mode it came from.
struct ConfirmMode: EditorMode {
    var pending: Editor.Pending
    var back: Editor.Mode

    var keymap: Keymap { .confirm }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        e.mode = back
        switch (pending, action) {
        case (.deleteStage(let s), .yes?):
            e.perform(Edits.deleteStage(e.map, s))
        case (.deleteLane(let l), .yes?):
            e.perform(Edits.deleteLane(e.map, l))
        case (.deleteWhich(let s, _), .chooseStage?):
            // From a cell, the same question as from the stage's name.
            e.mode = .confirm(.deleteStage(s), back: back)
        case (.deleteWhich(_, let l), .chooseLane?):
            e.mode = .confirm(.deleteLane(l), back: back)
        case (.duplicateWhich(let s, _), .chooseStage?): e.duplicateStage(s)
        case (.duplicateWhich(_, let l), .chooseLane?): e.duplicateLane(l)
        case (.duplicateWhich, _): e.say(e.language.t(.nothingDuplicated))
        case (.deleteMap(let id), .yes?):
            e.perform(Edits.deleteMap(e.workspace, id))
            e.mapIndex = min(e.mapIndex, e.workspace.maps.count - 1)
            e.clampCursor()
            e.mode = .maps(selected: e.mapIndex)
        case (.deletePersona(let id), .yes?):
            e.perform(Edits.deletePersona(e.workspace, id))
            e.mode = .personas(
                selected: max(0, min(e.workspace.personas.count - 1, (e.workspace.personaIndex(id) ?? 0))), field: nil)
        default:
            e.say(e.language.t(.nothingDeleted))
        }
        return .none
    }

    func draw(_ e: Editor, into s: inout Screen) -> Overlays.Box? { back.behaviour.draw(e, into: &s) }

    func drawBar(_ e: Editor, into s: inout Screen) {
        let y = s.height - 1
        s.fill(x: 0, y: y, width: s.width, height: 1, role: .error)
        s.put(" " + (e.confirmQuestion ?? ""), x: 0, y: y, role: .error)
    }
}
