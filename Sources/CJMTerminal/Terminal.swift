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
    /// What was read from the terminal and not yet made into keys.
    var decoder = KeyDecoder()
    var clicks = Clicks()
    /// A key read while a run of clicks waited to be told: it comes after the click.
    var held: Key?
    let inputDescriptor: Int32
    /// Room for one read: all the input there is, up to a paste's worth of a read.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)

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
        inputDescriptor = fileno(input ?? cjm_stdin())
        // cjm reads the keys itself, so it takes resizes from ncurses too (ncurses's own
        // handler would only be heard by its own key reading).
        ResizeSignal.install()
        window = cjm_stdscr()
        raw()  // Ctrl-C, Ctrl-S and Ctrl-Q reach us as keys
        noecho()
        nonl()  // tells Enter (CR) from Ctrl-J (LF)
        keypad(window, true)  // the terminal sends the cursor keys' keypad form (ESC O A)
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

    /// How long `readKey` waits, in ms: for a key at all; for more after a lone ESC (else it
    /// is Escape); for the rest of a sequence begun, or of a paste (what came apart in transit
    /// would otherwise run as commands).
    static let readTimeout: Int32 = 200
    static let escapeDelay: Int32 = 30
    static let sequenceRest: Int32 = 500
    static let pasteRest: Int32 = 3000

    /// Waits up to the read timeout for a key; nil when none came, or when a signal
    /// (other than a resize) cut the wait short, for the caller to look at. Without `waiting`,
    /// only a key read already and whole, else nil at once (see `hasTypeahead`).
    public func readKey(waiting: Bool = true) -> Key? {
        if let key = held {
            held = nil
            return key
        }
        var final = false
        while true {
            if ResizeSignal.waiting, ResizeSignal.take() {
                takeNewSize()
                return .resize
            }
            // The clock only when clicks are about: a key's way stays short.
            let t = clicks.pending ? DispatchTime.now().uptimeNanoseconds : 0
            if clicks.pending, let click = clicks.due(at: t) { return click }
            let event = final && decoder.inPaste ? decoder.endPaste() : decoder.next(final: final)
            final = false
            switch event {
            case .key(let key)?:
                guard let click = clicks.flush() else { return key }
                held = key
                return click
            case .mouse(let report)?:
                if let wheel = clicks.add(report, at: DispatchTime.now().uptimeNanoseconds) { return wheel }
                continue
            case nil: break
            }
            if !waiting { return nil }
            switch fill(wait) {
            case .read: continue
            case .timedOut:
                if !decoder.isEmpty {
                    final = true
                } else if !clicks.pending {
                    return nil
                }
            case .interrupted:
                if !ResizeSignal.waiting { return nil }
            case .failed: return nil
            }
        }
    }

    /// How long to wait for input when nothing whole was read: for the rest of a paste, of a
    /// sequence or after a lone ESC; else for a new key, or until a run of clicks is over.
    private var wait: Int32 {
        if decoder.inPaste { return Self.pasteRest }
        if decoder.awaitsRest { return Self.sequenceRest }
        if !decoder.isEmpty { return Self.escapeDelay }
        if clicks.pending { return clicks.wait(at: DispatchTime.now().uptimeNanoseconds, limit: Self.readTimeout) }
        return Self.readTimeout
    }

    /// Whether input was read that no key has been made of yet: keys typed ahead of the screen.
    public var hasTypeahead: Bool { held != nil || !decoder.isEmpty }

    private enum Fill { case read, timedOut, interrupted, failed }

    /// Waits up to `timeout` ms for input and reads all there is.
    private func fill(_ timeout: Int32) -> Fill {
        var p = (
            pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: ResizeSignal.readEnd, events: Int16(POLLIN), revents: 0)
        )
        let r = withUnsafeMutablePointer(to: &p) {
            $0.withMemoryRebound(to: pollfd.self, capacity: 2) { poll($0, ResizeSignal.readEnd < 0 ? 1 : 2, timeout) }
        }
        if r == 0 { return .timedOut }
        if r < 0 { return errno == EINTR ? .interrupted : .failed }
        if p.1.revents != 0 {
            ResizeSignal.drain()
            return .interrupted
        }
        let n = read(inputDescriptor, readBuffer.baseAddress, readBuffer.count)
        if n > 0 {
            decoder.add(UnsafeRawBufferPointer(rebasing: readBuffer[..<n]))
            return .read
        }
        // Nothing to read though poll said so: the terminal is gone (or a signal came).
        return n < 0 && (errno == EINTR || errno == EAGAIN) ? .interrupted : .failed
    }

    /// The window's size after a resize, from the terminal: ncurses never sees the signal
    /// (cjm reads the keys), so it is told here. Everything is painted again.
    func takeNewSize() {
        var size = winsize()
        let got = withUnsafeMutablePointer(to: &size) { ioctl(fileno(output), UInt(TIOCGWINSZ), $0) }
        if got == 0, size.ws_row > 0, size.ws_col > 0 { resizeterm(Int32(size.ws_row), Int32(size.ws_col)) }
        repaintAll()
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
        // The window may have been resized while the shell had it, unheard.
        takeNewSize()
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
        readBuffer.deallocate()
        delscreen(screenPointer)
    }
}
