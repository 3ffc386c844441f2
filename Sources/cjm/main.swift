import ArgumentParser
import CJMCore
import CJMExport
import CJMStorage
import CJMTerminal
import CJMView
import CMalloc
import Glibc

/// Exit codes, as the README and `--help` say.
enum Exit {
    static let ok: Int32 = 0
    /// `check` found mistakes in the map.
    static let mistakes: Int32 = 1
    /// A usage error, or input that cannot be read.
    static let input: Int32 = 2
    /// A save or an export could not be written.
    static let save: Int32 = 3
}

/// cjm's version, as `--version` and `-V` print it.
let version = "0.6.0"
/// The day this version was made, for the man page's header (a fixed date keeps the page's bytes stable).
let releaseDate = "2026-11-23"

/// Options every command takes.
struct Global: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The interface language: en or ru (default: the config file's, else LC_ALL, LC_MESSAGES or LANG).",
            valueName: "language"))
    var lang: Language?

    /// The language to speak: the flag, else the config file, else the environment.
    func language(_ config: Config, _ env: [String: String]) -> Language {
        Global.language(lang, config, env)
    }

    static func language(_ lang: Language?, _ config: Config, _ env: [String: String]) -> Language {
        lang ?? config.language ?? Language.from(environment: env)
    }
}

extension Language: ExpressibleByArgument {}

/// The config file, or an error that names it and the line, in the language the flag or the
/// environment asks for (the file's own `language` is not known when it cannot be read).
func loadConfig(_ env: [String: String], _ lang: Language? = nil) -> Config {
    do {
        return try Config.load(environment: env)
    } catch {
        die(error.description(lang ?? Language.from(environment: env)))
    }
}

struct CJM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cjm",
        abstract: "A customer journey map editor for the terminal.",
        discussion: """
            With no subcommand, cjm opens FILE in the editor (default: \(Templates.defaultFileName) in the \
            current folder), creating it from the '\(Templates.defaultName)' template when it does not exist.

            Exit codes: 0 success; 1 mistakes (check), conflicts (merge), changes (diff); 2 a usage error or a file that cannot be \
            read; 3 a save or export failed; 128+N the editor was stopped by signal N (after saving).
            """,
        version: version,
        subcommands: [
            Edit.self, New.self, Templates_.self, Themes.self, Show.self, Check.self, Export.self, Import.self,
            Keys.self, Man.self, Completion.self, MergeFiles.self, DiffFiles.self, GitSetup.self,
        ],
        defaultSubcommand: Edit.self
    )
}

/// Prints to standard error and exits: every error names the file and the problem. Text from
/// files is made safe for the terminal here, once, for every message.
func die(_ message: String, code: Int32 = Exit.input) -> Never {
    var stderr = FileOutput(fd: 2)
    print("cjm: " + TerminalText.safe(message, keepingLineBreaks: true), to: &stderr)
    exit(code)
}

/// Prints to standard output, safe for the terminal (see `die`).
func say(_ text: String, terminator: String = "\n") {
    var out = FileOutput(fd: 1)
    print(TerminalText.safe(text, keepingLineBreaks: true), terminator: terminator, to: &out)
}

struct FileOutput: TextOutputStream {
    let fd: Int32
    mutating func write(_ string: String) {
        _ = writeAll(fd, Array(string.utf8))
    }
}

/// Writes an export to a stream: data for a pipe as it is; on a terminal, safe for it like
/// every other output. False when it fails.
func stream(_ bytes: [UInt8], to fd: Int32) -> Bool {
    guard isatty(fd) != 0 else { return writeAll(fd, bytes) }
    return writeAll(fd, Array(TerminalText.safe(String(decoding: bytes, as: UTF8.self), keepingLineBreaks: true).utf8))
}

/// Writes every byte to `fd`; false when it fails.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var off = 0
    while off < bytes.count {
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return false }
        off += n
    }
    return true
}

struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open a map in the terminal editor (the default).")

    @Argument(help: "The map file; created from the default template when missing.", completion: .mapFile)
    var file: String = Templates.defaultFileName

    @Option(
        help: ArgumentHelp(
            "The theme: a name (dark, light, mono, or a .theme file in the themes folders) or a path to a .theme file. Default: the config file's, else dark.",
            valueName: "name"),
        completion: .themes)
    var theme: String?

    @Option(
        name: .customLong("export-theme"),
        help: ArgumentHelp(
            "The theme of what E exports (HTML and SVG colours). Default: the config file's export-theme, else light.",
            valueName: "name"),
        completion: .themes)
    var exportThemeName: String?

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (its own selection and copy).")
    var noMouse = false

    @OptionGroup var global: Global

    @Option(
        help: ArgumentHelp(
            "The template a missing file is created from (see `cjm templates`; by default cinema, or cinema-ru in a Russian interface).",
            valueName: "name"),
        completion: .templates)
    var template: String?

    func run() throws {
        Edit.open(
            file, theme: theme, exportThemeName: exportThemeName, noMouse: noMouse, lang: global.lang, template: template)
    }

    static func open(
        _ file: String, theme: String? = nil, exportThemeName: String? = nil, noMouse: Bool = false, lang: Language? = nil,
        template: String? = nil
    ) -> Never {
        let env = Config.environment()
        let config = loadConfig(env, lang)
        let language = Global.language(lang, config, env)
        let template = template ?? Templates.defaultName(for: language)
        guard let t = Templates.named(template) else { die(language.t(.cliNoTemplate, template)) }
        // Without a terminal: say so, but a file that cannot be read is the first thing to hear
        // about, and a missing file is not created for nothing.
        func needTerminal() {
            guard isatty(0) != 0, isatty(1) != 0 else { die(language.t(.cliNeedsTerminal)) }
        }
        let creating = !AtomicFile.exists(file)
        if creating { needTerminal() }
        let chosen: Theme
        var exportTheme: Theme?
        do {
            chosen = try ThemeLoader.load(theme ?? config.theme ?? "dark")
            exportTheme = try (exportThemeName ?? config.exportTheme).map { try ThemeLoader.load($0) }
        } catch {
            die(language.describe(error))
        }
        let opened: OpenedMap
        do {
            opened = try MapStore.open(file, creatingFrom: t.workspace)
        } catch {
            die(error.description(language) + gitMarkers(file, language), code: creating ? Exit.save : Exit.input)
        }
        needTerminal()
        let code = App.run(
            opened: opened, theme: chosen, mouse: !noMouse && config.mouse != false,
            language: language, autosave: config.autosave ?? 1, exportTheme: exportTheme)
        Glibc.exit(code)
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new map file from a template.")

    @Argument(help: "The file to create; an existing file is never overwritten.", completion: .mapFile)
    var file: String

    @Option(
        help: ArgumentHelp(
            "The template (see `cjm templates`; by default cinema, or cinema-ru in a Russian interface).", valueName: "name"),
        completion: .templates)
    var template: String?

    @OptionGroup var global: Global

    func run() throws {
        let env = Config.environment()
        let language = global.language(loadConfig(env, global.lang), env)
        let template = template ?? Templates.defaultName(for: language)
        guard let t = Templates.named(template) else { die(language.t(.cliNoTemplate, template)) }
        if AtomicFile.exists(file) { die(language.t(.cliNeverOverwrites, file)) }
        do {
            _ = try MapStore.open(file, creatingFrom: t.workspace)
        } catch {
            die(error.description(language), code: Exit.save)
        }
        say(language.t(.cliCreated, file, t.name))
    }
}

struct Templates_: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "templates", abstract: "List the built-in templates.")

    func run() throws {
        let w = Templates.all.map { $0.name.count }.max() ?? 0
        for t in Templates.all {
            say(t.name + String(repeating: " ", count: w - t.name.count + 2) + t.summary)
        }
    }
}

struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the themes and where each comes from (the first folder that has it wins).")

    func run() throws {
        let found = ThemeLoader.available()
        let w = found.map { DisplayWidth.of($0) }.max() ?? 0
        for name in found { say(TextLayout.pad(name, width: w + 2) + (ThemeLoader.source(of: name) ?? "")) }
    }
}

struct Man: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the manual page (roff): `cjm man > cjm.1; man -l cjm.1`.",
        discussion: "scripts/install.sh installs it under PREFIX/share/man/man1.")

    @Flag(help: "Print the README's environment and exit-code tables instead.")
    var markdown = false

    func run() throws {
        _ = stream(Array((markdown ? Manual.markdown() : Manual.roff()).utf8), to: 1)
    }
}

extension CompletionKind {
    /// Map files: `*.cjm.json` and other `*.json`, and folders to walk into.
    static var mapFile: CompletionKind { .file(extensions: ["json"]) }
    static var templates: CompletionKind { .list(Templates.all.map(\.name)) }
    /// Asked of cjm when completing, so the user's own theme files are offered too.
    static var themes: CompletionKind { .custom { _, _, _ in ThemeLoader.available() } }
}

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the editor's keys (the README's tables with --markdown).")

    @Flag(help: "Print Markdown tables, as in the README.")
    var markdown = false

    @OptionGroup var global: Global

    func run() throws {
        if markdown {
            print(Keymap.markdown(), terminator: "")
            return
        }
        let env = Config.environment()
        let t = global.language(loadConfig(env, global.lang), env)
        print(t.t(.layoutNote))
        let bindings = Keymap.all.flatMap { $0.bindings }
        let width = min(26, bindings.map { DisplayWidth.of($0.keysText) }.max() ?? 0)
        for section in Keymap.all.flatMap(\.sections) {
            print("\n" + section.title(t))
            for b in section.bindings { print("  " + TextLayout.pad(b.keysText, width: width + 2) + b.help(t)) }
        }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a map as a text grid with its emotion curve.")

    @Argument(help: "The map file.", completion: .mapFile)
    var file: String

    @Option(help: ArgumentHelp("The width in columns (default: the terminal's, or 100).", valueName: "columns"))
    var width: Int?

    @Option(
        name: .customLong("map"), help: ArgumentHelp("Only this map: its number (1, 2…) or its title.", valueName: "map"))
    var mapName: String?

    @OptionGroup var global: Global

    func run() throws {
        useUTF8Locale()
        let env = Config.environment()
        let language = global.language(loadConfig(env, global.lang), env)
        let (workspace, _) = readWorkspace(file, language)
        var w = width ?? 0
        if w <= 0, let cols = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }) { w = cols }
        if w <= 0 {
            var ws = winsize()
            if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { w = Int(ws.ws_col) }
        }
        if w <= 0 { w = 100 }
        let only = selectMap(mapName, in: workspace, file: file, language)
        say(MapPrinter.render(workspace, width: w, only: only, language: language), terminator: "")
    }
}

/// A map chosen by number (1, 2…), title or id; nil when `name` is nil (all maps).
func selectMap(_ name: String?, in ws: Workspace, file: String, _ t: Language) -> Int? {
    guard let name else { return nil }
    if let n = Int(name), n >= 1, n <= ws.maps.count { return n - 1 }
    if let i = ws.maps.firstIndex(where: { $0.title == name || $0.id.raw == name }) { return i }
    let list = ws.maps.enumerated().map { "\($0.offset + 1) \($0.element.title)" }.joined(separator: "; ")
    die(t.t(.cliNoMap, file, name, list))
}

/// Reads a map for a command that only reads: nothing is written, no history is read.
func readWorkspace(_ file: String, _ t: Language) -> (Workspace, [UInt8]) {
    do {
        return try MapStore.read(file)
    } catch {
        die(error.description(t) + gitMarkers(file, t))
    }
}

/// A hint when a file that cannot be read holds git's conflict markers (a line merge of a
/// map), else nothing.
func gitMarkers(_ file: String, _ t: Language) -> String {
    guard let bytes = try? AtomicFile.read(file) else { return "" }
    let marker = Array("<<<<<<< ".utf8)
    let found =
        bytes.starts(with: marker)
        || bytes.indices.contains { i in bytes[i] == 0x0A && bytes[(i + 1)...].starts(with: marker) }
    return found ? "\n" + t.t(.gitMarkersHint, file) : ""
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a map file: that it reads, and the method's mistakes.",
        discussion: """
            Errors: a conflict a merge left undecided; a map without a goal; a map without a persona, or one persona on every map (one map for all \
            segments); a stage with no touchpoints or channels; a stage with no emotion score for a linked persona. \
            Warnings: a barrier with no opportunity at the same stage; empty stages and lanes. Exits 1 when errors \
            are found, 2 when the file cannot be read, 0 otherwise.
            """)

    @Argument(help: "The map file.", completion: .mapFile)
    var file: String

    @Flag(help: "Print the findings as JSON, for scripts.")
    var json = false

    @OptionGroup var global: Global

    func run() throws {
        let env = Config.environment()
        let t = global.language(loadConfig(env, global.lang), env)
        let (ws, bytes) = readWorkspace(file, t)
        let k = Keymap.conflict
        let findings =
            MethodCheck.conflicts(ws, language: t, keys: (Keymap.grid.key(.nextConflict), k.key(.keepOurs), k.key(.takeTheirs)))
            + MethodCheck.run(ws, language: t)
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
            // JSON escapes every control character itself, C1 included.
            _ = writeAll(1, JSONWriter.write(out))
        } else {
            // Names and texts from the map on one line each: a line break in them must not forge
            // a line of the report.
            say(t.t(.checkReads, file.oneLine, t.count(ws.maps.count, .map), t.count(ws.personas.count, .persona)))
            for map in ws.maps {
                let cells = map.lanes.reduce(0) { $0 + $1.cells.count }
                let scored = map.stages.filter { st in st.emotion != nil || !st.emotions.isEmpty }.count
                say(
                    t.t(
                        .checkMapLine, map.title.oneLine, t.count(map.stages.count, .stage), t.count(map.lanes.count, .lane),
                        t.count(cells, .filledCell), t.count(scored, .scoredStage)))
            }
            if MapCodec.encode(ws) != bytes { say(t.t(.checkNotCanonical)) }
            let width = max(DisplayWidth.of(t.t(.checkError)), DisplayWidth.of(t.t(.checkWarning)))
            for f in findings {
                var place = "«\(f.map.oneLine)»"
                if let st = f.stage { place += t.t(.checkAtStage, st.oneLine) }
                if let l = f.lane, f.stage == nil { place += t.t(.checkAtLane, l.oneLine) }
                let label = TextLayout.pad(t.t(f.severity == .error ? .checkError : .checkWarning), width: width)
                say("\(label) \(place): \(f.message.oneLine)")
                say(String(repeating: " ", count: width + 1) + t.t(.checkHint, f.hint.oneLine))
            }
            say(
                findings.isEmpty
                    ? t.t(.checkClean) : t.t(.checkTotals, t.count(errors, .error), t.count(warnings, .warning)))
        }
        if errors > 0 { throw ExitCode(Exit.mistakes) }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Export maps: Markdown, CSV for spreadsheets, a self-contained HTML page, the emotion curves as SVG, or a Mermaid journey diagram."
    )

    @Argument(help: "The map file.", completion: .mapFile)
    var file: String

    @Option(help: ArgumentHelp("md, csv, html, svg, mermaid, or pdf (printed by a headless Chromium).", valueName: "format"))
    var format: OutputFormat

    @Option(
        help: ArgumentHelp(
            "Mermaid: the lane whose items are the tasks (default: the actions lane, else the touchpoints).",
            valueName: "title"))
    var lane: String?

    @Flag(help: "Markdown: put each map's Mermaid journey diagram under its table (GitHub draws it).")
    var mermaid = false

    @Option(
        name: .customLong("map"),
        help: ArgumentHelp(
            "Only this map: its number (1, 2…) or its title. CSV and SVG take one map (the first by default).",
            valueName: "map"))
    var mapName: String?

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("The output file; - for standard output. Default: beside the map, NAME.FORMAT.", valueName: "file"),
        completion: .file())
    var output: String?

    @Option(
        help: ArgumentHelp(
            "The theme whose palette colours the HTML and SVG (default: the config's export-theme, else light, for white paper).",
            valueName: "name"),
        completion: .themes)
    var theme: String?

    @OptionGroup var global: Global

    func run() throws {
        let env = Config.environment()
        let config = loadConfig(env, global.lang)
        let language = global.language(config, env)
        let (ws, _) = readWorkspace(file, language)
        let format = self.format.export
        var only = selectMap(mapName, in: ws, file: file, language)
        if format.oneMap, only == nil { only = 0 }
        if format == .mermaid, let lane, let map = only.map({ ws.maps[$0] }), Mermaid.taskLane(map, named: lane) == nil {
            die(language.t(.cliNoLane, file, lane, map.title, map.lanes.map(\.title).joined(separator: ", ")))
        }
        let chosen: Theme
        do {
            chosen = try ThemeLoader.load(theme ?? config.exportTheme ?? "light")
        } catch {
            die(language.describe(error))
        }
        // Each map's fixed words follow its own language; the interface's where a map does not say.
        var bytes = Array(format.render(ws, only: only, theme: chosen, language: language, lane: lane, mermaid: mermaid).utf8)
        if self.format == .pdf { bytes = printPDF(bytes, language) }
        if output == "-" {
            if !stream(bytes, to: 1) {
                die(language.t(.cliCannotWriteStdout, Errno(errno).description(language)), code: Exit.save)
            }
            return
        }
        // A FIFO, a terminal or another device is written as a stream, never replaced. What
        // was opened is checked on the descriptor, so a name swapped meanwhile is not written.
        if let output, let info = PosixFileSystem().info(output, followingLinks: true),
            [.fifo, .characterDevice, .socket].contains(info.kind)
        {
            do { try AtomicFile.checkLinkOwners(output) } catch { die(error.description(language), code: Exit.save) }
            let fd = Glibc.open(output, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else { die(language.t(.cliCannotWrite, output, Errno(errno).description(language)), code: Exit.save) }
            defer { Glibc.close(fd) }
            guard let opened = try? PosixFileSystem().info(descriptor: fd), opened.kind != .regular, opened.kind != .folder else {
                die(language.t(.cliChangedWhileOpening, output), code: Exit.save)
            }
            if !stream(bytes, to: fd) {
                die(language.t(.cliCannotWrite, output, Errno(errno).description(language)), code: Exit.save)
            }
            return
        }
        let path =
            output ?? format.defaultPath(for: file, only: only, mapCount: ws.maps.count, ending: self.format.rawValue)
        do {
            // Beside the map the export gets the map's mode; a link is followed only when the
            // user named it (and owns it), never one found at the default name.
            try AtomicFile.write(bytes, to: path, mode: AtomicFile.mode(of: file), followingLinks: output != nil)
        } catch {
            die(error.description(language), code: Exit.save)
        }
        say(language.t(.cliWrote, path))
    }
}

/// What `cjm export --format` takes: the export formats, and PDF, printed from the HTML.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case md, csv, html, svg, mermaid, pdf

    /// The export written (for PDF, the HTML it is printed from).
    var export: ExportFormat { ExportFormat(rawValue: rawValue) ?? .html }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Make a map file from a CSV table (stages in the first row, lanes in the first column, emotion rows of numbers) or a Mermaid journey diagram (.mmd)."
    )

    @Argument(
        help: ArgumentHelp(
            "The CSV file (as `cjm export --format csv` writes it, or made by hand the same way), or a Mermaid journey (.mmd).",
            valueName: "sheet"),
        completion: .file(extensions: ["csv", "tsv", "txt", "mmd"]))
    var csv: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The map file to create.", valueName: "file"), completion: .mapFile)
    var output: String

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @OptionGroup var global: Global

    func run() throws {
        let env = Config.environment()
        let t = global.language(loadConfig(env, global.lang), env)
        var bytes: [UInt8]
        do {
            bytes = try AtomicFile.read(csv)
        } catch {
            die(error.description(t))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // spreadsheets write one
        guard let text = String(validating: bytes, as: UTF8.self) else { die(t.t(.cliNotUTF8, csv)) }
        var rng = SystemRandomNumberGenerator()
        if csv.hasSuffix(".mmd") || csv.hasSuffix(".mermaid") || Self.isMermaid(text) {
            let ws: Workspace
            do {
                ws = try Mermaid.read(text, ids: &rng, language: t)
            } catch {
                die("\(csv): \(error)")
            }
            write(ws, t)
            say(
                t.t(
                    .importMermaid, output, t.count(ws.maps[0].stages.count, .stage), t.count(ws.personas.count, .persona),
                    csv))
            return
        }
        let imported: MapTable.Imported
        do {
            imported = try MapTable.read(csv: text, ids: &rng, language: t)
        } catch {
            die("\(csv): \(error)")
        }
        let ws = imported.workspace
        write(ws, t)
        let map = ws.maps[0]
        let separator = imported.separator == "\t" ? t.t(.tabName) : String(imported.separator)
        for note in imported.notes { say("\(csv): \(note)") }
        say(
            t.t(
                .importWrote, output, t.count(map.stages.count, .stage), t.count(map.lanes.count, .lane),
                t.count(ws.personas.count, .persona), csv, separator))
    }

    /// Writes the new map file, never over one unless asked.
    func write(_ ws: Workspace, _ t: Language) {
        if AtomicFile.exists(output) && !force { die(t.t(.cliForceReplaces, output)) }
        do {
            try AtomicFile.write(MapCodec.encode(ws), to: output, followingLinks: true)
        } catch {
            die(error.description(t), code: Exit.save)
        }
    }

    /// A text whose first line, past comments, is `journey`.
    static func isMermaid(_ text: String) -> Bool {
        let first = text.split(separator: "\n").map { String($0).trimmingCharacters(in: "\r").trimmingCharacters(in: " ") }
            .first { !$0.isEmpty && !$0.hasPrefix("%%") }
        return first == "journey"
    }
}

// Opening a map makes its strings by the ten thousand: the heap grows by 16 MiB at a time
// rather than glibc's 128 KiB, which took an sbrk per step and a quarter of opening a large
// map. Only pages written to are memory the map uses.
_ = mallopt(M_TOP_PAD, 16 << 20)
/// ArgumentParser's own errors exit 64; ours are 2 for usage, as documented.
if CommandLine.arguments.dropFirst() == ["-V"] {
    say(version)
    exit(Exit.ok)
}
// The commonest command, `cjm map.json`, skips the argument parser: it learns every command's
// options by reflection, which cost more than reading a 2 MB map. A file name has a dot or a
// slash; no command or option does.
if CommandLine.arguments.count == 2, let file = CommandLine.arguments.last, !file.hasPrefix("-"),
    file.contains(".") || file.contains("/")
{
    Edit.open(file)
}
do {
    var command = try CJM.parseAsRoot()
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let message = CJM.fullMessage(for: error)
    if CJM.exitCode(for: error) == .success {
        // Help, a completion script or completions for the shell: as they are when piped.
        _ = stream(Array((message + "\n").utf8), to: 1)
        exit(Exit.ok)
    }
    var stderr = FileOutput(fd: 2)
    print(TerminalText.safe(message, keepingLineBreaks: true), to: &stderr)
    exit(Exit.input)
}
