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
            var map: String?
            for d in lines {
                if d.map != map, let m = d.map, d.what != "map" || d.kind == .renamed || d.kind == .moved {
                    say("«\(m.oneLine)»")
                }
                if d.map != nil || d.what != "map" { map = d.map }
                say((d.map != nil && d.what != "map" ? "  " : "") + d.text(t))
            }
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

/// Runs git with `args`; its exit status and its output (standard output and error) trimmed.
func runGit(_ args: [String]) -> (Int32, String) { runProgram("git", args) }

/// Runs a program found on PATH with `args`, its input empty, in a process group of its
/// own; its exit status and its output (standard output and error together) trimmed. It
/// stops waiting when the program exits, even if a child of it keeps the output open, and
/// after `timeout` seconds kills the whole group (status -1).
func runProgram(_ name: String, _ args: [String], timeout: Double = 600) -> (Int32, String) {
    // Nothing else of ours is handed down: a child that lingers must not hold our caller's pipes.
    for fd in 3..<min(Int32(getdtablesize()), 4096) { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return (-1, String(cString: strerror(errno))) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    let argv = ([name] + args).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, name, &actions, &attributes, argv, environ)
    close(fds[1])
    defer { close(fds[0]) }
    guard spawned == 0 else { return (-1, name + ": " + String(cString: strerror(spawned))) }
    _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
    var output: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 4096)
    func drain() {
        while true {
            let n = read(fds[0], &buf, buf.count)
            if n <= 0 { return }
            output += buf[..<n]
        }
    }
    let deadline = time(nil) + Int(timeout.rounded(.up))
    var status: Int32 = 0
    while true {
        var p = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
        _ = poll(&p, 1, 50)
        drain()
        let done = waitpid(pid, &status, WNOHANG)
        if done == pid { break }
        if done < 0 && errno != EINTR { return (-1, name + ": " + String(cString: strerror(errno))) }
        if time(nil) > deadline {
            kill(-pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return (-1, name + ": no answer after \(Int(timeout)) s")
        }
    }
    drain()
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (code, String(decoding: output, as: UTF8.self).trimmingCharacters(in: "\n"))
}

/// The first of `names` that is an executable on PATH.
func onPath(_ names: [String]) -> String? {
    let dirs = (getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    return names.first { name in dirs.contains { access($0 + "/" + name, X_OK) == 0 } }
}

/// The HTML printed to PDF by a headless Chromium (A4 landscape, a map per page, as the page's
/// print style says), in a private folder of its own that is removed afterwards. Dies with
/// what to install when there is no Chromium.
func printPDF(_ html: [UInt8], _ t: Language) -> [UInt8] {
    guard let browser = onPath(["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) else {
        die(t.t(.pdfNeedsChromium), code: Exit.save)
    }
    switch printWithBrowser(browser, html) {
    case .success(let pdf): return pdf
    case .failure(let why): die(t.t(.pdfFailed, browser, why.message), code: Exit.save)
    }
}

struct PrintFailure: Error {
    var message: String
}

/// The printing itself, in a private folder that is removed whatever happens (`die` exits
/// at once, so it is called only once the folder is gone).
func printWithBrowser(_ browser: String, _ html: [UInt8]) -> Result<[UInt8], PrintFailure> {
    var base = getenv("TMPDIR").map { String(cString: $0) } ?? ""
    if !base.hasPrefix("/") { base = "/tmp" }  // empty or relative: no file:// URL to be had
    var template = Array((base + "/cjm-pdf-XXXXXX").utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
        return .failure(PrintFailure(message: String(cString: strerror(errno))))
    }
    let dir = String(cString: made)
    defer { removeTree(dir) }
    do {
        try AtomicFile.write(html, to: dir + "/map.html", mode: 0o600)
    } catch {
        return .failure(PrintFailure(message: error.description(.en)))
    }
    let url =
        "file://"
        + (dir + "/map.html").map { c -> String in
            switch c {
            case " ": "%20"
            case "%": "%25"
            case "#": "%23"
            case "?": "%3F"
            default: String(c)
            }
        }.joined()
    // Chromium's sandbox refuses to start as root; its profile stays in the private folder.
    let args =
        [
            "--headless", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=" + dir + "/profile",
            "--print-to-pdf=" + dir + "/map.pdf",
        ]
        + (geteuid() == 0 ? ["--no-sandbox"] : []) + [url]
    let (status, output) = runProgram(browser, args, timeout: 120)
    guard let pdf = try? AtomicFile.read(dir + "/map.pdf"), pdf.starts(with: Array("%PDF".utf8)) else {
        return .failure(PrintFailure(message: output.split(separator: "\n").last.map(String.init) ?? "exit \(status)"))
    }
    return .success(pdf)
}
