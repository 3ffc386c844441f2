import CJMCore
import CJMStorage
import CJMTestSupport
import Foundation
import Testing

/// The real binary under attack, in real terminals: two editors on one map, `kill -9`.
@Suite(.serialized, .temporaryFolders) struct TrustEndToEndTests {
    /// Two editors commit an edit to the same cell within a few milliseconds of each other,
    /// 20 times: an editor that says `saved` has its edit on disk; the other says its save
    /// failed and keeps the edit. Never both `saved` with one edit gone.
    @Test func twoEditorsCommittingTogetherLoseNothingSilently() throws {
        let a = try TmuxSession()
        let b = try TmuxSession()
        var conflicts = 0
        for round in 0..<20 {
            let file = a.folder + "/map-\(round).json"
            try a.start([file])
            try a.waitFor("1 Need")
            try b.start([file])
            try b.waitFor("1 Need")
            for (t, text) in [(a, "alpha\(round)"), (b, "beta\(round)")] {
                try t.keys("Enter", "C-u")
                try t.type(text)
            }
            // Back to back: both commits land within the same few milliseconds.
            try a.keys("Enter")
            try b.keys("Enter")
            var states: [String] = []
            for (t, text) in [(a, "alpha\(round)"), (b, "beta\(round)")] {
                // Two editors on two busy cores: more time than a single one needs.
                try t.waitForCommitted(text, timeout: 20)
                let screen = try t.waitFor("a settled save state", timeout: 20) { s in
                    let state = saveState(of: s) ?? ""
                    return state == "saved" || state.hasPrefix("SAVE FAILED")
                }
                states.append(saveState(of: screen) ?? "")
            }
            let onDisk = try readMap(file).lanes[0].cell(StageID("need"))
            for (state, text) in zip(states, ["alpha\(round)", "beta\(round)"]) where state == "saved" {
                #expect(onDisk == text, "round \(round): an editor said saved but the file holds \(onDisk)")
            }
            #expect(states != ["saved", "saved"], "round \(round): both said saved")
            if states.contains(where: { $0.hasPrefix("SAVE FAILED") }) { conflicts += 1 }
            try a.closeSession()
            try b.closeSession()
        }
        #expect(conflicts == 20, "every round was a conflict the loser was told of")
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

    /// SIGQUIT saves and restores the terminal like SIGTERM, without the runtime's report.
    @Test func sigquitSavesAndRestoresTheTerminal() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try t.start([file], extraEnvironment: ["CJM_AUTOSAVE_INTERVAL=60"])
        try t.waitFor("1 Need")
        try t.waitForSaveState("saved")
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
