import CJMCore
import CJMStorage
import CJMTestSupport
import Foundation
import Testing

/// Drives the real binary in a real terminal and checks both the screen and the saved file.
@Suite(.serialized, .temporaryFolders) struct EditorEndToEndTests {
    @Test func buildAMapInRussianUndoRedoQuitReopenAndUndoAgain() throws {
        let t = try TmuxSession()
        let file = t.folder + "/карта.json"
        try t.start(["--template", "blank-ru", file])
        try t.waitFor("Этап 1")
        // Rename the three stages from their headers.
        for (i, name) in ["Потребность", "Интерес", "Покупка"].enumerated() {
            if i == 0 { try t.keys("Up") } else { try t.keys("Right") }
            try t.keys("Enter", "C-u")
            try t.type(name)
            try t.keys("Enter")
            try t.waitFor("\(i + 1) \(name)")
        }
        // Fill two cells of the first lane.
        try t.keys("Down", "Home", "Enter")
        try t.type("Чем заняться вечером?")
        try t.keys("Enter")
        try t.waitFor("Чем заняться")
        try t.keys("Tab", "Enter")
        try t.type("Совет друга 🎬")
        try t.keys("M-Enter")
        try t.type("漢字")
        try t.keys("Enter")
        try t.waitFor("Совет друга 🎬")
        // Quick scores from any row: 1 … 5 is -2 … +2.
        try t.keys("Home", "1", "Tab", "4", "Tab", "5")
        // The level labels show +2 … -2 anyway: wait for the last score's own message.
        let scored = try t.waitFor("score Покупка +2")
        #expect(scored.contains("1 Потребность") && scored.contains("●"))
        try t.keys("u")
        try t.waitFor("undone: score Покупка +2")
        try t.keys("C-r")
        try t.waitFor("redone: score Покупка +2")
        try t.waitForSaveState(Language.en.t(.stateSaved))
        try t.keys("q")
        try t.waitFor("[exit 0]")

        var map = try readMap(file)
        #expect(map.stages.map(\.name) == ["Потребность", "Интерес", "Покупка"])
        #expect(map.stages.map(\.emotion) == [-2, 1, 2])
        #expect(map.lanes[0].cell(map.stages[0].id) == "Чем заняться вечером?")
        #expect(map.lanes[0].cell(map.stages[1].id) == "Совет друга 🎬\n漢字")
        let text = String(decoding: try AtomicFile.read(file), as: UTF8.self)
        #expect(text.contains("\"name\": \"Потребность\""))

        // Reopen: the history survived the restart.
        try t.closeSession()
        try t.start([file])
        try t.waitFor("1 Потребность")
        try t.keys("u")
        try t.waitFor("undone: score Покупка +2")
        try t.keys("u")
        try t.waitFor("undone: score Интерес +1")
        try t.keys("q")
        let end = try t.waitFor("the exit and the terminal modes") { $0.contains("[exit 0]") && $0.contains("icanon") }
        #expect(end.contains("icanon echo"))
        map = try readMap(file)
        #expect(map.stages.map(\.emotion) == [-2, nil, nil])
    }

    /// Two segments' maps built from the keyboard: personas, a curve each, channel tags
    /// from the palette, a list lane and a metrics lane; then reopened and undone.
    @Test func segmentsAndPersonasFromTheKeyboard() throws {
        let t = try TmuxSession()
        let file = t.folder + "/сегменты.json"
        try t.start(["--template", "blank-ru", file])
        try t.waitFor("Этап 1")
        try t.keys("S")
        try t.type("Семьи с детьми")
        try t.keys("Enter", "P", "o")
        try t.type("Анна")
        try t.keys("Enter", "l", "Escape")
        try t.waitFor("personas: Анна")
        try t.keys("2", "Tab", "4")
        try t.waitFor("score Этап 2 +1 for Анна")
        // A copy of the map for the second segment, with its own persona.
        try t.keys("m", "y", "C-u")
        try t.type("Холостяки")
        try t.keys("Enter", "Escape")
        try t.waitFor("2 Холостяки")
        try t.keys("S", "C-u")
        try t.type("Молодые мужчины")
        try t.keys("Enter", "P", "l", "o")
        try t.type("Макс")
        try t.keys("Enter", "l", "k", "l", "Escape")  // link Макс, then Анна again: two curves
        try t.waitFor("personas: Макс, Анна")
        try t.keys("Home", "5")
        let curves = try t.waitFor("score Этап 1 +2 for Анна")
        #expect(curves.contains("● Макс"))
        #expect(curves.contains("▸◆ Анна"))
        try t.keys("p", "1")
        try t.waitFor("score Этап 1 -2 for Макс")
        // Channels from the palette, a list, metrics: the template's lanes hold them already.
        try t.keys("g", "j", "j", "Enter", "Enter", "Escape")
        try t.waitFor("◦ Поисковые системы")
        try t.keys("j", "Enter", "o")
        try t.type("Нет рекламы")
        try t.keys("Enter", "Escape")
        try t.waitFor("• Нет рекламы")
        try t.keys("G", "Enter", "o")
        try t.type("CTR: 3,5 %")
        try t.keys("Enter", "Escape")
        // Shown back the Russian way on the map (the typed text is gone), stored as 3.5.
        let shown = try t.waitFor("the metric on the map") { mode(of: $0) == "MAP" && $0.contains("3,5 %") }
        #expect(!shown.contains("3.5 %") && !shown.contains("CTR: 3,5"))
        try t.keys("q")
        try t.waitFor("[exit 0]")

        var ws = try readWorkspace(file)
        #expect(ws.maps.map(\.title) == ["Новая карта пути клиента", "Холостяки"])
        #expect(ws.maps.map(\.segment) == ["Семьи с детьми", "Молодые мужчины"])
        #expect(ws.personas.map(\.name) == ["Анна", "Макс"])
        let (anna, maks) = (ws.personas[0].id, ws.personas[1].id)
        #expect(ws.maps[0].personas == [anna])
        #expect(ws.maps[1].personas == [maks, anna])
        #expect(ws.maps[0].stages.map { $0.emotions[anna] } == [-1, 1, nil])
        #expect(ws.maps[1].stages[0].emotions == [maks: -2, anna: 2])
        let lanes = ws.maps[1].lanes
        let first = ws.maps[1].stages[0].id
        #expect(lanes[2].content == .channels)
        #expect(lanes[2].cells[first] == "Поисковые системы")
        #expect(lanes[3].content == .list)
        #expect(lanes[3].cells[first] == "Нет рекламы")
        #expect(lanes[5].content == .metrics)
        #expect(lanes[5].cells[first] == "CTR = 3.5 %")
        let text = String(decoding: try AtomicFile.read(file), as: UTF8.self)
        #expect(text.contains("\"value\": 3.5"))

        // Reopen: undo reaches back across the restart.
        try t.closeSession()
        try t.start([file])
        try t.waitFor("Холостяки")
        try t.keys("u")
        try t.waitFor("undone: edit cell Этап 1 × Метрики")
        try t.keys("u")
        try t.waitFor("undone: edit cell Этап 1 × Барьеры")
        try t.keys("q")
        try t.waitFor("[exit 0]")
        ws = try readWorkspace(file)
        #expect(ws.maps[1].lanes[5].cells[first] == nil)
        #expect(ws.maps[1].lanes[3].cells[first] == nil)
        #expect(ws.maps[1].lanes[2].cells[first] == "Поисковые системы")
    }

    /// Escape and the next key sent together (fast typing, a script) are two keys, not Alt.
    @Test func escapeFollowedAtOnceByAKey() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try t.start([file])
        try t.waitFor("1 Need")
        try t.keys("P")
        try t.waitFor("PERSONAS")
        try t.tmux("send-keys", "-t", "t", "Escape", "5", "Tab", "1")
        let s = try t.waitFor("score Interest -2 for Anna, mother of two")
        #expect(!s.contains("PERSONAS"))
        try t.keys("q")
        try t.waitFor("[exit 0]")
        let map = try readMap(file)
        #expect(map.stages[0].emotions[PersonaID("anna")] == 2)
        #expect(map.stages[1].emotions[PersonaID("anna")] == -2)
    }

    /// Pasted text keeps its line breaks and does not commit the edit at its first newline.
    @Test func bracketedPasteIntoACell() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try t.start([file])
        try t.waitFor("1 Need")
        try t.keys("Enter", "C-u")
        try t.tmux("set-buffer", "Первая строка\nвторая, 漢字 🎬\nтретья")
        try t.tmux("paste-buffer", "-p", "-t", "t")
        try t.waitFor("третья")
        try t.keys("Enter")
        try t.waitForCommitted("третья")
        // Pasting in the grid opens the cell with the text added.
        try t.keys("Tab")
        try t.tmux("set-buffer", " + ещё")
        try t.tmux("paste-buffer", "-p", "-t", "t")
        try t.waitFor("+ ещё")
        try t.keys("Enter", "q")
        try t.waitFor("[exit 0]")
        let map = try readMap(file)
        #expect(map.lanes[0].cell(map.stages[0].id) == "Первая строка\nвторая, 漢字 🎬\nтретья")
        #expect(map.lanes[0].cell(map.stages[1].id) == "Find a service whose app I can install on my tablet + ещё")
    }

    @Test func tinyTerminalThenResize() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try t.start([file], width: 20, height: 6)
        // Each wait names the whole state: a screen caught mid-frame has its first rows new
        // and its last ones old.
        try t.waitFor("the notice with the size") { $0.contains("Terminal too small") && $0.contains("20×6") }
        try t.tmux("resize-window", "-t", "t", "-x", "100", "-y", "30")
        try t.waitFor("the map again") { $0.contains("1 Need") && $0.contains("Thoughts") && !$0.contains("too small") }
        try t.tmux("resize-window", "-t", "t", "-x", "60", "-y", "20")
        try t.waitFor("the narrower screen") { $0.contains("1 Need") && !$0.contains("3 Research") }
        try t.keys("q")
        try t.waitFor("[exit 0]")
    }

    /// Edits a first cell and waits for it to be saved, then a second one that the slowed
    /// autosave holds back: only the exit path can save it.
    func editTwiceWithTheSecondUnsaved(_ t: TmuxSession, _ file: String) throws {
        try t.start([file], extraEnvironment: ["CJM_AUTOSAVE_INTERVAL=60"])
        try t.waitFor("1 Need")
        try t.keys("Enter", "C-u")
        try t.type("кот Бегемот")
        try t.keys("Enter")
        try t.waitForCommitted("кот Бегемот")
        // The state was "saved" before the edit too: wait for the file, then for the bar.
        try t.waitFor("the first edit in the file") { _ in
            (try? readMap(file).lanes[0].cell(StageID("need"))) == "кот Бегемот"
        }
        try t.waitForSaveState(Language.en.t(.stateSaved))
        try t.keys("Tab", "Enter", "C-u")
        try t.type("last words")
        try t.keys("Enter")
        try t.waitForCommitted("last words")
        try t.waitForSaveState("unsaved")
        #expect(try readMap(file).lanes[0].cell(StageID("interest")) != "last words")
    }

    /// Whether `pid` is alive (a zombie, dead but not yet reaped, counts as gone).
    func isRunning(_ pid: String) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[close...].hasPrefix(") Z")
    }

    @Test func sigtermSavesTheLastChange() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try editTwiceWithTheSecondUnsaved(t, file)
        try run(["kill", "-TERM", try t.cjmPid()])
        try t.waitFor("[exit 143]")
        let map = try readMap(file)
        #expect(map.lanes[0].cell(map.stages[0].id) == "кот Бегемот")
        #expect(map.lanes[0].cell(map.stages[1].id) == "last words")
    }

    @Test func closingTheTerminalSavesTheLastChange() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try editTwiceWithTheSecondUnsaved(t, file)
        let pid = try t.cjmPid()
        try t.tmux("kill-session", "-t", "t")  // SIGHUP to the pane
        let deadline = Date().addingTimeInterval(10)
        var map = try readMap(file)
        while map.lanes[0].cell(map.stages[1].id) != "last words", Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            map = try readMap(file)
        }
        #expect(map.lanes[0].cell(map.stages[0].id) == "кот Бегемот")
        #expect(map.lanes[0].cell(map.stages[1].id) == "last words")
        // cjm has finished (its history written too) before the test's folder goes.
        while isRunning(pid), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(!isRunning(pid), "cjm is still running after SIGHUP")
    }

    /// A crash (here a bad access, as the kernel would deliver it; a Swift trap is SIGILL or
    /// SIGTRAP and takes the same handler) puts the terminal back. No hook in the product.
    @Test(arguments: [("SEGV", 139), ("ILL", 132), ("ABRT", 134)])
    func aCrashRestoresTheTerminal(signal: String, status: Int) throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try t.start([file])
        try t.waitFor("1 Need")
        #expect(try t.tmux("display-message", "-p", "-t", "t", "#{alternate_on}").hasPrefix("1"))
        try run(["kill", "-" + signal, try t.cjmPid()])
        let after = try t.waitFor("the exit and the terminal modes") { $0.contains("[exit ") && $0.contains("icanon") }
        #expect(after.containsWhole("[exit \(status)]"))
        #expect(after.contains("icanon echo"), "the terminal was left in raw mode:\n\(after)")
        #expect(try t.tmux("display-message", "-p", "-t", "t", "#{alternate_on}").hasPrefix("0"))
        #expect(try t.tmux("display-message", "-p", "-t", "t", "#{cursor_flag}").hasPrefix("1"))
    }

    @Test func noColourStillShowsTheCursor() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try t.start([file], extraEnvironment: ["NO_COLOR=1"])
        try t.waitFor("1 Need")
        let styled = try t.tmux("capture-pane", "-p", "-e", "-t", "t")
        // Reverse video (SGR 7) marks the cursor; no colour codes (30–37, 38;5, 40–47, 48;5) at all.
        #expect(styled.contains("\u{1B}[7m") || styled.contains(";7m"))
        #expect(!styled.contains("[38;5") && !styled.contains("[48;5") && !styled.contains("[31m"))
        try t.keys("q")
        try t.waitFor("[exit 0]")
    }

    /// A locale this machine lacks (here ru_RU.UTF-8) still shows the Russian text: cjm falls
    /// back to C.UTF-8 rather than leave every non-ASCII character blank.
    @Test func aMissingRussianLocaleStillShowsRussian() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try t.start(["--template", "cinema-ru", file], extraEnvironment: ["LANG=ru_RU.UTF-8", "LC_ALL=ru_RU.UTF-8"])
        let screen = try t.waitFor("1 Потребность")
        #expect(screen.contains("Онлайн-кинотеатр"))
        try t.keys("q")
        try t.waitFor("[exit 0]")
    }
}

/// The command line without a terminal.
@Suite(.temporaryFolders) struct CommandLineTests {
    /// --version and -V; check in Russian from --lang and from LANG; the config file's language,
    /// and a bad config file named with its line.
    @Test func versionLanguageAndConfig() throws {
        for flag in ["--version", "-V"] {
            let v = try run([cjmBinary(), flag])
            let parts = v.output.dropLast().split(separator: ".", omittingEmptySubsequences: false)
            #expect(v.status == 0 && v.output.hasSuffix("\n"), "\(flag): \(v.output)")
            #expect(parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        }
        let dir = temporaryFolder()
        let file = dir + "/blank.json"
        #expect(try run([cjmBinary(), "new", file, "--template", "blank-ru"]).status == 0)
        let base = ["PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": dir + "/config"]
        let ru = try run([cjmBinary(), "check", file], environment: base.merging(["LANG": "ru_RU.UTF-8"]) { $1 })
        #expect(ru.status == 1)
        #expect(ru.output.contains("читается без ошибок — 1 карта, 0 персон"))
        #expect(ru.output.contains("ошибка"))
        let flag = try run(
            [cjmBinary(), "check", "--lang", "en", file], environment: base.merging(["LANG": "ru_RU.UTF-8"]) { $1 })
        #expect(flag.output.contains("reads cleanly — 1 map, 0 personas"))
        try FileManager.default.createDirectory(atPath: dir + "/config/cjm", withIntermediateDirectories: true)
        try "# mine\nlanguage = ru\n".write(toFile: dir + "/config/cjm/config", atomically: true, encoding: .utf8)
        let config = try run([cjmBinary(), "check", file], environment: base.merging(["LANG": "C.UTF-8"]) { $1 })
        #expect(config.output.contains("1 карта"))
        try "language = ru\nmouse = maybe\n".write(toFile: dir + "/config/cjm/config", atomically: true, encoding: .utf8)
        let bad = try run([cjmBinary(), "check", file], environment: base)
        #expect(bad.status == 2)
        #expect(bad.error.contains("config/cjm/config:2: mouse is on or off, not «maybe»"))
        let badRu = try run([cjmBinary(), "check", file], environment: base.merging(["LANG": "ru_RU.UTF-8"]) { $1 })
        #expect(badRu.status == 2 && badRu.error.contains("config/cjm/config:2: mouse — on или off, а не «maybe»"))
    }

    /// The messages about files speak the interface language too: a missing file, a file that
    /// is not JSON, a map that is newer, what new, export and import say, an errno's words.
    @Test func fileMessagesInRussian() throws {
        let dir = temporaryFolder()
        let env = ["PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": dir + "/config", "LANG": "ru_RU.UTF-8"]
        let missing = try run([cjmBinary(), "check", dir + "/none.json"], environment: env)
        #expect(missing.status == 2 && missing.error == "cjm: \(dir)/none.json: нет такого файла\n")
        try "{\n  \"format\": \"cjm\",\n  oops\n}\n".write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        let bad = try run([cjmBinary(), "show", dir + "/bad.json"], environment: env)
        #expect(bad.status == 2 && bad.error.hasPrefix("cjm: \(dir)/bad.json: 3:3: это не JSON: "), "\(bad.error)")
        try "{\"format\": \"cjm\", \"version\": 99}\n".write(toFile: dir + "/new.json", atomically: true, encoding: .utf8)
        let newer = try run([cjmBinary(), "export", dir + "/new.json", "--format", "md"], environment: env)
        #expect(newer.error.contains("версия формата 99 новее, чем понимает этот cjm"), "\(newer.error)")
        let made = try run([cjmBinary(), "new", dir + "/m.json", "--template", "blank-ru"], environment: env)
        #expect(made.output == "создан \(dir)/m.json из шаблона «blank-ru»\n")
        let again = try run([cjmBinary(), "new", dir + "/m.json"], environment: env)
        #expect(again.error.contains("уже существует; cjm new никогда не перезаписывает файл"))
        // With no template named, a Russian interface starts from the Russian one.
        let russian = try run([cjmBinary(), "new", dir + "/ru.json"], environment: env)
        #expect(russian.output == "создан \(dir)/ru.json из шаблона «cinema-ru»\n", "\(russian.output)")
        let inEnglish = try run([cjmBinary(), "new", dir + "/en.json", "--lang", "en"], environment: env)
        #expect(inEnglish.output.contains("cinema") && !inEnglish.output.contains("cinema-ru"), "\(inEnglish.output)")
        let exported = try run([cjmBinary(), "export", dir + "/m.json", "--format", "md"], environment: env)
        #expect(exported.output == "записан \(dir)/m.md\n")
        // A folder the export cannot write to: the system's reason in Russian words.
        try FileManager.default.createDirectory(atPath: dir + "/m.md.d", withIntermediateDirectories: true)
        let folder = try run([cjmBinary(), "export", dir + "/m.json", "--format", "md", "-o", dir + "/m.md.d"], environment: env)
        #expect(folder.status == 3 && folder.error.contains("это папка"), "\(folder.error)")
        // A sheet with no stages, a theme that does not exist and one with a wrong line.
        try "Мысли\n".write(toFile: dir + "/s.csv", atomically: true, encoding: .utf8)
        let sheet = try run([cjmBinary(), "import", dir + "/s.csv", "-o", dir + "/s.json"], environment: env)
        #expect(sheet.status == 2 && sheet.error.contains("в строке 1 нет этапов"), "\(sheet.error)")
        let noTheme = try run([cjmBinary(), "export", dir + "/m.json", "--format", "html", "--theme", "нет"], environment: env)
        #expect(
            noTheme.status == 2 && noTheme.error.contains("нет темы «нет» (встроенные: dark, light, mono"), "\(noTheme.error)")
        try "header = bold\nкнопка = red\n".write(toFile: dir + "/my.theme", atomically: true, encoding: .utf8)
        let badTheme = try run(
            [cjmBinary(), "export", dir + "/m.json", "--format", "html", "--theme", dir + "/my.theme"], environment: env)
        #expect(badTheme.error.contains("my.theme:2: неизвестная роль «кнопка»"), "\(badTheme.error)")
        let english = try run([cjmBinary(), "check", "--lang", "en", dir + "/none.json"], environment: env)
        #expect(english.error == "cjm: \(dir)/none.json: no such file\n")
    }

    /// A line break in a map's title or a stage's name cannot forge a line of `check`'s report.
    @Test func checkKeepsEachNameOnItsLine() throws {
        let file = temporaryFolder() + "/forged.json"
        var ws = Templates.named("blank")!.workspace
        ws.maps[0].title = "Real\nerror: forged finding"
        ws.maps[0].stages[0].name = "A\nwarning: forged too"
        try Data(MapCodec.encode(ws)).write(to: URL(fileURLWithPath: file))
        let check = try run([cjmBinary(), "check", file])
        let lines = check.output.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("error: forged") || $0.hasPrefix("warning: forged") }, "\(check.output)")
        #expect(check.output.contains("Real ↵ error: forged finding"), "\(check.output)")
    }

    @Test func newShowCheckAndTemplates() throws {
        let dir = temporaryFolder()
        let file = dir + "/ru.json"
        #expect(try run([cjmBinary(), "new", file, "--template", "cinema-ru"]).status == 0)
        let again = try run([cjmBinary(), "new", file])
        #expect(again.status == 2)
        #expect(again.error.contains("already exists"))
        let show = try run([cjmBinary(), "show", file, "--width", "100"], environment: ["LANG": "C.UTF-8"])
        #expect(show.status == 0)
        #expect(show.output.contains("1 Потребность"))
        #expect(show.output.contains("●"))
        let check = try run([cjmBinary(), "check", file])
        #expect(check.status == 0)
        #expect(check.output.contains("reads cleanly — 2 maps, 2 personas"))
        #expect(check.output.contains("no mistakes found"))
        #expect(check.output.contains("Онлайн-кинотеатр: семьи с детьми: 5 stages, 6 lanes, 30 filled cells, 5 scored stages"))
        // One line per template, and each name it lists makes a map that reads.
        let list = try run([cjmBinary(), "templates"])
        let names = list.output.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        #expect(names == ["cinema", "cinema-ru", "five-stage", "five-stage-ru", "blank", "blank-ru"])
        for name in names {
            let made = dir + "/t-\(name).json"
            #expect(try run([cjmBinary(), "new", made, "--template", name]).status == 0)
            #expect(try readWorkspace(made).maps.count >= 1, "\(name)")
        }
        // A blank map breaks the method's rules: errors, exit 1, and JSON for scripts.
        let blank = dir + "/blank.json"
        #expect(try run([cjmBinary(), "new", blank, "--template", "blank"]).status == 0)
        let mistakes = try run([cjmBinary(), "check", blank])
        #expect(mistakes.status == 1)
        #expect(mistakes.output.contains("error   «New customer journey map»: the map has no goal"))
        let json = try run([cjmBinary(), "check", blank, "--json"])
        #expect(json.status == 1)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(parsed?["errors"] as? Int == 8)
        #expect((parsed?["findings"] as? [[String: Any]])?.first?["rule"] as? String == "no-goal")
        // Export and import from the command line.
        for format in ["md", "csv", "html", "svg"] {
            let r = try run([cjmBinary(), "export", file, "--format", format])
            #expect(r.status == 0, "\(r.error)")
        }
        // Each export holds the map, in its own form.
        let md = try String(contentsOfFile: dir + "/ru.md", encoding: .utf8)
        #expect(md.contains("| **Мысли** | Чем заняться вечером? |") && md.contains("| 1. Потребность |"))
        let html = try String(contentsOfFile: dir + "/ru.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Онлайн-кинотеатр: семьи с детьми"))
        let svg = try String(contentsOfFile: dir + "/ru-1.svg", encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("Потребность") && svg.hasSuffix("</svg>\n"))
        #expect(FileManager.default.fileExists(atPath: dir + "/ru-1.csv"))
        let printed = try run([cjmBinary(), "export", file, "--format", "md", "-o", "-"])
        #expect(printed.output == md)
        let imported = dir + "/back.json"
        let imp = try run([cjmBinary(), "import", dir + "/ru-1.csv", "-o", imported])
        #expect(imp.status == 0, "\(imp.error)")
        #expect(
            try readWorkspace(imported).maps[0].stages.map(\.name) == [
                "Потребность", "Интерес", "Исследование", "Покупка", "Возвращение",
            ])
        let again2 = try run([cjmBinary(), "import", dir + "/ru-1.csv", "-o", imported])
        #expect(again2.status == 2 && again2.error.contains("already exists"))
    }

    /// `--help` lists exactly the subcommands, and each of them answers its own `--help`.
    @Test func everySubcommandInTheHelpRuns() throws {
        let help = try run([cjmBinary(), "--help"])
        #expect(help.status == 0)
        let section = help.output.components(separatedBy: "SUBCOMMANDS:\n").last ?? ""
        let names = section.split(separator: "\n").filter {
            $0.hasPrefix("  ") && !$0.hasPrefix("   ") && !$0.hasPrefix("  See ")
        }
        .map { String($0.split(separator: " ")[0]) }
        #expect(
            names == [
                "edit", "new", "templates", "themes", "show", "check", "export", "import", "keys", "man", "completion", "merge",
                "diff", "git-setup",
            ])
        for name in names {
            let r = try run([cjmBinary(), name, "--help"])
            #expect(r.status == 0 && r.output.contains("USAGE: cjm \(name)"), "\(name): \(r.output)")
        }
        // `keys --markdown` is what the README holds between its markers.
        let readme = try String(
            contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../README.md").path, encoding: .utf8)
        let keys = try run([cjmBinary(), "keys", "--markdown"]).output
        #expect(!keys.isEmpty && readme.contains("<!-- keys:begin -->\n" + keys + "<!-- keys:end -->"))
    }

    @Test func badFilesGiveClearErrorsAndStayUntouched() throws {
        let dir = temporaryFolder()
        let file = dir + "/bad.json"
        let content = "{\n  \"format\": \"cjm\",\n  \"version\": 1,\n  \"stages\": [}\n"
        try content.write(toFile: file, atomically: false, encoding: .utf8)
        for args in [["check", file], ["show", file], [file]] {
            let r = try run([cjmBinary()] + args)
            #expect(r.status == 2)
            #expect(r.error.contains("\(file): 4:14: not valid JSON: "), "\(r.error)")
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == content)
        // Without a terminal the editor refuses to start, and creates nothing.
        let noTerminal = try run([cjmBinary(), dir + "/new.json"])
        #expect(noTerminal.status == 2)
        #expect(noTerminal.error.contains("the editor needs a terminal"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/new.json"))
        let missing = try run([cjmBinary(), "check", dir + "/none.json"])
        #expect(missing.error == "cjm: \(dir)/none.json: no such file\n", "\(missing.error)")
        #expect(missing.status == 2)
    }

    /// 0 fine, 1 mistakes found, 2 usage or unreadable input, 3 a save failed; one prefix.
    @Test func exitCodesSayWhatHappened() throws {
        let dir = temporaryFolder()
        let file = dir + "/map.json"
        #expect(try run([cjmBinary(), "new", file, "--template", "cinema-ru"]).status == 0)
        #expect(try run([cjmBinary(), "check", file]).status == 0)
        #expect(try run([cjmBinary(), "check", "--no-such-flag", file]).status == 2)
        #expect(try run([cjmBinary(), "export", file, "--format", "nope"]).status == 2)
        let blank = dir + "/blank.json"
        #expect(try run([cjmBinary(), "new", blank, "--template", "blank"]).status == 0)
        #expect(try run([cjmBinary(), "check", blank]).status == 1)
        let noFolder = try run([cjmBinary(), "export", file, "--format", "md", "-o", dir + "/none/out.md"])
        #expect(noFolder.status == 3)
        #expect(noFolder.error.hasPrefix("cjm: \(dir)/none/out.md: cannot save: "), "\(noFolder.error)")
        #expect(!noFolder.error.contains("cannot save: cannot save"))
        #expect(try run([cjmBinary(), "--help"]).output.contains("3 a save or export failed"))
    }

    /// `show`, `check` and `export` only read: a stale history beside the map stays as it is.
    @Test func readingCommandsWriteNothing() throws {
        let dir = temporaryFolder()
        let file = dir + "/map.json"
        #expect(try run([cjmBinary(), "new", file, "--template", "cinema-ru"]).status == 0)
        try #"{"format": "cjm-history", "version": 2, "document": "other"}"#.write(
            toFile: dir + "/.map.json.history", atomically: false, encoding: .utf8)
        func snapshot() throws -> [String: Data] {
            var out: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
                out[name] = FileManager.default.contents(atPath: dir + "/" + name)
            }
            return out
        }
        let before = try snapshot()
        for args in [["show", file], ["check", file], ["export", file, "--format", "md", "-o", "-"]] {
            #expect(try run([cjmBinary()] + args).status == 0, "\(args)")
        }
        #expect(try snapshot() == before, "the same files with the same bytes")
    }

    /// A map whose every text is hostile, fed to every command: no control character reaches
    /// the terminal, in output or in errors.
    @Test func noControlByteFromAMapReachesTheTerminal() throws {
        let dir = temporaryFolder()
        let evil = #"\u001b]0;pwned\u0007\u001b[2J\u009b31m\u009d\u007f\u202e\r"#
        let map = """
            {"format": "cjm", "version": 2, "personas": [{"id": "p\(evil)", "name": "P\(evil)"}],
             "maps": [{"id": "m\(evil)", "title": "T\(evil)", "goal": "G\(evil)", "personas": ["p\(evil)"],
                       "stages": [{"id": "s\(evil)", "name": "S\(evil)", "emotions": {"p\(evil)": 1}}, {"id": "e", "name": "E\(evil)"}],
                       "lanes": [{"id": "l", "title": "L\(evil)", "kind": "barriers", "cells": {"s\(evil)": "C\(evil)"}}]}]}
            """
        let file = dir + "/evil.json"
        try map.write(toFile: file, atomically: false, encoding: .utf8)
        let badField = dir + "/field.json"
        try map.replacingOccurrences(of: "\"goal\"", with: "\"x\(evil)\"").write(
            toFile: badField, atomically: false, encoding: .utf8)
        let badKind = dir + "/kind.json"
        try map.replacingOccurrences(of: "\"barriers\"", with: "\"k\(evil)\"").write(
            toFile: badKind, atomically: false, encoding: .utf8)
        let csv = dir + "/evil.csv"
        try "stage\u{1b}[2J,x\n1\u{9b}m,2,3\n".write(toFile: csv, atomically: false, encoding: .utf8)
        var runs: [[String]] = [
            ["check", file], ["check", "--json", file], ["show", file, "--width", "80"], ["check", badField], ["show", badKind],
            ["export", badKind, "--format", "md"], ["import", csv, "-o", dir + "/in.json"], ["export", file, "--format", "csv"],
        ]
        for format in ["md", "html", "svg"] {
            runs.append(["export", file, "--format", format])
            runs.append(["export", file, "--format", format, "-o", "-"])
        }
        for args in runs {
            let r = try run([cjmBinary()] + args, environment: ["LANG": "C.UTF-8"])
            for (name, text) in [("output", r.output), ("error", r.error)] {
                let bad = text.unicodeScalars.filter { s in
                    (s.value < 0x20 && s != "\n") || s.value == 0x7F || (0x80...0x9F).contains(s.value)
                }
                #expect(bad.isEmpty, "\(args) \(name): \(bad.map { String($0.value, radix: 16) }) in \(text.prefix(300))")
            }
            #expect(!r.output.isEmpty || !r.error.isEmpty, "\(args) said something")
        }
    }

    /// A FIFO, `/dev/stdout` (here a pipe) and `-` get the export as a stream; none is replaced.
    @Test func exportsStreamIntoFIFOsAndDevices() throws {
        let dir = temporaryFolder()
        let file = dir + "/map.json"
        #expect(try run([cjmBinary(), "new", file, "--template", "cinema-ru"]).status == 0)
        let expected = try run([cjmBinary(), "export", file, "--format", "md", "-o", "-"]).output
        #expect(expected.hasPrefix("## "))
        let fifo = dir + "/out.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let script = "cat '\(fifo)' > '\(dir)/got.md' & '\(cjmBinary())' export '\(file)' --format md -o '\(fifo)'; wait"
        #expect(try run(["sh", "-c", script]).status == 0)
        #expect(try String(contentsOfFile: dir + "/got.md", encoding: .utf8) == expected)
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")
        let viaDev = try run([cjmBinary(), "export", file, "--format", "md", "-o", "/dev/stdout"])
        #expect(viaDev.status == 0)
        #expect(viaDev.output == expected)
    }
}
