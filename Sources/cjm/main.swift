import ArgumentParser
import CJMCore
import CJMTerminal
import CJMView
import Glibc

/// Exit codes: 0 fine, 1 a problem with a file, 2 a usage error (ArgumentParser's own).
struct CJM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cjm",
        abstract: "A customer journey map editor for the terminal.",
        discussion: """
            With no subcommand, cjm opens FILE in the editor (default: \(Templates.defaultFileName) in the \
            current folder), creating it from the '\(Templates.defaultName)' template when it does not exist.
            """,
        subcommands: [Edit.self, New.self, Templates_.self, Show.self, Check.self],
        defaultSubcommand: Edit.self
    )
}

struct Fail: Error, CustomStringConvertible {
    var description: String
}

/// Prints to standard error and exits 1: every error names the file and the problem.
func die(_ message: String) -> Never {
    var stderr = FileOutput(fd: 2)
    print("cjm: \(message)", to: &stderr)
    exit(1)
}

struct FileOutput: TextOutputStream {
    let fd: Int32
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n <= 0 { return }
            off += n
        }
    }
}

struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open a map in the terminal editor (the default).")

    @Argument(help: "The map file; created from the default template when missing.")
    var file: String = Templates.defaultFileName

    @Option(help: "The theme: a name from Themes/ (dark, light, mono) or a path to a .theme file.")
    var theme: String = "dark"

    @Option(help: "The template a missing file is created from (see `cjm templates`).")
    var template: String = Templates.defaultName

    func run() throws {
        guard let t = Templates.named(template) else { die("no template named '\(template)' (see `cjm templates`)") }
        let chosen: Theme
        do {
            chosen = try ThemeLoader.load(theme)
        } catch {
            die("\(error)")
        }
        let opened: OpenedMap
        do {
            opened = try MapStore.open(file, creatingFrom: t.workspace)
        } catch {
            die(error.description)
        }
        let code = App.run(opened: opened, theme: chosen)
        Glibc.exit(code)
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new map file from a template.")

    @Argument(help: "The file to create; an existing file is never overwritten.")
    var file: String

    @Option(help: "The template (see `cjm templates`).")
    var template: String = Templates.defaultName

    func run() throws {
        guard let t = Templates.named(template) else { die("no template named '\(template)' (see `cjm templates`)") }
        if AtomicFile.exists(file) { die("\(file): already exists; cjm new never overwrites a file") }
        do {
            _ = try MapStore.open(file, creatingFrom: t.workspace)
        } catch {
            die(error.description)
        }
        print("created \(file) from the template '\(t.name)'")
    }
}

struct Templates_: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "templates", abstract: "List the built-in templates.")

    func run() throws {
        let w = Templates.all.map { $0.name.count }.max() ?? 0
        for t in Templates.all {
            print(t.name + String(repeating: " ", count: w - t.name.count + 2) + t.summary)
        }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a map as a text grid with its emotion curve.")

    @Argument(help: "The map file.")
    var file: String

    @Option(help: "The width in columns (default: the terminal's, or 100).")
    var width: Int?

    @Option(name: .customLong("map"), help: "Only this map: its number (1, 2…) or its title.")
    var mapName: String?

    func run() throws {
        setlocale(LC_ALL, "")
        let opened: OpenedMap
        do {
            opened = try MapStore.open(file)
        } catch {
            die(error.description)
        }
        var w = width ?? 0
        if w <= 0, let cols = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }) { w = cols }
        if w <= 0 {
            var ws = winsize()
            if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { w = Int(ws.ws_col) }
        }
        if w <= 0 { w = 100 }
        var only: Int?
        if let mapName {
            let maps = opened.workspace.maps
            if let n = Int(mapName), n >= 1, n <= maps.count {
                only = n - 1
            } else if let i = maps.firstIndex(where: { $0.title == mapName || $0.id.raw == mapName }) {
                only = i
            } else {
                die(
                    "\(file): no map '\(mapName)' (maps: \(maps.enumerated().map { "\($0.offset + 1) \($0.element.title)" }.joined(separator: ", ")))"
                )
            }
        }
        print(MapPrinter.render(opened.workspace, width: w, only: only), terminator: "")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate a map file: exit 0 when it reads cleanly, 1 when not.")

    @Argument(help: "The map file.")
    var file: String

    func run() throws {
        let bytes: [UInt8]
        do {
            bytes = try AtomicFile.read(file)
        } catch {
            die(error.description)
        }
        let ws: Workspace
        do {
            ws = try MapCodec.decode(bytes)
        } catch {
            die("\(file): \(error.message)")
        }
        print("\(file): ok — \(ws.maps.count) map\(ws.maps.count == 1 ? "" : "s"), \(ws.personas.count) personas")
        for map in ws.maps {
            let cells = map.lanes.reduce(0) { $0 + $1.cells.count }
            let scored = map.stages.filter { st in st.emotion != nil || !st.emotions.isEmpty }.count
            print(
                "  \(map.title): \(map.stages.count) stages, \(map.lanes.count) lanes, \(cells) filled cells, \(scored) scored stages"
            )
        }
        if MapCodec.encode(ws) != bytes {
            print("note: the file is not in cjm's canonical layout; the next save will rewrite its formatting")
        }
    }
}

CJM.main()
