import CJMCore

/// A mode of the editor as a small type: the key table it answers to, what its actions do, and
/// what it shows. `Editor.Mode` is the state the editor keeps (a value tests can compare);
/// `behaviour` gives the type that acts for it: the one switch over the modes. (The grid's
/// layout still asks whether a cell is being edited or its items walked, to draw them there.)
protocol EditorMode {
    /// The mode's keys: help, hints, `cjm keys` and the README come from the same table.
    var keymap: Keymap { get }
    /// Does what an action means here; `key` is what it reads from (a digit's value, a typed
    /// character). The mouse passes `.resize`, which carries nothing.
    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect
    /// What the mode shows over the map; a list returns its box, for the mouse.
    func draw(_ e: Editor, into s: inout Screen) -> Overlays.Box?
    /// The bottom bar while in this mode.
    func drawBar(_ e: Editor, into s: inout Screen)
    /// A click, a double click or a turn of the wheel, where the last screen put things.
    func click(_ m: Mouse, _ e: inout Editor) -> Editor.Effect
}

extension EditorMode {
    func draw(_ e: Editor, into s: inout Screen) -> Overlays.Box? { nil }
    func click(_ m: Mouse, _ e: inout Editor) -> Editor.Effect { .none }

    /// The wheel as the list keys: up and down.
    static func wheel(_ m: Mouse) -> Action? {
        m.kind == .wheelUp ? .listUp : (m.kind == .wheelDown ? .listDown : nil)
    }
}

/// A list over the map: the wheel moves the selection, a click selects a row, a double click
/// does what Enter does there, and a click outside the box closes it.
protocol ListMode: EditorMode {
    /// The same mode with another row selected.
    func selecting(_ row: Int, _ e: Editor) -> Editor.Mode
    /// Whether the mouse acts here at all.
    var clickable: Bool { get }
}

extension ListMode {
    var clickable: Bool { true }

    func click(_ m: Mouse, _ e: inout Editor) -> Editor.Effect {
        guard clickable else { return .none }
        if let wheel = Self.wheel(m) { return act(wheel, .resize, &e) }
        guard let row = e.regions.listRow(y: m.y) else {
            if m.kind == .click, !e.regions.inBox(x: m.x, y: m.y) { e.mode = .normal }
            return .none
        }
        e.mode = selecting(row, e)
        if m.kind == .doubleClick { return e.mode.behaviour.act(keymap.action(for: .enter), .enter, &e) }
        return .none
    }
}

/// A pane to read (help, a whole text): the wheel scrolls it, a click closes it.
protocol PaneMode: EditorMode {}

extension PaneMode {
    func click(_ m: Mouse, _ e: inout Editor) -> Editor.Effect {
        if let wheel = Self.wheel(m) { return act(wheel, .resize, &e) }
        e.mode = .normal
        return .none
    }
}

extension Editor.Mode {
    /// The cell walked item by item and the selected item, also while a prompt opened from the
    /// list is over it: the cell then shows whole, its item marked.
    var walkedCell: (lane: LaneID, stage: StageID, item: Int)? {
        switch self {
        case .items(let l, let s, let selected): return (l, s, selected)
        case .editing(_, _, let back), .confirm(_, let back): return back.walkedCell
        default: return nil
        }
    }

    /// The type that acts for this mode.
    var behaviour: any EditorMode {
        switch self {
        case .normal: return GridMode()
        case .editing(let le, let target, let back): return TextMode(lineEditor: le, target: target, back: back)
        case .confirm(let pending, let back): return ConfirmMode(pending: pending, back: back)
        case .help(let scroll): return HelpMode(scroll: scroll)
        case .view(let title, let text, let scroll): return ViewMode(title: title, text: text, scroll: scroll)
        case .maps(let selected): return MapsMode(selected: selected)
        case .personas(let selected, let field): return PersonasMode(selected: selected, field: field)
        case .items(let l, let s, let selected): return ItemsMode(l: l, s: s, selected: selected)
        case .channels(let l, let s, let selected, let filter):
            return ChannelsMode(l: l, s: s, selected: selected, filter: filter)
        case .insights(let selected): return InsightsMode(selected: selected)
        case .exportMenu: return ExportMenuMode()
        case .scoring: return ScoringMode()
        case .conflict(let place): return ConflictMode(place: place)
        }
    }
}
