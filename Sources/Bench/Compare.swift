// `cjm-bench compare [KEYS] [SIZES]`: the real `cjm` binary and, when installed, vim on the
// same file, each in a pseudo-terminal of 120×40, on realistic maps at three sizes (60x15,
// 200x40, 2000x40 by default). Figures, side by side. CJM_BENCH_WRAP="strace -f -tt -o F" (or
// "perf record -e cpu-clock -g -o F") runs the session that moves under another program, to
// see where a key's time went.
import CJMCore
import CJMStorage
import CJMView
import Dispatch
import Glibc
import Synchronization

/// A workspace as users write them: cells of three Russian and English sentences, list,
/// channel and metric lanes, three personas scored along the map.
func realisticWorkspace(stages: Int, lanes: Int) -> Workspace {
    let personas = [
        Persona(id: PersonaID("p1"), name: "Анна, мама двоих детей", segment: "семьи", goals: "Фильм на вечер для всех"),
        Persona(id: PersonaID("p2"), name: "Max, student", segment: "students", goals: "Cheap and fast"),
        Persona(id: PersonaID("p3"), name: "Ирина, 45 лет", segment: "зрители со стажем", goals: "Без рекламы"),
    ]
    var map = realisticMap(stages: stages, lanes: lanes)
    map.title = "Онлайн-кинотеатр: путь семьи"
    map.goal = "Найти, где семьи уходят до оплаты"
    map.personas = personas.map(\.id)
    for j in map.stages.indices {
        for (k, p) in personas.enumerated() { map.stages[j].emotions[p.id] = (j + k) % 5 - 2 }
    }
    let contents: [LaneContent] = [.text, .text, .list, .channels, .text, .metrics]
    for l in map.lanes.indices {
        let content = contents[l % contents.count]
        map.lanes[l].content = content
        for j in map.stages.indices where content != .text {
            let id = map.stages[j].id
            switch content {
            case .list:
                map.lanes[l].cells[id] = "Долгий выбор между тремя сервисами\nNo way to try before paying\nСложная оплата картой"
            case .channels: map.lanes[l].cells[id] = "Сайт\nEmail\nМобильное приложение"
            default: map.lanes[l].cells[id] = "CTR = 2.5 %\nЗаказы = \(1200 + j)\nСредний чек = 890 ₽"
            }
        }
    }
    return Workspace(channels: Workspace.defaultChannels + ["Мобильное приложение"], personas: personas, maps: [map])
}

/// A program running on the slave side of a pseudo-terminal; a thread timestamps its output.
final class Session: @unchecked Sendable {
    let pty: PTYLog
    let pid: pid_t

    init?(_ argv: [String], env: [String], width: Int, height: Int) {
        guard let p = PTYLog(width: width, height: height) else { return nil }
        pty = p
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        // glibc's POSIX_SPAWN_SETSID: a session of its own, so the terminal it opens is its own.
        posix_spawnattr_setflags(&attr, 0x80)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, p.slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = env.map { strdup($0) } + [nil]
        defer { for p in cArgs + cEnv { free(p) } }
        var child = pid_t()
        guard posix_spawn(&child, argv[0], &actions, &attr, &cArgs, &cEnv) == 0 else { return nil }
        pid = child
    }

    /// Sends bytes and returns when the output has been quiet for `quiet` after at least one
    /// byte came (or after `timeout`): the time from sending to the last byte, and the bytes.
    func press(_ bytes: [UInt8], quiet: UInt64 = 30_000_000, timeout: UInt64 = 5_000_000_000) -> (UInt64, Int) {
        let start = now()
        let before = pty.mark()
        _ = bytes.withUnsafeBytes { write(pty.master, $0.baseAddress, $0.count) }
        return pty.waitQuiet(after: before, since: start, quiet: quiet, timeout: timeout)
    }

    /// The process's peak resident memory (VmHWM), in bytes.
    var peakMemory: Int {
        guard let f = fopen("/proc/\(pid)/status", "r") else { return 0 }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, 256, f) != nil {
            let s = cLine(line)
            if s.hasPrefix("VmHWM:") { return (Int(s.split(separator: " ")[1]) ?? 0) * 1024 }
        }
        return 0
    }

    /// The CPU time the process has used so far (user + system), from /proc.
    var cpuTime: UInt64 {
        guard let f = fopen("/proc/\(pid)/stat", "r") else { return 0 }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 1024)
        guard fgets(&line, 1024, f) != nil else { return 0 }
        let s = cLine(line)
        // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
        guard let close = s.lastIndex(of: ")") else { return 0 }
        let fields = s[s.index(after: close)...].split(separator: " ")
        let ticks = (UInt64(fields[11]) ?? 0) + (UInt64(fields[12]) ?? 0)
        return ticks * 1_000_000_000 / UInt64(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Sends the program's quit keys and waits for it to end.
    func quit(_ keys: [UInt8]) {
        _ = press(keys, quiet: 100_000_000)
        end()
    }

    /// Waits for the process to end (killing it after 10 s).
    func end() {
        var status: Int32 = 0
        for _ in 0..<1000 {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }
}

/// A line read by `fgets`: the bytes before its NUL.
func cLine(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// A pseudo-terminal whose output a thread drains (so ncurses writes real bytes), counting
/// the bytes and remembering when the last came.
final class PTYLog: @unchecked Sendable {
    let master: Int32
    let slavePath: String
    private let log = Mutex<(count: Int, last: UInt64)>((0, 0))

    init?(width: Int, height: Int) {
        guard let p = PseudoTerminal(width: width, height: height) else { return nil }
        master = p.master
        slavePath = p.slavePath
        let fd = master
        Thread.detach { [self] in
            var buf = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { return }
                let t = now()
                log.withLock { $0 = ($0.count + n, t) }
            }
        }
    }

    /// The bytes written so far.
    func mark() -> Int { log.withLock { $0.count } }

    func waitQuiet(after before: Int, since start: UInt64, quiet: UInt64, timeout: UInt64) -> (UInt64, Int) {
        while true {
            usleep(1000)
            let (count, last) = log.withLock { $0 }
            let t = now()
            if count > before, t - last >= quiet { return (last - start, count - before) }
            if t - start > timeout { return (count > before ? last - start : timeout, count - before) }
        }
    }
}

func percentile(_ xs: [UInt64], _ p: Double) -> UInt64 {
    let s = xs.sorted()
    return s[min(s.count - 1, Int(Double(s.count) * p))]
}

/// What one program did on one map.
struct Figures {
    var open: UInt64 = 0
    var moveP50: UInt64 = 0
    var moveP99: UInt64 = 0
    var bytesPerMove = 0
    /// The typical move's bytes: the mean counts the few moves that scroll the grid.
    var bytesMedian = 0
    var scroll: UInt64 = 0
    var editP50: UInt64 = 0
    var editP99: UInt64 = 0
    /// Edits and undos together: the keys typed while autosaves run.
    var changes = 0
    var changeP99: UInt64 = 0
    var save: UInt64 = 0
    var saveCPU: UInt64 = 0
    var memory = 0
    /// Keys that got no answer at all (a move the program refused): left out of the latencies.
    var silent = 0
}

/// The keys each program is driven with: the same user actions in each one's words.
struct Script {
    var argv: [String]
    /// Keys that bring the cursor where every move of `moves` can be made, untimed.
    var prepare: [UInt8]
    var moves: [[UInt8]]
    var scroll: [UInt8]
    /// An action that changes the document (cjm: a score, which autosaves; vim: a typed letter).
    var edit: [UInt8]
    var undo: [UInt8]
    var save: [UInt8]
    var quit: [UInt8]
}

/// A program started in its pseudo-terminal, its first screen drawn, and its cursor brought
/// where every move of its script can be made.
func start(_ script: Script, env: [String]) -> Session? {
    let start = now()
    guard let s = Session(script.argv, env: env, width: 120, height: 40) else { return nil }
    // The first screen (open is timed apart, by `openTimes`).
    _ = s.pty.waitQuiet(after: 0, since: start, quiet: 300_000_000, timeout: 60_000_000_000)
    _ = s.press(script.prepare, quiet: 100_000_000)
    return s
}

/// One key, timed; nil (and counted as silent) when nothing answered it within a second.
func timed(_ s: Session, _ key: [UInt8], _ f: inout Figures) -> (UInt64, Int)? {
    let (t, b) = s.press(key, timeout: 1_000_000_000)
    if b == 0 { f.silent += 1 }
    return b == 0 ? nil : (t, b)
}

/// The cursor moves of every program, taking turns key by key: a machine that is slower for
/// a while (another guest, a cache flushed) is slower for both, and the ratio stays fair.
func moves(_ runs: [(Session, Script)], keys: Int, into figures: inout [Figures]) {
    var lat = Array(repeating: [UInt64](), count: runs.count)
    var sizes = Array(repeating: [UInt64](), count: runs.count)
    for i in 0..<keys {
        for (k, (s, script)) in runs.enumerated() {
            guard let (t, b) = timed(s, script.moves[i % script.moves.count], &figures[k]) else { continue }
            lat[k].append(t)
            sizes[k].append(UInt64(b))
        }
    }
    for k in runs.indices where !lat[k].isEmpty {
        figures[k].bytesMedian = Int(percentile(sizes[k], 0.5))
        figures[k].moveP50 = percentile(lat[k], 0.5)
        figures[k].moveP99 = percentile(lat[k], 0.99)
        figures[k].bytesPerMove = Int(sizes[k].reduce(0, +)) / lat[k].count
    }
}

/// The rest of a program's figures, one program at a time: a scroll, edits with their undos,
/// a save and its CPU time, peak memory; then it quits.
func finish(_ s: Session, _ script: Script, keys: Int, _ f: inout Figures) {
    f.scroll = timed(s, script.scroll, &f)?.0 ?? 0
    // Edits one after another, each followed by its undo, as a user scoring and changing their
    // mind. Both change the document, so both set off autosaves: all of them count for typing
    // under autosave, whose p99 needs a hundred keys and more (of 50, it is the slowest one).
    var edits: [UInt64] = []
    var changes: [UInt64] = []
    for _ in 0..<max(10, keys / 2) {
        if let (t, _) = timed(s, script.edit, &f) {
            edits.append(t)
            changes.append(t)
        }
        if let (t, _) = timed(s, script.undo, &f) { changes.append(t) }
    }
    // CJM_BENCH_TRACE=1 prints each edit's and undo's latency, to find the slow one.
    if getenv("CJM_BENCH_TRACE") != nil { print("edits and undos:", changes.map { ms($0) }) }
    f.editP50 = edits.isEmpty ? 0 : percentile(edits, 0.5)
    f.editP99 = edits.isEmpty ? 0 : percentile(edits, 0.99)
    f.changes = changes.count
    f.changeP99 = changes.isEmpty ? 0 : percentile(changes, 0.99)
    _ = timed(s, script.edit, &f)
    let cpu = s.cpuTime
    f.save = s.press(script.save, quiet: 200_000_000, timeout: 60_000_000_000).0
    f.saveCPU = s.cpuTime - cpu
    f.memory = s.peakMemory
    s.quit(script.quit)
}

/// How many times each program is launched for its open time (five gave medians 0.82-1.08x
/// apart from one run to the next at 1.9 MB, on this noisy machine).
let openLaunches = 11

/// Each program's time from launch to its first screen, the median of `launches`; the
/// programs take turns, so that both meet the same noise. A launch that fails is said, not
/// left out silently (all failed would read as 0 ms, faster than anything).
func openTimes(_ scripts: [Script], env: [String], launches: Int) throws -> [UInt64] {
    var times = scripts.map { _ in [UInt64]() }
    for _ in 0..<launches {
        for (i, script) in scripts.enumerated() {
            let start = now()
            guard let s = Session(script.argv, env: env, width: 120, height: 40) else {
                throw BenchFailure("could not start \(script.argv.joined(separator: " "))")
            }
            times[i].append(s.pty.waitQuiet(after: 0, since: start, quiet: 300_000_000, timeout: 60_000_000_000).0)
            s.quit(script.quit)
        }
    }
    return times.map { $0.isEmpty ? 0 : median($0) }
}

/// `cjm-bench versus`: each program on its own copy of `file`, the programs taking turns:
/// the open time (median of `launches`), then `keys` cursor moves with all of them running,
/// key by key in turn, as `compare` does. A program whose name ends in vim gets vim's keys.
func versus(launches: Int, keys: Int, file: String, programs: [String]) throws {
    guard launches > 0, keys >= 0 else { throw BenchFailure("versus: LAUNCHES must be at least 1, KEYS at least 0") }
    let dir = temporaryFolder()
    defer { removeTree(dir) }
    let env = benchEnvironment(dir)
    let bytes = try AtomicFile.read(file)
    var scripts: [Script] = []
    for (i, program) in programs.enumerated() {
        let copy = "\(dir)/\(i).cjm.json"
        try AtomicFile.write(bytes, to: copy)
        scripts.append(
            program.hasSuffix("vim")
                ? vimKeys([program, "-u", "NONE", "-i", "NONE", "-N", "-n", copy]) : cjmKeys([program, copy]))
    }
    let times = try openTimes(scripts, env: env, launches: launches)
    var figures = Array(repeating: Figures(), count: scripts.count)
    if keys > 0 {
        let sessions = scripts.compactMap { start($0, env: env) }
        guard sessions.count == scripts.count else { throw BenchFailure("versus: a program did not start") }
        moves(Array(zip(sessions, scripts)), keys: keys, into: &figures)
        for (s, script) in zip(sessions, scripts) { s.quit(script.quit) }
    }
    print("\(fixed(Double(bytes.count) / 1e6, 1)) MB; open: median of \(launches); \(keys) moves each; taking turns")
    print("open".padding(18) + "ratio".padding(10) + "move p50 / p99".padding(22) + "ratio".padding(10) + "program")
    for (k, program) in programs.enumerated() {
        let f = figures[k]
        print(
            ms(times[k]).padding(18) + (fixed(Double(times[k]) / Double(max(times[0], 1)), 3) + "×").padding(10)
                + (keys > 0 ? "\(ms(f.moveP50)) / \(ms(f.moveP99))" : "-").padding(22)
                + (keys > 0 ? fixed(Double(f.moveP50) / Double(max(figures[0].moveP50, 1)), 3) + "×" : "").padding(10)
                + program)
    }
}

// What a terminal sends in keypad mode (both programs turn it on): ESC O A…
let right: [UInt8] = [0x1B, 0x4F, 0x43]
let down: [UInt8] = [0x1B, 0x4F, 0x42]
let left: [UInt8] = [0x1B, 0x4F, 0x44]
let up: [UInt8] = [0x1B, 0x4F, 0x41]

/// A program named without a folder (a wrapper's `perf`, `strace`), found on the bench's own
/// PATH, as a shell would; a name with a folder as it is. Programs are started by path.
func onPath(_ name: String) -> String {
    guard !name.contains("/"), let path = getenv("PATH") else { return name }
    for folder in String(cString: path).split(separator: ":") where access("\(folder)/\(name)", X_OK) == 0 {
        return "\(folder)/\(name)"
    }
    return name
}

/// The programs' environment: a terminal, UTF-8, and `dir` as their home and config folder
/// (no user settings). Programs are started by path: there is no PATH search.
func benchEnvironment(_ dir: String) -> [String] {
    ["TERM=xterm-256color", "LANG=C.UTF-8", "HOME=\(dir)", "XDG_CONFIG_HOME=\(dir)", "PATH=/usr/bin:/bin"]
}

/// The bytes a terminal sends for `key`, checked against the grid's keymap: a key that no
/// longer does `action` stops the bench rather than timing something else.
func grid(_ key: Key, _ action: Action) -> [UInt8] {
    precondition(Keymap.grid.action(for: key) == action, "cjm-bench: \(key.label) no longer does \(action)")
    switch key {
    case .char(let c): return Array(String(c).utf8)
    case .ctrl(let c): return [c.asciiValue! & 0x1F]
    case .tab: return [0x09]
    case .right: return right
    case .down: return down
    case .left: return left
    case .up: return up
    default: preconditionFailure("cjm-bench sends no \(key.label)")
    }
}

/// cjm's keys for the benchmark, run as `argv`.
func cjmKeys(_ argv: [String]) -> Script {
    Script(
        argv: argv, prepare: grid(.down, .down) + grid(.down, .down) + grid(.right, .right) + grid(.right, .right),
        moves: [grid(.right, .right), grid(.down, .down), grid(.left, .left), grid(.up, .up)],
        scroll: Array(repeating: grid(.tab, .nextStage), count: 8).flatMap { $0 }, edit: grid(.char("4"), .score),
        undo: grid(.char("u"), .undo), save: grid(.ctrl("s"), .save), quit: grid(.char("q"), .quit))
}

/// vim's, run as `argv`.
func vimKeys(_ argv: [String]) -> Script {
    Script(
        argv: argv, prepare: Array("20G".utf8), moves: [down, right, up, left], scroll: [0x06], edit: Array("rx".utf8),
        undo: Array("u".utf8), save: Array(":w\r".utf8), quit: Array(":q!\r".utf8))
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ why: String) { description = why }
}

func compare(keys: Int, sizes: [(Int, Int)]) throws {
    let here = String(
        CommandLine.arguments[0].split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/"))
    let cjm = (here.isEmpty ? "." : here) + "/cjm"
    guard access(cjm, X_OK) == 0 else {
        print("cjm-bench compare: no cjm binary beside cjm-bench (\(cjm)); build it first: swift build -c release")
        exit(2)
    }
    let candidates: [String] = ["/usr/bin/vim", "/usr/local/bin/vim", "/bin/vim"]
    let vim = candidates.first { access($0, X_OK) == 0 }
    let dir = temporaryFolder()
    defer { removeTree(dir) }
    let env = benchEnvironment(dir)
    print("cjm and \(vim ?? "no vim (not installed)") in a 120×40 pseudo-terminal, \(keys) cursor moves each")
    print("(latency: from writing the key to the last byte of the answer; p50 / p99; the two take turns key by key)")
    for (stages, lanes) in sizes {
        let path = "\(dir)/map-\(stages)x\(lanes).cjm.json"
        // Each program its own copy: both run at once, and one's save must not change the other's file.
        let vimCopy = "\(dir)/map-\(stages)x\(lanes).vim.json"
        let workspace = realisticWorkspace(stages: stages, lanes: lanes)
        try MapStore.save(workspace, history: History(), to: path)
        try MapStore.save(workspace, history: History(), to: vimCopy)
        var st = stat()
        stat(path, &st)
        let size = Int(st.st_size)
        // CJM_BENCH_WRAP wraps the session that moves, edits and saves; the launches that time
        // opening run cjm alone (and would each write over a wrapper's output file).
        var wrap = getenv("CJM_BENCH_WRAP").map { String(cString: $0).split(separator: " ").map(String.init) } ?? []
        if let program = wrap.first { wrap[0] = onPath(program) }
        let cjmScript = cjmKeys(wrap + [cjm, path])
        let vimPath: String = vim ?? ""
        let vimScript = vimKeys([vimPath, "-u", "NONE", "-i", "NONE", "-N", "-n", vimCopy])
        // Thrown, not exit(1): the defer above removes the maps.
        guard let cjmSession = start(cjmScript, env: env) else { throw BenchFailure("could not start cjm") }
        let vimSession = vim.flatMap { _ in start(vimScript, env: env) }
        let runs = [(cjmSession, cjmScript)] + (vimSession.map { [($0, vimScript)] } ?? [])
        var figures = Array(repeating: Figures(), count: runs.count)
        moves(runs, keys: keys, into: &figures)
        for (k, (s, script)) in runs.enumerated() { finish(s, script, keys: keys, &figures[k]) }
        var c = figures[0]
        var v = vimSession == nil ? nil : figures[1]
        let cjmAlone = cjmKeys([cjm, path])
        let opens = try openTimes(vim == nil ? [cjmAlone] : [cjmAlone, vimScript], env: env, launches: openLaunches)
        c.open = opens[0]
        v?.open = opens[1]
        print("\n== \(stages) stages × \(lanes) lanes: \(fixed(Double(size) / 1e6, 1)) MB ==")
        if !wrap.isEmpty {
            print("(cjm ran under \(wrap[0]): its keys' times include the wrapper's; save CPU and peak memory are the wrapper's)")
        }
        func row(_ name: String, _ a: String, _ b: String?, _ ratio: Double?) {
            let r = ratio.map { fixed($0, 2) + "×" } ?? ""
            print(name.padding(36) + a.padding(22) + (b ?? "-").padding(22) + r)
        }
        func ratio(_ a: UInt64, _ b: UInt64?) -> Double? { b.flatMap { $0 > 0 ? Double(a) / Double($0) : nil } }
        row("", "cjm", vim == nil ? nil : "vim", nil)
        row("open to first screen (median of \(openLaunches))", ms(c.open), v.map { ms($0.open) }, ratio(c.open, v?.open))
        row(
            "cursor move p50 / p99", "\(ms(c.moveP50)) / \(ms(c.moveP99))", v.map { "\(ms($0.moveP50)) / \(ms($0.moveP99))" },
            ratio(c.moveP50, v?.moveP50))
        row(
            "bytes per move, mean / median", "\(c.bytesPerMove) / \(c.bytesMedian)",
            v.map { "\($0.bytesPerMove) / \($0.bytesMedian)" },
            ratio(UInt64(c.bytesPerMove), v.map { UInt64($0.bytesPerMove) }))
        row("scroll (8 Tab / Ctrl-F)", ms(c.scroll), v.map { ms($0.scroll) }, nil)
        row(
            "edit p50 / p99 (score / rx)", "\(ms(c.editP50)) / \(ms(c.editP99))",
            v.map { "\(ms($0.editP50)) / \(ms($0.editP99))" }, nil)
        if c.silent + (v?.silent ?? 0) > 0 { row("keys with no answer (left out)", "\(c.silent)", v.map { "\($0.silent)" }, nil) }
        row(
            "typing under autosave, p99−p99",
            ms(c.changeP99 > c.moveP99 ? c.changeP99 - c.moveP99 : 0) + " (\(c.changes) keys)", nil, nil)
        row(
            "save: wall / CPU", "\(ms(c.save)) / \(ms(c.saveCPU))", v.map { "\(ms($0.save)) / \(ms($0.saveCPU))" },
            ratio(c.saveCPU, v?.saveCPU))
        row(
            "peak memory / file", "\(fixed(Double(c.memory) / 1e6, 1)) MB / \(fixed(Double(c.memory) / Double(size), 2))×",
            v.map { "\(fixed(Double($0.memory) / 1e6, 1)) MB / \(fixed(Double($0.memory) / Double(size), 2))×" },
            ratio(UInt64(c.memory), v.map { UInt64($0.memory) }))
    }
    print("\nInstructions per move (callgrind, in process; the difference over N is one move):")
    print("  valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.0 .build/release/cjm-bench moves 0")
    print("  valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.400 .build/release/cjm-bench moves 400")
    print("and per horizontal scroll, the same with `scrolls 0` and `scrolls 50`.")
}

extension String {
    func padding(_ width: Int) -> String {
        let w = DisplayWidth.of(self)
        return w >= width ? self + " " : self + String(repeating: " ", count: width - w)
    }
}
