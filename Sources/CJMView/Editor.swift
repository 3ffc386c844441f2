import CJMCore
import CJMStorage

/// The editor: the session, the current map, the cursor and the mode. Keys go in, document
/// operations come out, and `EditorView` draws what it holds. Nothing here touches a terminal.
/// Which key does what is written only in the `Keymap` tables; each mode is a small type
/// (`Modes/`) that acts on its table's actions and draws itself; here are the operations
/// they share (editing, scoring, search, undo, the `:` line).
public struct Editor: Sendable {
    /// What a text edit will change when committed.
    public enum Target: Equatable, Sendable {
        case cell(LaneID, StageID)
        case stageName(StageID)
        case laneTitle(LaneID)
        case title
        case goal
        case segment
        case newStage(at: Int)
        case newLane(at: Int)
        case newMap
        case renameMap(MapID)
        case duplicateMap(MapID)
        case newPersona
        case personaField(PersonaID, Int)
        /// One item of a list or metrics cell; `index == count` adds a new one there.
        case item(LaneID, StageID, index: Int, adding: Bool)
        case newChannel(LaneID, StageID)
        case renameChannel(String, LaneID, StageID)
        /// The `/` line and the `:` line.
        case search
        case command

        /// The `/` and `:` lines: their text is a question, not document text to keep.
        var isLine: Bool { self == .search || self == .command }
    }

    public enum Pending: Equatable, Sendable {
        case deleteStage(StageID)
        case deleteLane(LaneID)
        /// In a cell, `d` asks which of the two to delete (then asks as from its title).
        case deleteWhich(StageID, LaneID)
        /// In a cell, `D` asks which of the two to duplicate.
        case duplicateWhich(StageID, LaneID)
        case deleteMap(MapID)
        case deletePersona(PersonaID)
    }

    public indirect enum Mode: Equatable, Sendable {
        case normal
        /// Editing text; `back` is the mode to return to afterwards.
        case editing(LineEditor, Target, back: Mode)
        case confirm(Pending, back: Mode)
        case help(scroll: Int)
        /// The list of maps (`m`).
        case maps(selected: Int)
        /// The persona library (`P`); `field` is set while walking one persona's fields.
        case personas(selected: Int, field: Int?)
        /// The items of a list or metrics cell.
        case items(LaneID, StageID, selected: Int)
        /// The channel palette, ticking the channels of one cell; `filter` is what was typed.
        case channels(LaneID, StageID, selected: Int, filter: String)
        /// The insights of the map on screen (`I`).
        case insights(selected: Int)
        /// Choosing an export format (`E`).
        case exportMenu
        /// A scoring run (`s`): digits score and move on.
        case scoring
        /// A whole text, to read (`v`).
        case view(title: String, text: String, scroll: Int)
        /// A place a merge left undecided, shown with both sides (`!`).
        case conflict(Conflict.Place)
    }

    /// What the caller must do after a key.
    public enum Effect: Equatable, Sendable {
        case none, quit, saveNow
        /// Paint the whole screen again (Ctrl-L, after something else wrote on the terminal).
        case redraw
        /// Export in a format (`md`, `csv`, `html`, `svg`): the front writes the file.
        case export(String)
        /// Stop the process for the shell (Ctrl-Z); the front restores the terminal first.
        case suspend
        /// Use another theme (`:theme NAME`).
        case theme(String)
    }

    /// What `y` copied.
    public enum Clip: Equatable, Sendable {
        case cell(String)
        case item(String)
        var text: String {
            switch self {
            case .cell(let t), .item(let t): return t
            }
        }
        var lines: [String] {
            switch self {
            case .cell(let t): return t.items
            case .item(let t): return [t]
            }
        }
    }

    public private(set) var session: EditSession
    /// The map on screen.
    public internal(set) var mapIndex = 0
    /// The curve that quick scoring sets: a persona's, or the map's own when nil.
    public internal(set) var activePersona: PersonaID?
    /// Where the cursor is: a cell, a stage's name, a lane's title or the corner. Keys move it
    /// through `handle`, which scrolls it into view; a caller that sets it directly calls
    /// `keepCursorInView` before drawing.
    public var cursor: GridPlace = .cell(lane: 0, stage: 0)
    /// The cursor's lane, nil in the stage-name row.
    public var lane: Int? {
        get { cursor.lane }
        set { cursor = cursor.with(lane: newValue) }
    }
    /// The cursor's stage, nil in the lane-title column.
    public var stage: Int? {
        get { cursor.stage }
        set { cursor = cursor.with(stage: newValue) }
    }
    public var mode: Mode = .normal
    public var message: String?
    /// The interface language: messages, prompts, bars and help.
    public var language: Language = .en
    public var messageIsError = false
    public var fileName: String
    public var saveState: SaveState = .saved
    /// The first stage and lane on screen: moved after each key so the cursor stays in sight.
    public private(set) var firstStage = 0
    public private(set) var firstLane = 0
    /// The window's size, as last told (`resize`): behind a too-small notice only quitting acts.
    public private(set) var width = 120
    public private(set) var height = 40
    public internal(set) var clipboard: Clip?
    /// The last search, its matches highlighted while it is set.
    public internal(set) var searchQuery = ""
    /// The search's places on the map on screen, found again only when the query, the map
    /// or the document changes (never per frame).
    public private(set) var searchHits: [GridPlace] = []
    private var searchHitsOf: (query: String, map: Int, revision: Int)?
    /// A conflict the user chose to decide by editing its place, the place's value then, and
    /// whether a text editor was opened for it: the next change of that value decides it.
    var decidingByEdit: (place: Conflict.Place, value: String?, editing: Bool)?
    var searchHistory: [String] = []
    var commandHistory: [String] = []
    /// Where ↑ / ↓ stand in a prompt's history (its count when at the line being typed).
    var historyIndex = 0
    /// Themes `:theme` offers on Tab, asked for when offered (reading the theme folders is
    /// no part of starting up); the front says where they come from.
    public var themeNames: @Sendable () -> [String] = { [] }
    /// How the cell under the cursor shows: the theme's choice, told by the front.
    public var cursorStyle = CursorStyle.frame
    /// Where things were on the last screen drawn, for the mouse: the front passes them on.
    public var regions = Regions()
    /// Wrapped cells between frames: a move re-wraps nothing (see `WrapCache`).
    public var wrapCache = WrapCache()
    var rng: SplitMix64

    public init(session: EditSession, fileName: String, seed: UInt64 = UInt64.random(in: 0...UInt64.max)) {
        self.session = session
        self.fileName = fileName
        rng = SplitMix64(seed: seed)
        activePersona = map.personas.first
        clampCursor()
    }

    // Yielded, not returned: `e.map.lanes[l]` then reads in place instead of copying the map
    // (and retaining and releasing each of its arrays) on every use.
    public var workspace: Workspace { _read { yield session.workspace } }
    public var map: JourneyMap { _read { yield session.workspace.maps[mapIndex] } }

    var currentStageID: StageID? { stage.flatMap { $0 < map.stages.count ? map.stages[$0].id : nil } }
    var currentLaneID: LaneID? { lane.flatMap { $0 < map.lanes.count ? map.lanes[$0].id : nil } }

    /// The name of the active curve, for labels.
    public var activeCurveName: String {
        activePersona.flatMap { workspace.persona($0)?.name } ?? language.t(.mapCurve)
    }

    public var isTooSmall: Bool { width < EditorView.minWidth || height < EditorView.minHeight }

    /// The window's size changed (and at the start).
    public mutating func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
        keepCursorInView()
    }

    /// Scrolls so the cursor's stage and lane show whole, at the window's size.
    public mutating func keepCursorInView() {
        guard !isTooSmall else { return }
        // A cursor that stays among the stages and lanes shown whole needs no layout at all.
        let basis = ScrollBasis(self)
        if let basis, let s = settled, s.basis == basis, cursor.stage.map(s.stages.contains) ?? true,
            cursor.lane.map(s.lanes.contains) ?? true
        {
            return
        }
        let layout = GridLayout(self, scrolling: true)
        firstStage = layout.geometry.firstStage
        firstLane = layout.firstLane
        let g = layout.geometry
        settled = ScrollBasis(self).map { ($0, g.firstStage..<g.firstStage + g.visibleStages, layout.wholeLanes) }
    }

    /// What a settled scroll was worked out from: the same basis, the same layout.
    struct ScrollBasis: Equatable, Sendable {
        var revision, mapIndex, width, height, firstStage, firstLane: Int
        var activePersona: PersonaID?

        /// Nil while a cell is being edited or walked item by item: its lane is as tall as its
        /// text then, not as the document's other cells.
        // Borrowed: an initializer takes its arguments owned, and the editor would be copied.
        init?(_ e: borrowing Editor) {
            if case .editing(_, .cell, _) = e.mode { return nil }
            if e.mode.walkedCell != nil { return nil }
            (revision, mapIndex, width, height) = (e.session.revision, e.mapIndex, e.width, e.height)
            (firstStage, firstLane, activePersona) = (e.firstStage, e.firstLane, e.activePersona)
        }
    }

    /// The last settled scroll: its basis, and the stages and lanes it showed whole.
    private var settled: (basis: ScrollBasis, stages: Range<Int>, lanes: Range<Int>)?

    /// The keys of the current mode.
    public var keymap: Keymap { mode.behaviour.keymap }

    /// Keeps the map index and the cursor on the map (after any change of the workspace).
    public mutating func clampCursor() {
        mapIndex = min(max(0, mapIndex), workspace.maps.count - 1)
        cursor = cursor.clamped(lanes: map.lanes.count, stages: map.stages.count)
        if let p = activePersona, !map.personas.contains(p) { activePersona = map.personas.first }
        if activePersona == nil, !map.personas.isEmpty, !map.stages.contains(where: { $0.emotion != nil }) {
            activePersona = map.personas.first
        }
    }

    public mutating func say(_ text: String, error: Bool = false) {
        message = text
        messageIsError = error
    }

    mutating func perform(_ t: Transaction?) {
        guard let t else { return }
        do {
            try session.perform(t)
        } catch {
            say(language.t(.couldNot, t.label(language), error.message), error: true)
        }
        clampCursor()
    }

    /// Shows another map, keeping the cursor's place where it can.
    public mutating func switchMap(to index: Int) {
        guard index >= 0, index < workspace.maps.count, index != mapIndex else { return }
        mapIndex = index
        firstStage = 0
        firstLane = 0
        activePersona = map.personas.first
        clampCursor()
        say(language.t(.mapSwitched, index + 1, workspace.maps.count, map.title))
    }

    public mutating func handle(_ key: Key) -> Effect {
        // Whatever a key did to the workspace, the cursor ends on the map on screen.
        defer {
            clampCursor()
            refreshSearch()
            decideByEdit()
            keepCursorInView()
        }
        if key == .resize { return .none }
        if isTooSmall {
            // Behind the notice only quitting acts (keeping any open text) and resizing.
            guard Keymap.grid.action(for: key) == .quit else { return .none }
            commitOpenText()
            return .quit
        }
        if case .mouse(let m) = key { return mode.behaviour.click(m, &self) }
        return act(keymap.action(for: key), key)
    }

    /// Does what an action means in the current mode: the mode's own type acts.
    mutating func act(_ action: Action?, _ key: Key) -> Effect {
        mode.behaviour.act(action, key, &self)
    }

    /// A pane's new scroll position, or nil when the key closes it.
    func scrolled(_ action: Action?, _ scroll: Int, page: Int) -> Int? {
        switch action {
        case .listDown?: return scroll + 1
        case .listUp?: return max(0, scroll - 1)
        case .listPageDown?: return scroll + page
        case .listPageUp?: return max(0, scroll - page)
        case .listTop?: return 0
        case .listBottom?: return Int.max / 2
        default: return nil
        }
    }

    mutating func startEditing(
        _ text: String, _ target: Target, multiline: Bool = false, selected: Bool = false, back: Mode = .normal
    ) {
        mode = .editing(LineEditor(text, multiline: multiline, selected: selected), target, back: back)
        message = nil
    }

    /// Commits the text being edited, if any (Ctrl-C, a closed terminal, a quit behind the
    /// too-small notice): typed text is never thrown away.
    public mutating func commitOpenText() {
        guard case .editing(let le, let target, let back) = mode else { return }
        mode = back
        if !target.isLine { commit(le.text, to: target) }
        if case .editing = mode { mode = .normal }
    }

    // MARK: What the modes do on the map

    mutating func enter() {
        switch cursor {
        case .cell(let i, let j):
            let (l, s) = (map.lanes[i].id, map.stages[j].id)
            switch map.lanes[i].content {
            case .text: startEditing(map.cell(lane: l, stage: s), .cell(l, s), multiline: true)
            case .list, .metrics: mode = .items(l, s, selected: 0)
            case .channels: mode = .channels(l, s, selected: 0, filter: "")
            }
        case .stageName(let j): startEditing(map.stages[j].name, .stageName(map.stages[j].id), selected: true)
        case .laneTitle(let i): startEditing(map.lanes[i].title, .laneTitle(map.lanes[i].id), selected: true)
        case .corner: startEditing(map.title, .title, selected: true)
        }
    }

    /// The pane that shows a whole text: the cell's, the stage's name, the lane's title, or
    /// the map's title, goal and segment in the corner.
    mutating func openView() {
        switch cursor {
        case .cell(let i, let j):
            mode = .view(
                title: "\(map.lanes[i].title) × \(map.stages[j].name)", text: map.lanes[i].cell(map.stages[j].id), scroll: 0)
        case .stageName(let j): mode = .view(title: language.t(.viewStage, j + 1), text: map.stages[j].name, scroll: 0)
        case .laneTitle(let i):
            let lane = map.lanes[i]
            mode = .view(
                title: language.t(.viewLane, lane.kind.name(language), lane.content.name(language)), text: lane.title, scroll: 0)
        case .corner:
            mode = .view(
                title: language.t(.viewMap), text: language.t(.viewMapText, map.title, map.goal, map.segment), scroll: 0)
        }
    }

    mutating func pasteCell() {
        guard let clip = clipboard else {
            say(language.t(.nothingCopied, Keymap.grid.key(.copy)), error: true)
            return
        }
        guard case .cell(let i, let j) = cursor else {
            say(language.t(.moveToCellToPaste), error: true)
            return
        }
        let (lane, stage) = (map.lanes[i], map.stages[j])
        perform(Edits.setCell(map, lane: lane.id, stage: stage.id, clip.text))
        say(language.t(.pastedInto, lane.title, stage.name))
    }

    /// A name for a copy, in the name's own language.
    static func copyName(_ name: String) -> String {
        let language: Language = name.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) } ? .ru : .en
        return name + language.t(.copySuffix)
    }

    /// The language default names take on this map: the map's own where it is clear, else the interface's.
    var mapLanguage: Language { Language.of(map) ?? language }

    mutating func duplicateStage(_ s: StageID) {
        guard let j = map.stageIndex(s) else { return }
        let name = map.stages[j].name
        let id = map.freshStageID(using: &rng)
        perform(Edits.duplicateStage(map, s, newID: id, name: Self.copyName(name)))
        stage = map.stageIndex(id) ?? stage
        let filled = language.count(map.lanes.filter { !$0.cell(s).isEmpty }.count, .filledCell)
        say(language.t(.duplicatedStage, name, filled))
    }

    mutating func duplicateLane(_ l: LaneID) {
        guard let i = map.laneIndex(l) else { return }
        let old = map.lanes[i]
        let id = map.freshLaneID(using: &rng)
        perform(Edits.duplicateLane(map, l, newID: id, title: Self.copyName(old.title)))
        lane = map.laneIndex(id) ?? lane
        say(language.t(.duplicatedLane, old.title, language.count(old.cells.count, .filledCell)))
    }

    @discardableResult
    mutating func commit(_ text: String, to target: Target) -> Effect {
        switch target {
        case .cell(let l, let s): perform(Edits.setCell(map, lane: l, stage: s, text))
        case .stageName(let s): perform(Edits.renameStage(map, s, text))
        case .laneTitle(let l): perform(Edits.renameLane(map, l, text))
        case .title: perform(Edits.setTitle(map, text))
        case .goal: perform(Edits.setGoal(map, text))
        case .segment: perform(Edits.setSegment(map, text))
        case .newStage(let at):
            let name = text.isEmpty ? mapLanguage.t(.newStage, map.stages.count + 1) : text
            let id = map.freshStageID(using: &rng)
            perform(Edits.insertStage(map, Stage(id: id, name: name), at: min(at, map.stages.count)))
            stage = map.stageIndex(id) ?? stage
        case .newLane(let at):
            let title = text.isEmpty ? mapLanguage.t(.newLane, map.lanes.count + 1) : text
            let id = map.freshLaneID(using: &rng)
            // A title that names a kind (Barriers, Метрики…) gives the lane that kind and content.
            let kind = LaneKind.guess(fromTitle: title) ?? .notes
            perform(
                Edits.insertLane(
                    map, Lane(id: id, title: title, kind: kind, content: kind.usualContent), at: min(at, map.lanes.count)))
            lane = map.laneIndex(id) ?? lane
            if kind != .notes {
                say(language.t(.addedLane, title, kind.name(language), kind.usualContent.name(language)))
            }
        case .newMap:
            // A new map keeps the current one's stages and lanes, empty: the same journey for another segment.
            var m = JourneyMap(
                id: workspace.freshMapID(using: &rng),
                title: text.isEmpty ? mapLanguage.t(.newMap, workspace.maps.count + 1) : text)
            m.stages = map.stages.map { Stage(id: $0.id, name: $0.name) }
            m.lanes = map.lanes.map { Lane(id: $0.id, title: $0.title, kind: $0.kind, content: $0.content) }
            perform(Edits.insertMap(workspace, m, at: mapIndex + 1))
            if let i = workspace.mapIndex(m.id) {
                switchMap(to: i)
                mode = .maps(selected: i)
            }
        case .renameMap(let id):
            if let i = workspace.mapIndex(id) { perform(Edits.setTitle(workspace.maps[i], text)) }
        case .duplicateMap(let id):
            let newID = workspace.freshMapID(using: &rng)
            perform(Edits.duplicateMap(workspace, id, newID: newID, title: text.isEmpty ? map.title : text))
            if let i = workspace.mapIndex(newID) {
                switchMap(to: i)
                mode = .maps(selected: i)
            }
        case .newPersona:
            guard !text.isEmpty else { return .none }
            let p = Persona(id: workspace.freshPersonaID(using: &rng), name: text, segment: map.segment)
            perform(Edits.insertPersona(workspace, p))
            mode = .personas(selected: workspace.personas.count - 1, field: nil)
        case .personaField(let id, let field):
            perform(Edits.setPersonaField(workspace, id, field: field, text))
            // Enter goes on to the next field, as a form does; the last one returns to the list.
            if case .personas(let sel, _) = mode, let p = workspace.persona(id) {
                if field + 1 < Persona.fields.count {
                    let next = field + 1
                    startEditing(
                        p[keyPath: Persona.fields[next].path], .personaField(id, next), multiline: true, selected: true,
                        back: .personas(selected: sel, field: next))
                } else {
                    mode = .personas(selected: sel, field: field)
                }
            }
        case .item(let l, let s, let index, let adding):
            var items = map.cell(lane: l, stage: s).items
            let content = map.laneIndex(l).map { map.lanes[$0].content } ?? .list
            var line = text.split(separator: "\n").joined(separator: " ").trimmingSpaces
            var problem: (text: String, isError: Bool)?
            if content == .metrics, !line.isEmpty {
                // Never a silent split: a number that cannot be read for sure keeps the line as a name, and says so.
                let read = Metric.read(line, language: mapLanguage)
                line = read.metric.line
                problem = read.problem.map {
                    (language.t(.metricNoValue, read.metric.name, $0.message(language)), $0 != .noNumber)
                }
            }
            if line.isEmpty {
                if !adding, index < items.count { items.remove(at: index) }
            } else if adding {
                items.insert(line, at: min(index, items.count))
            } else if index < items.count {
                items[index] = line
            }
            perform(Edits.setCell(map, lane: l, stage: s, items.joined(separator: "\n")))
            mode = .items(l, s, selected: min(index, max(0, items.count - 1)))
            if let problem { say(problem.text, error: problem.isError) }
        case .newChannel(let l, let s): addChannel(text, l, s)
        case .renameChannel(let old, let l, let s):
            let name = text.trimmingSpaces
            if workspace.channels.contains(name), name != old {
                say(language.t(.alreadyInPalette, name), error: true)
                return .none
            }
            perform(Edits.renameChannel(workspace, old, to: name))
            mode = .channels(l, s, selected: workspace.channels.firstIndex(of: name) ?? 0, filter: "")
        case .search:
            let q = text.trimmingSpaces
            if !q.isEmpty, searchHistory.last != q { searchHistory.append(q) }
            searchQuery = q
            if q.isEmpty {
                message = nil
            } else {
                findNext(forward: true, includingHere: true)
            }
        case .command:
            let c = text.trimmingSpaces
            if !c.isEmpty, commandHistory.last != c { commandHistory.append(c) }
            return run(command: c)
        }
        return .none
    }

    /// Adds a channel to the palette (when new) and ticks it in the cell.
    mutating func addChannel(_ text: String, _ l: LaneID, _ s: StageID) {
        let name = text.trimmingSpaces
        guard !name.isEmpty else { return }
        var t = Edits.setChannels(workspace, workspace.channels.contains(name) ? workspace.channels : workspace.channels + [name])
        var items = map.cell(lane: l, stage: s).items
        if !items.contains(name) {
            items.append(name)
            if let cell = Edits.setCell(map, lane: l, stage: s, items.joined(separator: "\n")) {
                t = Transaction(.stepAddChannel, [.text(name)], (t?.operations ?? []) + cell.operations)
            }
        }
        perform(t)
        mode = .channels(l, s, selected: workspace.channels.firstIndex(of: name) ?? 0, filter: "")
    }

    mutating func cyclePersona() {
        let all = map.curves
        guard all.count > 1 else {
            say(
                map.personas.isEmpty
                    ? language.t(.noPersonasOnMap, Keymap.grid.key(.personas), Keymap.personas.key(.link))
                    : language.t(.oneCurveOnly, activeCurveName))
            return
        }
        let i = all.firstIndex(of: activePersona) ?? 0
        activePersona = all[(i + 1) % all.count]
        say(language.t(.scoringFor, activeCurveName))
    }

    mutating func score(_ value: Int?) {
        guard let s = currentStageID else {
            say(language.t(.moveToStageToScore), error: true)
            return
        }
        let t = Edits.setEmotion(map, s, value, persona: activePersona, name: activePersona == nil ? nil : activeCurveName)
        perform(t)
        if let t, !messageIsError { say(t.label(language)) }
    }

    mutating func nudge(_ delta: Int) {
        guard let s = currentStageID else {
            say(language.t(.moveToStageToScore), error: true)
            return
        }
        let t = Edits.nudgeEmotion(map, s, by: delta, persona: activePersona, name: activePersona == nil ? nil : activeCurveName)
        perform(t)
        if let t, !messageIsError { say(t.label(language)) }
    }

    mutating func moveStage(_ delta: Int) {
        guard let s = currentStageID, let t = Edits.moveStage(map, s, by: delta) else { return }
        perform(t)
        stage = map.stageIndex(s) ?? stage
    }

    mutating func moveLane(_ delta: Int) {
        guard let l = currentLaneID, let t = Edits.moveLane(map, l, by: delta) else { return }
        perform(t)
        lane = map.laneIndex(l) ?? lane
    }

    // MARK: Search

    /// Finds the search's places again when the query, the map on screen or the document
    /// has changed since they were found.
    mutating func refreshSearch() {
        guard !searchQuery.isEmpty else {
            searchHits = []
            searchHitsOf = nil
            return
        }
        let of = (query: searchQuery, map: mapIndex, revision: session.revision)
        if let was = searchHitsOf, was == of { return }
        searchHits = Search.places(in: map, matching: searchQuery)
        searchHitsOf = of
    }

    mutating func findNext(forward: Bool, includingHere: Bool = false) {
        guard !searchQuery.isEmpty else {
            say(language.t(.nothingToFind, Keymap.grid.key(.search)), error: true)
            return
        }
        refreshSearch()
        let all = searchHits
        guard !all.isEmpty else {
            say(language.t(.notOnMap, searchQuery), error: true)
            return
        }
        // Places in reading order; the cursor's own place counts only for a new search.
        func order(_ p: GridPlace) -> Int { p.order(stageCount: map.stages.count) }
        let here = order(cursor)
        let pick: GridPlace
        if forward {
            pick = all.first { includingHere ? order($0) >= here : order($0) > here } ?? all[0]
        } else {
            pick = all.last { order($0) < here } ?? all[all.count - 1]
        }
        cursor = pick
        let n = all.firstIndex(of: pick)! + 1
        say(
            language.t(
                .searchHit, searchQuery, n, all.count, Keymap.grid.key(.searchNext), Keymap.grid.key(.searchPrevious))
        )
    }

    // MARK: Commands

    /// What a command's argument may be.
    func choices(for command: LineCommand) -> [String] {
        switch command {
        case .export: return LineCommand.exportFormats
        case .theme: return themeNames()
        default: return []
        }
    }

    /// Completes the `:` line's last word: a command's name, then its argument.
    func completion(_ line: String) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let last = words.last ?? ""
        let choices =
            words.count > 1
            ? LineCommand.named(words[0]).map(choices(for:)) ?? [] : LineCommand.allCases.map { $0.names[0] }
        let found = choices.filter { $0.hasPrefix(last) }
        guard !found.isEmpty else { return line }
        // The longest common start; a command that takes an argument gets its space.
        var common = found[0]
        for f in found.dropFirst() { while !f.hasPrefix(common) { common.removeLast() } }
        if found.count == 1, words.count == 1, LineCommand.named(common)?.argument != nil { common += " " }
        let head = words.dropLast().joined(separator: " ")
        return head.isEmpty ? common : head + " " + common
    }

    mutating func run(command c: String) -> Effect {
        let words = c.split(separator: " ").map(String.init)
        guard let first = words.first else { return .none }
        if let n = Int(first) {
            guard !map.stages.isEmpty else {
                say(language.t(.noStages), error: true)
                return .none
            }
            let j = min(max(1, n), map.stages.count) - 1
            cursor = GridPlace(lane: lane ?? (map.lanes.isEmpty ? nil : 0), stage: j)
            say(language.t(.stageJump, j + 1, map.stages[j].name))
            return .none
        }
        guard let command = LineCommand.named(first) else {
            say(language.t(.unknownCommand, c, LineCommand.summary(language)), error: true)
            return .none
        }
        let argument = words.count == 2 ? words[1] : ""
        // An export needs a known format; a theme any name (a path to a .theme file too).
        let known = command == .export ? choices(for: command).contains(argument) : !argument.isEmpty
        if command.argument != nil, !known {
            say("\(command.usage(language)): \(choices(for: command).joined(separator: ", "))", error: true)
            return .none
        }
        switch command {
        case .write: return .saveNow
        case .quit: return .quit
        case .help: mode = .help(scroll: 0)
        case .export: return .export(argument)
        case .theme: return .theme(argument)
        }
        return .none
    }

    // MARK: Undo

    /// After an undo or redo, shows the map and the place it touched.
    mutating func follow(_ t: Transaction?) {
        guard let t else { return }
        for op in t.operations {
            guard case .map(let id, let mapOp) = op, let i = workspace.mapIndex(id) else { continue }
            if i != mapIndex { switchMap(to: i) }
            switch mapOp {
            case .setCell(let l, let s, _, _):
                lane = map.laneIndex(l) ?? lane
                stage = map.stageIndex(s) ?? stage
            case .renameStage(let s, _, _), .setEmotion(let s, _, _, _), .moveStage(let s, _, _):
                stage = map.stageIndex(s) ?? stage
                if case .renameStage = mapOp { lane = nil }
            case .insertStage(let s, _, _):
                stage = map.stageIndex(s.id) ?? stage
            case .removeStage(_, let index, _):
                stage = map.stages.isEmpty ? nil : min(index, map.stages.count - 1)
            case .renameLane(let l, _, _), .setLaneKind(let l, _, _), .setLaneContent(let l, _, _), .moveLane(let l, _, _):
                lane = map.laneIndex(l) ?? lane
                if case .renameLane = mapOp { stage = nil }
            case .insertLane(let l, _):
                lane = map.laneIndex(l.id) ?? lane
            case .removeLane(_, let index):
                lane = map.lanes.isEmpty ? nil : min(index, map.lanes.count - 1)
            case .setTitle, .setGoal, .setSegment:
                cursor = .corner
            default: break
            }
            return
        }
    }

    mutating func undo() { step(back: true) }
    mutating func redo() { step(back: false) }

    /// Undoes (`back`) or redoes one step, showing the place it touched and saying what it was.
    mutating func step(back: Bool) {
        let t = back ? session.history.undoStack.last : session.history.redoStack.last
        let (done, none, cannot): (Phrase, Phrase, Phrase) =
            back ? (.undone, .nothingToUndo, .cannotUndo) : (.redone, .nothingToRedo, .cannotRedo)
        do {
            if let stepped = try (back ? session.undo() : session.redo()) {
                clampCursor()
                // The inverse of a step touches the same places, so the step itself says where.
                follow(t)
                say(language.t(done, stepped.label(language)))
            } else {
                say(language.t(none))
            }
        } catch {
            say(language.t(cannot, error.message), error: true)
        }
        clampCursor()
    }

    // MARK: Lists

    /// The new selection of a list of `count` rows after a moving action, or nil.
    func moved(_ action: Action?, _ sel: Int, count: Int) -> Int? {
        let last = max(0, count - 1)
        switch action {
        case .listUp?: return max(0, sel - 1)
        case .listDown?: return min(last, sel + 1)
        case .listTop?: return 0
        case .listBottom?: return last
        case .listPageUp?: return max(0, sel - 10)
        case .listPageDown?: return min(last, sel + 10)
        default: return nil
        }
    }

    /// The palette's rows for a filter: the channels whose folded name holds it.
    public func channelRows(_ filter: String) -> [String] {
        let f = Search.fold(filter)
        return f.isEmpty ? workspace.channels : workspace.channels.filter { Search.text($0, holds: f) }
    }

    // MARK: Questions

    /// The question the bottom bar asks while confirming; its keys come from the table.
    public var confirmQuestion: String? {
        guard case .confirm(let p, _) = mode else { return nil }
        let keys = Keymap.confirm
        let yesNo = language.t(.yesNo, keys.key(.yes))
        func cells(_ s: StageID) -> Int { map.lanes.filter { !$0.cell(s).isEmpty }.count }
        func which(_ verb: Phrase, _ s: StageID, _ l: LaneID) -> String {
            let name = map.stageIndex(s).map { map.stages[$0].name } ?? "?"
            let title = map.laneIndex(l).map { map.lanes[$0].title } ?? "?"
            return language.t(.whichOne, language.t(verb), keys.key(.chooseStage), name, keys.key(.chooseLane), title)
        }
        switch p {
        case .deleteStage(let s):
            let name = map.stageIndex(s).map { map.stages[$0].name } ?? "?"
            return language.t(.askDeleteStage, name, language.count(cells(s), .filledCell), yesNo)
        case .deleteLane(let l):
            let lane = map.laneIndex(l).map { map.lanes[$0] }
            let filled = language.count(lane?.cells.count ?? 0, .filledCell)
            return language.t(.askDeleteLane, lane?.title ?? "?", filled, yesNo)
        case .deleteWhich(let s, let l): return which(.verbDelete, s, l)
        case .duplicateWhich(let s, let l): return which(.verbDuplicate, s, l)
        case .deleteMap(let id):
            let title = workspace.mapIndex(id).map { workspace.maps[$0].title } ?? "?"
            return language.t(.askDeleteMap, title, yesNo)
        case .deletePersona(let id):
            let name = workspace.persona(id)?.name ?? "?"
            let maps = workspace.maps.filter { $0.personas.contains(id) }.count
            return language.t(.askDeletePersona, name, language.count(maps, .map), yesNo)
        }
    }
}

/// Where the last screen put things, so a click can be read back: the view fills it on the
/// `Screen` it draws, and the front hands it to the editor.
public struct Regions: Sendable {
    public var tabsRow = -1
    public var tabs: [Range<Int>] = []
    public var headerRow = -1
    /// How many rows the stage header takes from `headerRow` (two when names wrap).
    public var headerRows = 1
    public var titleWidth = 0
    /// Visible stages: index and x-range.
    public var columns: [(stage: Int, x: Range<Int>)] = []
    /// Visible lanes: index and y-range.
    public var lanes: [(lane: Int, y: Range<Int>)] = []
    /// The curve band's top row (+2) when it shows five levels.
    public var curveTop: Int?
    /// A list overlay: its box and the row index of the box's first list row.
    public var box: (x: Range<Int>, y: Range<Int>)?
    public var firstListRow = 0
    public var listRows = 0

    public init() {}

    /// The column under x: `.some(nil)` is the lane titles, nil is no column.
    func stage(atX x: Int) -> Int?? {
        if x < titleWidth { return .some(nil) }
        return columns.first { $0.x.contains(x) }.map { $0.stage }
    }

    /// The grid place under a cell of the screen.
    func place(x: Int, y: Int) -> GridPlace? {
        guard let j = stage(atX: x) else { return nil }
        if y >= headerRow, y < headerRow + headerRows { return GridPlace(lane: nil, stage: j) }
        guard let l = lanes.first(where: { $0.y.contains(y) })?.lane else { return nil }
        return GridPlace(lane: l, stage: j)
    }

    /// The stage and level under a cell of the curve band.
    func curveLevel(x: Int, y: Int) -> (Int, Int)? {
        guard let top = curveTop, (top..<top + 5).contains(y), let column = stage(atX: x), let j = column else { return nil }
        return (j, 2 - (y - top))
    }

    func listRow(y: Int) -> Int? {
        guard let box, box.y.contains(y), y > box.y.lowerBound, y < box.y.upperBound - 1 else { return nil }
        let row = firstListRow + y - box.y.lowerBound - 1
        return row < listRows ? row : nil
    }

    func inBox(x: Int, y: Int) -> Bool { box.map { $0.x.contains(x) && $0.y.contains(y) } ?? false }
}
