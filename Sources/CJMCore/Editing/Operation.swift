/// One invertible change to a map. Each case carries what it replaces, so its inverse needs
/// no access to the document, and a history step costs space in proportion to the edit.
public enum Operation: Equatable, Sendable {
    case setTitle(old: String, new: String)
    case setGoal(old: String, new: String)
    case setCell(lane: LaneID, stage: StageID, old: String, new: String)
    case renameStage(StageID, old: String, new: String)
    case renameLane(LaneID, old: String, new: String)
    case setSegment(old: String, new: String)
    /// A score on a curve: the persona's, or the map's own when `persona` is nil.
    case setEmotion(StageID, persona: PersonaID?, old: Int?, new: Int?)
    case setLaneKind(LaneID, old: LaneKind, new: LaneKind)
    case setLaneContent(LaneID, old: LaneContent, new: LaneContent)
    /// Links a persona to the map at `index` of its legend, with its scores (stage → score).
    case linkPersona(PersonaID, index: Int, scores: [StageID: Int])
    case unlinkPersona(PersonaID, index: Int, scores: [StageID: Int])
    /// Inserts a stage at `index` with the given cells (lane id → text).
    case insertStage(Stage, index: Int, cells: [LaneID: String])
    /// Removes the stage at `index`; `stage` and `cells` are what it held, for the inverse.
    case removeStage(Stage, index: Int, cells: [LaneID: String])
    case insertLane(Lane, index: Int)
    case removeLane(Lane, index: Int)
    case moveStage(StageID, from: Int, to: Int)
    case moveLane(LaneID, from: Int, to: Int)

    public var inverse: Operation {
        switch self {
        case .setTitle(let o, let n): return .setTitle(old: n, new: o)
        case .setGoal(let o, let n): return .setGoal(old: n, new: o)
        case .setCell(let l, let s, let o, let n): return .setCell(lane: l, stage: s, old: n, new: o)
        case .renameStage(let id, let o, let n): return .renameStage(id, old: n, new: o)
        case .renameLane(let id, let o, let n): return .renameLane(id, old: n, new: o)
        case .setSegment(let o, let n): return .setSegment(old: n, new: o)
        case .setEmotion(let id, let p, let o, let n): return .setEmotion(id, persona: p, old: n, new: o)
        case .setLaneKind(let id, let o, let n): return .setLaneKind(id, old: n, new: o)
        case .setLaneContent(let id, let o, let n): return .setLaneContent(id, old: n, new: o)
        case .linkPersona(let p, let i, let s): return .unlinkPersona(p, index: i, scores: s)
        case .unlinkPersona(let p, let i, let s): return .linkPersona(p, index: i, scores: s)
        case .insertStage(let s, let i, let c): return .removeStage(s, index: i, cells: c)
        case .removeStage(let s, let i, let c): return .insertStage(s, index: i, cells: c)
        case .insertLane(let l, let i): return .removeLane(l, index: i)
        case .removeLane(let l, let i): return .insertLane(l, index: i)
        case .moveStage(let id, let f, let t): return .moveStage(id, from: t, to: f)
        case .moveLane(let id, let f, let t): return .moveLane(id, from: t, to: f)
        }
    }

    /// A rough size in bytes, for bounding the history.
    var cost: Int {
        switch self {
        case .setTitle(let o, let n), .setGoal(let o, let n), .setSegment(let o, let n): return 32 + o.utf8.count + n.utf8.count
        case .setCell(_, _, let o, let n), .renameStage(_, let o, let n), .renameLane(_, let o, let n):
            return 64 + o.utf8.count + n.utf8.count
        case .setEmotion, .setLaneKind, .setLaneContent, .moveStage, .moveLane: return 64
        case .linkPersona(_, _, let s), .unlinkPersona(_, _, let s): return 64 + 32 * s.count
        case .insertStage(let s, _, let c), .removeStage(let s, _, let c):
            return 96 + s.name.utf8.count + c.reduce(0) { $0 + 24 + $1.value.utf8.count }
        case .insertLane(let l, _), .removeLane(let l, _):
            return 96 + l.title.utf8.count + l.cells.reduce(0) { $0 + 24 + $1.value.utf8.count }
        }
    }
}

/// An operation that does not fit the document it is applied to (a damaged history, say).
public struct OperationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension JourneyMap {
    /// Applies one operation, checking that what it replaces is what the map holds.
    public mutating func apply(_ op: Operation) throws(OperationError) {
        func fail(_ m: String) -> OperationError { OperationError(message: m) }
        switch op {
        case .setTitle(let old, let new):
            guard title == old else { throw fail("title differs from the history") }
            title = new
        case .setGoal(let old, let new):
            guard goal == old else { throw fail("goal differs from the history") }
            goal = new
        case .setCell(let lane, let stage, let old, let new):
            guard let l = laneIndex(lane) else { throw fail("no lane \(lane)") }
            guard stageIndex(stage) != nil else { throw fail("no stage \(stage)") }
            guard lanes[l].cell(stage) == old else { throw fail("cell \(lane)/\(stage) differs from the history") }
            lanes[l].cells[stage] = new.isEmpty ? nil : new
        case .renameStage(let id, let old, let new):
            guard let s = stageIndex(id), stages[s].name == old else { throw fail("stage \(id) differs from the history") }
            stages[s].name = new
        case .renameLane(let id, let old, let new):
            guard let l = laneIndex(id), lanes[l].title == old else { throw fail("lane \(id) differs from the history") }
            lanes[l].title = new
        case .setSegment(let old, let new):
            guard segment == old else { throw fail("segment differs from the history") }
            segment = new
        case .setEmotion(let id, let persona, let old, let new):
            guard let s = stageIndex(id), stages[s].score(for: persona) == old else {
                throw fail("score of \(id) differs from the history")
            }
            if let new, !Emotion.range.contains(new) { throw fail("score \(new) out of range") }
            if let persona {
                guard personas.contains(persona) else { throw fail("persona \(persona) is not on this map") }
                stages[s].emotions[persona] = new
            } else {
                stages[s].emotion = new
            }
        case .setLaneKind(let id, let old, let new):
            guard let l = laneIndex(id), lanes[l].kind == old else { throw fail("lane \(id) differs from the history") }
            lanes[l].kind = new
        case .setLaneContent(let id, let old, let new):
            guard let l = laneIndex(id), lanes[l].content == old else { throw fail("lane \(id) differs from the history") }
            lanes[l].content = new
        case .linkPersona(let p, let index, let scores):
            guard !personas.contains(p), index >= 0, index <= personas.count else { throw fail("cannot link persona \(p)") }
            for sid in scores.keys where stageIndex(sid) == nil { throw fail("no stage \(sid)") }
            for score in scores.values where !Emotion.range.contains(score) { throw fail("score \(score) out of range") }
            personas.insert(p, at: index)
            for (sid, score) in scores { stages[stageIndex(sid)!].emotions[p] = score }
        case .unlinkPersona(let p, let index, let scores):
            guard index >= 0, index < personas.count, personas[index] == p else { throw fail("persona \(p) is not at \(index)") }
            var current: [StageID: Int] = [:]
            for st in stages { if let v = st.emotions[p] { current[st.id] = v } }
            guard current == scores else { throw fail("scores of \(p) differ from the history") }
            personas.remove(at: index)
            for i in stages.indices { stages[i].emotions[p] = nil }
        case .insertStage(let stage, let index, let cells):
            guard index >= 0, index <= stages.count, stageIndex(stage.id) == nil else {
                throw fail("cannot insert stage \(stage.id) at \(index)")
            }
            for laneID in cells.keys where laneIndex(laneID) == nil { throw fail("no lane \(laneID)") }
            if let problem = problem(of: stage) { throw fail(problem) }
            stages.insert(stage, at: index)
            for (laneID, text) in cells where !text.isEmpty {
                lanes[laneIndex(laneID)!].cells[stage.id] = text
            }
        case .removeStage(let stage, let index, let cells):
            guard index >= 0, index < stages.count, stages[index] == stage else {
                throw fail("stage \(stage.id) is not at \(index)")
            }
            for l in lanes.indices where lanes[l].cell(stage.id) != (cells[lanes[l].id] ?? "") {
                throw fail("cells of stage \(stage.id) differ from the history")
            }
            stages.remove(at: index)
            for l in lanes.indices { lanes[l].cells[stage.id] = nil }
        case .insertLane(let lane, let index):
            guard index >= 0, index <= lanes.count, laneIndex(lane.id) == nil else {
                throw fail("cannot insert lane \(lane.id) at \(index)")
            }
            if let problem = problem(of: lane) { throw fail(problem) }
            lanes.insert(lane, at: index)
        case .removeLane(let lane, let index):
            guard index >= 0, index < lanes.count, lanes[index] == lane else { throw fail("lane \(lane.id) is not at \(index)") }
            lanes.remove(at: index)
        case .moveStage(let id, let from, let to):
            guard stages.move(from: from, to: to, where: { $0.id == id }) else { throw fail("cannot move stage \(id)") }
        case .moveLane(let id, let from, let to):
            guard lanes.move(from: from, to: to, where: { $0.id == id }) else { throw fail("cannot move lane \(id)") }
        }
    }
}

extension JourneyMap {
    /// What the loader would refuse in a stage about to join this map, or nil.
    func problem(of stage: Stage) -> String? {
        if stage.id.raw.isEmpty { return "a stage id cannot be empty" }
        if let e = stage.emotion, !Emotion.range.contains(e) { return "score \(e) out of range" }
        for (p, e) in stage.emotions {
            if !personas.contains(p) { return "persona \(p) is not on this map" }
            if !Emotion.range.contains(e) { return "score \(e) out of range" }
        }
        return nil
    }

    /// What the loader would refuse in a lane about to join this map, or nil.
    func problem(of lane: Lane) -> String? {
        if lane.id.raw.isEmpty { return "a lane id cannot be empty" }
        for (sid, text) in lane.cells {
            if stageIndex(sid) == nil { return "no stage \(sid)" }
            if text.isEmpty { return "an empty cell is no cell" }
        }
        return nil
    }

    /// What the loader would refuse in this map, or nil: the same checks as reading the file.
    public var problem: String? {
        if id.raw.isEmpty { return "a map id cannot be empty" }
        if Set(personas).count != personas.count { return "a persona is linked twice" }
        var stageIDs: Set<StageID> = []
        for st in stages {
            if let p = problem(of: st) { return p }
            if !stageIDs.insert(st.id).inserted { return "the stage id \(st.id) is used twice" }
        }
        var laneIDs: Set<LaneID> = []
        for l in lanes {
            if let p = problem(of: l) { return p }
            if !laneIDs.insert(l.id).inserted { return "the lane id \(l.id) is used twice" }
        }
        return nil
    }
}

extension Array {
    /// Moves the element at `from` to `to` when both are in range and the element is the one
    /// expected; returns whether it moved.
    mutating func move(from: Int, to: Int, where expected: (Element) -> Bool) -> Bool {
        guard indices.contains(from), indices.contains(to), expected(self[from]) else { return false }
        insert(remove(at: from), at: to)
        return true
    }
}
