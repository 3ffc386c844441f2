import CJMCore
import CJMStorage

/// The editor: the session, the current map, the cursor and the mode. Keys go in, document
/// operations and a new screen come out. Nothing here touches a terminal.
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
    }

    public enum Pending: Equatable, Sendable {
        case deleteStage(StageID)
        case deleteLane(LaneID)
        /// In a cell, `d` asks which of the two to delete.
        case deleteWhich(StageID, LaneID)
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
        /// The channel palette, ticking the channels of one cell.
        case channels(LaneID, StageID, selected: Int)
        /// The insights of the map on screen (`I`).
        case insights(selected: Int)
        /// Choosing an export format (`E`).
        case exportMenu
    }

    /// What the caller must do after a key.
    public enum Effect: Equatable, Sendable {
        case none, quit, saveNow
        /// Paint the whole screen again (Ctrl-L, after something else wrote on the terminal).
        case redraw
        /// Export in a format (`md`, `csv`, `html`, `svg`): the front writes the file.
        case export(String)
    }

    public private(set) var session: EditSession
    /// The map on screen.
    public private(set) var mapIndex = 0
    /// The curve that quick scoring sets: a persona's, or the map's own when nil.
    public private(set) var activePersona: PersonaID?
    /// -1 is the stage-header row.
    public var lane = 0
    /// -1 is the lane-title column.
    public var stage = 0
    public var mode: Mode = .normal
    public var message: String?
    public var messageIsError = false
    public var fileName: String
    public var saveState: SaveState = .saved
    /// Scroll position, kept by the view so the cursor stays in sight.
    public var firstStage = 0
    public var firstLane = 0
    var rng: SplitMix64

    public init(session: EditSession, fileName: String, seed: UInt64 = UInt64.random(in: 0...UInt64.max)) {
        self.session = session
        self.fileName = fileName
        rng = SplitMix64(seed: seed)
        activePersona = map.personas.first
        clampCursor()
    }

    public var workspace: Workspace { session.workspace }
    public var map: JourneyMap { session.workspace.maps[mapIndex] }

    var currentStageID: StageID? { stage >= 0 && stage < map.stages.count ? map.stages[stage].id : nil }
    var currentLaneID: LaneID? { lane >= 0 && lane < map.lanes.count ? map.lanes[lane].id : nil }

    /// The name of the active curve, for labels.
    public var activeCurveName: String {
        activePersona.flatMap { workspace.persona($0)?.name } ?? "map"
    }

    /// Keeps the map index and the cursor on the map (after any change of the workspace).
    public mutating func clampCursor() {
        mapIndex = min(max(0, mapIndex), workspace.maps.count - 1)
        stage = min(max(-1, stage), map.stages.count - 1)
        lane = min(max(-1, lane), map.lanes.count - 1)
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
            say("could not \(t.label): \(error.message)", error: true)
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
        say("map \(index + 1)/\(workspace.maps.count): \(map.title)")
    }

    public mutating func handle(_ key: Key) -> Effect {
        // Whatever a key did to the workspace, the cursor ends on the map on screen.
        defer { clampCursor() }
        if key == .resize { return .none }
        switch mode {
        case .normal: return handleNormal(key)
        case .editing(var editor, let target, let back):
            switch editor.handle(key) {
            case .editing: mode = .editing(editor, target, back: back)
            case .cancel:
                mode = back
                say("edit cancelled")
            case .commit:
                mode = back
                commit(editor.text, to: target)
            }
        case .confirm(let pending, let back): handleConfirm(key, pending, back: back)
        case .help(let scroll):
            switch key {
            case .down, .char("j"), .pageDown, .char(" "):
                mode = .help(scroll: scroll + (key == .pageDown || key == .char(" ") ? 10 : 1))
            case .up, .char("k"), .pageUp: mode = .help(scroll: max(0, scroll - (key == .pageUp ? 10 : 1)))
            case .ctrl("c"): return .quit
            default: mode = .normal
            }
        case .maps(let selected): handleMaps(key, selected)
        case .personas(let selected, let field): handlePersonas(key, selected, field)
        case .items(let l, let s, let selected): handleItems(key, l, s, selected)
        case .channels(let l, let s, let selected): handleChannels(key, l, s, selected)
        case .insights(let selected): handleInsights(key, selected)
        case .exportMenu:
            mode = .normal
            switch key {
            case .char("m"): return .export("md")
            case .char("c"): return .export("csv")
            case .char("h"): return .export("html")
            case .char("s"): return .export("svg")
            default: say("nothing exported")
            }
        }
        if key == .ctrl("c") { return .quit }
        return .none
    }

    mutating func startEditing(_ text: String, _ target: Target, multiline: Bool = false, back: Mode = .normal) {
        mode = .editing(LineEditor(text, multiline: multiline), target, back: back)
        message = nil
    }

    mutating func handleNormal(_ key: Key) -> Effect {
        message = nil
        switch key {
        case .left, .char("h"): stage = max(-1, stage - 1)
        case .right, .char("l"): stage = min(map.stages.count - 1, stage + 1)
        case .up, .char("k"): lane = max(-1, lane - 1)
        case .down, .char("j"): lane = min(map.lanes.count - 1, lane + 1)
        case .tab: stage = min(map.stages.count - 1, stage + 1)
        case .backTab: stage = max(min(0, map.stages.count - 1), stage - 1)
        case .home: stage = map.stages.isEmpty ? -1 : 0
        case .end: stage = map.stages.count - 1
        case .char("g"): lane = map.lanes.isEmpty ? -1 : 0
        case .char("G"): lane = map.lanes.count - 1
        case .pageDown: lane = min(map.lanes.count - 1, lane + 5)
        case .pageUp: lane = max(-1, lane - 5)
        case .enter: enter()
        case .char("t"): startEditing(map.title, .title)
        case .char("T"): startEditing(map.goal, .goal)
        case .char("S"): startEditing(map.segment, .segment)
        case .char(let c) where ("1"..."5").contains(c):
            score(Int(String(c))! - 3)
        case .char("0"): score(nil)
        case .char("+"), .char("="): nudge(1)
        case .char("-"), .char("_"): nudge(-1)
        case .char("p"): cyclePersona()
        case .char("a"): startEditing("", .newStage(at: stage + 1))
        case .char("o"): startEditing("", .newLane(at: lane + 1))
        case .char("x"):
            if let l = currentLaneID, let s = currentStageID {
                if map.cell(lane: l, stage: s).isEmpty { say("the cell is already empty") }
                perform(Edits.setCell(map, lane: l, stage: s, ""))
            }
        case .char("d"):
            switch (currentLaneID, currentStageID) {
            case (nil, let s?): mode = .confirm(.deleteStage(s), back: .normal)
            case (let l?, nil): mode = .confirm(.deleteLane(l), back: .normal)
            case (let l?, let s?): mode = .confirm(.deleteWhich(s, l), back: .normal)
            default: break
            }
        case .char("<"): moveStage(-1)
        case .char(">"): moveStage(1)
        case .char("K"): moveLane(-1)
        case .char("J"): moveLane(1)
        case .char("c"):
            if let l = currentLaneID, let i = map.laneIndex(l) {
                let kinds = LaneKind.allCases
                let next = kinds[(kinds.firstIndex(of: map.lanes[i].kind)! + 1) % kinds.count]
                perform(Edits.setLaneKind(map, l, next))
            }
        case .char("C"):
            if let l = currentLaneID, let i = map.laneIndex(l) {
                let all = LaneContent.allCases
                let next = all[(all.firstIndex(of: map.lanes[i].content)! + 1) % all.count]
                perform(Edits.setLaneContent(map, l, next))
                say("lane «\(map.lanes[i].title)» now holds \(next.rawValue) (the text is kept)")
            }
        case .char("]"): switchMap(to: (mapIndex + 1) % workspace.maps.count)
        case .char("["): switchMap(to: (mapIndex + workspace.maps.count - 1) % workspace.maps.count)
        case .char("m"): mode = .maps(selected: mapIndex)
        case .char("P"): mode = .personas(selected: 0, field: nil)
        case .char("I"): mode = .insights(selected: 0)
        case .char("E"): mode = .exportMenu
        case .char("u"): undo()
        case .ctrl("r"): redo()
        case .char("?"), .char("H"): mode = .help(scroll: 0)
        case .ctrl("s"): return .saveNow
        case .ctrl("l"): return .redraw
        case .paste(let text):
            // Pasting on a text cell opens it with the text added; Enter keeps it.
            if let l = currentLaneID, let s = currentStageID, map.lanes[lane].content == .text {
                startEditing(map.cell(lane: l, stage: s), .cell(l, s), multiline: true)
                if case .editing(var le, let t, let back) = mode {
                    le.insert(text)
                    mode = .editing(le, t, back: back)
                }
            } else {
                say("move to a text cell to paste", error: true)
            }
        case .char("q"), .ctrl("c"), .ctrl("q"): return .quit
        default: break
        }
        return .none
    }

    mutating func enter() {
        switch (currentLaneID, currentStageID) {
        case (let l?, let s?):
            switch map.lanes[lane].content {
            case .text: startEditing(map.cell(lane: l, stage: s), .cell(l, s), multiline: true)
            case .list, .metrics: mode = .items(l, s, selected: 0)
            case .channels: mode = .channels(l, s, selected: 0)
            }
        case (nil, let s?): startEditing(map.stages[stage].name, .stageName(s))
        case (let l?, nil): startEditing(map.lanes[lane].title, .laneTitle(l))
        case (nil, nil): startEditing(map.title, .title)
        }
    }

    mutating func commit(_ text: String, to target: Target) {
        switch target {
        case .cell(let l, let s): perform(Edits.setCell(map, lane: l, stage: s, text))
        case .stageName(let s): perform(Edits.renameStage(map, s, text))
        case .laneTitle(let l): perform(Edits.renameLane(map, l, text))
        case .title: perform(Edits.setTitle(map, text))
        case .goal: perform(Edits.setGoal(map, text))
        case .segment: perform(Edits.setSegment(map, text))
        case .newStage(let at):
            let name = text.isEmpty ? "Stage \(map.stages.count + 1)" : text
            let id = map.freshStageID(using: &rng)
            perform(Edits.insertStage(map, Stage(id: id, name: name), at: min(at, map.stages.count)))
            stage = map.stageIndex(id) ?? stage
        case .newLane(let at):
            let title = text.isEmpty ? "Lane \(map.lanes.count + 1)" : text
            let id = map.freshLaneID(using: &rng)
            perform(Edits.insertLane(map, Lane(id: id, title: title, kind: .notes), at: min(at, map.lanes.count)))
            lane = map.laneIndex(id) ?? lane
        case .newMap:
            // A new map keeps the current one's stages and lanes, empty: the same journey for another segment.
            var m = JourneyMap(
                id: workspace.freshMapID(using: &rng), title: text.isEmpty ? "Map \(workspace.maps.count + 1)" : text)
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
            guard !text.isEmpty else { return }
            let p = Persona(id: workspace.freshPersonaID(using: &rng), name: text, segment: map.segment)
            perform(Edits.insertPersona(workspace, p))
            mode = .personas(selected: workspace.personas.count - 1, field: nil)
        case .personaField(let id, let field): perform(Edits.setPersonaField(workspace, id, field: field, text))
        case .item(let l, let s, let index, let adding):
            var items = map.cell(lane: l, stage: s).items
            let content = map.laneIndex(l).map { map.lanes[$0].content } ?? .list
            var line = text.split(separator: "\n").joined(separator: " ").trimmingSpaces
            if content == .metrics { line = Metric.fromInput(line).line }
            if line.isEmpty {
                if !adding, index < items.count { items.remove(at: index) }
            } else if adding {
                items.insert(line, at: min(index, items.count))
            } else if index < items.count {
                items[index] = line
            }
            perform(Edits.setCell(map, lane: l, stage: s, items.joined(separator: "\n")))
            mode = .items(l, s, selected: min(index, max(0, items.count - 1)))
        case .newChannel(let l, let s):
            let name = text.trimmingSpaces
            guard !name.isEmpty else { return }
            var t = Edits.setChannels(
                workspace, workspace.channels.contains(name) ? workspace.channels : workspace.channels + [name])
            var items = map.cell(lane: l, stage: s).items
            if !items.contains(name) {
                items.append(name)
                if let cell = Edits.setCell(map, lane: l, stage: s, items.joined(separator: "\n")) {
                    t = Transaction("add channel \(name)", (t?.operations ?? []) + cell.operations)
                }
            }
            perform(t)
            mode = .channels(l, s, selected: workspace.channels.firstIndex(of: name) ?? 0)
        case .renameChannel(let old, let l, let s):
            let name = text.trimmingSpaces
            if workspace.channels.contains(name), name != old {
                say("«\(name)» is already in the palette", error: true)
                return
            }
            perform(Edits.renameChannel(workspace, old, to: name))
            mode = .channels(l, s, selected: workspace.channels.firstIndex(of: name) ?? 0)
        }
    }

    mutating func cyclePersona() {
        let all = map.curves
        guard all.count > 1 else {
            say(
                map.personas.isEmpty
                    ? "no personas on this map: P opens the personas, l links one" : "one curve only: \(activeCurveName)")
            return
        }
        let i = all.firstIndex(of: activePersona) ?? 0
        activePersona = all[(i + 1) % all.count]
        say("scoring for \(activeCurveName)")
    }

    mutating func score(_ value: Int?) {
        guard let s = currentStageID else {
            say("move to a stage to score it", error: true)
            return
        }
        let t = Edits.setEmotion(map, s, value, persona: activePersona, name: activePersona == nil ? nil : activeCurveName)
        perform(t)
        if let t, !messageIsError { say(t.label) }
    }

    mutating func nudge(_ delta: Int) {
        guard let s = currentStageID else {
            say("move to a stage to score it", error: true)
            return
        }
        let t = Edits.nudgeEmotion(map, s, by: delta, persona: activePersona, name: activePersona == nil ? nil : activeCurveName)
        perform(t)
        if let t, !messageIsError { say(t.label) }
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

    /// After an undo or redo, shows the map it touched.
    mutating func follow(_ t: Transaction?) {
        guard let t else { return }
        for op in t.operations {
            if case .map(let id, _) = op, let i = workspace.mapIndex(id) {
                if i != mapIndex { switchMap(to: i) }
                return
            }
        }
    }

    mutating func undo() { step(back: true) }
    mutating func redo() { step(back: false) }

    /// Undoes (`back`) or redoes one step, showing the map it touched and saying what it was.
    mutating func step(back: Bool) {
        let t = back ? session.history.undoStack.last : session.history.redoStack.last
        let (done, none, cannot) =
            back ? ("undone", "nothing to undo", "cannot undo") : ("redone", "nothing to redo", "cannot redo")
        do {
            if let label = try (back ? session.undo() : session.redo()) {
                clampCursor()
                follow(t)
                say("\(done): \(label)")
            } else {
                say(none)
            }
        } catch {
            say("\(cannot): \(error.message)", error: true)
        }
        clampCursor()
    }

    mutating func handleConfirm(_ key: Key, _ pending: Pending, back: Mode) {
        mode = back
        switch (pending, key) {
        case (.deleteStage(let s), .char("y")), (.deleteWhich(let s, _), .char("s")):
            perform(Edits.deleteStage(map, s))
        case (.deleteLane(let l), .char("y")), (.deleteWhich(_, let l), .char("l")):
            perform(Edits.deleteLane(map, l))
        case (.deleteMap(let id), .char("y")):
            perform(Edits.deleteMap(workspace, id))
            mapIndex = min(mapIndex, workspace.maps.count - 1)
            clampCursor()
            mode = .maps(selected: mapIndex)
        case (.deletePersona(let id), .char("y")):
            perform(Edits.deletePersona(workspace, id))
            mode = .personas(selected: max(0, min(workspace.personas.count - 1, (workspace.personaIndex(id) ?? 0))), field: nil)
        default:
            say("nothing deleted")
        }
    }

    // MARK: The maps list

    mutating func handleMaps(_ key: Key, _ selected: Int) {
        let n = workspace.maps.count
        let sel = min(max(0, selected), n - 1)
        let id = workspace.maps[sel].id
        message = nil
        switch key {
        case .down, .char("j"): mode = .maps(selected: min(n - 1, sel + 1))
        case .up, .char("k"): mode = .maps(selected: max(0, sel - 1))
        case .enter:
            switchMap(to: sel)
            mode = .normal
        case .char("o"), .char("a"): startEditing("", .newMap, back: .maps(selected: sel))
        case .char("y"): startEditing(workspace.maps[sel].title, .duplicateMap(id), back: .maps(selected: sel))
        case .char("r"): startEditing(workspace.maps[sel].title, .renameMap(id), back: .maps(selected: sel))
        case .char("s"):
            switchMap(to: sel)
            startEditing(map.segment, .segment, back: .maps(selected: sel))
        case .char("d"):
            if n > 1 {
                mode = .confirm(.deleteMap(id), back: .maps(selected: sel))
            } else {
                say("the last map cannot be deleted", error: true)
            }
        case .char("K"), .char("J"):
            // The map on screen stays on screen, wherever the moved map goes.
            let shown = map.id
            perform(Edits.moveMap(workspace, id, by: key == .char("K") ? -1 : 1))
            mapIndex = workspace.mapIndex(shown) ?? mapIndex
            mode = .maps(selected: workspace.mapIndex(id) ?? sel)
        case .char("u"):
            undo()
            mode = .maps(selected: min(sel, workspace.maps.count - 1))
        case .ctrl("r"):
            redo()
            mode = .maps(selected: min(sel, workspace.maps.count - 1))
        case .escape, .char("m"), .char("q"): mode = .normal
        default: break
        }
    }

    // MARK: The persona library

    mutating func handlePersonas(_ key: Key, _ selected: Int, _ field: Int?) {
        let n = workspace.personas.count
        let sel = min(max(0, selected), max(0, n - 1))
        message = nil
        if let field, sel < n {
            let p = workspace.personas[sel]
            switch key {
            case .down, .char("j"): mode = .personas(selected: sel, field: min(Persona.fields.count - 1, field + 1))
            case .up, .char("k"): mode = .personas(selected: sel, field: max(0, field - 1))
            case .enter:
                startEditing(
                    p[keyPath: Persona.fields[field].path], .personaField(p.id, field), multiline: true,
                    back: .personas(selected: sel, field: field))
            case .char("u"): undo()
            case .ctrl("r"): redo()
            case .escape, .left, .char("q"): mode = .personas(selected: sel, field: nil)
            default: break
            }
            return
        }
        switch key {
        case .down, .char("j"): mode = .personas(selected: min(max(0, n - 1), sel + 1), field: nil)
        case .up, .char("k"): mode = .personas(selected: max(0, sel - 1), field: nil)
        case .char("o"), .char("a"): startEditing("", .newPersona, back: .personas(selected: sel, field: nil))
        case .enter, .right:
            if n > 0 { mode = .personas(selected: sel, field: 0) }
        case .char("l"), .char(" "):
            guard sel < n else { return }
            let id = workspace.personas[sel].id
            if map.personas.contains(id) {
                perform(Edits.unlinkPersona(workspace, map: map, id))
            } else {
                perform(Edits.linkPersona(workspace, map: map, id))
                activePersona = id
            }
            mode = .personas(selected: sel, field: nil)
        case .char("d"):
            if sel < n { mode = .confirm(.deletePersona(workspace.personas[sel].id), back: .personas(selected: sel, field: nil)) }
        case .char("K"), .char("J"):
            guard sel < n else { return }
            let id = workspace.personas[sel].id
            perform(Edits.movePersona(workspace, id, by: key == .char("K") ? -1 : 1))
            mode = .personas(selected: workspace.personaIndex(id) ?? sel, field: nil)
        case .char("u"): undo()
        case .ctrl("r"): redo()
        case .escape, .char("P"), .char("q"): mode = .normal
        default: break
        }
    }

    // MARK: List and metrics cells

    mutating func handleItems(_ key: Key, _ l: LaneID, _ s: StageID, _ selected: Int) {
        var items = map.cell(lane: l, stage: s).items
        let sel = min(max(0, selected), max(0, items.count - 1))
        let back = Mode.items(l, s, selected: sel)
        message = nil
        switch key {
        case .down, .char("j"): mode = .items(l, s, selected: min(max(0, items.count - 1), sel + 1))
        case .up, .char("k"): mode = .items(l, s, selected: max(0, sel - 1))
        case .enter:
            if items.isEmpty {
                startEditing("", .item(l, s, index: 0, adding: true), back: back)
            } else {
                startEditing(items[sel], .item(l, s, index: sel, adding: false), back: back)
            }
        case .char("o"), .char("a"): startEditing("", .item(l, s, index: items.isEmpty ? 0 : sel + 1, adding: true), back: back)
        case .char("O"): startEditing("", .item(l, s, index: sel, adding: true), back: back)
        case .char("d"), .char("x"), .delete:
            guard sel < items.count else { return }
            items.remove(at: sel)
            perform(Edits.setCell(map, lane: l, stage: s, items.joined(separator: "\n")))
            mode = .items(l, s, selected: min(sel, max(0, items.count - 1)))
        case .char("K"), .char("J"):
            let to = key == .char("K") ? sel - 1 : sel + 1
            guard sel < items.count, to >= 0, to < items.count else { return }
            items.swapAt(sel, to)
            perform(Edits.setCell(map, lane: l, stage: s, items.joined(separator: "\n")))
            mode = .items(l, s, selected: to)
        case .char("u"): undo()
        case .ctrl("r"): redo()
        case .escape, .char("q"), .left, .right: mode = .normal
        default: break
        }
    }

    // MARK: Channel cells

    mutating func handleChannels(_ key: Key, _ l: LaneID, _ s: StageID, _ selected: Int) {
        let palette = workspace.channels
        let sel = min(max(0, selected), max(0, palette.count - 1))
        message = nil
        switch key {
        case .down, .char("j"): mode = .channels(l, s, selected: min(max(0, palette.count - 1), sel + 1))
        case .up, .char("k"): mode = .channels(l, s, selected: max(0, sel - 1))
        case .char(" "), .enter, .char("x"):
            guard sel < palette.count else { return }
            var items = map.cell(lane: l, stage: s).items
            let name = palette[sel]
            if let i = items.firstIndex(of: name) {
                items.remove(at: i)
            } else {
                items.append(name)
            }
            perform(Edits.setCell(map, lane: l, stage: s, items.joined(separator: "\n")))
        case .char("n"), .char("o"): startEditing("", .newChannel(l, s), back: .channels(l, s, selected: sel))
        case .char("r"):
            if sel < palette.count {
                startEditing(palette[sel], .renameChannel(palette[sel], l, s), back: .channels(l, s, selected: sel))
            }
        case .char("d"):
            // Cells keep the tag (shown as not in the palette); undo brings it back.
            guard sel < palette.count else { return }
            var rest = palette
            rest.remove(at: sel)
            perform(Edits.setChannels(workspace, rest))
            say("\(palette[sel]) removed from the palette")
            mode = .channels(l, s, selected: min(sel, max(0, rest.count - 1)))
        case .char("K"), .char("J"):
            let to = key == .char("K") ? sel - 1 : sel + 1
            guard sel < palette.count, to >= 0, to < palette.count else { return }
            var moved = palette
            moved.swapAt(sel, to)
            perform(Edits.setChannels(workspace, moved))
            mode = .channels(l, s, selected: to)
        case .char("u"): undo()
        case .ctrl("r"): redo()
        case .escape, .char("q"): mode = .normal
        default: break
        }
    }

    // MARK: Insights

    mutating func handleInsights(_ key: Key, _ selected: Int) {
        let rows = InsightsView.rows(self)
        let targets = rows.indices.filter { rows[$0].target != nil }
        let sel = targets.contains(selected) ? selected : (targets.first ?? 0)
        switch key {
        case .down, .char("j"): mode = .insights(selected: targets.first { $0 > sel } ?? sel)
        case .up, .char("k"): mode = .insights(selected: targets.last { $0 < sel } ?? sel)
        case .enter:
            // Jump to the insight's cell.
            guard sel < rows.count, let t = rows[sel].target else { return }
            if let st = t.stage { stage = st }
            if let l = t.lane { lane = l }
            clampCursor()
            mode = .normal
            say("at \(rows[sel].text.trimmingSpaces)")
        case .escape, .char("I"), .char("q"): mode = .normal
        default: break
        }
    }

    /// The question the bottom bar asks while confirming.
    public var confirmQuestion: String? {
        guard case .confirm(let p, _) = mode else { return nil }
        func cells(_ s: StageID) -> Int { map.lanes.filter { !$0.cell(s).isEmpty }.count }
        switch p {
        case .deleteStage(let s):
            let name = map.stageIndex(s).map { map.stages[$0].name } ?? "?"
            return "Delete stage «\(name)» with its \(cells(s)) filled cells and its scores? y = yes, any other key = no"
        case .deleteLane(let l):
            let lane = map.laneIndex(l).map { map.lanes[$0] }
            return
                "Delete lane «\(lane?.title ?? "?")» with its \(lane?.cells.count ?? 0) filled cells? y = yes, any other key = no"
        case .deleteWhich(let s, let l):
            let name = map.stageIndex(s).map { map.stages[$0].name } ?? "?"
            let title = map.laneIndex(l).map { map.lanes[$0].title } ?? "?"
            return "Delete: s = stage «\(name)», l = lane «\(title)», any other key = nothing"
        case .deleteMap(let id):
            let title = workspace.mapIndex(id).map { workspace.maps[$0].title } ?? "?"
            return "Delete map «\(title)» with all its stages and lanes? y = yes, any other key = no"
        case .deletePersona(let id):
            let name = workspace.persona(id)?.name ?? "?"
            let maps = workspace.maps.filter { $0.personas.contains(id) }.count
            return "Delete persona «\(name)» (on \(maps) maps, with its scores)? y = yes, any other key = no"
        }
    }
}
