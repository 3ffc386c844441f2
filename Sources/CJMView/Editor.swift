import CJMCore

/// A small fast generator for new ids; seeded so tests are repeatable.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The editor: the session, the cursor and the mode. Keys go in, document operations and
/// a new screen come out. Nothing here touches a terminal.
public struct Editor: Sendable {
    /// What a text edit will change when committed.
    public enum Target: Equatable, Sendable {
        case cell(LaneID, StageID)
        case stageName(StageID)
        case laneTitle(LaneID)
        case title
        case goal
        case newStage(at: Int)
        case newLane(at: Int)
    }

    public enum Pending: Equatable, Sendable {
        case deleteStage(StageID)
        case deleteLane(LaneID)
        /// In a cell, `d` asks which of the two to delete.
        case deleteWhich(StageID, LaneID)
    }

    public enum Mode: Equatable, Sendable {
        case normal
        case editing(LineEditor, Target)
        case confirm(Pending)
        case help(scroll: Int)
    }

    /// What the caller must do after a key.
    public enum Effect: Equatable, Sendable { case none, quit, saveNow }

    public private(set) var session: EditSession
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
        clampCursor()
    }

    public var map: JourneyMap { session.map }

    var currentStageID: StageID? { stage >= 0 && stage < map.stages.count ? map.stages[stage].id : nil }
    var currentLaneID: LaneID? { lane >= 0 && lane < map.lanes.count ? map.lanes[lane].id : nil }

    mutating func clampCursor() {
        stage = min(max(-1, stage), map.stages.count - 1)
        lane = min(max(-1, lane), map.lanes.count - 1)
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

    public mutating func handle(_ key: Key) -> Effect {
        if key == .resize { return .none }
        switch mode {
        case .normal: return handleNormal(key)
        case .editing(var editor, let target):
            switch editor.handle(key) {
            case .editing: mode = .editing(editor, target)
            case .cancel:
                mode = .normal
                say("edit cancelled")
            case .commit:
                mode = .normal
                commit(editor.text, to: target)
            }
        case .confirm(let pending): handleConfirm(key, pending)
        case .help(let scroll):
            switch key {
            case .down, .char("j"), .pageDown, .char(" "):
                mode = .help(scroll: scroll + (key == .pageDown || key == .char(" ") ? 10 : 1))
            case .up, .char("k"), .pageUp: mode = .help(scroll: max(0, scroll - (key == .pageUp ? 10 : 1)))
            case .ctrl("c"): return .quit
            default: mode = .normal
            }
        }
        return .none
    }

    mutating func startEditing(_ text: String, _ target: Target, multiline: Bool = false) {
        mode = .editing(LineEditor(text, multiline: multiline), target)
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
        case .char(let c) where ("1"..."5").contains(c):
            score(Int(String(c))! - 3)
        case .char("0"): score(nil)
        case .char("+"), .char("="): nudge(1)
        case .char("-"), .char("_"): nudge(-1)
        case .char("a"): startEditing("", .newStage(at: stage + 1))
        case .char("o"): startEditing("", .newLane(at: lane + 1))
        case .char("x"):
            if let l = currentLaneID, let s = currentStageID {
                if map.cell(lane: l, stage: s).isEmpty { say("the cell is already empty") }
                perform(Edits.setCell(map, lane: l, stage: s, ""))
            }
        case .char("d"):
            switch (currentLaneID, currentStageID) {
            case (nil, let s?): mode = .confirm(.deleteStage(s))
            case (let l?, nil): mode = .confirm(.deleteLane(l))
            case (let l?, let s?): mode = .confirm(.deleteWhich(s, l))
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
        case .char("u"): undo()
        case .ctrl("r"): redo()
        case .char("?"), .char("H"): mode = .help(scroll: 0)
        case .ctrl("s"): return .saveNow
        case .char("q"), .ctrl("c"), .ctrl("q"): return .quit
        case .escape: break
        default: break
        }
        return .none
    }

    mutating func enter() {
        switch (currentLaneID, currentStageID) {
        case (let l?, let s?): startEditing(map.cell(lane: l, stage: s), .cell(l, s), multiline: true)
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
        }
    }

    mutating func score(_ value: Int?) {
        guard let s = currentStageID else {
            say("move to a stage to score it", error: true)
            return
        }
        perform(Edits.setEmotion(map, s, value))
    }

    mutating func nudge(_ delta: Int) {
        guard let s = currentStageID else {
            say("move to a stage to score it", error: true)
            return
        }
        perform(Edits.nudgeEmotion(map, s, by: delta))
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

    mutating func undo() {
        do {
            if let label = try session.undo() {
                say("undone: \(label)")
            } else {
                say("nothing to undo")
            }
        } catch {
            say("cannot undo: \(error.message)", error: true)
        }
        clampCursor()
    }

    mutating func redo() {
        do {
            if let label = try session.redo() {
                say("redone: \(label)")
            } else {
                say("nothing to redo")
            }
        } catch {
            say("cannot redo: \(error.message)", error: true)
        }
        clampCursor()
    }

    mutating func handleConfirm(_ key: Key, _ pending: Pending) {
        mode = .normal
        switch (pending, key) {
        case (.deleteStage(let s), .char("y")), (.deleteWhich(let s, _), .char("s")):
            perform(Edits.deleteStage(map, s))
        case (.deleteLane(let l), .char("y")), (.deleteWhich(_, let l), .char("l")):
            perform(Edits.deleteLane(map, l))
        default:
            say("nothing deleted")
        }
    }

    /// The question the bottom bar asks while confirming.
    public var confirmQuestion: String? {
        guard case .confirm(let p) = mode else { return nil }
        func cells(_ s: StageID) -> Int { map.lanes.filter { !$0.cell(s).isEmpty }.count }
        switch p {
        case .deleteStage(let s):
            let name = map.stageIndex(s).map { map.stages[$0].name } ?? "?"
            return "Delete stage «\(name)» with its \(cells(s)) filled cells and its score? y = yes, any other key = no"
        case .deleteLane(let l):
            let lane = map.laneIndex(l).map { map.lanes[$0] }
            return
                "Delete lane «\(lane?.title ?? "?")» with its \(lane?.cells.count ?? 0) filled cells? y = yes, any other key = no"
        case .deleteWhich(let s, let l):
            let name = map.stageIndex(s).map { map.stages[$0].name } ?? "?"
            let title = map.laneIndex(l).map { map.lanes[$0].title } ?? "?"
            return "Delete: s = stage «\(name)», l = lane «\(title)», any other key = nothing"
        }
    }
}
