import CJMCore
import CJMStorage
import CJMTestSupport
import Foundation
import Testing

/// A map shared through git and by two editors at once: merge, diff, git-setup, and changes
/// from disk merged into an open editor.
@Suite(.serialized, .temporaryFolders) struct TeamEndToEndTests {
    /// git and cjm on PATH, no user or system git config, a fixed author.
    func gitEnvironment(_ home: String) -> [String: String] {
        var env = testEnvironment
        let bin = URL(fileURLWithPath: cjmBinary()).deletingLastPathComponent().path
        env["PATH"] = bin + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["HOME"] = home
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        for who in ["AUTHOR", "COMMITTER"] {
            env["GIT_\(who)_NAME"] = "Test"
            env["GIT_\(who)_EMAIL"] = "test@example.org"
        }
        return env
    }

    func write(_ ws: Workspace, _ path: String) throws {
        try AtomicFile.write(MapCodec.encode(ws), to: path)
    }

    /// In a repository: git-setup (twice), two branches edit one map, `git merge` merges it
    /// through cjm with no conflict; jq reads the result; `git diff` and `git log -p` speak
    /// in the map's words; cjm opens the merged map.
    @Test func gitMergesMapsThroughCjm() throws {
        let dir = temporaryFolder()
        let env = gitEnvironment(dir)
        func git(_ args: String...) throws -> RunResult {
            let r = try run(["git", "-C", dir] + args, environment: env)
            #expect(r.status == 0, "git \(args.joined(separator: " ")): \(r.output)\(r.error)")
            return r
        }
        _ = try git("init", "-q", "-b", "main")
        let setup = try run(["sh", "-c", "cd \"$1\" && cjm git-setup", "sh", dir], environment: env)
        #expect(setup.status == 0 && setup.output.contains("git set up in"), "\(setup.output)\(setup.error)")
        let again = try run(["sh", "-c", "cd \"$1\" && cjm git-setup", "sh", dir], environment: env)
        #expect(again.status == 0 && again.output.contains("already set up"), "\(again.output)")
        #expect(
            try String(contentsOfFile: dir + "/.gitattributes", encoding: .utf8) == "*.cjm.json merge=cjm diff=cjm\n")
        #expect(try git("config", "merge.cjm.driver").output == "cjm merge --name %P %O %A %B\n")

        let file = dir + "/cinema.cjm.json"
        try write(mergeBase, file)
        _ = try git("add", "-A")
        _ = try git("commit", "-q", "-m", "base")
        // Two people, two branches: the researcher fills a barrier and moves a lane, the
        // marketer renames a stage, scores it and ticks a channel in the same lane.
        _ = try git("checkout", "-q", "-b", "research")
        var r = mergeBase
        act(&r, Edits.setCell(r.fam, lane: LaneID("l-bar"), stage: StageID("s-buy"), "Очередь\nДорого\nНет парковки"))
        act(&r, Edits.moveLane(r.fam, LaneID("l-met"), by: -3))
        try write(r, file)
        _ = try git("commit", "-q", "-am", "barriers")
        _ = try git("checkout", "-q", "main")
        var m = mergeBase
        act(&m, Edits.renameStage(m.fam, StageID("s-search"), "Выбор фильма"))
        act(&m, Edits.setEmotion(m.fam, StageID("s-search"), 2, persona: PersonaID("p-anna")))
        act(&m, Edits.setCell(m.fam, lane: LaneID("l-bar"), stage: StageID("s-buy"), "Нет мест\nОчередь\nДорого"))
        try write(m, file)
        _ = try git("commit", "-q", "-am", "scores")

        // git diff through the driver: the change in words.
        let diff = try git("diff", "HEAD~1", "--", "cinema.cjm.json").output
        #expect(diff.contains("stage «Поиск» → «Выбор фильма»"), "\(diff)")
        #expect(diff.contains("Барьеры × Покупка: + Нет мест"), "\(diff)")
        // git log -p (no external diff there): the textconv lines.
        let log = try git("log", "-p", "-1", "--", "cinema.cjm.json").output
        #expect(log.contains("+2. stage «Выбор фильма»: Анна +2"), "\(log)")

        _ = try git("merge", "-q", "--no-edit", "research")
        #expect(try git("status", "--porcelain").output.isEmpty)
        var expected = mergeBase
        act(&expected, Edits.renameStage(expected.fam, StageID("s-search"), "Выбор фильма"))
        act(&expected, Edits.setEmotion(expected.fam, StageID("s-search"), 2, persona: PersonaID("p-anna")))
        act(&expected, Edits.moveLane(expected.fam, LaneID("l-met"), by: -3))
        act(
            &expected,
            Edits.setCell(expected.fam, lane: LaneID("l-bar"), stage: StageID("s-buy"), "Нет мест\nОчередь\nДорого\nНет парковки")
        )
        #expect(try readWorkspace(file) == expected)
        // The file as a script reads it.
        let jq = try run(
            [
                "jq", "-r",
                #".maps[0] | (.stages[1].name, (.lanes[0].id), (.lanes[2].cells["s-buy"] | join("|")), (has("conflicts")))"#,
                file,
            ])
        #expect(jq.output == "Выбор фильма\nl-met\nНет мест|Очередь|Дорого|Нет парковки\nfalse\n", "\(jq.output)\(jq.error)")
        #expect(try run(["jq", "-e", "has(\"conflicts\") | not", file]).status == 0)
        // And cjm opens it.
        let t = try TmuxSession()
        try t.start([file])
        try t.waitFor("2 Выбор фильма")
        try t.keys("q")
        try t.waitFor("[exit 0]")
    }

    /// A conflict through git: the merge driver exits 1, git says so, the file opens in cjm,
    /// `check` names it (exit 1), and deciding it in the editor leaves a clean map.
    @Test func aConflictThroughGitIsDecidedInTheEditor() throws {
        let dir = temporaryFolder()
        let env = gitEnvironment(dir)
        func git(_ args: String...) throws -> RunResult { try run(["git", "-C", dir] + args, environment: env) }
        _ = try git("init", "-q", "-b", "main")
        #expect(try run(["sh", "-c", "cd \"$1\" && cjm git-setup", "sh", dir], environment: env).status == 0)
        let file = dir + "/cinema.cjm.json"
        try write(mergeBase, file)
        _ = try git("add", "-A")
        _ = try git("commit", "-q", "-m", "base")
        let (ours, theirs) = scenario("the same cell changed differently")
        _ = try git("checkout", "-q", "-b", "other")
        try write(theirs, file)
        _ = try git("commit", "-q", "-am", "theirs")
        _ = try git("checkout", "-q", "main")
        try write(ours, file)
        _ = try git("commit", "-q", "-am", "ours")
        let merge = try git("merge", "--no-edit", "other")
        #expect(merge.status == 1)
        #expect(merge.output.contains("1 conflict left to decide"), "\(merge.output)\(merge.error)")
        let check = try run([cjmBinary(), "check", file])
        #expect(check.status == 1)
        #expect(
            check.output.contains(
                "«Семьи», stage «Потребность»: a merge left a conflict at «Семьи» Мысли × Потребность: ours «Куда пойти в субботу?», theirs «Чем занять вечер?»"
            ), "\(check.output)")

        let t = try TmuxSession()
        try t.start([file])
        try t.waitFor("‼ 1 conflict")
        try t.keys("!")
        try t.waitFor("conflict 1 of 1: «Семьи» Мысли × Потребность")
        try t.keys("t")
        try t.waitFor("every conflict is decided")
        try t.waitForSaveState(Language.en.t(.stateSaved))
        #expect(try readWorkspace(file).conflicts.isEmpty)
        #expect(try readMap(file).cell(lane: LaneID("l-think"), stage: StageID("s-need")) == "Чем занять вечер?")
        // Undo brings the conflict back.
        try t.keys("u")
        try t.waitFor("‼ 1 conflict")
        try t.keys("q")
        try t.waitFor("[exit 0]")
        #expect(try run([cjmBinary(), "check", file]).status == 1)
        #expect(try readWorkspace(file).conflicts.count == 1)
    }

    /// For each pair of concurrent edits: git's own line merge, and cjm's. cjm conflicts only
    /// where the places collide; the counts are printed for the record.
    @Test func cjmMergesWhereGitsLineMergeConflicts() throws {
        let dir = temporaryFolder()
        var gitConflicts = 0
        var cjmConflicts = 0
        for s in mergeScenarios {
            for (name, ws) in [("base", mergeBase), ("ours", s.ours), ("theirs", s.theirs)] {
                try write(ws, "\(dir)/\(name).json")
            }
            let line = try run(["git", "merge-file", "-p", "\(dir)/ours.json", "\(dir)/base.json", "\(dir)/theirs.json"])
            if line.status != 0 { gitConflicts += 1 }
            let ours = "\(dir)/ours.json"
            let r = try run([cjmBinary(), "merge", "\(dir)/base.json", ours, "\(dir)/theirs.json"])
            #expect(r.status == (s.conflict ? 1 : 0), "\(s.name): \(r.output)\(r.error)")
            if r.status == 1 { cjmConflicts += 1 }
            #expect(try readWorkspace(ours) == Merge.workspaces(base: mergeBase, ours: s.ours, theirs: s.theirs).workspace)
        }
        print(
            "merge scenarios: \(mergeScenarios.count); git's line merge conflicts on \(gitConflicts), cjm merge on \(cjmConflicts)"
        )
        #expect(cjmConflicts == mergeScenarios.filter(\.conflict).count)
        #expect(gitConflicts > cjmConflicts)
    }

    /// `merge` refuses what it cannot read and leaves OURS as it was; `diff` exits 0 on the
    /// same, 1 on changes, 2 on an unreadable file, and speaks JSON for scripts.
    @Test func mergeAndDiffExitCodes() throws {
        let dir = temporaryFolder()
        try write(mergeBase, dir + "/base.json")
        let (ours, theirs) = scenario("a stage renamed and scored")
        try write(ours, dir + "/ours.json")
        try write(theirs, dir + "/theirs.json")
        try AtomicFile.write(Array("{ not json".utf8), to: dir + "/bad.json")
        let before = try AtomicFile.read(dir + "/ours.json")
        let bad = try run([cjmBinary(), "merge", dir + "/base.json", dir + "/ours.json", dir + "/bad.json"])
        #expect(bad.status == 2 && bad.error.contains("bad.json"), "\(bad.error)")
        #expect(try AtomicFile.read(dir + "/ours.json") == before)

        // Both added the file (git's base is then empty): the maps of both are kept, ours first.
        try AtomicFile.write([], to: dir + "/empty.json")
        var other = mergeBase
        other.maps = [JourneyMap(id: MapID("m-new"), title: "Новая")]
        try write(other, dir + "/other.json")
        try write(mergeBase, dir + "/added.json")
        let added = try run([cjmBinary(), "merge", dir + "/empty.json", dir + "/added.json", dir + "/other.json"])
        #expect(added.status == 0, "\(added.output)\(added.error)")
        #expect(try readWorkspace(dir + "/added.json").maps.map(\.title) == ["Семьи", "Студенты", "Новая"])

        #expect(try run([cjmBinary(), "diff", dir + "/base.json", dir + "/base.json"]).status == 0)
        let d = try run([cjmBinary(), "diff", dir + "/base.json", dir + "/theirs.json"])
        #expect(d.status == 1)
        #expect(d.output == "«Семьи»\n  score at «Поиск» (Анна): no score → +2\n1 change\n", "\(d.output)")
        let ru = try run([cjmBinary(), "diff", "--lang", "ru", dir + "/base.json", dir + "/ours.json"])
        #expect(ru.output == "«Семьи»\n  этап «Поиск» → «Выбор фильма»\n1 изменение\n", "\(ru.output)")
        let json = try run([cjmBinary(), "diff", "--json", dir + "/base.json", dir + "/ours.json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let change = (parsed?["changes"] as? [[String: Any]])?.first
        #expect(change?["kind"] as? String == "renamed" && change?["new"] as? String == "Выбор фильма", "\(json.output)")
        #expect(try run([cjmBinary(), "diff", dir + "/base.json", dir + "/bad.json"]).status == 2)
        #expect(try run([cjmBinary(), "diff", dir + "/base.json"]).status == 2)
    }

    /// Two editors on one file, each editing its own cell: each screen shows the other's edit
    /// soon after it is made, both say saved, and the file holds both.
    @Test func twoEditorsOnOneFileSeeEachOthersEdits() throws {
        let a = try TmuxSession()
        let b = try TmuxSession()
        let file = a.folder + "/map.json"
        try a.start([file])
        try a.waitFor("1 Need")
        try a.waitForSaveState(Language.en.t(.stateSaved))
        try b.start([file])
        try b.waitFor("1 Need")
        try a.keys("Enter", "C-u")
        try a.type("alpha thinks")
        try b.keys("Right", "Enter", "C-u")
        try b.type("beta thinks")
        try a.keys("Enter")
        try b.keys("Enter")
        var seen: [Double] = []
        let start = Date()
        for (t, other) in [(a, "beta thinks"), (b, "alpha thinks")] {
            try t.waitFor("the other editor's edit", timeout: 20) { $0.containsWhole(other) && mode(of: $0) == "MAP" }
            seen.append(Date().timeIntervalSince(start))
        }
        for t in [a, b] { try t.waitForSaveState(Language.en.t(.stateSaved), timeout: 20) }
        let map = try readMap(file)
        #expect(map.lanes[0].cell(StageID("need")) == "alpha thinks")
        #expect(map.lanes[0].cell(map.stages[1].id) == "beta thinks")
        #expect(try readWorkspace(file).conflicts.isEmpty)
        #expect(
            try a.screen().containsWhole("merged 1 change from disk") || b.screen().containsWhole("merged 1 change from disk"))
        print("two editors: each saw the other's edit after \(seen.map { String(format: "%.2f s", $0) }.joined(separator: ", "))")
    }
}

extension TeamEndToEndTests {
    /// What git-setup refuses to write, and the hint a line-merged file gets.
    @Test func badPatternsAndGitsMarkersAreNamed() throws {
        let dir = temporaryFolder()
        let env = gitEnvironment(dir)
        _ = try run(["git", "-C", dir, "init", "-q"], environment: env)
        for bad in ["my maps/*.json", "x\n* -diff", "", "!neg"] {
            let r = try run(["sh", "-c", "cd \"$1\" && cjm git-setup \"$2\"", "sh", dir, bad], environment: env)
            #expect(r.status == 2 && r.error.contains("cannot be a pattern"), "\(bad): \(r.error)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/.gitattributes"))
        let file = dir + "/m.cjm.json"
        let text = "<<<<<<< HEAD\n" + String(decoding: MapCodec.encode(mergeBase), as: UTF8.self) + "=======\n{}\n>>>>>>> other\n"
        try AtomicFile.write(Array(text.utf8), to: file)
        let check = try run([cjmBinary(), "check", file])
        #expect(check.status == 2 && check.error.contains("git's conflict markers"), "\(check.error)")
        #expect(check.error.contains("git checkout -m \(file)"))
    }
}
