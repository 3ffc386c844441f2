import ArgumentParser
import CJMCore
import CJMStorage
import CJMView
import Glibc

/// `cjm merge BASE OURS THEIRS`: git's merge driver (`%O %A %B`).
struct MergeFiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge two versions of a map file with their common base; the result is written into OURS.",
        discussion: """
            Maps, personas, stages, lanes and channels merge by id; each field, cell, list item, channel, metric and \
            score on its own. What both sides changed differently is kept as ours and recorded in the file as a \
            conflict, which cjm shows and `cjm check` reports. Exits 0 when clean, 1 when conflicts remain, 2 when a \
            file cannot be read (OURS is then left as it was). `cjm git-setup` makes git call it.
            """)

    @Argument(help: "The common ancestor (git's %O).", completion: .mapFile) var base: String
    @Argument(help: "Our version, where the result is written (git's %A).", completion: .mapFile) var ours: String
    @Argument(help: "Their version (git's %B).", completion: .mapFile) var theirs: String

    @Option(help: ArgumentHelp("The name to say in messages (git's %P).", valueName: "path"))
    var name: String?

    @OptionGroup var global: Global

    func run() throws {
        let env = Config.environment()
        let t = global.language(loadConfig(env, global.lang), env)
        // Both branches added the file: git's base is then an empty file, and everything is an addition.
        let b = isEmptyFile(base) ? Workspace(channels: []) : readWorkspace(base, t).0
        let (o, _) = readWorkspace(ours, t)
        let (th, _) = readWorkspace(theirs, t)
        let result = Merge.workspaces(base: b, ours: o, theirs: th)
        do {
            try AtomicFile.write(
                MapCodec.encode(result.workspace), to: ours, mode: AtomicFile.mode(of: ours), followingLinks: true)
        } catch {
            die(error.description(t), code: Exit.save)
        }
        let shown = (name ?? ours).oneLine
        let open = result.workspace.openConflicts
        if open.isEmpty {
            say(t.t(.mergeClean, shown))
            return
        }
        let key = Keymap.grid.key(.nextConflict)
        say(t.t(.mergeConflicts, shown, t.count(open.count, .conflict), key))
        for c in open { say("  " + result.workspace.say(c, .mergeConflictLine, t)) }
        throw ExitCode(Exit.mistakes)
    }
}

/// Whether `path` is a regular file of no bytes.
func isEmptyFile(_ path: String) -> Bool {
    guard let info = PosixFileSystem().info(path, followingLinks: true) else { return false }
    return info.kind == .regular && info.size == 0
}

/// `cjm diff OLD NEW`: what changed, in the map's words.
struct DiffFiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two versions of a map file, in the map's own words.",
        discussion: """
            Maps, personas, stages and lanes added, removed, renamed or moved; each changed cell as \
            `Lane × Stage: old → new` (items added and removed for lists and channels); score changes per curve. \
            Exits 0 when the two are the same, 1 when they differ, 2 when a file cannot be read. \
            With --git it takes the seven arguments git gives a diff driver and always exits 0; \
            with --textconv it prints one file as one line per place, for git's textconv (git log -p).
            """)

    @Argument(help: ArgumentHelp("OLD NEW (with --git: git's seven arguments; with --textconv: one file).", valueName: "file"))
    var files: [String]

    @Flag(help: "Print the changes as JSON, for scripts.")
    var json = false

    @Flag(help: "Called by git as a diff driver (diff.cjm.command).")
    var git = false

    @Flag(help: "Print one file as one line per place (diff.cjm.textconv).")
    var textconv = false

    @OptionGroup var global: Global

    func validate() throws {
        let want = textconv ? 1 : git ? 7 : 2
        guard files.count == want else {
            throw ValidationError("expected \(want) file argument\(want == 1 ? "" : "s"), found \(files.count)")
        }
    }

    /// A file, or an empty workspace for git's /dev/null (a file added or deleted).
    func read(_ file: String, _ t: Language) -> Workspace {
        if git && file == "/dev/null" { return Workspace(channels: []) }
        return readWorkspace(file, t).0
    }

    func run() throws {
        let env = Config.environment()
        let t = global.language(loadConfig(env, global.lang), env)
        if textconv {
            for line in Diff.flat(read(files[0], t), t) { say(line) }
            return
        }
        let (old, new) = git ? (files[1], files[4]) : (files[0], files[1])
        let lines = Diff.lines(from: read(old, t), to: read(new, t), t)
        if json {
            let items: [JSONValue] = lines.map { d in
                .object([
                    ("kind", .string(d.kind.rawValue)), ("what", .string(d.what)), ("map", d.map.map { .string($0) } ?? .null),
                    ("map_id", d.mapID.map { .string($0) } ?? .null), ("place", .string(d.place)),
                    ("old", d.old.map { .string($0) } ?? .null),
                    ("new", d.new.map { .string($0) } ?? .null), ("added", .array(d.added.map { .string($0) })),
                    ("removed", .array(d.removed.map { .string($0) })), ("changed", .array(d.changed.map { .string($0) })),
                ])
            }
            _ = writeAll(
                1, JSONWriter.write(.object([("old", .string(old)), ("new", .string(new)), ("changes", .array(items))])))
        } else {
            if git { say("cjm diff \(files[0])") }
            for line in Diff.report(lines, t) { say(line) }
            if !git { say(lines.isEmpty ? t.t(.diffNone) : t.count(lines.count, .change)) }
        }
        if !lines.isEmpty && !git { throw ExitCode(Exit.mistakes) }
    }
}

/// `cjm git-setup`: makes git merge and diff map files through cjm.
struct GitSetup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "git-setup",
        abstract: "Make git merge and diff map files through cjm, in the repository of the current folder.",
        discussion: """
            Sets merge.cjm.driver, diff.cjm.command and diff.cjm.textconv in the repository's config, adds \
            `PATTERN merge=cjm diff=cjm` to its .gitattributes and the undo histories (.*.history) to its .gitignore. \
            Running it twice changes nothing. git calls `cjm`, so cjm must be on PATH.
            """)

    @Argument(help: ArgumentHelp("The files cjm merges (default: *.cjm.json).", valueName: "pattern"))
    var patterns: [String] = ["*.cjm.json"]

    @OptionGroup var global: Global

    static let settings: [(String, String)] = [
        ("merge.cjm.name", "cjm: journey maps merged by id"),
        ("merge.cjm.driver", "cjm merge --name %P %O %A %B"),
        ("diff.cjm.command", "cjm diff --git"),
        ("diff.cjm.textconv", "cjm diff --textconv"),
    ]

    func run() throws {
        let env = Config.environment()
        let t = global.language(loadConfig(env, global.lang), env)
        // One line per pattern: a space, a quote or a line break would write another rule.
        for p in patterns
        where p.isEmpty || p.hasPrefix("!") || p.hasPrefix("#")
            || p.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0 == "\"" || $0.value < 0x20 || $0.value == 0x7F
            })
        {
            die(t.t(.gitSetupBadPattern, p))
        }
        guard case (0, let top) = runGit(["rev-parse", "--show-toplevel"]), !top.isEmpty else {
            die(t.t(.gitSetupNotRepo, currentFolder()))
        }
        var changed = false
        for (key, value) in Self.settings {
            if case (0, value) = runGit(["config", "--local", "--get", key]) { continue }
            let (status, out) = runGit(["config", "--local", key, value])
            if status != 0 { die(t.t(.gitSetupFailed, out)) }
            changed = true
        }
        do {
            changed = try addLines(patterns.map { "\($0) merge=cjm diff=cjm" }, to: top + "/.gitattributes") || changed
            changed = try addLines([".*.history"], to: top + "/.gitignore") || changed
        } catch {
            die(error.description(t), code: Exit.save)
        }
        let what = patterns.joined(separator: " ")
        say(changed ? t.t(.gitSetupDone, top, what) : t.t(.gitSetupAlready, top, what))
    }

    /// Appends the lines a file lacks; true when it wrote.
    func addLines(_ lines: [String], to path: String) throws(CJMFileError) -> Bool {
        var text = AtomicFile.exists(path) ? String(decoding: try AtomicFile.read(path), as: UTF8.self) : ""
        let have = Set(text.split(separator: "\n").map { String($0).trimmingCharacters(in: " ") })
        let missing = lines.filter { !have.contains($0) }
        if missing.isEmpty { return false }
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        text += missing.joined(separator: "\n") + "\n"
        try AtomicFile.write(
            Array(text.utf8), to: path, mode: AtomicFile.exists(path) ? AtomicFile.mode(of: path) : 0o644, followingLinks: true)
        return true
    }

    func currentFolder() -> String {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
