import CJMCore
import CJMStorage
import Glibc

// Other programs cjm runs: git for `cjm git-setup`, a headless Chromium for PDF.

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
    switch printWithBrowser(browser, html, t) {
    case .success(let pdf): return pdf
    case .failure(let why): die(t.t(.pdfFailed, browser, why.message), code: Exit.save)
    }
}

struct PrintFailure: Error {
    var message: String
}

/// The printing itself, in a private folder that is removed whatever happens (`die` exits
/// at once, so it is called only once the folder is gone).
func printWithBrowser(_ browser: String, _ html: [UInt8], _ t: Language) -> Result<[UInt8], PrintFailure> {
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
        return .failure(PrintFailure(message: error.description(t)))
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
