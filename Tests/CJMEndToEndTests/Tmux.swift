import CJMCore
import CJMStorage
import CJMTestSupport
import Foundation
import Testing

/// The built `cjm` next to the test bundle, or the one CJM_TEST_BINARY names (CI runs these
/// suites again on the release build, which is linked another way).
func cjmBinary() -> String {
    if let chosen = ProcessInfo.processInfo.environment["CJM_TEST_BINARY"], !chosen.isEmpty {
        return URL(fileURLWithPath: chosen).standardizedFileURL.path  // panes and PATH need it whole
    }
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [here.appendingPathComponent("cjm"), here.deletingLastPathComponent().appendingPathComponent("cjm")] {
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/cjm").path
}

struct RunResult {
    var status: Int32
    var output: String
    var error: String
}

/// Our environment without what the tester's own settings would change in cjm: English
/// (a tester's LANG=ru_RU.UTF-8 must not turn the messages the tests read into Russian), no
/// config file and no themes folder of theirs. Children without an environment of their own,
/// and the tmux server (so every pane), get this.
let testEnvironment: [String: String] = {
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C.UTF-8"
    for name in ["LC_ALL", "LC_MESSAGES", "CJM_THEMES"] { env[name] = nil }
    env["XDG_CONFIG_HOME"] = "/nonexistent-cjm-test-config"
    return env
}()

/// Runs a program to completion. Children start through `env --default-signal`, because
/// Swift Testing's worker threads block signals that children would otherwise inherit.
@discardableResult
func run(_ args: [String], environment: [String: String]? = nil) throws -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["--default-signal"] + args
    // LeakSanitizer's check at exit is off for children as for the tests themselves (see
    // .ci/run): a command that ends with exit() still holds its error, which is no leak.
    p.environment = environment.map { $0.merging(["ASAN_OPTIONS": "detect_leaks=0"]) { a, _ in a } } ?? testEnvironment
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RunResult(
        status: p.terminationStatus, output: String(decoding: o, as: UTF8.self), error: String(decoding: e, as: UTF8.self))
}

/// A private tmux server in the foreground (a forking server would inherit our pipes and
/// hang the test), with one session running cjm. Its folder is the test's temporary folder
/// (the suite needs `.temporaryFolders`), removed when the test ends.
final class TmuxSession {
    let socket: String
    let server: Process
    let folder: String
    /// The map the last `start` opened: shown with the screen when a wait times out.
    var file: String?

    init() throws {
        folder = temporaryFolder()
        socket = folder + "/tmux.sock"
        server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["--default-signal", "tmux", "-S", socket, "-f", "/dev/null", "-D"]
        server.environment = testEnvironment
        server.standardInput = FileHandle.nullDevice
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: socket) {
            if Date() > deadline { throw TmuxError(message: "the tmux server did not start") }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    deinit {
        // The programs in the panes, and theirs: a cjm told to stop by the server's end still
        // saves (or rescues its work into the folder), so it is waited for before the folder
        // is removed; removing it first left a folder of one rescued map behind.
        let panes = (try? tmux("list-panes", "-a", "-F", "#{pane_pid}"))?.split(separator: "\n").compactMap { Int32($0) } ?? []
        let programs = TmuxSession.descendants(of: panes)
        _ = try? run(["tmux", "-S", socket, "kill-server"])
        if server.isRunning { server.terminate() }
        server.waitUntilExit()
        let deadline = Date().addingTimeInterval(10)
        while programs.contains(where: TmuxSession.isRunning), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    }

    /// `roots` and every process below them, from /proc.
    static func descendants(of roots: [Int32]) -> [Int32] {
        var parent: [Int32: Int32] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), let ppid = stat(pid)?.parent else { continue }
            parent[pid] = ppid
        }
        var found = Set(roots)
        var grew = true
        while grew {
            grew = false
            for (pid, ppid) in parent where found.contains(ppid) && !found.contains(pid) {
                found.insert(pid)
                grew = true
            }
        }
        return Array(found)
    }

    /// Alive and not yet a zombie.
    static func isRunning(_ pid: Int32) -> Bool { stat(pid).map { $0.state != "Z" } ?? false }

    /// A process's state and parent, from /proc/PID/stat (after the name in parentheses: the
    /// state, then the parent's pid); nil when it is gone.
    static func stat(_ pid: Int32) -> (state: Substring, parent: Int32)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 1, let ppid = Int32(fields[1]) else { return nil }
        return (fields[0], ppid)
    }

    struct TmuxError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    @discardableResult
    func tmux(_ args: String...) throws -> String { try tmux(args) }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let r = try run(["tmux", "-S", socket] + args)
        if r.status != 0 { throw TmuxError(message: "tmux \(args.joined(separator: " ")): \(r.error)") }
        return r.output
    }

    /// The command that opens the session's one window, of the given size, with the
    /// environment every test wants and then `extra` (`NAME=value`, later ones win).
    func newSession(width: Int, height: Int, _ extra: [String]) -> [String] {
        var args = ["tmux", "-S", socket, "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)"]
        let environment = [
            "LANG=C.UTF-8",
            // Under AddressSanitizer, LeakSanitizer's exit-time check can deadlock in an editor
            // killed by SIGHUP (its tracer waits forever, the process spins); leaks are not what
            // these tests look for. Ignored by a plain build.
            "ASAN_OPTIONS=detect_leaks=0",
            // The user's own config file must not change what the tests see.
            "XDG_CONFIG_HOME=\(folder)/config",
        ]
        for e in environment + extra { args += ["-e", e] }
        return args
    }

    /// Starts cjm with `arguments` in a new window of the given size.
    func start(_ arguments: [String], width: Int = 120, height: Int = 40, extraEnvironment: [String] = []) throws {
        file = arguments.last { $0.hasPrefix(folder + "/") }
        let command = ([cjmBinary()] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let args = newSession(width: width, height: height, extraEnvironment)
        // Keep the pane after cjm exits, so its last words can be read.
        // Afterwards, show whether the terminal is back in its normal (cooked, echoing) mode.
        let after = "echo \"[exit $?]\"; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 30"
        let r = try run(args + ["sh", "-c", command + "; " + after])
        if r.status != 0 { throw TmuxError(message: "new-session: \(r.error)") }
    }

    /// Starts an interactive shell (with job control, for Ctrl-Z and fg) in a new window: bash
    /// without its startup files unless another shell is given.
    func startShell(
        width: Int = 120, height: Int = 40, shell: [String] = ["bash", "--norc", "--noprofile", "-i"],
        extraEnvironment: [String] = []
    ) throws {
        let r = try run(newSession(width: width, height: height, ["PS1=$ "] + extraEnvironment) + shell)
        if r.status != 0 { throw TmuxError(message: "new-session: \(r.error)") }
    }

    /// A click (press and release of the left button) at a screen cell, in the X10 mouse
    /// encoding the terminal's terminfo names, sent as raw bytes.
    func click(x: Int, y: Int, double: Bool = false) throws {
        precondition(x < 94 && y < 94, "X10 mouse coordinates are one byte each")
        func event(_ button: Int) -> [String] {
            [0x1B, 0x5B, 0x4D, 32 + button, 33 + x, 33 + y].map { String($0, radix: 16) }
        }
        for _ in 0..<(double ? 2 : 1) {
            try tmux(["send-keys", "-t", "t", "-H"] + event(0))
            try tmux(["send-keys", "-t", "t", "-H"] + event(3))
        }
    }

    func keys(_ keys: String...) throws {
        for k in keys { try tmux("send-keys", "-t", "t", k) }
    }

    func type(_ text: String) throws { try tmux("send-keys", "-t", "t", "-l", text) }

    /// Bytes as a terminal sends them, past tmux's own reading of keys.
    func raw(_ text: String) throws {
        try tmux(["send-keys", "-t", "t", "-H"] + text.utf8.map { String($0, radix: 16) })
    }

    func screen() throws -> String { try tmux("capture-pane", "-p", "-t", "t") }

    /// Polls the screen until `predicate` holds. On timeout it fails with the whole last
    /// screen and the map file as it is on disk, which is what one needs to see why.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 10, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.02)
        }
        var report = "timed out waiting for \(what); the screen was:\n\(last)"
        if let file {
            let bytes = (try? AtomicFile.read(file)).map { String(decoding: $0, as: UTF8.self) }
            report += "\nand \(file) was:\n" + (bytes ?? "(unreadable or missing)")
        }
        throw TmuxError(message: report)
    }

    /// Waits until `text` shows as a whole: not inside a longer word or number, so
    /// "saved" is not found in "unsaved", nor "1 Need" in "11 Need".
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        try waitFor("“\(text)”", timeout: timeout) { $0.containsWhole(text) }
    }

    /// Waits until the top bar's save state is exactly `state` (`saved`, `unsaved`…).
    @discardableResult
    func waitForSaveState(_ state: String, timeout: Double = 10) throws -> String {
        try waitFor("the save state “\(state)”", timeout: timeout) { saveState(of: $0) == state }
    }

    /// Waits until the editor is back in the grid (the bottom bar's mode is MAP) with `text` on
    /// screen: an edit that was committed, not one still being typed.
    @discardableResult
    func waitForCommitted(_ text: String, timeout: Double = 10) throws -> String {
        try waitFor("“\(text)” committed", timeout: timeout) { mode(of: $0) == "MAP" && $0.containsWhole(text) }
    }

    /// The pid of cjm itself (the pane runs sh, which runs cjm).
    func cjmPid() throws -> String {
        let pane = try tmux("display-message", "-p", "-t", "t", "#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try run(["pgrep", "-P", pane, "-f", "cjm"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!pid.isEmpty && !pid.contains("\n"), "one cjm under the pane: \(pid)")
        return pid
    }

    func closeSession() throws {
        _ = try? tmux("kill-session", "-t", "t")
    }
}

/// The save state at the right end of the top bar: " file · saved ".
func saveState(of screen: String) -> String? {
    guard let top = screen.split(separator: "\n", omittingEmptySubsequences: false).first,
        let dot = top.range(of: " · ", options: .backwards)
    else { return nil }
    return top[dot.upperBound...].trimmingCharacters(in: .whitespaces)
}

/// The bottom bar: the screen's last row that is not empty.
func bottomBar(of screen: String) -> String {
    String(screen.split(separator: "\n").last { !$0.isEmpty } ?? "")
}

/// The mode word at the left of the bottom bar (MAP, EDIT…).
func mode(of screen: String) -> String? {
    bottomBar(of: screen).split(separator: " ").first.map(String.init)
}

extension String {
    /// Whether `text` occurs with no letter or digit glued to either end.
    func containsWhole(_ text: String) -> Bool {
        func isWordy(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber } ?? false }
        var from = startIndex
        while let r = range(of: text, range: from..<endIndex) {
            let before = r.lowerBound == startIndex ? nil : self[index(before: r.lowerBound)]
            let after = r.upperBound == endIndex ? nil : self[r.upperBound]
            let okBefore = !(isWordy(text.first) && isWordy(before))
            let okAfter = !(isWordy(text.last) && isWordy(after))
            if okBefore && okAfter { return true }
            from = index(after: r.lowerBound)
        }
        return false
    }
}

func readWorkspace(_ path: String) throws -> Workspace {
    try MapStore.read(path).0
}

/// The first map of the workspace in `path`.
func readMap(_ path: String) throws -> JourneyMap {
    try readWorkspace(path).maps[0]
}
