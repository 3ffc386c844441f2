import CJMCore
import CJMStorage
import CJMTestSupport
import Foundation
import Testing

/// The real binary under attack, in real terminals: two editors on one map, `kill -9`.
@Suite(.serialized, .temporaryFolders) struct TrustEndToEndTests {
    /// Two editors commit an edit to the same cell within a few milliseconds of each other,
    /// 20 times. The save path's check still stops the second write; the loser then merges
    /// the winner's version in: the cell keeps one text and a conflict keeps the other, on
    /// disk and on both screens. No edit is ever lost.
    @Test func twoEditorsCommittingTogetherLoseNothing() throws {
        let a = try TmuxSession()
        let b = try TmuxSession()
        for round in 0..<20 {
            let file = a.folder + "/map-\(round).json"
            try a.start([file])
            try a.waitFor("1 Need")
            try b.start([file])
            try b.waitFor("1 Need")
            let texts = ["alpha\(round)", "beta\(round)"]
            for (t, text) in zip([a, b], texts) {
                try t.keys("Enter", "C-u")
                try t.type(text)
            }
            // Back to back: both commits land within the same few milliseconds.
            try a.keys("Enter")
            try b.keys("Enter")
            for t in [a, b] {
                // Two editors on two busy cores: more time than a single one needs.
                try t.waitFor("both saved, with the conflict counted", timeout: 20) { s in
                    saveState(of: s) == "saved" && s.containsWhole("‼ 1 conflict")
                }
            }
            let ws = try readWorkspace(file)
            let cell = ws.maps[0].lanes[0].cell(StageID("need"))
            #expect(ws.conflicts.count == 1, "round \(round): \(ws.conflicts)")
            let c = try #require(ws.conflicts.first)
            #expect(c.place == .cell(ws.maps[0].id, ws.maps[0].lanes[0].id, StageID("need")))
            #expect(Set([cell, c.theirs ?? ""]) == Set(texts), "round \(round): the cell \(cell), the conflict \(c)")
            try a.closeSession()
            try b.closeSession()
        }
    }

    /// `kill -9` at random moments while saving: the next open finds no temporary file
    /// and never sets the history aside.
    @Test func killedAtRandomMomentsLeavesNoLitterAndKeepsTheHistory() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        var rng = SystemRandomNumberGenerator()
        for i in 0..<50 {
            try t.start([file], extraEnvironment: ["CJM_AUTOSAVE_INTERVAL=0.05"])
            try t.waitFor("1 Need")
            let pid = try t.cjmPid()
            try t.keys("Enter", "C-u")
            try t.type("kill \(i)")
            try t.keys("Enter")
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.12, using: &rng))
            try run(["kill", "-KILL", pid])
            try t.waitFor("[exit 137]")
            try t.closeSession()
            let opened = try MapStore.open(file)
            // Killed between the two renames, the history comes back from its temporary file.
            #expect(
                opened.notices.allSatisfy { $0.text(.en).contains("recovered the undo history") }, "round \(i): \(opened.notices)"
            )
            let litter = try FileManager.default.contentsOfDirectory(atPath: t.folder).filter { $0.contains(".cjm-tmp-") }
            #expect(litter.isEmpty, "round \(i): \(litter)")
        }
        // The history survived the kills: when a round's edit reached the file, it can be undone.
        // (A slow build may be killed before any autosave; then there is nothing to undo.)
        let opened = try MapStore.open(file)
        if opened.workspace.maps[0].lanes[0].cell(StageID("need")).hasPrefix("kill ") {
            #expect(opened.history.canUndo)
        }
    }

    /// Stopped by a signal with work that cannot be saved (another program left the file
    /// unreadable): the work goes to a new file beside the map, never over it, and the
    /// message says where.
    @Test func workThatCannotBeSavedIsRescuedOnASignal() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try t.start([file], extraEnvironment: ["CJM_AUTOSAVE_INTERVAL=0.1"])
        try t.waitFor("1 Need")
        try t.waitForSaveState(Language.en.t(.stateSaved))
        var broken = try Data(contentsOf: URL(fileURLWithPath: file))
        broken.append(contentsOf: Array("GARBAGE".utf8))
        try broken.write(to: URL(fileURLWithPath: file))
        try t.keys("Enter", "C-u")
        try t.type("rescue me")
        try t.keys("Enter")
        try t.waitForCommitted("rescue me")
        try t.waitFor("the failed save") { $0.contains(saveFailed) }
        try run(["kill", "-HUP", try t.cjmPid()])
        let after = try t.waitFor("the exit") { $0.contains("[exit ") }
        #expect(after.containsWhole("[exit 3]"), "\(after)")
        #expect(after.replacingOccurrences(of: "\n", with: "").contains("map.rescued.json"), "\(after)")
        #expect(try readMap(t.folder + "/map.rescued.json").lanes[0].cell(StageID("need")) == "rescue me")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == broken, "the unreadable file was left as it was")
    }

    /// A read-only map, edited and then stopped by a signal: the edits go beside it, and the
    /// map itself is left as it was.
    @Test func editsToAReadOnlyMapAreRescuedOnASignal() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try writeTemplate("cinema", to: file)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        _ = try run(["chmod", "a-w", file])
        try t.start([file])
        try t.waitFor("1 Need")
        try t.keys("Enter", "C-u")
        try t.type("kept aside")
        try t.keys("Enter")
        try t.waitForCommitted("kept aside")
        try run(["kill", "-HUP", try t.cjmPid()])
        let after = try t.waitFor("the exit") { $0.contains("[exit ") }
        #expect(after.containsWhole("[exit 129]"), "\(after)")
        #expect(try readMap(t.folder + "/map.rescued.json").lanes[0].cell(StageID("need")) == "kept aside")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    /// Another program empties or deletes the file while the map is open and untouched: the
    /// editor says so on its own (it no longer claims "saved"), quitting asks instead of
    /// leaving without the map, and Ctrl-S writes it back.
    @Test func aFileEmptiedOrDeletedMeanwhileIsNoLongerSaved() throws {
        for (how, damage) in [("emptied", ["truncate", "-s", "0"]), ("deleted", ["rm"])] {
            let t = try TmuxSession()
            let file = t.folder + "/map.json"
            try t.start([file], extraEnvironment: ["CJM_AUTOSAVE_INTERVAL=0.1"])
            try t.waitFor("1 Need")
            try t.waitForSaveState(Language.en.t(.stateSaved))
            _ = try run(damage + [file])
            try t.waitFor("the failed save once \(how)") { $0.contains(saveFailed) }
            try t.keys("q")
            try t.waitFor("the refusal on quitting once \(how)") {
                mode(of: $0) == Language.en.t(.modeMap) && bottomBar(of: $0).contains(Language.en.t(.cannotSave, ""))
            }
            try t.keys("C-s")
            try t.waitForSaveState(Language.en.t(.stateSaved))
            #expect(try readMap(file).title == "Online cinema: families with children", "\(how)")
        }
    }

    /// SIGQUIT saves and restores the terminal like SIGTERM, without the runtime's report.
    @Test func sigquitSavesAndRestoresTheTerminal() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try t.start([file], extraEnvironment: ["CJM_AUTOSAVE_INTERVAL=60"])
        try t.waitFor("1 Need")
        try t.waitForSaveState(Language.en.t(.stateSaved))
        try t.keys("Enter", "C-u")
        try t.type("held back")
        try t.keys("Enter")
        try t.waitForCommitted("held back")
        try t.waitForSaveState("unsaved")
        try run(["kill", "-QUIT", try t.cjmPid()])
        let after = try t.waitFor("the exit and the terminal modes") { $0.contains("[exit ") && $0.contains("icanon") }
        #expect(after.containsWhole("[exit 131]"))
        #expect(after.contains("icanon echo"), "the terminal was left in raw mode:\n\(after)")
        #expect(!after.contains("Crash") && !after.contains("💣"), "\(after)")
        #expect(try readMap(file).lanes[0].cell(StageID("need")) == "held back")
    }

}

/// The top bar's word for a failed save, as the phrase table has it.
let saveFailed = String(Language.en.t(.stateFailed, "").prefix { $0 != ":" })
