import ArgumentParser
import CJMCore
import CJMExport
import CJMStorage
import CJMTerminal
import CJMView
import Glibc

/// Exit codes: 0 fine, 1 a problem with a file (or `check` found errors), 64 a usage error (ArgumentParser's).
struct CJM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cjm",
        abstract: "A customer journey map editor for the terminal.",
        discussion: """
            With no subcommand, cjm opens FILE in the editor (default: \(Templates.defaultFileName) in the \
            current folder), creating it from the '\(Templates.defaultName)' template when it does not exist.
            """,
        subcommands: [Edit.self, New.self, Templates_.self, Show.self, Check.self, Export.self, Import.self, Keys.self],
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
        // Without a terminal: say so, but a file that cannot be read is the first thing to hear
        // about, and a missing file is not created for nothing.
        func needTerminal() {
            guard isatty(0) != 0, isatty(1) != 0 else {
                die(
                    "the editor needs a terminal on standard input and output; for scripts use `cjm show`, `cjm export` or `cjm check`"
                )
            }
        }
        if !AtomicFile.exists(file) { needTerminal() }
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
        needTerminal()
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

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the editor's keys (the README's tables with --markdown).")

    @Flag(help: "Print Markdown tables, as in the README.")
    var markdown = false

    func run() throws {
        if markdown {
            print(EditorView.keysMarkdown(), terminator: "")
            return
        }
        let width = EditorView.keyHelp.flatMap { $0.1 }.map { DisplayWidth.of($0.0) }.max() ?? 0
        for (i, (section, keys)) in EditorView.keyHelp.enumerated() {
            print((i == 0 ? "" : "\n") + section)
            for (k, what) in keys { print("  " + TextLayout.pad(k, width: width + 2) + what) }
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

/// A map chosen by number (1, 2…), title or id; nil when `name` is nil (all maps).
func selectMap(_ name: String?, in ws: Workspace, file: String) -> Int? {
    guard let name else { return nil }
    if let n = Int(name), n >= 1, n <= ws.maps.count { return n - 1 }
    if let i = ws.maps.firstIndex(where: { $0.title == name || $0.id.raw == name }) { return i }
    let list = ws.maps.enumerated().map { "\($0.offset + 1) \($0.element.title)" }.joined(separator: "; ")
    die("\(file): no map '\(name)' (maps: \(list))")
}

func readWorkspace(_ file: String) -> (Workspace, [UInt8]) {
    let bytes: [UInt8]
    do {
        bytes = try AtomicFile.read(file)
    } catch {
        die(error.description)
    }
    do {
        return (try MapCodec.decode(bytes), bytes)
    } catch {
        die("\(file): \(error.message)")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a map file: that it reads, and the method's mistakes.",
        discussion: """
            Errors: a map without a goal; a map without a persona, or one persona on every map (one map for all \
            segments); a stage with no touchpoints or channels; a stage with no emotion score for a linked persona. \
            Warnings: a barrier with no opportunity at the same stage; empty stages and lanes. Exits 1 when the file \
            cannot be read or errors are found, 0 otherwise.
            """)

    @Argument(help: "The map file.")
    var file: String

    @Flag(help: "Print the findings as JSON, for scripts.")
    var json = false

    func run() throws {
        let (ws, bytes) = readWorkspace(file)
        let findings = MethodCheck.run(ws)
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        if json {
            let items: [JSONValue] = findings.map { f in
                .object([
                    ("severity", .string(f.severity.rawValue)), ("rule", .string(f.rule)), ("map", .string(f.map)),
                    ("stage", f.stage.map { .string($0) } ?? .null), ("lane", f.lane.map { .string($0) } ?? .null),
                    ("message", .string(f.message)), ("hint", .string(f.hint)),
                ])
            }
            let out = JSONValue.object([
                ("file", .string(file)), ("maps", .int(ws.maps.count)), ("personas", .int(ws.personas.count)),
                ("errors", .int(errors)), ("warnings", .int(warnings)), ("findings", .array(items)),
            ])
            print(String(decoding: JSONWriter.write(out), as: UTF8.self), terminator: "")
        } else {
            print("\(file): reads cleanly — \(ws.maps.count) map\(ws.maps.count == 1 ? "" : "s"), \(ws.personas.count) personas")
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
            for f in findings {
                var place = "«\(f.map)»"
                if let st = f.stage { place += ", stage «\(st)»" }
                if let l = f.lane, f.stage == nil { place += ", lane «\(l)»" }
                print("\(f.severity == .error ? "error  " : "warning") \(place): \(f.message)")
                print("        hint: \(f.hint)")
            }
            print(
                findings.isEmpty
                    ? "no mistakes found"
                    : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        }
        if errors > 0 { throw ExitCode(1) }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export maps: Markdown, CSV for spreadsheets, a self-contained HTML page, or the emotion curves as SVG.")

    @Argument(help: "The map file.")
    var file: String

    @Option(help: "md, csv, html or svg.")
    var format: ExportFormat

    @Option(
        name: .customLong("map"),
        help: "Only this map: its number (1, 2…) or its title. CSV and SVG take one map (the first by default).")
    var mapName: String?

    @Option(name: .shortAndLong, help: "The output file; - for standard output. Default: beside the map, NAME.FORMAT.")
    var output: String?

    @Option(help: "The theme whose palette colours the HTML and SVG (default: light, for white paper).")
    var theme: String = "light"

    func run() throws {
        let (ws, _) = readWorkspace(file)
        var only = selectMap(mapName, in: ws, file: file)
        if format.oneMap, only == nil { only = 0 }
        let chosen: Theme
        do {
            chosen = try ThemeLoader.load(theme)
        } catch {
            die("\(error)")
        }
        let text = format.render(ws, only: only, theme: chosen)
        if output == "-" {
            print(text, terminator: "")
            return
        }
        let path = output ?? format.defaultPath(for: file, only: only, mapCount: ws.maps.count)
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch {
            die(error.description)
        }
        print("wrote \(path)")
    }
}

extension ExportFormat: ExpressibleByArgument {}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a map file from a CSV table: stages in the first row, lanes in the first column, emotion rows of numbers."
    )

    @Argument(help: "The CSV file (as `cjm export --format csv` writes it, or made by hand the same way).")
    var csv: String

    @Option(name: .shortAndLong, help: "The map file to create.")
    var output: String

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func run() throws {
        let bytes: [UInt8]
        do {
            bytes = try AtomicFile.read(csv)
        } catch {
            die(error.description)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            die("\(csv): not UTF-8 text (save the sheet as CSV UTF-8)")
        }
        var rng = SystemRandomNumberGenerator()
        let ws: Workspace
        do {
            ws = try MapTable.workspace(fromCSV: text, ids: &rng)
        } catch {
            die("\(csv): \(error)")
        }
        if AtomicFile.exists(output) && !force { die("\(output): already exists; --force replaces it") }
        do {
            try AtomicFile.write(MapCodec.encode(ws), to: output)
        } catch {
            die(error.description)
        }
        let map = ws.maps[0]
        print("wrote \(output): \(map.stages.count) stages, \(map.lanes.count) lanes, \(ws.personas.count) personas")
    }
}

CJM.main()
