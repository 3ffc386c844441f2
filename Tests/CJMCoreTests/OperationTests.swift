import Testing

@testable import CJMCore
@testable import CJMStorage

typealias Rng = SplitMix64

/// One random user action on the workspace, as the editor would build it; nil when it changes nothing.
func randomEdit(_ ws: Workspace, _ rng: inout Rng) -> Transaction? {
    let words = ["Мысль", "action", "漢字", "🎬", "", "a \"quoted\"\nline", "Возможность", "x", "CTR = 2.5 %"]
    func text() -> String {
        (0..<Int.random(in: 0...3, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
    }
    let map = ws.maps.randomElement(using: &rng)!
    let stage = map.stages.randomElement(using: &rng)
    let lane = map.lanes.randomElement(using: &rng)
    let persona = ws.personas.randomElement(using: &rng)
    switch Int.random(in: 0..<24, using: &rng) {
    case 0...3:
        guard let stage, let lane else { return nil }
        return Edits.setCell(map, lane: lane.id, stage: stage.id, text())
    case 4: return stage.flatMap { Edits.renameStage(map, $0.id, text()) }
    case 5: return lane.flatMap { Edits.renameLane(map, $0.id, text()) }
    case 6:
        return stage.flatMap {
            Edits.setEmotion(map, $0.id, Bool.random(using: &rng) ? nil : Int.random(in: -2...2, using: &rng))
        }
    case 7:
        let id = map.freshStageID(using: &rng)
        return Edits.insertStage(
            map, Stage(id: id, name: text(), emotion: 1), at: Int.random(in: 0...map.stages.count, using: &rng))
    case 8: return map.stages.count > 1 ? stage.flatMap { Edits.deleteStage(map, $0.id) } : nil
    case 9:
        let id = map.freshLaneID(using: &rng)
        var lane = Lane(id: id, title: text(), kind: LaneKind.allCases.randomElement(using: &rng)!)
        if let s = map.stages.first { lane.cells[s.id] = "seed" }
        return Edits.insertLane(map, lane, at: Int.random(in: 0...map.lanes.count, using: &rng))
    case 10: return map.lanes.count > 1 ? lane.flatMap { Edits.deleteLane(map, $0.id) } : nil
    case 11: return stage.flatMap { Edits.moveStage(map, $0.id, by: Int.random(in: -2...2, using: &rng)) }
    case 12: return lane.flatMap { Edits.moveLane(map, $0.id, by: Int.random(in: -2...2, using: &rng)) }
    case 13:
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return Edits.setTitle(map, text())
        case 1: return Edits.setGoal(map, text())
        case 2: return Edits.setSegment(map, text())
        default: return lane.flatMap { Edits.setLaneKind(map, $0.id, LaneKind.allCases.randomElement(using: &rng)!) }
        }
    case 14: return lane.flatMap { Edits.setLaneContent(map, $0.id, LaneContent.allCases.randomElement(using: &rng)!) }
    case 15:
        guard let p = map.personas.randomElement(using: &rng), let stage else { return nil }
        return Edits.setEmotion(map, stage.id, Int.random(in: -2...2, using: &rng), persona: p)
    case 16: return persona.flatMap { Edits.linkPersona(ws, map: map, $0.id) }
    case 17: return persona.flatMap { Edits.unlinkPersona(ws, map: map, $0.id) }
    case 18: return Edits.insertPersona(ws, Persona(id: ws.freshPersonaID(using: &rng), name: text(), segment: text()))
    case 19:
        return persona.flatMap {
            Edits.setPersonaField(ws, $0.id, field: Int.random(in: 0..<Persona.fields.count, using: &rng), text())
        }
    case 20: return ws.personas.count > 1 ? persona.flatMap { Edits.deletePersona(ws, $0.id) } : nil
    case 21:
        if Bool.random(using: &rng) {
            return Edits.duplicateMap(ws, map.id, newID: ws.freshMapID(using: &rng), title: text())
        }
        return Edits.deleteMap(ws, map.id)
    case 22:
        if Bool.random(using: &rng) {
            return persona.flatMap { Edits.movePersona(ws, $0.id, by: Int.random(in: -1...1, using: &rng)) }
        }
        return Edits.moveMap(ws, map.id, by: Int.random(in: -1...1, using: &rng))
    default: return Edits.setChannels(ws, Array(ws.channels.shuffled(using: &rng).prefix(Int.random(in: 1...6, using: &rng))))
    }
}

@Suite(.temporaryFolders) struct OperationTests {
    /// Every operation, applied and then inverted, gives the map back.
    @Test func eachOperationAndItsInverse() throws {
        let m = sampleMap
        let s0 = m.stages[0]
        let l0 = m.lanes[0]
        var cells: [LaneID: String] = [:]
        for lane in m.lanes where !lane.cell(s0.id).isEmpty { cells[lane.id] = lane.cell(s0.id) }
        let ops: [Operation] = [
            .setTitle(old: m.title, new: "Новое"),
            .setGoal(old: m.goal, new: "Цель"),
            .setCell(lane: l0.id, stage: s0.id, old: l0.cell(s0.id), new: "Текст 🎬"),
            .setCell(lane: l0.id, stage: s0.id, old: l0.cell(s0.id), new: ""),
            .renameStage(s0.id, old: s0.name, new: "Этап"),
            .renameLane(l0.id, old: l0.title, new: "Строка"),
            .setEmotion(s0.id, persona: nil, old: s0.emotion, new: -2),
            .setEmotion(s0.id, persona: PersonaID("anna"), old: s0.emotions[PersonaID("anna")], new: nil),
            .setEmotion(s0.id, persona: PersonaID("anna"), old: s0.emotions[PersonaID("anna")], new: 2),
            .setSegment(old: m.segment, new: "Новый сегмент"),
            .setLaneContent(l0.id, old: l0.content, new: .list),
            .unlinkPersona(
                PersonaID("anna"), index: 0,
                scores: Dictionary(
                    uniqueKeysWithValues: m.stages.compactMap { st in st.emotions[PersonaID("anna")].map { (st.id, $0) } })),
            .setLaneKind(l0.id, old: l0.kind, new: .metrics),
            .insertStage(Stage(id: StageID("new"), name: "Новый", emotion: 2), index: 2, cells: [l0.id: "ячейка"]),
            .removeStage(s0, index: 0, cells: cells),
            .insertLane(Lane(id: LaneID("nl"), title: "Новая", kind: .notes, cells: [s0.id: "x"]), index: 1),
            .removeLane(l0, index: 0),
            .moveStage(s0.id, from: 0, to: 4),
            .moveLane(l0.id, from: 0, to: 5),
        ]
        for op in ops {
            var map = m
            try map.apply(op)
            #expect(map != m, "\(op) changed nothing")
            try map.apply(op.inverse)
            #expect(map == m, "\(op) inverse")
            #expect(MapCodec.encode(map) == MapCodec.encode(m))
        }
    }

    @Test func operationsThatDoNotFitAreRefusedAndChangeNothing() {
        var session = EditSession(map: sampleMap)
        let bad = Transaction(
            "bad",
            [
                .map(sampleMap.id, .setTitle(old: sampleMap.title, new: "ok")),
                .map(sampleMap.id, .setCell(lane: LaneID("nope"), stage: sampleMap.stages[0].id, old: "", new: "x")),
            ])
        #expect(throws: OperationError.self) { try session.perform(bad) }
        #expect(session.map == sampleMap)
        #expect(!session.history.canUndo)
    }

    @Test func deletingAStageIsOneStepWithItsCellsAndScore() throws {
        var session = EditSession(map: sampleMap)
        let id = sampleMap.stages[1].id
        try session.perform(Edits.deleteStage(session.map, id)!)
        #expect(session.map.stageIndex(id) == nil)
        #expect(session.map.lanes.allSatisfy { $0.cells[id] == nil })
        #expect(try session.undo()?.label == "delete stage Интерес")
        #expect(session.map == sampleMap)
    }

    @Test func nudgeStaysInRangeAndStartsFromZero() throws {
        var map = sampleMap
        map.stages[0].emotion = nil
        var s = EditSession(map: map)
        try s.perform(Edits.nudgeEmotion(s.map, map.stages[0].id, by: 1)!)
        #expect(s.map.stages[0].emotion == 0)
        for _ in 0..<5 { if let t = Edits.nudgeEmotion(s.map, map.stages[0].id, by: 1) { try s.perform(t) } }
        #expect(s.map.stages[0].emotion == 2)
        #expect(Edits.nudgeEmotion(s.map, map.stages[0].id, by: 1) == nil)
    }

    /// A few hundred random actions; undoing them all gives the original bytes, redoing them
    /// all the final bytes, and the same holds after saving and reopening with the history.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomEditsUndoAndRedoExactly(seed: UInt64) throws {
        var rng = Rng(seed: seed)
        var session = EditSession(workspace: sampleWorkspace)
        let original = MapCodec.encode(sampleWorkspace)
        var steps = 0
        while steps < 300 {
            guard let t = randomEdit(session.workspace, &rng) else { continue }
            try session.perform(t)
            steps += 1
        }
        let final = MapCodec.encode(session.workspace)
        #expect(final != original)

        var back = session
        while try back.undo() != nil {}
        #expect(MapCodec.encode(back.workspace) == original)
        while try back.redo() != nil {}
        #expect(MapCodec.encode(back.workspace) == final)

        let dir = temporaryFolder()
        let path = dir + "/map.json"
        try MapStore.save(session.workspace, history: session.history, to: path)
        let opened = try MapStore.open(path)
        #expect(opened.notices.isEmpty)
        #expect(opened.history == session.history)
        var reopened = EditSession(workspace: opened.workspace, history: opened.history)
        #expect(MapCodec.encode(reopened.workspace) == final)
        while try reopened.undo() != nil {}
        #expect(MapCodec.encode(reopened.workspace) == original)
        while try reopened.redo() != nil {}
        #expect(MapCodec.encode(reopened.workspace) == final)
    }
}
