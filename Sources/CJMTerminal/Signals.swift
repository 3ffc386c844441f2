import CNcursesw
import Glibc
import Synchronization

/// The last quitting signal received (SIGHUP, SIGTERM, SIGINT, SIGQUIT), 0 when none. The handler
/// only stores it; the main loop saves and exits cleanly.
let pendingSignal = Atomic<Int32>(0)

public enum QuitSignals {
    public static func install() {
        // Made now, not first by a handler (a global's first use is not safe in a handler).
        _ = pendingSignal.load(ordering: .relaxed)
        // SIGQUIT too: left to the runtime, its crash reporter would paint over the editor
        // and leave the terminal raw, and the held-back change would be lost.
        for sig in [SIGHUP, SIGTERM, SIGINT, SIGQUIT] {
            signal(sig) { s in pendingSignal.store(s, ordering: .relaxed) }
        }
        signal(SIGPIPE, SIG_IGN)
    }

    public static var received: Int32 { pendingSignal.load(ordering: .relaxed) }
}

/// A stop asked from outside (`kill -TSTP`) and a continue, kept for the main loop. Installed
/// before ncurses starts, so it does not install its own stop handler, which on `fg` repaints
/// only its own window (blank: the painter draws the screen).
let pendingStop = Atomic<Bool>(false)
let pendingContinue = Atomic<Bool>(false)

public enum JobSignals {
    public static func install() {
        // Made now, not first by a handler (as `QuitSignals`' flag).
        _ = (pendingStop.load(ordering: .relaxed), pendingContinue.load(ordering: .relaxed))
        signal(SIGTSTP) { _ in pendingStop.store(true, ordering: .relaxed) }
        signal(SIGCONT) { _ in pendingContinue.store(true, ordering: .relaxed) }
    }

    /// Whether a stop was asked since the last call.
    public static func takeStop() -> Bool { pendingStop.exchange(false, ordering: .relaxed) }
    /// Whether the job was continued since the last call.
    public static func takeContinue() -> Bool { pendingContinue.exchange(false, ordering: .relaxed) }
}

/// A resize of the window (SIGWINCH), kept for the key reader, which takes the new size.
let pendingResize = Atomic<Bool>(false)
/// A pipe's end the handler writes a byte to: a resize that comes just before the reader
/// waits for input still wakes it (the flag alone would wait for the read timeout).
let resizeWake = Atomic<Int32>(-1)

enum ResizeSignal {
    /// The pipe's end the key reader waits on beside the terminal, -1 when there is none.
    nonisolated(unsafe) private(set) static var readEnd: Int32 = -1

    static func install() {
        // Made now, not first by a handler (as `QuitSignals`' flag).
        _ = pendingResize.load(ordering: .relaxed)
        if readEnd < 0 {
            var ends: [Int32] = [-1, -1]
            if pipe(&ends) == 0 {
                for end in ends {
                    _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                    _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                }
                readEnd = ends[0]
                resizeWake.store(ends[1], ordering: .relaxed)
            }
        }
        signal(SIGWINCH) { _ in
            pendingResize.store(true, ordering: .relaxed)
            var byte: UInt8 = 1
            let end = resizeWake.load(ordering: .relaxed)
            if end >= 0 { _ = write(end, &byte, 1) }
        }
    }

    /// Empties the pipe (the flag says what it said).
    static func drain() {
        var bytes = (UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &bytes, { read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Whether the window was resized since the last call.
    static func take() -> Bool { pendingResize.exchange(false, ordering: .relaxed) }
    static var waiting: Bool { pendingResize.load(ordering: .relaxed) }
}

/// On a crash (a trap, an abort, a bad access) puts the terminal back as it was before
/// the program dies, using only async-signal-safe calls: the saved terminal modes and
/// the terminal's own reset strings, prepared while all was well.
enum CrashGuard {
    // Written once before the handlers are installed, read only by them.
    // On the heap and larger than Swift's `termios` (whose size lacks C's tail padding), so
    // `tcgetattr` never writes past it (AddressSanitizer caught that with a global).
    nonisolated(unsafe) static let saved: UnsafeMutablePointer<termios> = {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 16)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: 256)
        return raw.bindMemory(to: termios.self, capacity: 1)
    }()
    nonisolated(unsafe) static var reset: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) static var resetCount = 0
    static let signals = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    static func install() {
        // ncurses keeps the modes it found in its "shell mode"; reset_shell_mode restores them.
        def_prog_mode()
        reset_shell_mode()
        tcgetattr(0, saved)
        reset_prog_mode()
        var bytes = Terminal.pasteOff
        for cap in ["rmcup", "cnorm", "sgr0", "rmkx"] { bytes += Terminal.capability(cap) ?? [] }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        buffer.initialize(from: bytes, count: bytes.count)
        reset = buffer
        resetCount = bytes.count
        for sig in signals {
            signal(sig) { s in
                tcsetattr(0, TCSANOW, CrashGuard.saved)
                if let r = CrashGuard.reset { _ = write(1, r, CrashGuard.resetCount) }
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }

    static func uninstall() {
        for sig in signals { signal(sig, SIG_DFL) }
    }
}
