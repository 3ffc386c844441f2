import Testing

@testable import CJMCore

@Suite struct HistoryTests {
    @Test func boundedInStepsDroppingTheOldest() throws {
        var s = EditSession(map: sampleMap, history: History(maxSteps: 10))
        let lane = sampleMap.lanes[0].id
        let stage = sampleMap.stages[0].id
        for i in 0..<25 { try s.perform(Edits.setCell(s.map, lane: lane, stage: stage, "v\(i)")!) }
        #expect(s.history.undoStack.count == 10)
        while try s.undo() != nil {}
        #expect(s.map.cell(lane: lane, stage: stage) == "v14")  // the 15 oldest steps are gone
    }

    @Test func boundedInBytes() throws {
        var s = EditSession(map: sampleMap, history: History(maxSteps: 10_000, maxBytes: 20_000))
        let lane = sampleMap.lanes[0].id
        let stage = sampleMap.stages[0].id
        for i in 0..<200 {
            try s.perform(Edits.setCell(s.map, lane: lane, stage: stage, String(repeating: "ж", count: 100) + "\(i)")!)
        }
        #expect(s.history.bytes <= 20_000)
        #expect(s.history.undoStack.count < 200)
        #expect(s.history.undoStack.count > 10)
    }

    @Test func newEditClearsRedo() throws {
        var s = EditSession(map: sampleMap)
        let lane = sampleMap.lanes[0].id
        let stage = sampleMap.stages[0].id
        try s.perform(Edits.setCell(s.map, lane: lane, stage: stage, "a")!)
        try s.undo()
        #expect(s.history.canRedo)
        try s.perform(Edits.setCell(s.map, lane: lane, stage: stage, "b")!)
        #expect(!s.history.canRedo)
    }

    /// One cell edit adds history bytes in proportion to the edit, whatever the map's size.
    @Test func aCellEditCostsHistoryInProportionToTheEdit() throws {
        func growth(stages: Int) throws -> Int {
            var map = JourneyMap(title: "big")
            var rng = Rng(seed: 9)
            for i in 0..<stages { map.stages.append(Stage(id: map.freshStageID(using: &rng), name: "Stage \(i)")) }
            var lane = Lane(id: LaneID("l"), title: "Lane", kind: .notes)
            for s in map.stages { lane.cells[s.id] = String(repeating: "текст ", count: 50) }
            map.lanes = [lane]
            var session = EditSession(map: map)
            let before = HistoryCodec.encode(session.history, documentFingerprint: "x").count
            try session.perform(Edits.setCell(session.map, lane: lane.id, stage: map.stages[3].id, "short new text")!)
            return HistoryCodec.encode(session.history, documentFingerprint: "x").count - before
        }
        let small = try growth(stages: 10)
        let large = try growth(stages: 2000)
        #expect(small == large)
        #expect(small < 1200)  // the old text (300 chars of Cyrillic, ~600 bytes) plus the new one and ids
    }
}
