import CJMTestSupport
import Foundation
import Testing

/// The man page, the shell completions and the install script, as a user meets them: rendered
/// by man, loaded by bash, zsh and fish, installed under a prefix and run from another folder.
@Suite(.temporaryFolders) struct UnixToolTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// A folder with map files, other files, a sub-folder and a theme of the user's own.
    func workFolder() throws -> (dir: String, env: [String: String]) {
        let dir = temporaryFolder()
        for name in ["a.cjm.json", "b.json", "notes.txt", "sheet.csv"] {
            try Data().write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/config/cjm/themes", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: dir + "/config/cjm/themes/paper.theme"))
        let bin = URL(fileURLWithPath: cjmBinary()).deletingLastPathComponent().path
        let env = [
            "PATH": bin + ":/usr/bin:/bin", "HOME": dir, "XDG_CONFIG_HOME": dir + "/config", "LANG": "C.UTF-8",
            "ASAN_OPTIONS": "detect_leaks=0",
        ]
        return (dir, env)
    }

    /// The themes the work folder offers (the built-ins and the user's own paper.theme) and
    /// the export formats, sorted as the tests compare them.
    static let themes = ["dark", "light", "mono", "paper"]
    static let formats = ["csv", "html", "md", "mermaid", "pdf", "svg"]

    /// `cjm completion SHELL`, saved where the shell will load it.
    func completionScript(_ shell: String, to path: String) throws {
        let script = try run([cjmBinary(), "completion", shell])
        #expect(script.status == 0 && !script.output.isEmpty, "\(script.error)")
        try script.output.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func templateNames() throws -> [String] {
        try run([cjmBinary(), "templates"]).output.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
    }

    /// `cjm man` is the same bytes twice, renders with `man -l` and groff without a warning, and
    /// has every command, every key section, the environment, the files and the exit codes.
    @Test func manPage() throws {
        let dir = temporaryFolder()
        let page = try run([cjmBinary(), "man"])
        #expect(page.status == 0)
        #expect(try run([cjmBinary(), "man"]).output == page.output)
        try page.output.write(toFile: dir + "/cjm.1", atomically: true, encoding: .utf8)
        let env = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "MANWIDTH": "100", "HOME": dir]
        let shown = try run(["man", "-l", dir + "/cjm.1"], environment: env)
        #expect(shown.status == 0, "\(shown.error)")
        let lines = shown.output.split(separator: "\n").map(String.init)
        for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "KEYS", "ENVIRONMENT", "FILES", "EXIT STATUS"] {
            #expect(lines.contains(heading), "no \(heading) section")
        }
        for command in ["new", "templates", "themes", "show", "check", "export", "import", "keys", "man", "completion"] {
            #expect(lines.contains("   cjm \(command)"), "no section for cjm \(command)")
        }
        // Every section of the keymap, as `cjm keys` names them, and one key of each.
        let keys = try run([cjmBinary(), "keys", "--lang", "en"]).output.split(separator: "\n").map(String.init)
        let sections = keys.dropFirst().filter { !$0.hasPrefix(" ") && !$0.isEmpty }
        #expect(sections.count >= 10)
        for s in sections { #expect(lines.contains("   " + s), "no key section \(s)") }
        #expect(lines.contains { $0.hasPrefix("       t ") && $0.hasSuffix("edit the map's title") })
        for word in ["XDG_CONFIG_HOME", "CJM_THEMES", "LC_MESSAGES", ".NAME.history", "cjm/config", "128 + N"] {
            #expect(shown.output.contains(word), "no \(word)")
        }
        let groff = try run(["sh", "-c", "preconv \"$0\" | groff -man -ww -z -Tutf8", dir + "/cjm.1"], environment: env)
        #expect(groff.status == 0 && groff.error.isEmpty, "groff: \(groff.error)")
    }

    /// The README's environment and exit-code tables are `cjm man --markdown`, as the key tables
    /// are `cjm keys --markdown`.
    @Test func readmeTablesComeFromTheManual() throws {
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        let tables = try run([cjmBinary(), "man", "--markdown"])
        #expect(tables.status == 0 && !tables.output.isEmpty)
        #expect(readme.contains(tables.output), "README.md's tables differ from `cjm man --markdown`:\n\(tables.output)")
    }

    /// bash: `complete -p cjm` after sourcing, and what Tab offers: map files, templates,
    /// formats, the user's own theme, and a first word that is a file completed as edit's.
    @Test func bashCompletion() throws {
        let (dir, env) = try workFolder()
        try completionScript("bash", to: dir + "/cjm.bash")
        let harness = """
            cd "$1" && source ./cjm.bash || exit 1
            complete -p cjm
            t() {
                COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                COMPREPLY=()
                local f; f=$(complete -p cjm | sed 's/.*-F \\([^ ]*\\) cjm$/\\1/')
                "$f" cjm "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "$*|$(printf '%s\\n' "${COMPREPLY[@]}" | sort -u | tr '\\n' ' ')"
            }
            t cjm new --template ''
            t cjm new --template five
            t cjm check ''
            t cjm export a.cjm.json --format ''
            t cjm export a.cjm.json --theme ''
            t cjm import ''
            t cjm a.cjm.json --theme ''
            t cjm a.cjm.json --lang ''
            t cjm ''
            """
        try harness.write(toFile: dir + "/harness.sh", atomically: true, encoding: .utf8)
        let r = try run(["bash", "--norc", "--noprofile", dir + "/harness.sh", dir], environment: env)
        #expect(r.status == 0, "\(r.error)")
        let lines = r.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "complete -o filenames -F _cjm_default cjm")
        var offered: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: "|", maxSplits: 1).map(String.init)
            offered[parts[0]] = parts.count > 1 ? parts[1].split(separator: " ").map(String.init) : []
        }
        let templates = try templateNames()
        #expect(templates.contains("five-stage-ru"))
        #expect(offered["cjm new --template "] == templates.sorted())
        #expect(offered["cjm new --template five"] == ["five-stage", "five-stage-ru"])
        #expect(offered["cjm check "] == ["a.cjm.json", "b.json", "config", "sub"])
        #expect(offered["cjm export a.cjm.json --format "] == Self.formats)
        #expect(offered["cjm export a.cjm.json --theme "] == Self.themes)
        #expect(offered["cjm import "] == ["config", "notes.txt", "sheet.csv", "sub"])
        #expect(offered["cjm a.cjm.json --theme "] == Self.themes)
        #expect(offered["cjm a.cjm.json --lang "] == ["en", "ru"])
        let first = offered["cjm "] ?? []
        for word in ["a.cjm.json", "b.json", "sub", "config", "new", "export", "check", "completion"] {
            #expect(first.contains(word), "`cjm <Tab>` lacks \(word): \(first)")
        }
        #expect(!first.contains("notes.txt"))
    }

    /// fish: what `complete -C` offers for a command line, from the script as it is installed.
    @Test func fishCompletion() throws {
        let (dir, env) = try workFolder()
        try completionScript("fish", to: dir + "/cjm.fish")
        func offered(_ line: String) throws -> [String] {
            let r = try run(
                ["fish", "--no-config", "-c", "cd $argv[1]; source ./cjm.fish; complete -C $argv[2]", dir, line],
                environment: env)
            #expect(r.status == 0 && r.error.isEmpty, "fish: \(r.error)")
            return r.output.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }.sorted()
        }
        #expect(try offered("cjm new --template ") == templateNames().sorted())
        #expect(try offered("cjm check ") == ["a.cjm.json", "b.json", "config/", "sub/"])
        #expect(try offered("cjm export a.cjm.json --format ") == Self.formats)
        #expect(try offered("cjm import ") == ["config/", "notes.txt", "sheet.csv", "sub/"])
        #expect(try offered("cjm a") == ["a.cjm.json"])
        #expect(try offered("cjm a.cjm.json --template b") == ["blank", "blank-ru"])
    }

    /// zsh, interactive in a real terminal: the script autoloaded from $fpath by compinit, and
    /// Tab pressed as a user does.
    @Test func zshCompletion() throws {
        let (dir, env) = try workFolder()
        try FileManager.default.createDirectory(atPath: dir + "/functions", withIntermediateDirectories: true)
        try completionScript("zsh", to: dir + "/functions/_cjm")
        let t = try TmuxSession()
        // tmux gives a new session the client's PATH whatever -e says, so env sets it.
        let environment = env.filter { $0.key != "LANG" }.map { "\($0.key)=\($0.value)" } + ["ZDOTDIR=" + dir]
        try t.startShell(shell: ["env"] + environment + ["zsh", "-f"])
        try t.type("PS1='zsh$ '; fpath=(\(dir)/functions $fpath); autoload -U compinit; compinit -u; cd \(dir); clear\n")
        func prompt(_ s: String) -> Bool { s.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } == ["zsh$"] }
        try t.waitFor("an empty zsh prompt", prompt)
        /// Types `line`, presses Tab, and waits for a screen line whose words are `expected`.
        func tab(_ line: String, _ expected: [String]) throws {
            try t.type(line)
            try t.keys("Tab")
            try t.waitFor("\(expected) after «\(line)»") { screen in
                screen.split(separator: "\n").contains { $0.split(separator: " ").map(String.init).sorted() == expected }
            }
            try t.keys("C-u", "C-l")
            try t.waitFor("an empty zsh prompt", prompt)
        }
        try tab("cjm new --template ", try templateNames().sorted())
        try tab("cjm a.cjm.json --theme ", Self.themes)
        try tab("cjm export a.cjm.json --format ", Self.formats)
        try tab("cjm check ", ["a.cjm.json", "b.json", "config/", "functions/", "sub/"])
        // A single match is put on the line: the first word completes to the map file.
        try t.type("cjm a")
        try t.keys("Tab")
        try t.waitFor("the map file completed") { $0.split(separator: "\n").first?.hasPrefix("zsh$ cjm a.cjm.json") ?? false }
        try t.closeSession()
    }

    /// scripts/install.sh puts the binary, themes, man page and completions under a prefix; the
    /// installed cjm runs from another folder and finds its themes; --uninstall removes what
    /// it installed and nothing of the user's.
    @Test func installAndUninstall() throws {
        let (dir, env) = try workFolder()
        let prefix = dir + "/prefix"
        let installer = Self.root + "/scripts/install.sh"
        let install = try run(["bash", installer, "--prefix", prefix, "--binary", cjmBinary()], environment: env)
        #expect(install.status == 0, "\(install.error)")
        let expected = [
            "bin/cjm", "share/bash-completion/completions/cjm", "share/cjm/installed-files", "share/cjm/themes/dark.theme",
            "share/cjm/themes/light.theme", "share/cjm/themes/mono.theme", "share/fish/vendor_completions.d/cjm.fish",
            "share/man/man1/cjm.1", "share/zsh/site-functions/_cjm",
        ]
        #expect(try files(under: prefix) == expected)
        let installed = prefix + "/bin/cjm"
        let version = try run([installed, "--version"], environment: env)
        let built = try run([cjmBinary(), "--version"])
        #expect(version.status == 0 && version.output == built.output)
        // Run from a folder that is not the source tree: the themes come from PREFIX/share.
        let themes = try run(["sh", "-c", "cd / && \"$0\" themes", installed], environment: env)
        #expect(themes.output.contains("light  \(prefix)/share/cjm/themes/light.theme"), "\(themes.output)")
        #expect(themes.output.contains("paper  \(dir)/config/cjm/themes/paper.theme"), "\(themes.output)")
        let man = try run(["man", "-l", prefix + "/share/man/man1/cjm.1"], environment: env.merging(["MANWIDTH": "100"]) { $1 })
        #expect(man.status == 0 && man.output.contains("EXIT STATUS"))
        let found = try run(["man", "-w", "cjm"], environment: env.merging(["MANPATH": prefix + "/share/man"]) { $1 })
        #expect(found.output == prefix + "/share/man/man1/cjm.1\n")
        let bash = try run(
            [
                "bash", "--norc", "--noprofile", "-c", "source \"$0\" && complete -p cjm",
                prefix + "/share/bash-completion/completions/cjm",
            ],
            environment: env)
        #expect(bash.output == "complete -o filenames -F _cjm_default cjm\n", "\(bash.error)")

        // A theme of the user's own in the installed folder stays; everything cjm put there goes.
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: prefix + "/share/cjm/themes/mine.theme"))
        let uninstall = try run(["bash", installer, "--uninstall", "--prefix", prefix], environment: env)
        #expect(uninstall.status == 0, "\(uninstall.error)")
        #expect(try files(under: prefix) == ["share/cjm/themes/mine.theme"])
        try FileManager.default.removeItem(atPath: prefix + "/share/cjm/themes/mine.theme")
        let again = try run(["bash", installer, "--uninstall", "--prefix", prefix], environment: env)
        #expect(again.status == 1 && again.error.contains("nothing to uninstall"))
    }

    /// The files (not folders) under `folder`, relative and sorted.
    func files(under folder: String) throws -> [String] {
        var out: [String] = []
        let e = FileManager.default.enumerator(atPath: folder)
        while let path = e?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                out.append(path)
            }
        }
        return out.sorted()
    }
}
