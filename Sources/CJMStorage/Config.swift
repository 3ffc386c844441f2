import CJMCore
import Glibc

/// The user's settings: `$XDG_CONFIG_HOME/cjm/config` (by default `~/.config/cjm/config`),
/// lines of `key = value`, `#` comments. A flag on the command line wins over the file, and
/// the file over the environment's defaults.
///
///     theme = light          # a theme name or a path to a .theme file
///     language = ru          # en or ru; otherwise LC_ALL / LC_MESSAGES / LANG decide
///     mouse = off            # on or off
///     autosave = 2           # the least seconds between two autosaves while typing
///     export-theme = light   # the colours of E's HTML and SVG exports
public struct Config: Equatable, Sendable {
    public var theme: String?
    public var language: Language?
    public var mouse: Bool?
    public var autosave: Double?
    public var exportTheme: String?

    public init(
        theme: String? = nil, language: Language? = nil, mouse: Bool? = nil, autosave: Double? = nil,
        exportTheme: String? = nil
    ) {
        self.theme = theme
        self.language = language
        self.mouse = mouse
        self.autosave = autosave
        self.exportTheme = exportTheme
    }

    /// A wrong config file or line, said in either language.
    public struct Problem: SaidError, CustomStringConvertible, Equatable, Sendable {
        public var place: String
        public var words: Words
        public var description: String { description(.en) }
        public func description(_ t: Language) -> String { place + ": " + words.text(t) }
    }

    /// The keys the file takes, for the README, the man page and the error for a wrong one.
    public static let keys = ["theme", "language", "mouse", "autosave", "export-theme"]

    /// Reads a config text; every problem names the file and the line.
    public static func parse(_ text: String, path: String) throws(Problem) -> Config {
        var config = Config()
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = String(line).trimmingCharacters(in: " ").trimmingCharacters(in: "\t")
                .trimmingCharacters(in: "\r")
            if trimmed.isEmpty { continue }
            func fail(_ phrase: Phrase, _ parts: Words.Argument...) -> Problem {
                Problem(place: "\(path):\(n + 1)", words: Words(phrase, arguments: parts))
            }
            guard let eq = trimmed.firstIndex(of: "=") else { throw fail(.configExpected, .text(trimmed)) }
            let key = String(trimmed[..<eq]).trimmingCharacters(in: " ")
            let value = String(trimmed[trimmed.index(after: eq)...]).trimmingCharacters(in: " ")
            guard !value.isEmpty else { throw fail(.configNoValue, .text(key)) }
            switch key {
            case "theme": config.theme = value
            case "export-theme": config.exportTheme = value
            case "language":
                guard let l = Language(rawValue: value) else { throw fail(.configLanguage, .text(value)) }
                config.language = l
            case "mouse":
                switch value {
                case "on", "yes", "true": config.mouse = true
                case "off", "no", "false": config.mouse = false
                default: throw fail(.configMouse, .text(value))
                }
            case "autosave":
                guard let v = Double(value), v >= 0.05, v <= 3600 else {
                    throw fail(.configAutosave, .text(value))
                }
                config.autosave = v
            default:
                throw fail(.configUnknown, .text(key), .text(keys.joined(separator: ", ")))
            }
        }
        return config
    }

    /// `$XDG_CONFIG_HOME/cjm`, or `~/.config/cjm`; nil without either variable.
    public static func folder(environment env: [String: String]) -> String? {
        if let xdg = env["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/cjm" }
        if let home = env["HOME"], !home.isEmpty { return home + "/.config/cjm" }
        return nil
    }

    /// The config file's settings; no file is no settings. A file that cannot be read or
    /// parsed is an error that names it.
    public static func load(environment env: [String: String]) throws(Problem) -> Config {
        guard let dir = folder(environment: env) else { return Config() }
        let path = dir + "/config"
        guard AtomicFile.exists(path) else { return Config() }
        let bytes: [UInt8]
        do {
            bytes = try AtomicFile.read(path)
        } catch {
            throw Problem(place: error.path, words: error.words)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Problem(place: path, words: Words(.configNotUTF8))
        }
        return try parse(text, path: path)
    }

    /// The process's environment as a dictionary.
    public static func environment() -> [String: String] {
        var out: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            // The name ends at the first '=' byte: found on the bytes, not by Characters
            // (three readings of the environment were a tenth of starting up).
            let bytes = UnsafeRawBufferPointer(start: entry, count: strlen(entry))
            if let eq = bytes.firstIndex(of: UInt8(ascii: "=")) {
                out[String(decoding: bytes[..<eq], as: UTF8.self)] = String(decoding: bytes[(eq + 1)...], as: UTF8.self)
            }
            p += 1
        }
        return out
    }
}
