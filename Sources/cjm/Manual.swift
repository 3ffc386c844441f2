import ArgumentParser
import CJMCore
import CJMView

/// The manual page: the commands come from their ArgumentParser definitions (through its JSON
/// description of the tool), the keys from the keymap, and the rest from the tables below,
/// which the README's environment and exit-code tables are also made from (`cjm man --markdown`).
enum Manual {
    /// A row of a table: a name and what it means. Text in backticks is code.
    typealias Row = (name: String, meaning: String)

    static let environment: [Row] = [
        (
            "`LC_ALL`, `LC_MESSAGES`, `LANG`",
            "the interface language when neither `--lang` nor the config file says; a locale that is not UTF-8 (`LANG=C`) makes cjm use C.UTF-8 for its own text, and the editor says so once"
        ),
        (
            "`XDG_CONFIG_HOME`",
            "where the config file and your themes live (`$XDG_CONFIG_HOME/cjm/config`, `…/cjm/themes`; default `~/.config`)"
        ),
        ("`CJM_THEMES`", "a folder searched for `.theme` files before all others"),
        (
            "`CJM_AUTOSAVE_INTERVAL`",
            "seconds between autosaves while typing; wins over the config file (for tests and slow disks)"
        ),
        ("`NO_COLOR`", "no colours; the cursor and roles keep their attributes"),
        (
            "`TERM`",
            "the terminal; `dumb` (or one that cannot move the cursor) is refused with a pointer to `cjm show` and `cjm export`"
        ),
        ("`COLUMNS`", "the width `cjm show` uses when `--width` is not given"),
    ]

    static let exitCodes: [Row] = [
        ("0", "success; `check` found no errors, `merge` merged cleanly, `diff` found no change"),
        (
            "\(Exit.mistakes)",
            "`cjm check` found errors in the map, `cjm merge` left conflicts to decide, or `cjm diff` found changes"
        ),
        (
            "\(Exit.input)",
            "a usage error (an unknown option, a missing argument), a file that cannot be read (the message names it), a wrong line in the config file, or a terminal that cannot move the cursor (`TERM=dumb`)"
        ),
        (
            "\(Exit.save)",
            "a save or an export could not be written (the message names the file), or the editor could not save on its way out (stopped by a signal or a closed terminal, it then writes the work to NAME.rescued.json beside the map)"
        ),
        ("128 + N", "the editor ended on signal N after saving: 129 SIGHUP, 130 SIGINT, 131 SIGQUIT, 143 SIGTERM"),
    ]

    static let files: [Row] = [
        ("`NAME.cjm.json`", "a map file: pretty-printed JSON with a fixed key order (any name; `.json` is usual)"),
        (
            "`.NAME.history`",
            "the undo history beside the map, so undo survives quitting; add `.*.history` to `.gitignore`"
        ),
        (
            "`.NAME.history.set-aside-TIME`",
            "a history that did not fit the map it was found beside, kept and never applied"
        ),
        ("`.NAME.cjm-tmp-PID-…`", "a save in progress; a stale one is removed when the map is next opened"),
        ("`$XDG_CONFIG_HOME/cjm/config`", "the config file: `theme`, `language`, `mouse`, `autosave`, `export-theme`"),
        (
            "`$XDG_CONFIG_HOME/cjm/themes/*.theme`",
            "your themes; then `PREFIX/share/cjm/themes` beside the installed binary, then the built-in dark, light and mono"
        ),
    ]

    /// The README's environment and exit-code tables.
    static func markdown() -> String {
        func table(_ head: String, _ rows: [Row]) -> String {
            "| \(head) |\n| --- | --- |\n" + rows.map { "| \($0.name) | \($0.meaning) |\n" }.joined()
        }
        return "### Environment variables\n\n" + table("variable | effect", environment) + "\n### Exit codes\n\n"
            + table("code | when", exitCodes)
    }

    // MARK: roff

    /// The page, in roff for `man`: `cjm man > cjm.1; man -l cjm.1`.
    static func roff() -> String {
        guard let json = try? JSONParser.parse(Array(CJM._dumpHelp().utf8)), let root = json["command"] else {
            return ""
        }
        let name = root["commandName"]?.text ?? "cjm"
        var out = """
            .\\" Made by `cjm man` from the command definitions and the keymap; do not edit.
            .TH CJM 1 "\(releaseDate)" "cjm \(version)" "User Commands"
            .\\" Left-aligned and unhyphenated, so options and file names read as typed.
            .ad l
            .nh
            .SH NAME
            cjm \\- a customer journey map editor for the terminal
            .SH SYNOPSIS

            """
        let subcommands = root["subcommands"]?.list ?? []
        let edit = subcommands.first { $0["commandName"]?.text == "edit" }
        func usage(_ words: String, _ command: JSONValue?) -> String {
            let args = command.map(synopsis) ?? ""
            return ".B \(words)\n" + (args.isEmpty ? "" : args + "\n")
        }
        out += usage(name, edit)
        for sub in subcommands where sub["commandName"]?.text != "edit" {
            out += ".br\n" + usage("\(name) \(sub["commandName"]?.text ?? "")", sub)
        }
        out += ".SH DESCRIPTION\n"
        out += paragraphs(
            """
            cjm builds a customer journey map from the keyboard: stages are columns (need, interest, research, \
            purchase, return), lanes are rows (thoughts, actions, touchpoints, barriers, opportunities, metrics), \
            and an emotion curve under the grid shows how the customer feels at each stage. A file holds one or \
            more maps, one per audience segment, and the personas they follow.

            \(root["discussion"]?.text ?? "")

            Every change is saved on its own, atomically, with its undo history beside the map. The interface \
            speaks English and Russian, and every command key also works in the Russian keyboard layout.
            """)
        out += ".SH COMMANDS\n"
        for sub in subcommands {
            let cmd = sub["commandName"]?.text ?? ""
            out += ".SS \"\(name) \(cmd)\"\n"
            out += paragraphs(sub["abstract"]?.text ?? "")
            if let d = sub["discussion"]?.text, !d.isEmpty { out += paragraphs(d) }
            for arg in shown(sub) {
                out += ".TP\n" + term(arg) + "\n"
                var help = arg["abstract"]?.text ?? ""
                if let values = arg["allValues"]?.list?.compactMap(\.text), !values.isEmpty,
                    !values.allSatisfy(help.contains)
                {
                    help += " One of: \(values.joined(separator: ", "))."
                }
                if let d = arg["defaultValue"]?.text, !d.isEmpty, arg["kind"]?.text != "flag" {
                    help += " Default: \(d)."
                }
                out += line(help) + "\n"
            }
        }
        out += ".SH KEYS\n" + paragraphs(Language.en.t(.layoutNote))
        for section in Keymap.all.flatMap(\.sections) {
            // One line per key, no blank line between (.PD 0), as a key table reads.
            out += ".SS \"\(escape(section.title))\"\n.PD 0\n"
            for b in section.bindings {
                out += ".TP 16\n\\fB" + escape(b.keysText) + "\\fR\n" + line(b.help) + "\n"
            }
            out += ".PD\n"
        }
        out += ".SH ENVIRONMENT\n" + rows(environment)
        out += ".SH FILES\n" + rows(files)
        out += ".SH EXIT STATUS\n" + rows(exitCodes)
        out += """
            .SH EXAMPLES
            .nf
            cjm                          # edit journey.cjm.json here, made from a template if missing
            cjm new shop.cjm.json \\-\\-template five\\-stage\\-ru
            cjm check shop.cjm.json      # the method's mistakes; exit 1 on errors
            cjm export shop.cjm.json \\-\\-format html \\-o shop.html
            cjm \\-\\-generate\\-completion\\-script bash > ~/.local/share/bash\\-completion/completions/cjm
            .fi
            .SH SEE ALSO
            The README in cjm's source tree: the method, the file format, saving and safety.

            """
        return out
    }

    /// The arguments a person is shown: no help or version flags, nothing hidden.
    private static func shown(_ command: JSONValue) -> [JSONValue] {
        (command["arguments"]?.list ?? []).filter { arg in
            arg["shouldDisplay"] != .bool(false)
                && !["help", "version"].contains(arg["preferredName"]?["name"]?.text ?? "")
        }
    }

    private static func synopsis(_ command: JSONValue) -> String {
        shown(command).map { arg in
            let optional = arg["isOptional"] == .bool(true)
            let t = term(arg, short: true)
            return optional ? "[" + t + "]" : t
        }.joined(separator: " ")
    }

    /// `--name VALUE`, `-o, --output VALUE` or `FILE`, in roff.
    private static func term(_ arg: JSONValue, short: Bool = false) -> String {
        let value = "\\fI" + escape((arg["valueName"]?.text ?? "value").uppercased()) + "\\fR"
        if arg["kind"]?.text == "positional" { return value }
        var names = (arg["names"]?.list ?? []).compactMap { n -> String? in
            guard let v = n["name"]?.text else { return nil }
            return "\\fB" + escape(n["kind"]?.text == "short" ? "-" + v : "--" + v) + "\\fR"
        }
        if short, let preferred = arg["preferredName"]?["name"]?.text {
            names = ["\\fB" + escape("--" + preferred) + "\\fR"]
        }
        return names.joined(separator: ", ") + (arg["kind"]?.text == "option" ? " " + value : "")
    }

    private static func rows(_ rows: [Row]) -> String {
        rows.map { ".TP\n" + line($0.name) + "\n" + line($0.meaning) + "\n" }.joined()
    }

    /// Paragraphs separated by blank lines, each a `.PP`.
    private static func paragraphs(_ text: String) -> String {
        text.split(separator: "\n\n", omittingEmptySubsequences: true).map { ".PP\n" + line(String($0)) + "\n" }
            .joined()
    }

    /// One filled line of text: escaped, `code` in bold, never starting a roff request.
    private static func line(_ text: String) -> String {
        var out = ""
        var code = false
        for part in text.replacingAll("\n", with: " ").split(separator: "`", omittingEmptySubsequences: false) {
            out += code ? "\\fB" + escape(String(part)) + "\\fR" : escape(String(part))
            code.toggle()
        }
        // The last toggle follows the last part; an odd count of backticks leaves bold open.
        if !code { out += "\\fR" }
        return out.hasPrefix(".") || out.hasPrefix("'") ? "\\&" + out : out
    }

    /// Text safe inside roff: backslashes escaped, hyphens as minus signs (options copy and paste).
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            default: out.append(c)
            }
        }
        return out
    }
}

extension JSONValue {
    fileprivate subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields.first { $0.0 == key }?.1 }
        return nil
    }
    fileprivate var text: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return String(b)
        default: return nil
        }
    }
    fileprivate var list: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
}
