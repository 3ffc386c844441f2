import CJMCore
import CJMStorage
import CJMView
import CNcursesw
import Dispatch
import Glibc

/// The ncurses front: reads keys and copies an in-memory `Screen` out, writing only the
/// cells that changed since the last frame. Nothing else in cjm calls ncurses.
public final class Terminal {
    let screenPointer: OpaquePointer
    let output: UnsafeMutablePointer<FILE>
    let window: UnsafeMutablePointer<WINDOW>
    /// Whether the terminal shows colours and the user has not asked for none (NO_COLOR).
    let canColour: Bool
    /// Makes each frame's bytes; ncurses itself only reads keys and sets the terminal up.
    var painter: Painter
    var cursorVisible: Int32 = -1
    /// Whether the terminal can hide its cursor (`civis`; vt100 and xterm-mono cannot).
    let canHideCursor: Bool
    /// The window was resized while a paste was being read: said once the paste is in.
    var resizedInPaste = false

    /// Why the editor cannot run on this terminal, or nil when it can.
    static func refusal(term: String, canAddress: Bool = true) -> CJMFileError? {
        guard term.isEmpty || term == "dumb" || !canAddress else { return nil }
        return CJMFileError(path: "terminal", .terminalRefused, term.isEmpty ? .phrase(.terminalNoTerm) : .text("TERM=\(term)"))
    }

    /// Starts ncurses on the given streams (the process's own terminal by default).
    public init(
        theme: Theme, mouse: Bool = true, input: UnsafeMutablePointer<FILE>? = nil, output: UnsafeMutablePointer<FILE>? = nil
    ) throws {
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        if let refusal = Terminal.refusal(term: term) { throw refusal }
        guard let sp = newterm(nil, output ?? cjm_stdout(), input ?? cjm_stdin()) else {
            throw CJMFileError(path: "terminal", .terminalCannotStart)
        }
        set_term(sp)
        // A terminal that cannot address the cursor would show a blank, unusable screen.
        if Terminal.capability("cup") == nil {
            endwin()
            delscreen(sp)
            throw Terminal.refusal(term: term, canAddress: false)!
        }
        screenPointer = sp
        self.output = output ?? cjm_stdout()
        window = cjm_stdscr()
        raw()  // Ctrl-C, Ctrl-S and Ctrl-Q reach us as keys
        noecho()
        nonl()  // tells Enter (CR) from Ctrl-J (LF)
        keypad(window, true)
        set_escdelay(25)
        wtimeout(window, 200)
        let noColour = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        canColour = has_colors() && !noColour
        if canColour {
            start_color()
            use_default_colors()
        }
        canHideCursor = Terminal.capability("civis") != nil
        painter = Painter(strings: Terminal.strings(), pens: [])
        setTheme(theme)
        // ncurses' refresh: its set-up and a cleared screen reach the terminal before the
        // painter's first frame. From here on ncurses writes only the mouse and cursor modes,
        // and its set-up again when the terminal is taken back after a stop (`resumed`).
        doupdate()
        settle()
        if mouse {
            // Clicks, double clicks and the wheel.
            mousemask(cjm_BUTTON1_CLICKED | cjm_BUTTON1_DOUBLE_CLICKED | cjm_BUTTON4_PRESSED | cjm_BUTTON5_PRESSED, nil)
        }
        CrashGuard.install()
        // Bracketed paste: the terminal marks pasted text, so its newlines do not act as Enter.
        writeRaw(Terminal.pasteOn)
    }

    static let pasteOn = Array("\u{1B}[?2004h".utf8)
    static let pasteOff = Array("\u{1B}[?2004l".utf8)

    /// Bytes of cjm's own, by the frames' way to the terminal.
    func writeRaw(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { Terminal.writeAll(fileno(output), $0) }
    }

    public var width: Int { Int(getmaxx(window)) }
    public var height: Int { Int(getmaxy(window)) }

    /// A theme's colour as a terminal of `colours` colours can show it.
    static func clampColour(_ c: Int, colours: Int) -> Int {
        if c < 0 { return -1 }
        if c < colours { return c }
        // Fewer colours than the theme names: the nearest of the terminal's own (the light
        // theme's white paper and the bar's grey are white, not the terminal's default).
        return Colours.nearest(c, among: min(colours, 16))
    }

    /// Uses a theme from the next frame on: in colour where the terminal and the theme have
    /// them; a monochrome theme keeps its own attributes, a colour one without colours is the
    /// built-in plain one.
    public func setTheme(_ t: Theme) {
        let colour = canColour && !t.monochrome
        painter.setPens(
            Terminal.pens(colour || t.monochrome ? t : Theme.attributesOnly, colour: colour, colours: Int(cjm_colors())))
    }

    /// A terminfo string of the terminal's, as the bytes it holds, its delays (`$<5>`) taken
    /// out; nil when the terminal has none.
    static func capability(_ name: String) -> [UInt8]? {
        bytes(tigetstr(name)).map(TerminalStrings.withoutPadding)
    }

    /// The bytes of a string ncurses gives (nil, or -1 for a string the terminal does not have).
    static func bytes(_ s: UnsafeMutablePointer<CChar>?) -> [UInt8]? {
        guard let s, Int(bitPattern: s) != -1 else { return nil }
        return Array(UnsafeRawBufferPointer(start: s, count: strlen(s)))
    }

    /// The terminal's control strings, from terminfo.
    static func strings() -> TerminalStrings {
        func string(_ name: String) -> [UInt8]? { capability(name) }
        return TerminalStrings(
            clear: string("clear") ?? [], resetAttributes: string("sgr0") ?? [],
            attributes: ["bold", "rev", "smul", "dim"].map { string($0) ?? [] }, defaultColours: string("op") ?? [],
            address: string("cup") ?? [], column: string("hpa"), forward: string("cuf"),
            foreground: string("setaf"), background: string("setab"),
            lastCellScrolls: tigetflag("am") == 1 && tigetflag("xenl") != 1,
            expand: { template, p in
                (template + [0]).withUnsafeBufferPointer { t in
                    t.withMemoryRebound(to: CChar.self) { c in
                        let r =
                            p.count == 1
                            ? cjm_tiparm1(c.baseAddress, Int32(p[0])) : cjm_tiparm2(c.baseAddress, Int32(p[0]), Int32(p[1]))
                        // The templates' delays are gone already (`TerminalStrings.init`).
                        return bytes(r) ?? []
                    }
                }
            })
    }

    /// Each role's pen in `theme`, by the role's raw value, on a terminal of `colours` colours.
    static func pens(_ theme: Theme, colour: Bool, colours: Int) -> [Pen] {
        // Pens are indexed by raw value: the roles' raw values are their positions.
        assert(Role.allCases.enumerated().allSatisfy { $0 == Int($1.rawValue) })
        return Role.allCases.map { role in
            let st = theme.style(role)
            var pen = Pen()
            if st.bold { pen.attributes |= Pen.bold }
            if st.reverse { pen.attributes |= Pen.reverse }
            if st.underline { pen.attributes |= Pen.underline }
            if st.dim { pen.attributes |= Pen.dim }
            if colour {
                // A role that names no colour takes the theme's own (the light theme's white paper).
                pen.foreground = clampColour(st.foreground >= 0 ? st.foreground : theme.foreground, colours: colours)
                pen.background = clampColour(st.background >= 0 ? st.background : theme.background, colours: colours)
                // Two colours that fewer colours made one: the text stays readable.
                if pen.foreground >= 0, pen.foreground == pen.background { pen.foreground = pen.background == 0 ? 7 : 0 }
            }
            return pen
        }
    }

    /// Leaves ncurses nothing to write: it reads keys from the window, and would refresh it
    /// (over cjm's frame) if it were marked changed.
    func settle() {
        untouchwin(window)
    }

    /// Copies the screen out: only the cells that changed, in one write.
    public func draw(_ screen: Screen) {
        let visible: Int32 = screen.cursor == nil ? 0 : 1
        if visible == 0, visible != cursorVisible {
            curs_set(0)
            cursorVisible = 0
        }
        if screen.cursor == nil, !canHideCursor {
            // A cursor that cannot be hidden waits at the bar's start, not wherever the frame ended.
            var parked = screen
            parked.cursor = (0, max(0, screen.height - 1))
            painter.frame(parked)
        } else {
            painter.frame(screen)
        }
        painter.bytes.withUnsafeBufferPointer { Terminal.writeAll(fileno(output), $0) }
        if visible == 1, visible != cursorVisible {
            curs_set(1)
            cursorVisible = 1
        }
    }

    /// Writes all of `bytes`, again after a signal (ncurses' resize handler does not restart
    /// writes) or while a terminal left non-blocking is full: a frame cut short would leave the
    /// painter believing the terminal shows what it never got.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n > 0 {
                done += n
            } else if n < 0, errno == EINTR {
                continue
            } else if n < 0, errno == EAGAIN {
                var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&p, 1, 100)
            } else {
                return  // the terminal is gone
            }
        }
    }

    /// Forgets what is on the terminal, so the next frame is painted whole.
    public func repaintAll() {
        painter.forget()
    }

    /// Waits up to the read timeout for a key; nil when none came.
    public func readKey() -> Key? {
        var ch: wint_t = 0
        settle()
        let r = wget_wch(window, &ch)
        if r == ERR { return nil }
        if r == KEY_CODE_YES {
            switch Int32(ch) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_HOME: return .home
            case KEY_END: return .end
            // The same keys with Shift, which terminfo names apart.
            case KEY_SR: return .up
            case KEY_SF: return .down
            case KEY_SLEFT: return .left
            case KEY_SRIGHT: return .right
            case KEY_SHOME: return .home
            case KEY_SEND: return .end
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_BTAB: return .backTab
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_ENTER: return .enter
            case KEY_RESIZE:
                repaintAll()
                return .resize
            case KEY_MOUSE:
                var event = MEVENT()
                guard getmouse(&event) == OK else { return nil }
                let b = event.bstate
                let at = (x: Int(event.x), y: Int(event.y))
                if b & cjm_BUTTON1_DOUBLE_CLICKED != 0 { return .mouse(Mouse(.doubleClick, x: at.x, y: at.y)) }
                if b & cjm_BUTTON1_CLICKED != 0 { return .mouse(Mouse(.click, x: at.x, y: at.y)) }
                if b & cjm_BUTTON4_PRESSED != 0 { return .mouse(Mouse(.wheelUp, x: at.x, y: at.y)) }
                if b & cjm_BUTTON5_PRESSED != 0 { return .mouse(Mouse(.wheelDown, x: at.x, y: at.y)) }
                return nil
            default: return Terminal.modified(Int32(ch))
            }
        }
        switch ch {
        case 27:
            // Alt-Enter arrives as ESC then CR; a lone ESC is Escape (a key code met meanwhile
            // is kept by `next` for the next read).
            guard let c = next(30) else { return .escape }
            if c == 13 || c == 10 { return .altEnter }
            // ESC [ and ESC O begin the sequences keys send: read whole, a key or nothing.
            if c == 91 || c == 79 {
                switch c == 91 ? readControlSequence() : readKeypadSequence() {
                case .key(let key): return key
                case .ignored: return readKey()
                case .notOne(let got):
                    for g in got.reversed() { unget_wch(wchar_t(bitPattern: UInt32(g))) }
                }
            }
            // Escape followed at once by another key (typed fast, pasted or scripted): both
            // count, so the other key goes back to be read next.
            unget_wch(wchar_t(bitPattern: UInt32(c)))
            return .escape
        case 13: return .enter
        case 10: return .ctrl("j")
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(ch) + 96)))
        default:
            guard ch >= 32, let s = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .char(Character(s))
        }
    }

    /// A cursor key with Shift, Ctrl or Alt, which terminfo names as a key of its own (`kRIT5`
    /// for Ctrl-Right): the key without its modifier, or nil for any other key.
    static func modified(_ code: Int32) -> Key? {
        guard let raw = keyname(code) else { return nil }
        let name = String(cString: raw)
        let keys: [(String, Key)] = [
            ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right), ("kHOM", .home), ("kEND", .end),
            ("kPRV", .pageUp), ("kNXT", .pageDown), ("kDC", .delete),
        ]
        return keys.first { name.hasPrefix($0.0) && name.dropFirst($0.0.count).allSatisfy(\.isNumber) }?.1
    }

    /// What followed an ESC: a key, a sequence cjm has no use for (read whole, so none of its
    /// letters runs a command), or characters that were not a sequence, to be read again.
    enum Sequence {
        case key(Key)
        case ignored
        case notOne([wint_t])
    }

    /// The next character within `timeout` ms, or nil. A key code met meanwhile (a resize in
    /// the middle of a sequence) is kept for the next read; inside a paste the paste goes on
    /// (a resize is kept for after it, any other key code is text's and dropped), so that
    /// none of its text is read as keys.
    private func next(_ timeout: Int32, inPaste: Bool = false) -> wint_t? {
        wtimeout(window, timeout)
        defer { wtimeout(window, 200) }
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            var c: wint_t = 0
            settle()
            let r = wget_wch(window, &c)
            if r == OK { return c }
            // Nothing before the time is up: a signal cut the wait (a stop, a continue), and a
            // sequence or a paste whose end came later would run its rest as keys.
            if r == ERR, DispatchTime.now().uptimeNanoseconds - start < UInt64(timeout) * 1_000_000 { continue }
            guard r == KEY_CODE_YES else { return nil }
            if !inPaste {
                ungetch(Int32(c))
                return nil
            }
            if Int32(c) == KEY_RESIZE { resizedInPaste = true }
        }
    }

    /// After ESC [: a control sequence (parameters, then a final character), in the forms
    /// terminals send when ncurses's terminfo does not name them: the normal cursor mode's
    /// arrows, Home and End (`[A`, `[H`, `[1~`, `[7~`…), with modifiers (`[1;5C`), Delete,
    /// Page Up and Down, Shift-Tab, and a bracketed paste (`[200~ … ESC [201~`).
    func readControlSequence() -> Sequence {
        var got: [wint_t] = []
        var parameters = ""
        while true {
            guard let c = next(30), let scalar = Unicode.Scalar(UInt32(c)) else { return .notOne(got) }
            got.append(c)
            switch scalar.value {
            case 0x20...0x3F:
                parameters.unicodeScalars.append(scalar)
                if got.count > 16 { return .ignored }
            case 0x40...0x7E:
                let first = parameters.split(separator: ";").first.map(String.init) ?? ""
                switch (Character(scalar), first) {
                case ("A", _): return .key(.up)
                case ("B", _): return .key(.down)
                case ("C", _): return .key(.right)
                case ("D", _): return .key(.left)
                case ("H", _): return .key(.home)
                case ("F", _): return .key(.end)
                case ("Z", _): return .key(.backTab)
                case ("~", "1"), ("~", "7"): return .key(.home)
                case ("~", "4"), ("~", "8"): return .key(.end)
                case ("~", "3"): return .key(.delete)
                case ("~", "5"): return .key(.pageUp)
                case ("~", "6"): return .key(.pageDown)
                case ("~", "200"): return .key(readPastedText())
                default: return .ignored
                }
            default: return .notOne(got)
            }
        }
    }

    /// After ESC O: the keypad mode's cursor keys when ncurses did not read them itself;
    /// another letter (F1–F4 and the like) is read and ignored.
    func readKeypadSequence() -> Sequence {
        guard let c = next(30), let scalar = Unicode.Scalar(UInt32(c)) else { return .notOne([]) }
        switch Character(scalar) {
        case "A": return .key(.up)
        case "B": return .key(.down)
        case "C": return .key(.right)
        case "D": return .key(.left)
        case "H": return .key(.home)
        case "F": return .key(.end)
        default: return (0x40...0x7E).contains(scalar.value) ? .ignored : .notOne([c])
        }
    }

    /// A bracketed paste's text, up to its closing `ESC [201~`, as one key.
    func readPastedText() -> Key {
        var text: [Unicode.Scalar] = []
        let end = Array("\u{1B}[201~".unicodeScalars)
        while let c = next(200, inPaste: true), let scalar = Unicode.Scalar(UInt32(c)) {
            text.append(scalar)
            if text.count >= end.count, Array(text.suffix(end.count)) == end {
                text.removeLast(end.count)
                break
            }
        }
        if resizedInPaste {
            resizedInPaste = false
            ungetch(KEY_RESIZE)
        }
        // Terminals send pasted line ends as CR (or CR LF): make them newlines.
        var s = ""
        var previous: Unicode.Scalar = " "
        for c in text {
            if c == "\n" && previous == "\r" {
                previous = c
                continue
            }
            s.unicodeScalars.append(c == "\r" ? "\n" : c)
            previous = c
        }
        return .paste(s)
    }

    /// Ctrl-Z, or a stop sent from outside (SIGTSTP): gives the terminal back, stops the whole
    /// job as a shell expects, and on `fg` takes the terminal again and paints everything.
    public func suspend() {
        writeRaw(painter.plain() + Terminal.pasteOff)
        endwin()
        var dflt = sigaction()
        var old = sigaction()
        dflt.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&dflt.sa_mask)
        sigaction(SIGTSTP, &dflt, &old)
        _ = JobSignals.takeStop()  // one that came meanwhile is this very stop
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTSTP)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        kill(0, SIGTSTP)
        // Resumed (SIGCONT): that continue is this one, and a stop after it will be seen.
        _ = JobSignals.takeContinue()
        sigaction(SIGTSTP, &old, nil)
        resumed()
    }

    /// Takes the terminal back after the shell had it (a stop, then `fg`): its modes and the
    /// alternate screen again, and everything painted.
    public func resumed() {
        if !isendwin() { endwin() }
        writeRaw(Terminal.pasteOn)
        repaintAll()
        clearok(window, true)
        wrefresh(window)
        settle()
    }

    /// Restores the terminal. Safe to call more than once.
    public func end() {
        if isendwin() { return }
        writeRaw(painter.plain() + Terminal.pasteOff)
        curs_set(1)
        endwin()
        CrashGuard.uninstall()
    }

    deinit {
        end()
        delscreen(screenPointer)
    }
}
