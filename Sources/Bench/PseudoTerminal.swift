import CNcursesw  // its header turns on the feature macros that declare posix_openpt and friends
import Glibc

/// A pseudo-terminal pair of a given size, for driving ncurses without a real terminal
/// (the benchmark counts the bytes ncurses writes to it).
struct PseudoTerminal {
    let master: Int32
    let slavePath: String

    init?(width: Int, height: Int) {
        let fd = posix_openpt(O_RDWR | O_NOCTTY)
        guard fd >= 0, grantpt(fd) == 0, unlockpt(fd) == 0, let name = ptsname(fd) else { return nil }
        master = fd
        slavePath = String(cString: name)
        var ws = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(fd, UInt(TIOCSWINSZ), &ws)
    }
}
