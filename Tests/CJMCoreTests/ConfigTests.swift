import CJMCore
import CJMStorage
import Testing

/// The config file: every setting, comments, and errors that name the file and the line.
@Suite struct ConfigTests {
    @Test func readsEverySetting() throws {
        let text = "# cjm\ntheme = light\nlanguage = ru   # Russian\nmouse = off\nautosave = 2.5\nexport-theme = mono\n\n"
        let c = try Config.parse(text, path: "c")
        #expect(c == Config(theme: "light", language: .ru, mouse: false, autosave: 2.5, exportTheme: "mono"))
        #expect(try Config.parse("", path: "c") == Config())
    }

    @Test(arguments: [
        ("colour = red", "c:1: unknown setting «colour»"),
        ("\nlanguage = fr", "c:2: language is en or ru, not «fr»"),
        ("autosave = 0", "c:1: autosave is seconds from 0.05 to 3600"),
        ("theme", "c:1: expected key = value"),
        ("theme =", "c:1: theme has no value"),
    ])
    func problemsNameTheLine(text: String, message: String) {
        do {
            _ = try Config.parse(text, path: "c")
            Issue.record("read \(text)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error)")
        }
    }

    @Test func whereItLives() {
        #expect(Config.folder(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/cjm")
        #expect(Config.folder(environment: ["HOME": "/h"]) == "/h/.config/cjm")
        #expect(Config.folder(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/cjm")
        #expect(Config.folder(environment: [:]) == nil)
    }
}
