import CJMCore
import CJMStorage
import CJMTestSupport
import CJMView
import Foundation
import Testing

/// The interface language and the locale in a real terminal: Russian from LANG, English from
/// --lang, a Cyrillic map under LANG=C, and a terminal that cannot address the cursor.
@Suite(.serialized, .temporaryFolders) struct LanguageEndToEndTests {
    /// Under LANG=ru_RU.UTF-8 (installed or not) the editor speaks Russian, and a new stage on
    /// a Russian map is named in Russian.
    @Test func russianInterfaceFromLang() throws {
        let t = try TmuxSession()
        let file = t.folder + "/карта.json"
        try t.start(["--template", "five-stage-ru", file], extraEnvironment: ["LANG=ru_RU.UTF-8"])
        let first = try t.waitFor("the Russian bottom bar") { $0.containsWhole("этап 1/5 · строка 1/6 мысли") }
        #expect(first.contains(" КАРТА "))
        #expect(first.contains("отлично") && first.contains("Эмоции"))
        try t.type("?")
        try t.waitFor("the Russian help") { $0.contains("клавиши cjm") && $0.contains("Перемещение") }
        try t.keys("Escape")
        try t.type("a")
        try t.waitFor("the Russian prompt") { $0.contains("Название нового этапа:") }
        try t.keys("Enter")
        try t.waitFor("the new stage in the file") { _ in
            (try? readMap(file)).map { $0.stages.map(\.name).contains("Этап 6") } ?? false
        }
        // The undo step is named in Russian too, whatever the history file stores.
        try t.type("u")
        try t.waitFor("the Russian undo message") { $0.contains("отменено: новый этап «Этап 6»") }
        try t.type("q")
        try t.waitFor("[exit 0]")
    }

    /// --lang wins over the environment.
    @Test func langFlagWins() throws {
        let t = try TmuxSession()
        let file = t.folder + "/карта.json"
        try t.start(["--lang", "en", "--template", "five-stage-ru", file], extraEnvironment: ["LANG=ru_RU.UTF-8"])
        let screen = try t.waitFor("the English bottom bar") { $0.containsWhole("stage 1/5 · lane 1/6 thoughts") }
        #expect(mode(of: screen) == "MAP")
        try t.type("q")
        try t.waitFor("[exit 0]")
    }

    /// Under LANG=C cjm works in UTF-8 on its own and says so once: Cyrillic shows, and
    /// Cyrillic typed into a cell is stored.
    @Test func cyrillicUnderLangC() throws {
        let t = try TmuxSession()
        let file = t.folder + "/карта.json"
        try writeTemplate("five-stage-ru", to: file)
        try t.start([file], extraEnvironment: ["LANG=C", "LC_ALL=C"])
        let screen = try t.waitFor("the map and the locale note") {
            $0.contains("Осмысление") && $0.contains("the locale C is not UTF-8")
        }
        #expect(screen.contains("Это решение мне"))
        try t.keys("Enter", "C-u")
        try t.type("привет, мир")
        try t.waitFor("the typed text") { $0.contains("привет, мир") }
        try t.keys("Enter")
        try t.waitFor("the cell in the file") { _ in
            (try? readMap(file)).map { $0.lanes[0].cell($0.stages[0].id) == "привет, мир" } ?? false
        }
        try t.type("q")
        try t.waitFor("[exit 0]")
    }

    /// A terminal that cannot move the cursor is refused with a way out, and the map is untouched.
    @Test func dumbTerminalIsRefused() throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try writeTemplate("blank", to: file)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        // tmux sets TERM for its panes, so a shell in the pane sets it for cjm.
        try t.startShell()
        try t.waitFor("$")
        try t.type("TERM=dumb '\(cjmBinary())' '\(file)'; echo \"[exit $?]\"")
        try t.keys("Enter")
        let screen = try t.waitFor("[exit 2]")
        #expect(screen.contains("TERM=dumb: this terminal cannot move the cursor"))
        #expect(screen.contains("cjm show"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        // The same refusal in the interface language.
        try t.keys("C-l")
        try t.type("TERM=dumb LANG=ru_RU.UTF-8 '\(cjmBinary())' '\(file)'; echo \"[exit $?]\"")
        try t.keys("Enter")
        let russian = try t.waitFor("the Russian refusal") { $0.contains("[exit 2]") && $0.contains("TERM=dumb: этот") }
        #expect(russian.contains("этот терминал не умеет перемещать курсор"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    /// A file changed by another program: a map is merged in and said in Russian; what is not
    /// a map (git's conflict markers) cannot be, so the Russian save state names the keys from
    /// the keymap, and in the Russian layout й asks to quit and Й quits anyway, leaving the
    /// other program's file as it was.
    @Test func quitAnywayInRussian() throws {
        let t = try TmuxSession()
        let file = t.folder + "/карта.json"
        try MapStore.save(Templates.named("five-stage-ru")!.workspace, history: History(), to: file)
        try t.start([file], extraEnvironment: ["LANG=ru_RU.UTF-8"])
        try t.waitFor("the first screen") { $0.containsWhole("этап 1/5 · строка 1/6 мысли") }
        var theirs = try readWorkspace(file)
        theirs.maps[0].title = "Чужая правка"
        try MapStore.save(theirs, history: History(), to: file)
        try t.waitFor("the merge said") {
            $0.containsWhole("слито с диска: 1 изменение") && $0.containsWhole("Чужая правка")
        }
        let markers = "<<<<<<< HEAD\n" + String(decoding: try AtomicFile.read(file), as: UTF8.self) + "=======\n>>>>>>> other\n"
        try AtomicFile.write(Array(markers.utf8), to: file)
        try t.keys("Enter", "C-u")
        try t.type("моя правка")
        try t.waitFor("the typed text") { $0.contains("моя правка") }
        try t.keys("Enter")
        // The top bar's state, as the phrase table words it, up to its keys.
        let failed = Language.ru.t(.stateFailed, EditorView.saveProblem(Autosaver.changedOnDisk, .ru))
        let conflict = String(failed.prefix { $0 != ";" })
        try t.waitFor("the conflict in the top bar") { $0.contains(conflict) }
        try t.type("й")
        // The bottom bar says it, with the keys from the table (cut short with "…" at 120 columns).
        let refusal = Language.ru.t(.changedOnDisk, Keymap.grid.key(.save), Keymap.grid.key(.quitAnyway))
        let shown = String(refusal[refusal.range(of: Keymap.grid.key(.save))!.lowerBound...].dropLast())
        try t.waitFor("the quit refused") { $0.contains(shown) }
        try t.type("Й")
        try t.waitFor("[exit 3]")
        #expect(String(decoding: try AtomicFile.read(file), as: UTF8.self) == markers)
    }
}

/// A map file made from a template, as `cjm new` would write it.
func writeTemplate(_ name: String, to file: String) throws {
    try Data(MapCodec.encode(Templates.named(name)!.workspace)).write(to: URL(fileURLWithPath: file))
}
