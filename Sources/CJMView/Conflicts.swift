import CJMCore

/// Deciding what a merge left undecided: `!` walks the conflicts; on each, keep ours, take
/// theirs, or edit the place (the edit decides it).
extension Editor {
    /// Opens the conflict under the cursor, else the one after `current`, else the first.
    mutating func goToConflict(after current: Conflict.Place?) {
        let open = workspace.openConflicts
        guard !open.isEmpty else {
            mode = .normal
            say(language.t(.noConflicts))
            return
        }
        var i = 0
        if let current, let k = open.firstIndex(where: { $0.place == current }) {
            i = (k + 1) % open.count
        } else if current == nil, let k = open.firstIndex(where: { isAtCursor($0.place) }) {
            i = k
        }
        show(open[i].place)
    }

    /// Moves the cursor to a conflict's place and opens it.
    mutating func show(_ place: Conflict.Place) {
        if let m = place.map, let mi = workspace.mapIndex(m) {
            switchMap(to: mi)
            cursor = GridPlace(lane: place.lane.flatMap(map.laneIndex), stage: place.stage.flatMap(map.stageIndex))
        }
        mode = .conflict(place)
        message = nil
    }

    /// Whether the cursor stands on the place (its map, and its lane and stage where it has them).
    func isAtCursor(_ place: Conflict.Place) -> Bool {
        guard let m = place.map else { return false }
        guard m == map.id else { return false }
        switch place {
        case .cell(_, let l, let s): return currentLaneID == l && currentStageID == s
        case .stage(_, let s), .stageName(_, let s), .score(_, let s, _): return currentStageID == s && lane == nil
        case .lane(_, let l), .laneTitle(_, let l), .laneKind(_, let l), .laneContent(_, let l):
            return currentLaneID == l && stage == nil
        default: return cursor == .corner
        }
    }

    /// The open conflicts at places on the map on screen, for marking them.
    public var conflictMarks: [GridPlace] {
        workspace.openConflicts.compactMap { c in
            guard c.place.map == map.id else { return nil }
            return GridPlace(lane: c.place.lane.flatMap(map.laneIndex), stage: c.place.stage.flatMap(map.stageIndex))
        }
    }

    /// The conflict's pane: where it is, then ours, theirs and what it was before.
    public func conflictPane(_ place: Conflict.Place) -> (title: String, text: String) {
        let open = workspace.openConflicts
        guard let i = open.firstIndex(where: { $0.place == place }) else { return ("", "") }
        let c = open[i]
        let t = language
        let k = Keymap.conflict
        let text = [
            "\(t.t(.sideOurs)) (\(k.key(.keepOurs))): \(Conflict.show(c.ours, place, t))",
            "\(t.t(.sideTheirs)) (\(k.key(.takeTheirs))): \(Conflict.show(c.theirs, place, t))",
            "\(t.t(.sideBase)): \(Conflict.show(c.base, place, t))",
        ].joined(separator: "\n\n")
        return (t.t(.conflictTitle, i + 1, open.count, workspace.describe(place, t)), text)
    }

    /// After a key: a change of the value at a conflict's place since `e` decides it as it now is.
    mutating func decideByEdit() {
        guard let d = decidingByEdit, case .normal = mode else { return }
        let now = workspace.value(at: d.place)
        if now == d.value {
            // An edit thrown away leaves the conflict open; a place edited by keys waits.
            if d.editing { decidingByEdit = nil }
            return
        }
        decidingByEdit = nil
        guard let c = workspace.conflicts.first(where: { $0.place == d.place }), workspace.holds(d.place),
            let t = Edits.resolveConflict(workspace, c, keeping: nil, language)
        else { return }
        perform(t)
        sayDecided(t)
    }

    /// What a decision did, and how many are left.
    mutating func sayDecided(_ t: Transaction) {
        let left = workspace.openConflicts.count
        let label = t.label(language)
        say(
            left == 0
                ? language.t(.conflictsAllDecided, label) : language.t(.conflictsLeft, label, language.count(left, .conflict)))
    }
}

extension Editor {
    /// Whether text is being typed: a merge from disk waits until it is kept, so the cell
    /// under the cursor never changes beneath the typing.
    public var isTyping: Bool {
        if case .editing = mode { return true }
        return false
    }

    /// Takes in another program's version merged with ours, as one undoable step, and says
    /// what came in and what is left to decide.
    /// False when it could not (the merge did not fit): then nothing was taken in.
    @discardableResult
    public mutating func adopt(_ merged: Merge.Result, changes: Int) -> Bool {
        let ws = merged.workspace
        let what = language.count(changes, .change)
        if ws != workspace {
            let before = session.revision
            perform(Transaction(.stepMergedFromDisk, [.text(what)], [.replaceWorkspace(old: workspace, new: ws)]))
            if session.revision == before { return false }
            refreshSearch()
            keepCursorInView()
        }
        if merged.conflicts.isEmpty {
            say(language.t(.mergedFromDisk, what))
        } else {
            say(
                language.t(
                    .mergedFromDiskConflicts, what, language.count(merged.conflicts.count, .conflict),
                    Keymap.grid.key(.nextConflict)), error: true)
        }
        return true
    }
}
