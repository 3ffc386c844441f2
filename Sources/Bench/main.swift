// cjm-bench: prints the figures the issues ask for. Run with
//   swift run -c release cjm-bench
// Figures, not pass/fail: the machines are shared and noisy.
import CJMCore
import CJMStorage
import CJMTerminal
import CJMView
import Dispatch
import Glibc
import Synchronization

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func fixed(_ x: Double, _ digits: Int) -> String {
    let scale = [1.0, 10, 100, 1000][digits]
    let r = (x * scale).rounded() / scale
    var s = String(r)
    if let dot = s.firstIndex(of: ".") {
        let decimals = s.distance(from: dot, to: s.endIndex) - 1
        if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
    }
    return s
}
func ms(_ ns: UInt64) -> String { fixed(Double(ns) / 1e6, 2) + " ms" }
func us(_ ns: UInt64) -> String { fixed(Double(ns) / 1e3, 1) + " µs" }

func median(_ xs: [UInt64]) -> UInt64 { xs.sorted()[xs.count / 2] }

/// Times `body` `runs` times and returns the median.
func time(_ runs: Int, _ body: () throws -> Void) rethrows -> UInt64 {
    var samples: [UInt64] = []
    for _ in 0..<runs {
        let t0 = now()
        try body()
        samples.append(now() - t0)
    }
    return median(samples)
}

/// A map of about `bytes` bytes of JSON: Cyrillic text in every cell.
func generatedMap(stages: Int, lanes: Int, cellText: String) -> JourneyMap {
    var map = JourneyMap(title: "Сгенерированная карта", goal: "замер скорости")
    for j in 0..<stages {
        map.stages.append(Stage(id: StageID("s\(j)"), name: "Этап \(j + 1)", emotion: j % 7 == 3 ? nil : j % 5 - 2))
    }
    for l in 0..<lanes {
        var lane = Lane(id: LaneID("l\(l)"), title: "Строка \(l + 1)", kind: LaneKind.allCases[l % LaneKind.allCases.count])
        for j in 0..<stages { lane.cells[StageID("s\(j)")] = "\(j).\(l) " + cellText }
        map.lanes.append(lane)
    }
    return map
}

func coreFigures() throws {
    print("== Core: a generated map of about 2 MB ==")
    let map = generatedMap(stages: 200, lanes: 40, cellText: String(repeating: "путь клиента ", count: 9))
    let dir = temporaryFolder()
    defer { removeTree(dir) }
    let path = dir + "/big.json"
    try MapStore.save(Workspace(single: map), history: History(), to: path)
    let size = try AtomicFile.read(path).count
    print("file size: \(size) bytes, \(map.stages.count) stages × \(map.lanes.count) lanes")
    print("open (read + parse + validate + history check), median of 10: \(ms(try time(10) { _ = try MapStore.open(path) }))")
    print(
        "save (encode + atomic write + fsync + history), median of 10: \(ms(try time(10) { try MapStore.save(Workspace(single: map), history: History(), to: path) }))"
    )

    var session = EditSession(workspace: Workspace(single: map))
    try MapStore.save(session.workspace, history: session.history, to: path)
    let historyPath = MapStore.historyPath(for: path)
    let before = try AtomicFile.read(historyPath).count
    var perEdit: [Int] = []
    var last = before
    for i in 0..<20 {
        let lane = session.workspace.maps[0].lanes[i % 40].id
        let stage = session.workspace.maps[0].stages[(i * 7) % 200].id
        try session.perform(Edits.setCell(session.workspace.maps[0], lane: lane, stage: stage, "новый текст \(i)")!)
        try MapStore.save(session.workspace, history: session.history, to: path)
        let size = try AtomicFile.read(historyPath).count
        perEdit.append(size - last)
        last = size
    }
    print(
        "history bytes per single-cell edit (old cell ~240 B, new ~25 B): median \(perEdit.sorted()[10]), max \(perEdit.max()!)")

    // The editor's thread only hands a snapshot to the autosaver.
    let saver = Autosaver(path: path)
    var worst: UInt64 = 0
    var samples: [UInt64] = []
    for i in 0..<200 {
        try session.perform(
            Edits.setCell(
                session.workspace.maps[0], lane: session.workspace.maps[0].lanes[0].id,
                stage: session.workspace.maps[0].stages[0].id, "typing \(i)")!)
        let t0 = now()
        saver.changed(session.workspace, history: session.history)
        let dt = now() - t0
        samples.append(dt)
        worst = max(worst, dt)
    }
    let t0 = now()
    saver.flush()
    print(
        "autosave: caller blocked per change, median \(us(median(samples))), worst \(us(worst)); 200 changes gave \(saver.writeCount) writes; final flush \(ms(now() - t0))"
    )
}

enum Thread {
    static func detach(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var t = pthread_t()
        pthread_create(
            &t, nil,
            { p in
                let b = Unmanaged<Box>.fromOpaque(p!).takeRetainedValue()
                b.body()
                return nil
            }, box)
        pthread_detach(t)
    }

    final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ b: @escaping @Sendable () -> Void) { body = b }
    }
}

func waitQuiet(_ pty: PTYLog) {
    var last = -1
    while true {
        usleep(20_000)
        let n = pty.mark()
        if n == last { return }
        last = n
    }
}

func editorFigures() throws {
    print("\n== Editor: a map of 60 stages × 15 lanes in a 120×40 terminal ==")
    let map = generatedMap(stages: 60, lanes: 15, cellText: "клиент ищет фильм на вечер")
    var editor = Editor(session: EditSession(workspace: Workspace(single: map)), fileName: "bench.json", seed: 1)
    editor.resize(width: 120, height: 40)

    // Pure path: key → editor → layout into the in-memory screen.
    let keys: [Key] = [
        .right, .right, .down, .char("4"), .right, .down, .up, .char("2"), .left, .tab, .end, .home, .char("G"), .char("g"),
    ]
    var pure: [UInt64] = []
    for i in 0..<2000 {
        let t0 = now()
        _ = editor.handle(keys[i % keys.count])
        _ = EditorView.render(editor)
        pure.append(now() - t0)
    }
    print("key → layout (pure, no terminal), 2000 keys: median \(us(median(pure))), worst \(us(pure.max()!))")

    // Real ncurses on a pseudo-terminal: key → layout → copy out → wrefresh written.
    let pty = PTYLog(width: 120, height: 40)!
    let slave = fopen(pty.slavePath, "r+")!
    setenv("TERM", "xterm-256color", 1)
    setlocale(LC_ALL, "C.UTF-8")
    let theme = try ThemeLoader.load("dark")
    let terminal = try Terminal(theme: theme, input: slave, output: slave)
    editor = Editor(session: EditSession(workspace: Workspace(single: map)), fileName: "bench.json", seed: 1)
    editor.resize(width: 120, height: 40)
    // As the editor draws: a frame kept and patched when only the cursor moved.
    var frame: Frame?
    func draw() {
        EditorView.render(editor, into: &frame)
        terminal.draw(frame!.screen)
    }
    draw()
    waitQuiet(pty)
    var full: [UInt64] = []
    for i in 0..<1000 {
        let t0 = now()
        _ = editor.handle(keys[i % keys.count])
        draw()
        full.append(now() - t0)
    }
    print(
        "key → screen updated (ncurses to a pty, \(terminal.width)×\(terminal.height)), 1000 keys: median \(us(median(full))), worst \(ms(full.max()!))"
    )

    // Bytes for one cursor move, within the visible columns and across a scroll.
    editor = Editor(session: EditSession(workspace: Workspace(single: map)), fileName: "bench.json", seed: 1)
    editor.resize(width: 120, height: 40)
    draw()
    waitQuiet(pty)
    var moves: [Int] = []
    for key in [Key.right, .right, .down, .down, .left, .up] {
        let before = pty.mark()
        _ = editor.handle(key)
        draw()
        waitQuiet(pty)
        moves.append(pty.mark() - before)
    }
    print("bytes written for one cursor move (→ → ↓ ↓ ← ↑): \(moves.map(String.init).joined(separator: ", "))")
    editor.stage = 4
    editor.keepCursorInView()
    draw()
    waitQuiet(pty)
    let before = pty.mark()
    _ = editor.handle(.right)  // to stage 6: the columns scroll
    draw()
    waitQuiet(pty)
    print("bytes for a move that scrolls the columns: \(pty.mark() - before)")
    terminal.end()
}

/// A map as users write them: every cell holds sentences, Russian and English.
func realisticMap(stages: Int, lanes: Int) -> JourneyMap {
    let sentences = [
        "Клиент ищет фильм на вечер для всей семьи.", "He compares the prices of three services first.",
        "Долго выбирает и боится навязчивых звонков.", "The app asks for a card before the free week starts.",
    ]
    var map = generatedMap(stages: stages, lanes: lanes, cellText: "")
    for l in map.lanes.indices {
        for j in map.stages.indices {
            map.lanes[l].cells[map.stages[j].id] = (0..<3).map { sentences[(j + l + $0) % sentences.count] }.joined(
                separator: " ")
        }
    }
    return map
}

/// `cjm-bench moves N`: N cursor moves on the 60×15 workspace `compare` opens (sentences,
/// lists, three personas: the bar shows the first one's curve, cut with an ellipsis), each
/// laid out and copied to a pseudo-terminal of 120×40, and nothing else: run it under
/// callgrind with N and with 0, and the difference over N is the instructions one move costs. `cjm-bench scrolls N`: N
/// moves that each scroll the columns by one stage (N ≤ 54; its own N = 0 is `scrolls 0`).
/// `cjm-bench moves N cold`: the same with the caches swept between moves, for
/// `--cache-sim=yes` (what a move after a pause fetches).
///   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.N .build/release/cjm-bench moves 400
func moves(_ n: Int, scrolling: Bool = false, cold: Bool = false) throws {
    let workspace = realisticWorkspace(stages: 60, lanes: 15)
    var editor = Editor(session: EditSession(workspace: workspace), fileName: "bench.json", seed: 1)
    editor.resize(width: 120, height: 40)
    let pty = PTYLog(width: 120, height: 40)!
    let slave = fopen(pty.slavePath, "r+")!
    setenv("TERM", "xterm-256color", 1)
    setlocale(LC_ALL, "C.UTF-8")
    let terminal = try Terminal(theme: try ThemeLoader.load("dark"), input: slave, output: slave)
    var frame: Frame?
    EditorView.render(editor, into: &frame)
    terminal.draw(frame!.screen)
    // Scrolling: from the last stage on screen, every → brings a new column in (N ≤ 54).
    let keys: [Key] = scrolling ? [.right] : [.right, .down, .left, .up]
    if scrolling {
        for _ in 0..<5 { _ = editor.handle(.right) }
        EditorView.render(editor, into: &frame)
        terminal.draw(frame!.screen)
    }
    // One of each move first, in the run with N = 0 too: what a process does once (the
    // runtime's first look at a type) is not a move's cost.
    if !scrolling {
        for key in keys {
            _ = editor.handle(key)
            EditorView.render(editor, into: &frame)
            terminal.draw(frame!.screen)
        }
    }
    // Cold: 32 MiB written between moves, so that each finds the caches as a key typed after
    // a pause does (callgrind --cache-sim=yes then says which code misses).
    var sweep = cold ? [UInt8](repeating: 0, count: 32 << 20) : []
    for i in 0..<n {
        if cold { evict(&sweep, i) }
        _ = editor.handle(keys[i % keys.count])
        // As the editor does: a move from cell to cell patches the last frame.
        EditorView.render(editor, into: &frame)
        terminal.draw(frame!.screen)
    }
    terminal.end()
}

/// Writes every cache line of `sweep`, out of line, so that callgrind names it apart.
@inline(never)
func evict(_ sweep: inout [UInt8], _ i: Int) {
    sweep.withUnsafeMutableBufferPointer { b in
        var at = 0
        while at < b.count {
            b[at] = UInt8(truncatingIfNeeded: i)
            at += 64
        }
    }
}

/// `cjm-bench save`: encoding a 200×40 map whose lanes hold sentences, lists, channels and
/// metrics, as saving does it, median of 10 (no disk).
func saveFigure() {
    var map = realisticMap(stages: 200, lanes: 40)
    let contents: [LaneContent] = [.text, .list, .channels, .metrics]
    for l in map.lanes.indices {
        map.lanes[l].content = contents[l % 4]
        for j in map.stages.indices where l % 4 != 0 {
            let id = map.stages[j].id
            switch contents[l % 4] {
            case .list: map.lanes[l].cells[id] = "Долгий выбор\nНавязчивые звонки\nСложная оплата картой"
            case .channels: map.lanes[l].cells[id] = "Сайт\nEmail рассылка\nМобильное приложение"
            default: map.lanes[l].cells[id] = "CTR = 2.5 %\nЗаказы = 1200\nСредний чек = 890 ₽"
            }
        }
    }
    let ws = Workspace(single: map)
    var size = 0
    let t = time(10) { size = MapCodec.encode(ws).count }
    print("encode a \(size / 1000) kB map of sentences, lists, channels and metrics, median of 10: \(ms(t))")
}

/// `cjm-bench codec`: reading and writing the realistic 2000×40 map in process (under
/// callgrind, where they go).
func codecFigures() throws {
    let bytes = MapCodec.encode(realisticWorkspace(stages: 2000, lanes: 40))
    var ws: Workspace?
    let read = time(3) { ws = try? MapCodec.decode(bytes) }
    let slow = time(3) { _ = try? MapCodec.decode(json: MapCodec.parseJSON(bytes)) }
    var size = 0
    let written = time(3) { size = MapCodec.encode(ws!).count }
    print(
        "\(bytes.count / 1_000_000) MB: decode \(ms(read)) (through a JSONValue tree \(ms(slow))), "
            + "encode \(ms(written)) (\(size) bytes), median of 3")
    let dir = temporaryFolder()
    defer { removeTree(dir) }
    var onDisk: OnDisk?
    let saved = try time(3) { onDisk = try MapStore.save(ws!, history: History(), to: dir + "/big.json", expecting: onDisk) }
    let opened = try time(3) { _ = try MapStore.open(dir + "/big.json") }
    let print1 = time(3) { _ = fingerprint(bytes) }
    print("MapStore.save \(ms(saved)) (of which the fingerprint \(ms(print1))), MapStore.open \(ms(opened)), median of 3")
}

do {
    if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "map" {
        // `map FILE [STAGESxLANES]`: writes a realistic map (2000x40 by default) to try by hand.
        let size = (CommandLine.arguments.count > 3 ? CommandLine.arguments[3] : "2000x40").split(separator: "x")
            .compactMap { Int($0) }
        guard size.count == 2 else {
            print("usage: cjm-bench map FILE [STAGESxLANES]")
            exit(2)
        }
        try MapStore.save(realisticWorkspace(stages: size[0], lanes: size[1]), history: History(), to: CommandLine.arguments[2])
        exit(0)
    }
    if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "open" {
        // `open FILE`: reads a map as `cjm FILE` does, and says how long that took (under
        // callgrind, where it goes). Each opened map is kept: freeing one is no part of opening.
        var kept: [OpenedMap] = []
        var times: [UInt64] = []
        for _ in 0..<5 {
            let start = now()
            kept.append(try MapStore.open(CommandLine.arguments[2]))
            times.append(now() - start)
        }
        print("MapStore.open: \(times.map(ms).joined(separator: ", ")); median \(ms(median(times)))")
        withExtendedLifetime(kept) {}
        exit(0)
    }
    if CommandLine.arguments.count >= 6, CommandLine.arguments[1] == "versus", let n = Int(CommandLine.arguments[2]),
        let keys = Int(CommandLine.arguments[3])
    {
        // `versus LAUNCHES KEYS FILE PROGRAM…`: two builds of cjm (and vim) side by side on one
        // map: open times and cursor moves, taking turns.
        try versus(
            launches: n, keys: keys, file: CommandLine.arguments[4], programs: Array(CommandLine.arguments[5...]))
        exit(0)
    }
    if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "save" {
        saveFigure()
        exit(0)
    }
    if CommandLine.arguments.count == 3 || CommandLine.arguments.last == "cold", CommandLine.arguments.count <= 4,
        CommandLine.arguments[1] == "moves", let n = Int(CommandLine.arguments[2])
    {
        try moves(n, cold: CommandLine.arguments.count == 4)
        exit(0)
    }
    if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "codec" {
        try codecFigures()  // a function, so that its defer removes its folder before exit
        exit(0)
    }
    if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "scrolls", let n = Int(CommandLine.arguments[2]) {
        try moves(min(n, 54), scrolling: true)
        exit(0)
    }
    if CommandLine.arguments.count >= 2, CommandLine.arguments[1] == "compare" {
        // `compare [KEYS] [SIZES]`: e.g. `compare 200 60x15,200x40,2000x40`.
        let keys = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 200 : 200
        let sizes =
            CommandLine.arguments.count > 3
            ? CommandLine.arguments[3].split(separator: ",").compactMap { s -> (Int, Int)? in
                let p = s.split(separator: "x").compactMap { Int($0) }
                return p.count == 2 ? (p[0], p[1]) : nil
            } : [(60, 15), (200, 40), (2000, 40)]
        try compare(keys: keys, sizes: sizes)
        exit(0)
    }
    try coreFigures()
    try editorFigures()
} catch {
    print("bench failed: \(error)")
    exit(1)
}

/// A new folder for the benchmark's maps, /tmp/cjm-bench-XXXXXX; the caller removes it.
func temporaryFolder() -> String {
    // TMPDIR as other tools honour it: a map on tmpfs, say, to tell the disk's share apart.
    let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array("\(base)/cjm-bench-XXXXXX".utf8CString)
    return String(cString: template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!)! })
}
