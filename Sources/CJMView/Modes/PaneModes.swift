import CJMCore

/// Scrolling a pane: the list keys move it, any other key closes it.
private func scrolled(_ action: Action?, _ scroll: Int, _ e: Editor) -> Int? {
    e.scrolled(action, scroll, page: max(1, e.height - 4))
}

/// Every key, from the tables, in a box as wide as the screen allows (`?`).
struct HelpMode: PaneMode {
    var scroll: Int
    var keymap: Keymap { .pane }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        e.mode = scrolled(action, scroll, e).map { .help(scroll: $0) } ?? .normal
        return .none
    }

    func draw(_ e: Editor, into s: inout Screen) -> Overlays.Box? {
        EditorView.drawHelp(&s, scroll: scroll, language: e.language)
        return nil
    }

    func drawBar(_ e: Editor, into s: inout Screen) {
        EditorView.modeBar(e.language.t(.modeHelp), keymap.hint(e.language), e, &s)
    }
}

/// A whole text to read (`v`): a cell, a stage's name, a lane's title, the map's corner.
struct ViewMode: PaneMode {
    var title: String
    var text: String
    var scroll: Int
    var keymap: Keymap { .pane }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        e.mode = scrolled(action, scroll, e).map { .view(title: title, text: text, scroll: $0) } ?? .normal
        return .none
    }

    func draw(_ e: Editor, into s: inout Screen) -> Overlays.Box? {
        Overlays.drawPane(title: title, text: text, scroll: scroll, language: e.language, into: &s)
        return nil
    }

    func drawBar(_ e: Editor, into s: inout Screen) {
        EditorView.modeBar(e.language.t(.modeText), keymap.hint(e.language), e, &s)
    }
}

/// A place a merge left undecided, with ours, theirs and the base (`!`).
struct ConflictMode: EditorMode {
    var place: Conflict.Place
    var keymap: Keymap { .conflict }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        handle(action, &e)
        return .none
    }

    private func handle(_ action: Action?, _ e: inout Editor) {
        guard let c = e.workspace.conflicts.first(where: { $0.place == place }), e.workspace.holds(place) else {
            e.goToConflict(after: nil)
            return
        }
        switch action {
        case .keepOurs?, .takeTheirs?:
            let index = e.workspace.openConflicts.firstIndex { $0.place == place } ?? 0
            guard let t = Edits.resolveConflict(e.workspace, c, keeping: action == .keepOurs ? .ours : .theirs, e.language) else {
                e.say(e.language.t(.lastMap), error: true)
                return
            }
            e.perform(t)
            let rest = e.workspace.openConflicts
            if rest.isEmpty { e.mode = .normal } else { e.show(rest[index % rest.count].place) }
            e.sayDecided(t)
        case .editConflict?:
            e.mode = .normal
            // The grid's own way of editing the place: a prompt for text, else the next key there.
            let edit: Action? =
                switch place {
                case .cell, .stageName, .laneTitle: .edit
                case .title: .editTitle
                case .goal: .editGoal
                case .segment: .editSegment
                default: nil
                }
            if let edit { _ = GridMode().act(edit, .resize, &e) } else { e.say(e.language.t(.conflictEditHint)) }
            e.decidingByEdit = (place, e.workspace.value(at: place), edit != nil)
        case .nextConflict?: e.goToConflict(after: place)
        default: e.mode = .normal
        }
    }

    func draw(_ e: Editor, into s: inout Screen) -> Overlays.Box? {
        let pane = e.conflictPane(place)
        Overlays.drawPane(title: pane.title, text: pane.text, scroll: 0, language: e.language, into: &s)
        return nil
    }

    func drawBar(_ e: Editor, into s: inout Screen) {
        EditorView.modeBar(e.language.t(.modeConflict), keymap.hint(e.language), e, &s)
    }
}
