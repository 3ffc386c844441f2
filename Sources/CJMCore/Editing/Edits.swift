/// Builds the transaction for each user action from the current map. Each returns nil
/// when the action would change nothing (so no empty step lands in the history).
public enum Edits {
    public static func setTitle(_ map: JourneyMap, _ text: String) -> Transaction? {
        map.title == text ? nil : Transaction(.stepEditTitle, [], [.map(map.id, .setTitle(old: map.title, new: text))])
    }

    public static func setGoal(_ map: JourneyMap, _ text: String) -> Transaction? {
        map.goal == text ? nil : Transaction(.stepEditGoal, [], [.map(map.id, .setGoal(old: map.goal, new: text))])
    }

    public static func setCell(_ map: JourneyMap, lane: LaneID, stage: StageID, _ text: String) -> Transaction? {
        let old = map.cell(lane: lane, stage: stage)
        guard old != text, let l = map.laneIndex(lane), let s = map.stageIndex(stage) else { return nil }
        return Transaction(
            text.isEmpty ? .stepClearCell : .stepEditCell, [.text(map.stages[s].name), .text(map.lanes[l].title)],
            [.map(map.id, .setCell(lane: lane, stage: stage, old: old, new: text))])
    }

    public static func renameStage(_ map: JourneyMap, _ id: StageID, _ name: String) -> Transaction? {
        guard let s = map.stageIndex(id), map.stages[s].name != name else { return nil }
        return Transaction(
            .stepRenameStage, [.text(map.stages[s].name), .text(name)],
            [.map(map.id, .renameStage(id, old: map.stages[s].name, new: name))])
    }

    public static func renameLane(_ map: JourneyMap, _ id: LaneID, _ title: String) -> Transaction? {
        guard let l = map.laneIndex(id), map.lanes[l].title != title else { return nil }
        return Transaction(
            .stepRenameLane, [.text(map.lanes[l].title), .text(title)],
            [.map(map.id, .renameLane(id, old: map.lanes[l].title, new: title))])
    }

    /// Sets a score on a curve: the persona's (named in the label), or the map's own.
    public static func setEmotion(_ map: JourneyMap, _ id: StageID, _ score: Int?, persona: PersonaID? = nil, name: String? = nil)
        -> Transaction?
    {
        guard let s = map.stageIndex(id), map.stages[s].score(for: persona) != score else { return nil }
        if let persona, !map.personas.contains(persona) { return nil }
        if let score, !Emotion.range.contains(score) { return nil }
        let stage = Words.Argument.text(map.stages[s].name)
        let whose = name.map { [Words.Argument.text($0)] } ?? []
        let (phrase, args): (Phrase, [Words.Argument]) =
            if let score {
                (name == nil ? .stepScore : .stepScoreFor, [stage, .text(Emotion.signed(score))] + whose)
            } else {
                (name == nil ? .stepClearScore : .stepClearScoreFor, [stage] + whose)
            }
        return Transaction(
            phrase, args, [.map(map.id, .setEmotion(id, persona: persona, old: map.stages[s].score(for: persona), new: score))])
    }

    /// Moves the score by `delta`, within -2…+2; an unscored stage starts from 0.
    public static func nudgeEmotion(
        _ map: JourneyMap, _ id: StageID, by delta: Int, persona: PersonaID? = nil, name: String? = nil
    )
        -> Transaction?
    {
        guard let s = map.stageIndex(id) else { return nil }
        let current = map.stages[s].score(for: persona)
        let next = current.map { min(2, max(-2, $0 + delta)) } ?? 0
        return setEmotion(map, id, next, persona: persona, name: name)
    }

    public static func setLaneKind(_ map: JourneyMap, _ id: LaneID, _ kind: LaneKind) -> Transaction? {
        guard let l = map.laneIndex(id), map.lanes[l].kind != kind else { return nil }
        return Transaction(
            .stepLaneKind, [.text(map.lanes[l].title), .kind(kind)],
            [.map(map.id, .setLaneKind(id, old: map.lanes[l].kind, new: kind))])
    }

    public static func insertStage(_ map: JourneyMap, _ stage: Stage, at index: Int) -> Transaction? {
        guard index >= 0, index <= map.stages.count, map.stageIndex(stage.id) == nil else { return nil }
        return Transaction(.stepAddStage, [.text(stage.name)], [.map(map.id, .insertStage(stage, index: index, cells: [:]))])
    }

    /// Removes a stage with its score and all its cells, as one step.
    public static func deleteStage(_ map: JourneyMap, _ id: StageID) -> Transaction? {
        guard let s = map.stageIndex(id) else { return nil }
        var cells: [LaneID: String] = [:]
        for lane in map.lanes {
            let text = lane.cell(id)
            if !text.isEmpty { cells[lane.id] = text }
        }
        return Transaction(
            .stepDeleteStage, [.text(map.stages[s].name)], [.map(map.id, .removeStage(map.stages[s], index: s, cells: cells))])
    }

    public static func insertLane(_ map: JourneyMap, _ lane: Lane, at index: Int) -> Transaction? {
        guard index >= 0, index <= map.lanes.count, map.laneIndex(lane.id) == nil else { return nil }
        return Transaction(.stepAddLane, [.text(lane.title)], [.map(map.id, .insertLane(lane, index: index))])
    }

    public static func deleteLane(_ map: JourneyMap, _ id: LaneID) -> Transaction? {
        guard let l = map.laneIndex(id) else { return nil }
        return Transaction(.stepDeleteLane, [.text(map.lanes[l].title)], [.map(map.id, .removeLane(map.lanes[l], index: l))])
    }

    public static func moveStage(_ map: JourneyMap, _ id: StageID, by delta: Int) -> Transaction? {
        guard let s = map.stageIndex(id) else { return nil }
        let to = s + delta
        guard to >= 0, to < map.stages.count, to != s else { return nil }
        return Transaction(.stepMoveStage, [.text(map.stages[s].name)], [.map(map.id, .moveStage(id, from: s, to: to))])
    }

    public static func moveLane(_ map: JourneyMap, _ id: LaneID, by delta: Int) -> Transaction? {
        guard let l = map.laneIndex(id) else { return nil }
        let to = l + delta
        guard to >= 0, to < map.lanes.count, to != l else { return nil }
        return Transaction(.stepMoveLane, [.text(map.lanes[l].title)], [.map(map.id, .moveLane(id, from: l, to: to))])
    }

    public static func setSegment(_ map: JourneyMap, _ text: String) -> Transaction? {
        map.segment == text ? nil : Transaction(.stepEditSegment, [], [.map(map.id, .setSegment(old: map.segment, new: text))])
    }

    /// Changes how a lane holds its cells; the text is kept (one item per line).
    public static func setLaneContent(_ map: JourneyMap, _ id: LaneID, _ content: LaneContent) -> Transaction? {
        guard let l = map.laneIndex(id), map.lanes[l].content != content else { return nil }
        return Transaction(
            .stepLaneContent, [.text(map.lanes[l].title), .content(content)],
            [.map(map.id, .setLaneContent(id, old: map.lanes[l].content, new: content))])
    }

    // MARK: Personas on a map

    public static func linkPersona(_ ws: Workspace, map: JourneyMap, _ p: PersonaID) -> Transaction? {
        guard !map.personas.contains(p), let persona = ws.persona(p) else { return nil }
        return Transaction(
            .stepLinkPersona, [.text(persona.name), .text(map.title)],
            [.map(map.id, .linkPersona(p, index: map.personas.count, scores: [:]))])
    }

    public static func unlinkPersona(_ ws: Workspace, map: JourneyMap, _ p: PersonaID) -> Transaction? {
        guard let i = map.personas.firstIndex(of: p) else { return nil }
        var scores: [StageID: Int] = [:]
        for st in map.stages { if let v = st.emotions[p] { scores[st.id] = v } }
        let name = ws.persona(p)?.name ?? p.raw
        return Transaction(
            .stepUnlinkPersona, [.text(name), .text(map.title)], [.map(map.id, .unlinkPersona(p, index: i, scores: scores))])
    }

    // MARK: Maps

    public static func insertMap(_ ws: Workspace, _ map: JourneyMap, at index: Int) -> Transaction? {
        guard index >= 0, index <= ws.maps.count, ws.mapIndex(map.id) == nil else { return nil }
        return Transaction(.stepAddMap, [.text(map.title)], [.insertMap(map, index: index)])
    }

    /// A copy of a map for another segment: new ids for the map, the same stages, lanes and text.
    public static func duplicateMap(_ ws: Workspace, _ id: MapID, newID: MapID, title: String) -> Transaction? {
        guard let i = ws.mapIndex(id), ws.mapIndex(newID) == nil else { return nil }
        var copy = ws.maps[i]
        copy.id = newID
        copy.title = title
        return Transaction(.stepDuplicateMap, [.text(ws.maps[i].title)], [.insertMap(copy, index: i + 1)])
    }

    /// A copy of a stage, with its scores and cells, right after it.
    public static func duplicateStage(_ map: JourneyMap, _ id: StageID, newID: StageID, name: String) -> Transaction? {
        guard let j = map.stageIndex(id), map.stageIndex(newID) == nil else { return nil }
        var copy = map.stages[j]
        copy.id = newID
        copy.name = name
        var cells: [LaneID: String] = [:]
        for lane in map.lanes where !lane.cell(id).isEmpty { cells[lane.id] = lane.cell(id) }
        return Transaction(
            .stepDuplicateStage, [.text(map.stages[j].name)], [.map(map.id, .insertStage(copy, index: j + 1, cells: cells))])
    }

    /// A copy of a lane, with its cells, right below it.
    public static func duplicateLane(_ map: JourneyMap, _ id: LaneID, newID: LaneID, title: String) -> Transaction? {
        guard let i = map.laneIndex(id), map.laneIndex(newID) == nil else { return nil }
        var copy = map.lanes[i]
        copy.id = newID
        copy.title = title
        return Transaction(.stepDuplicateLane, [.text(map.lanes[i].title)], [.map(map.id, .insertLane(copy, index: i + 1))])
    }

    public static func deleteMap(_ ws: Workspace, _ id: MapID) -> Transaction? {
        guard let i = ws.mapIndex(id), ws.maps.count > 1 else { return nil }
        return Transaction(.stepDeleteMap, [.text(ws.maps[i].title)], [.removeMap(ws.maps[i], index: i)])
    }

    public static func moveMap(_ ws: Workspace, _ id: MapID, by delta: Int) -> Transaction? {
        guard let i = ws.mapIndex(id) else { return nil }
        let to = i + delta
        guard to >= 0, to < ws.maps.count, to != i else { return nil }
        return Transaction(.stepMoveMap, [.text(ws.maps[i].title)], [.moveMap(id, from: i, to: to)])
    }

    // MARK: The persona library

    public static func insertPersona(_ ws: Workspace, _ p: Persona) -> Transaction? {
        guard ws.personaIndex(p.id) == nil else { return nil }
        return Transaction(.stepAddPersona, [.text(p.name)], [.insertPersona(p, index: ws.personas.count)])
    }

    public static func setPersonaField(_ ws: Workspace, _ id: PersonaID, field: Int, _ text: String) -> Transaction? {
        guard let i = ws.personaIndex(id), field >= 0, field < Persona.fields.count else { return nil }
        let f = Persona.fields[field]
        let old = ws.personas[i]
        guard old[keyPath: f.path] != text else { return nil }
        var new = old
        new[keyPath: f.path] = text
        return Transaction(.stepEditPersonaField, [.phrase(f.phrase), .text(old.name)], [.setPersona(old: old, new: new)])
    }

    /// Deletes a persona: unlinks it from every map (its scores go with it), then removes it.
    public static func deletePersona(_ ws: Workspace, _ id: PersonaID) -> Transaction? {
        guard let i = ws.personaIndex(id) else { return nil }
        var changes: [Change] = []
        for map in ws.maps where map.personas.contains(id) {
            if let t = unlinkPersona(ws, map: map, id) { changes += t.operations }
        }
        changes.append(.removePersona(ws.personas[i], index: i))
        return Transaction(.stepDeletePersona, [.text(ws.personas[i].name)], changes)
    }

    public static func movePersona(_ ws: Workspace, _ id: PersonaID, by delta: Int) -> Transaction? {
        guard let i = ws.personaIndex(id) else { return nil }
        let to = i + delta
        guard to >= 0, to < ws.personas.count, to != i else { return nil }
        return Transaction(.stepMovePersona, [.text(ws.personas[i].name)], [.movePersona(id, from: i, to: to)])
    }

    public static func setChannels(_ ws: Workspace, _ channels: [String]) -> Transaction? {
        ws.channels == channels ? nil : Transaction(.stepEditPalette, [], [.setChannels(old: ws.channels, new: channels)])
    }

    /// Renames a channel in the palette and in every cell that carries it, as one step.
    public static func renameChannel(_ ws: Workspace, _ old: String, to new: String) -> Transaction? {
        guard old != new, !new.isEmpty, !new.contains("\n"), let i = ws.channels.firstIndex(of: old), !ws.channels.contains(new)
        else { return nil }
        var palette = ws.channels
        palette[i] = new
        var changes: [Change] = [.setChannels(old: ws.channels, new: palette)]
        for map in ws.maps {
            for lane in map.lanes where lane.content == .channels {
                for stage in map.stages {
                    let items = lane.cell(stage.id).items
                    guard items.contains(old) else { continue }
                    let text = items.map { $0 == old ? new : $0 }.joined(separator: "\n")
                    if let t = setCell(map, lane: lane.id, stage: stage.id, text) { changes += t.operations }
                }
            }
        }
        return Transaction(.stepRenameChannel, [.text(old), .text(new)], changes)
    }
}

extension Edits {
    /// Decides a merge conflict: the place takes `side`'s value (for a thing one side deleted,
    /// deleting it or keeping it), or, with no side, keeps what the map holds now (the user
    /// edited it). Conflicts inside a thing deleted go with it. One undoable step.
    public static func resolveConflict(_ ws: Workspace, _ conflict: Conflict, keeping side: Conflict.Side?, _ t: Language)
        -> Transaction?
    {
        guard let index = ws.conflicts.firstIndex(of: conflict) else { return nil }
        let p = conflict.place
        let map = p.map.flatMap(ws.mapIndex).map { ws.maps[$0] }
        /// The step that sets the place to `side`'s value, when it changes anything.
        func step(_ v: String?) -> Transaction? {
            func onMap(_ edit: (JourneyMap) -> Transaction?) -> Transaction? { map.flatMap(edit) }
            switch p {
            case .title: return onMap { setTitle($0, v ?? "") }
            case .goal: return onMap { setGoal($0, v ?? "") }
            case .segment: return onMap { setSegment($0, v ?? "") }
            case .stageName(_, let s): return onMap { renameStage($0, s, v ?? "") }
            case .score(_, let s, let persona): return onMap { setEmotion($0, s, v.flatMap { Int($0) }, persona: persona) }
            case .laneTitle(_, let l): return onMap { renameLane($0, l, v ?? "") }
            case .laneKind(_, let l): return v.flatMap(LaneKind.parse).flatMap { k in onMap { setLaneKind($0, l, k) } }
            case .laneContent(_, let l):
                return v.flatMap { LaneContent(rawValue: $0) }.flatMap { c in onMap { setLaneContent($0, l, c) } }
            case .cell(_, let l, let s): return onMap { setCell($0, lane: l, stage: s, v ?? "") }
            case .personaField(let id, let key):
                return Persona.fields.firstIndex { $0.key == key }.flatMap { setPersonaField(ws, id, field: $0, v ?? "") }
            case .map(let id) where v == nil: return deleteMap(ws, id)
            case .persona(let id) where v == nil: return deletePersona(ws, id)
            case .stage(_, let s) where v == nil: return onMap { deleteStage($0, s) }
            case .lane(_, let l) where v == nil: return onMap { deleteLane($0, l) }
            case .map, .persona, .stage, .lane: return nil  // kept: it is already there
            }
        }
        var ops: [Change] = []
        if let side, ws.holds(p) {
            let t = step(conflict.value(side))
            // A workspace keeps one map: deciding to delete the last one cannot be done.
            if case .map = p, conflict.value(side) == nil, t == nil { return nil }
            ops = t?.operations ?? []
        }
        var after = ws
        for op in ops { try? after.apply(op) }
        var rest = ws.conflicts
        rest.remove(at: index)
        rest = rest.filter { after.holds($0.place) || !ws.holds($0.place) }
        ops.append(.setConflicts(old: ws.conflicts, new: rest))
        let how: Phrase = side == .ours ? .sideOurs : side == .theirs ? .sideTheirs : .sideEdited
        return Transaction(.stepResolveConflict, [.text(ws.describe(p, t)), .phrase(how)], ops)
    }
}
