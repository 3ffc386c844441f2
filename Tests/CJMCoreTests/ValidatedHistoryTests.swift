import Testing

@testable import CJMCore
@testable import CJMStorage

/// The document after any step is one the loader accepts: encoding it and reading it back
/// gives the same document.
func expectLoadable(_ ws: Workspace, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let back = try MapCodec.decode(MapCodec.encode(ws))
        #expect(back == ws, "\(context): the saved document reads back differently", sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(context): the saved document does not read back: \(error.message)", sourceLocation: sourceLocation)
    }
}

/// A history file whose fingerprint matches the map, so only its contents can stop it.
func hostileHistory(_ ws: Workspace, undo: [Transaction], redo: [Transaction] = []) -> [UInt8] {
    HistoryCodec.encode(History(undo: undo, redo: redo), documentFingerprint: fingerprint(MapCodec.encode(ws)))
}

@Suite(.temporaryFolders) struct ValidatedHistoryTests {
    /// Histories with a matching fingerprint, each a reported attack: none is applied, each is
    /// set aside with a message, and the map opens as it is on disk.
    @Test(arguments: ["undo removes the last map", "a score of 99", "a linked score of 99", "a score for an unlinked persona"])
    func aHostileHistoryIsSetAsideNotApplied(attack: String) throws {
        var ws = sampleWorkspace
        ws.maps = [ws.maps[0]]
        let map = ws.maps[0]
        let other = ws.personas.first { !map.personas.contains($0.id) }!
        var bytes: [UInt8]
        switch attack {
        case "undo removes the last map":
            bytes = hostileHistory(ws, undo: [Transaction("new map", [.insertMap(map, index: 0)])])
        case "a score of 99":
            let stage = Stage(id: StageID("evil"), name: "x", emotion: 1)
            bytes = hostileHistory(
                ws, undo: [], redo: [Transaction("add", [.map(map.id, .insertStage(stage, index: 0, cells: [:]))])])
            bytes = Array(String(decoding: bytes, as: UTF8.self).replacingFirst("\"emotion\": 1", with: "\"emotion\": 99").utf8)
        case "a linked score of 99":
            bytes = hostileHistory(
                ws, undo: [],
                redo: [Transaction("link", [.map(map.id, .linkPersona(other.id, index: 0, scores: [map.stages[0].id: 99]))])])
        default:
            var stage = Stage(id: StageID("evil"), name: "x")
            stage.emotions[other.id] = 2
            bytes = hostileHistory(
                ws, undo: [], redo: [Transaction("add", [.map(map.id, .insertStage(stage, index: 0, cells: [:]))])])
        }
        let path = temporaryFolder() + "/map.json"
        writeBytes(path, MapCodec.encode(ws))
        writeBytes(MapStore.historyPath(for: path), bytes)
        let opened = try MapStore.open(path)
        #expect(opened.workspace == ws)
        #expect(!opened.history.canUndo && !opened.history.canRedo)
        #expect(opened.notices.count == 1)
        #expect(opened.notices.first?.text(.en).contains("kept as") == true, "\(opened.notices)")
        #expect(!AtomicFile.exists(MapStore.historyPath(for: path)))
    }

    /// The same steps reach the document in memory (not from a file): each is refused whole.
    @Test func stepsThatBreakTheDocumentAreRefused() throws {
        var ws = sampleWorkspace
        ws.maps = [ws.maps[0]]
        let map = ws.maps[0]
        var session = EditSession(
            workspace: ws, history: History(undo: [Transaction("new map", [.insertMap(map, index: 0)])], redo: []))
        #expect(throws: OperationError.self) { try session.undo() }
        #expect(session.workspace == ws)
        var bad = Stage(id: StageID("evil"), name: "x")
        bad.emotion = 99
        #expect(throws: OperationError.self) {
            try session.perform(Transaction("add", [.map(map.id, .insertStage(bad, index: 0, cells: [:]))]))
        }
        var broken = map
        broken.id = MapID("copy")
        broken.stages.append(broken.stages[0])
        #expect(throws: OperationError.self) { try session.perform(Transaction("copy", [.insertMap(broken, index: 1)])) }
        var lane = Lane(id: LaneID("l"), title: "", kind: .notes)
        lane.cells[map.stages[0].id] = ""
        #expect(throws: OperationError.self) {
            try session.perform(Transaction("lane", [.map(map.id, .insertLane(lane, index: 0))]))
        }
        #expect(session.workspace == ws)
    }

    /// Random histories with their numbers and ids mutated: each one is either refused whole
    /// when opened, or every step of it undoes, redoes, saves and reopens, and after every step
    /// the document is one the loader accepts.
    @Test(arguments: [11, 12] as [UInt64])
    func mutatedHistoriesApplyWholeOrNotAtAll(seed: UInt64) throws {
        var rng = Rng(seed: seed)
        var session = EditSession(workspace: sampleWorkspace)
        var n = 0
        while n < 30 {
            if let t = randomEdit(session.workspace, &rng) {
                try session.perform(t)
                n += 1
            }
        }
        // Half undone, so both stacks are exercised.
        for _ in 0..<15 { try session.undo() }
        let mapBytes = MapCodec.encode(session.workspace)
        let valid = HistoryCodec.encode(session.history, documentFingerprint: fingerprint(mapBytes))
        let digits = Array("0123456789-".utf8)
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        let dir = temporaryFolder()
        let path = dir + "/map.json"
        var accepted = 0
        var refused = 0
        for round in 0..<30 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                // Numbers (indexes, scores) are the likeliest to slip through, so aim at them half the time.
                var i = Int.random(in: 0..<bytes.count, using: &rng)
                if Bool.random(using: &rng) {
                    for _ in 0..<200 where !digits.contains(bytes[i]) { i = Int.random(in: 0..<bytes.count, using: &rng) }
                }
                if digits.contains(bytes[i]) {
                    bytes[i] = digits.randomElement(using: &rng)!
                } else if letters.contains(bytes[i]) {
                    bytes[i] = letters.randomElement(using: &rng)!
                }
            }
            writeBytes(path, mapBytes)
            writeBytes(MapStore.historyPath(for: path), bytes)
            let opened = try MapStore.open(path)
            #expect(opened.workspace == session.workspace)
            guard opened.notices.isEmpty else {
                refused += 1
                #expect(!opened.history.canUndo && !opened.history.canRedo)
                continue
            }
            accepted += 1
            var s = EditSession(workspace: opened.workspace, history: opened.history)
            while try s.undo() != nil { expectLoadable(s.workspace, "round \(round), undo") }
            while try s.redo() != nil { expectLoadable(s.workspace, "round \(round), redo") }
            // Saved and reopened: the history still fits (a real save for the first few;
            // the fsyncs of every round would make this test slow, not stronger).
            if accepted <= 3 {
                try MapStore.save(s.workspace, history: s.history, to: path)
                let again = try MapStore.open(path)
                #expect(again.notices.isEmpty, "round \(round): \(again.notices)")
                #expect(again.history == s.history)
            } else {
                let saved = MapCodec.encode(s.workspace)
                let (h, fp) = try HistoryCodec.decode(
                    HistoryCodec.encode(s.history, documentFingerprint: fingerprint(saved)), firstMap: s.workspace.maps[0].id)
                #expect(fp == fingerprint(saved) && h == s.history)
                try h.check(against: try MapCodec.decode(saved))
            }
        }
        // Both outcomes happened, so the test exercised both paths.
        #expect(accepted > 0 && refused > 0, "accepted \(accepted), refused \(refused)")
    }

    /// Random edits keep the document loadable after every perform, undo and redo.
    @Test func everyStepLeavesALoadableDocument() throws {
        var rng = Rng(seed: 99)
        var session = EditSession(workspace: sampleWorkspace)
        var n = 0
        while n < 200 {
            guard let t = randomEdit(session.workspace, &rng) else { continue }
            try session.perform(t)
            expectLoadable(session.workspace, "perform \(n) \(t.label)")
            n += 1
        }
        while try session.undo() != nil { expectLoadable(session.workspace, "undo") }
        while try session.redo() != nil { expectLoadable(session.workspace, "redo") }
    }
}

/// Messages that say exactly what is wrong with the bytes.
@Suite struct DecoderMessageTests {
    func message(_ text: String) -> String {
        message(Array(text.utf8))
    }

    func message(_ bytes: [UInt8]) -> String {
        do {
            _ = try MapCodec.decode(bytes)
            return "read"
        } catch {
            return error.message
        }
    }

    static let map = """
        {"format": "cjm", "version": 2, "personas": [{"id": "p", "name": "P"}],
         "maps": [{"id": "m", "personas": ["p"], "stages": [{"id": "s", "name": "S", "emotions": {"p": 1}}],
                   "lanes": [{"id": "l", "kind": "metrics", "content": "metrics", "cells": {"s": [{"name": "CTR", "value": 3.5, "unit": "%"}]}}]}]}
        """

    @Test func theSampleReads() { #expect(message(Self.map) == "read") }

    /// Duplicate keys at any level are refused, never one of them dropped.
    @Test(arguments: [
        (#""emotions": {"p": 1}"#, #""emotions": {"p": 1, "p": -2}"#, #""p""#),
        (#""cells": {"s":"#, #""cells": {"s": "x", "s":"#, #""s""#),
        (#"{"format": "cjm","#, #"{"format": "cjm", "format": "cjm","#, #""format""#),
        (#""name": "S""#, #""name": "S", "name": "T""#, #""name""#),
    ])
    func duplicateKeysAreRefused(from: String, to: String, key: String) {
        let m = message(Self.map.replacingFirst(from, with: to))
        #expect(m.contains("the field \(key) appears twice"), "\(m)")
        #expect(m.contains(": not valid JSON: "), "\(m)")
    }

    @Test func aByteOrderMarkIsNamed() {
        let m = message([0xEF, 0xBB, 0xBF] + Array(Self.map.utf8))
        #expect(m.contains("byte order mark"), "\(m)")
    }

    @Test(arguments: [true, false])
    func utf16IsNamed(bigEndian: Bool) {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for u in Self.map.utf16 { bytes += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(message(bytes).contains("UTF-16"))
        #expect(message(Array(bytes.dropFirst(2))).contains("UTF-16"))
    }

    @Test func aMetricInExponentFormIsNamed() {
        let m = message(Self.map.replacingFirst("3.5", with: "1e5"))
        #expect(m.contains("exponent form (1e5)"), "\(m)")
        #expect(m.hasPrefix("maps[0].lanes[0].cells.s[0].value:"), "\(m)")
    }
}
