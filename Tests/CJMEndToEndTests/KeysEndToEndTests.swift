import CJMCore
import CJMStorage
import CJMTestSupport
import Foundation
import Testing

/// The keymap in a real terminal: the Russian layout, keys that cannot lose text, search, the
/// palette, the mouse and job control, at a wide and a narrow size.
@Suite(.serialized, .temporaryFolders) struct KeysEndToEndTests {
    static let sizes = [(120, 40), (80, 24)]

    /// Starts cjm on a copy of the Russian cinema template and waits for the first screen.
    func start(_ t: TmuxSession, _ width: Int, _ height: Int) throws -> String {
        let file = t.folder + "/карта.json"
        try t.start(["--template", "cinema-ru", file], width: width, height: height)
        try waitForPlace(t, 1, 1)
        return file
    }

    /// Waits for the cursor's place in the bottom bar, in its full or its short form (the
    /// short one when a long message takes the room).
    @discardableResult
    func waitForPlace(_ t: TmuxSession, _ stage: Int, _ lane: Int) throws -> String {
        try t.waitFor("stage \(stage), lane \(lane)") {
            $0.containsWhole("stage \(stage)/5 · lane \(lane)/6") || $0.containsWhole("\(stage)/5 · \(lane)/6")
        }
    }

    /// Polls the map file until `predicate` holds for it.
    func waitForFile(_ t: TmuxSession, _ file: String, _ what: String, _ predicate: (Workspace) -> Bool) throws {
        try t.waitFor(what) { _ in (try? readWorkspace(file)).map(predicate) ?? false }
    }

    @Test(arguments: sizes)
    func russianLayoutMovesAndUndoes(width: Int, height: Int) throws {
        let t = try TmuxSession()
        let file = try start(t, width, height)
        try t.type("о")
        try waitForPlace(t, 1, 2)
        try t.type("д")
        try waitForPlace(t, 2, 2)
        try t.type("л")
        try waitForPlace(t, 2, 1)
        try t.type("р")
        try waitForPlace(t, 1, 1)
        let before = try readWorkspace(file).maps[0].stages[0].emotions
        try t.type("5")
        try waitForFile(t, file, "the score in the file") { $0.maps[0].stages[0].emotions.values.contains(2) }
        try t.type("г")
        try waitForFile(t, file, "the score undone in the file") { $0.maps[0].stages[0].emotions == before }
        try t.keys("q")
        try t.waitFor("[exit 0]")
    }

    /// The sequences terminals send for keys ncurses's terminfo may not name (Home as ESC [1~,
    /// End as ESC [4~, the normal cursor mode's arrows) are those keys; a sequence cjm has no use for is
    /// read whole and does nothing (its letters once switched maps and scored stages).
    @Test func sequencesAreKeysOrNothing() throws {
        let t = try TmuxSession()
        let file = try start(t, 120, 40)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        // End, Home, the normal mode's Right; then Ctrl-Right, Shift-Down, Ctrl-Left and
        // Shift-Up, which terminfo names as keys of their own: the arrows.
        let steps: [(String, stage: Int, lane: Int)] = [
            ("[4~", 5, 1), ("[1~", 1, 1), ("[C", 2, 1), ("[1;5C", 3, 1), ("[1;2B", 3, 2), ("[1;5D", 2, 2), ("[1;2A", 2, 1),
        ]
        for (sequence, stage, lane) in steps {
            try t.raw("\u{1B}" + sequence)
            try waitForPlace(t, stage, lane)
        }
        // Keypad 5, F1, F5 and an unknown one, then a known key to wait for.
        try t.raw("\u{1B}[E\u{1B}OP\u{1B}[15~\u{1B}[99;9X\u{1B}[B")
        // The position shows only on the map's own bar, so no mode opened; and the map on
        // screen is still the first (a stray `[` or `]` would have switched it).
        let screen = try waitForPlace(t, 2, 2)
        let title = try readWorkspace(file).maps[0].title
        #expect(screen.split(separator: "\n").first?.contains(title) == true, "\(screen)")
        try t.keys("q")
        try t.waitFor("[exit 0]")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before, "a sequence changed the map")
    }

    @Test(arguments: sizes)
    func ctrlCInAnOpenCellKeepsTheText(width: Int, height: Int) throws {
        let t = try TmuxSession()
        let file = try start(t, width, height)
        try t.keys("Enter", "C-u")
        try t.type("набрано тут")
        try t.waitFor("набрано тут")
        try t.keys("C-c")
        try t.waitFor("[exit 0]")
        #expect(try readWorkspace(file).maps[0].lanes[0].cell(StageID("need")) == "набрано тут")
    }

    @Test(arguments: sizes)
    func closingTheTerminalWithAnOpenCellKeepsTheText(width: Int, height: Int) throws {
        let t = try TmuxSession()
        let file = try start(t, width, height)
        let pid = try t.cjmPid()
        try t.keys("Enter", "C-u")
        try t.type("последние слова")
        // The whole text on screen, not its first word: keys arrive one by one.
        try t.waitFor("последние слова")
        try t.tmux("kill-session", "-t", "t")  // SIGHUP to the pane
        // The pane is gone: the file alone says what was kept.
        let deadline = Date().addingTimeInterval(10)
        while FileManager.default.fileExists(atPath: "/proc/\(pid)"), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(try readWorkspace(file).maps[0].lanes[0].cell(StageID("need")) == "последние слова")
    }

    @Test(arguments: sizes)
    func searchAndThePalette(width: Int, height: Int) throws {
        let t = try TmuxSession()
        let file = try start(t, width, height)
        // ё typed as е, in capitals: the second map's barrier «…клиент нашёл сервис…» is found.
        try t.keys("]")
        try t.waitFor("map 2/2")
        try t.keys("/")
        try t.type("НАШЕЛ")
        try t.keys("Enter")
        // One state: the position is written after the message on the same row, so a screen
        // caught between the two shows the message with the place before the jump.
        try t.waitFor("«НАШЕЛ»: 1 of 1, at stage 1, lane 4") {
            $0.contains("«НАШЕЛ»: 1 of 1") && ($0.containsWhole("1/5 · 4/6") || $0.containsWhole("stage 1/5 · lane 4/6"))
        }
        // The palette: Enter, three letters, Enter ticks «Сайт» in the touchpoints of stage 1.
        try t.keys("Escape", "g", "j", "j")
        try waitForPlace(t, 1, 3)
        try t.keys("Enter")
        try t.type("Сай")
        try t.keys("Enter")
        try t.waitFor("ticked Сайт")
        try t.keys("q")
        try t.waitFor("[exit 0]")
        #expect(try readWorkspace(file).maps[1].lanes[2].cell(StageID("need")).items.last == "Сайт")
    }

    @Test(arguments: sizes)
    func clicksSelectAndScore(width: Int, height: Int) throws {
        let t = try TmuxSession()
        let file = try start(t, width, height)
        let lines = try t.screen().split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0)) }
        func row(_ prefix: String) -> Int? { lines.firstIndex { String($0).hasPrefix(prefix) } }
        func column(_ text: String, in y: Int) -> Int? {
            let line = String(lines[y])
            guard let r = line.range(of: text) else { return nil }
            return line.distance(from: line.startIndex, to: r.lowerBound)
        }
        let header = try #require(lines.firstIndex { String($0).contains("2 Интерес") })
        let x = try #require(column("2 Интерес", in: header)) + 1
        let actions = try #require(row(" Действия"))
        try t.click(x: x, y: actions)
        try waitForPlace(t, 2, 2)
        // The curve band's top row is +2: a click there scores stage 2 on the active curve.
        let great = try #require(row(" great"))
        try t.click(x: x, y: great)
        try waitForFile(t, file, "the clicked score in the file") { $0.maps[0].stages[1].emotions.values.contains(2) }
        // A double click on a cell opens it (one click would only select it): typed text goes in.
        try t.click(x: x, y: actions, double: true)
        try t.keys("C-u")
        try t.type("двойной щелчок")
        try t.waitFor("двойной щелчок")
        try t.keys("Enter")
        try waitForFile(t, file, "the double-clicked cell's text") {
            $0.maps[0].lanes[1].cell($0.maps[0].stages[1].id) == "двойной щелчок"
        }
        try t.keys("q")
        try t.waitFor("[exit 0]")
    }

    @Test(arguments: sizes)
    func ctrlZSuspendsAndFgComesBack(width: Int, height: Int) throws {
        let t = try TmuxSession()
        let file = t.folder + "/карта.json"
        try t.startShell(width: width, height: height)
        try t.waitFor("the shell's prompt") { $0.contains("$") }
        try t.type("'\(cjmBinary())' --template cinema-ru '\(file)'")
        try t.keys("Enter")
        try waitForPlace(t, 1, 1)
        try t.keys("C-z")
        let stopped = try t.waitFor("the shell's job report") { $0.contains("Stopped") }
        #expect(!stopped.contains("1/5 · lane"), "the map is off the screen while suspended")
        // The shell works while cjm waits: its terminal is back in cooked mode.
        try t.type("stty -a | grep -o -- '-\\?icanon' | head -1")
        try t.keys("Enter")
        try t.waitFor("the cooked terminal") {
            $0.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "icanon" }
        }
        try t.type("fg")
        try t.keys("Enter")
        let back = try t.waitFor("the map painted again") {
            ($0.containsWhole("stage 1/5 · lane 1/6") || $0.containsWhole("1/5 · 1/6")) && !$0.contains("Stopped")
        }
        #expect(back.contains("1 Потребность") || back.contains("1 Потреб"))
        try t.keys("j")
        try waitForPlace(t, 1, 2)
        try t.keys("q")
        try t.waitFor("the shell's prompt again") {
            $0.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.hasPrefix("$") == true
        }
    }

    /// Stopped from outside, as a shell's `kill -TSTP` or a debugger's SIGSTOP stops it: `fg`
    /// brings the map back painted (ncurses' own stop handler used to repaint a blank window).
    @Test func aStopFromOutsideAndFgComeBack() throws {
        let t = try TmuxSession()
        let file = t.folder + "/карта.json"
        try t.startShell()
        try t.waitFor("the shell's prompt") { $0.contains("$") }
        try t.type("'\(cjmBinary())' --template cinema-ru '\(file)'")
        try t.keys("Enter")
        try waitForPlace(t, 1, 1)
        let pid = try t.cjmPid()
        #expect(Int(pid) != nil, "cjm's process under the shell")
        for signal in ["-TSTP", "-STOP"] {
            _ = try run(["kill", signal, pid])
            try t.waitFor("the shell's job report after \(signal)") { $0.contains("Stopped") }
            try t.type("clear; fg")
            try t.keys("Enter")
            try t.waitFor("the map painted again after \(signal)") {
                ($0.containsWhole("stage 1/5 · lane 1/6") || $0.containsWhole("1/5 · 1/6")) && !$0.contains("Stopped")
                    && ($0.containsWhole("1 Потребность") || $0.containsWhole("1 Потреб"))
            }
        }
        try t.keys("j")
        try waitForPlace(t, 1, 2)
        try t.keys("q")
        try t.waitFor("the shell's prompt again") {
            $0.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.hasPrefix("$") == true
        }
    }
}
