import CJMView

/// How a role looks on the terminal: attributes and colours (-1 is the terminal's default).
public struct Pen: Equatable, Sendable {
    public static let bold: UInt8 = 1
    public static let reverse: UInt8 = 2
    public static let underline: UInt8 = 4
    public static let dim: UInt8 = 8

    public var attributes: UInt8
    public var foreground: Int
    public var background: Int

    public init(attributes: UInt8 = 0, foreground: Int = -1, background: Int = -1) {
        self.attributes = attributes
        self.foreground = foreground
        self.background = background
    }

    static let plain = Pen()
}

/// The terminal's control strings, from terminfo (or given, in tests), as bytes: an entry
/// may hold bytes that are not UTF-8 (an 8-bit CSI).
public struct TerminalStrings {
    public var clear: [UInt8]
    public var resetAttributes: [UInt8]
    /// Each attribute's string by its bit's position in `Pen`; empty when the terminal has none.
    public var attributes: [[UInt8]]
    /// Back to the default colours (`op`); empty when the terminal has none.
    public var defaultColours: [UInt8]
    /// Parameterised strings in terminfo's language; nil when the terminal has none.
    public var address: [UInt8]
    public var column: [UInt8]?
    public var forward: [UInt8]?
    public var foreground: [UInt8]?
    public var background: [UInt8]?
    /// Writing the bottom-right cell scrolls the screen (automatic margins without the
    /// "newline glitch"): that cell is then left alone.
    public var lastCellScrolls: Bool
    /// Fills in a parameterised string (terminfo's `tiparm`).
    public var expand: ([UInt8], [Int]) -> [UInt8]

    public init(
        clear: [UInt8], resetAttributes: [UInt8], attributes: [[UInt8]], defaultColours: [UInt8], address: [UInt8],
        column: [UInt8]?, forward: [UInt8]?, foreground: [UInt8]?, background: [UInt8]?, lastCellScrolls: Bool,
        expand: @escaping ([UInt8], [Int]) -> [UInt8]
    ) {
        let strip = TerminalStrings.withoutPadding
        self.clear = strip(clear)
        self.resetAttributes = strip(resetAttributes)
        self.attributes = attributes.map(strip)
        self.defaultColours = strip(defaultColours)
        self.address = strip(address)
        self.column = column.map(strip)
        self.forward = forward.map(strip)
        self.foreground = foreground.map(strip)
        self.background = background.map(strip)
        self.lastCellScrolls = lastCellScrolls
        self.expand = expand
    }

    /// The string without terminfo's delays (`$<5>`, `$<2.5*/>`): ncurses turns them into
    /// waits when it writes a string itself; written as they are, they would show as text.
    public static func withoutPadding(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "$"), i + 1 < s.count, s[i + 1] == UInt8(ascii: "<") {
                var j = i + 2
                while j < s.count, (0x30...0x39).contains(s[j]) || s[j] == UInt8(ascii: ".") { j += 1 }
                while j < s.count, s[j] == UInt8(ascii: "*") || s[j] == UInt8(ascii: "/") { j += 1 }
                if j > i + 2, j < s.count, s[j] == UInt8(ascii: ">") {
                    i = j + 1
                    continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return out
    }
}

/// Turns frames into the bytes that bring the terminal from the last frame to the next: the
/// one diff between cjm's screens and the terminal (ncurses only reads keys). Cells that
/// did not change are not written; the cursor goes by the shortest of an address, a column,
/// a step forward or rewriting the few cells between; attributes change by what differs.
/// One owner: its byte buffer is a class, shared by a copy.
public struct Painter {
    let strings: TerminalStrings
    /// Each role's pen, by the role's raw value.
    var pens: [Pen]
    /// The bytes from one pen to another, made on first use: `(from + 2) * count + to`, where
    /// from -2 is an unknown pen and -1 the terminal's plain one.
    var transitions: [[UInt8]?]
    var pen = -2
    /// Where the terminal's cursor is, when known.
    var at: (x: Int, y: Int)?
    var size: (width: Int, height: Int)?
    /// What the terminal shows.
    public private(set) var shown: [ScreenCell] = []
    /// The last frame's bytes.
    public let bytes = ByteBuffer()
    // The three forms every terminal cjm has met uses, written without terminfo's interpreter.
    let ansiAddress: Bool
    let ansiColumn: Bool
    let ansiForward: Bool

    public init(strings: TerminalStrings, pens: [Pen]) {
        self.strings = strings
        self.pens = []
        transitions = []
        ansiAddress = strings.address == Array("\u{1B}[%i%p1%d;%p2%dH".utf8)
        ansiColumn = strings.column == Array("\u{1B}[%i%p1%dG".utf8)
        ansiForward = strings.forward == Array("\u{1B}[%p1%dC".utf8)
        setPens(pens)
    }

    /// Uses other pens (another theme) and paints the next frame whole.
    public mutating func setPens(_ pens: [Pen]) {
        self.pens = pens
        transitions = Array(repeating: nil, count: (pens.count + 2) * pens.count)
        forget()
    }

    /// Forgets what the terminal shows, so the next frame is painted whole.
    public mutating func forget() {
        size = nil
        pen = -2
        at = nil
    }

    /// The bytes that leave the terminal in the plain pen (before giving it back).
    public mutating func plain() -> [UInt8] {
        pen = -1
        // Colours too, where the reset of attributes may leave them.
        return strings.resetAttributes + strings.defaultColours
    }

    /// Makes the bytes of the next frame in `bytes`.
    public mutating func frame(_ screen: Screen) {
        bytes.removeAll()
        let full = size == nil || size!.width != screen.width || size!.height != screen.height
        if full {
            bytes += strings.resetAttributes
            bytes += strings.clear
            pen = -1
            // Clearing homes the cursor; without a way to clear, where it is is not known.
            at = strings.clear.isEmpty ? nil : (0, 0)
            shown = screen.cells
            size = (screen.width, screen.height)
        }
        // Worked on through buffers: a cell is read in place, not copied with its text.
        var shown = self.shown
        self.shown = []
        defer { self.shown = shown }
        let width = screen.width
        let last = strings.lastCellScrolls ? screen.height - 1 : -1
        screen.cells.withUnsafeBufferPointer { cells in
            shown.withUnsafeMutableBufferPointer { shown in
                for y in 0..<screen.height {
                    for x in full ? 0..<width : screen.touched[y] {
                        let i = y * width + x
                        let w = Int(cells[i].width)
                        if w == 0 { continue }
                        if !full {
                            // A wide glyph's second half may have changed alone; its head is then rewritten.
                            let tail = x + 1 < width && cells[i + 1].width == 0 && shown[i + 1] != cells[i + 1]
                            if !tail, shown[i] == cells[i] { continue }
                            shown[i] = cells[i]
                            if x + 1 < width, cells[i + 1].width == 0 { shown[i + 1] = cells[i + 1] }
                        }
                        if y == last, x + w >= width { continue }
                        move(x, y, UnsafeBufferPointer(shown))
                        use(Int(cells[i].role.rawValue))
                        glyph(cells[i])
                        // At the right margin the cursor waits to wrap: where it is, is not known.
                        at = x + w < width ? (x + w, y) : nil
                    }
                }
                if let c = screen.cursor { move(c.x, c.y, UnsafeBufferPointer(shown)) }
            }
        }
    }

    /// Moves the cursor by the shortest way the terminal has.
    mutating func move(_ x: Int, _ y: Int, _ shown: UnsafeBufferPointer<ScreenCell>) {
        if let a = at, a.y == y {
            if a.x == x { return }
            var cost = addressLength(x, y)
            var way = 0
            if let c = columnLength(x), c < cost {
                cost = c
                way = 1
            }
            if x > a.x, let f = forwardLength(x - a.x), f < cost {
                cost = f
                way = 2
            }
            // The cells between, written again as they are, when they are few, narrow and
            // in the pen already in use.
            if x > a.x, x - a.x < cost, let row = size?.width {
                var fits = true
                var length = 0
                for gx in a.x..<x {
                    let c = shown[y * row + gx]
                    length += c.byteCount
                    if c.width != 1 || Int(c.role.rawValue) != pen || length >= cost {
                        fits = false
                        break
                    }
                }
                if fits {
                    for gx in a.x..<x { glyph(shown[y * row + gx]) }
                    at = (x, y)
                    return
                }
            }
            switch way {
            case 1: column(x)
            case 2: forward(x - a.x)
            default: address(x, y)
            }
        } else {
            address(x, y)
        }
        at = (x, y)
    }

    static func digits(_ n: Int) -> Int { n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5 }

    mutating func number(_ n: Int) {
        if n >= 10 { number(n / 10) }
        bytes.append(UInt8(48 + n % 10))
    }

    func addressLength(_ x: Int, _ y: Int) -> Int {
        ansiAddress ? 4 + Painter.digits(y + 1) + Painter.digits(x + 1) : strings.expand(strings.address, [y, x]).count
    }

    func columnLength(_ x: Int) -> Int? {
        guard let c = strings.column else { return nil }
        return ansiColumn ? 3 + Painter.digits(x + 1) : strings.expand(c, [x]).count
    }

    func forwardLength(_ n: Int) -> Int? {
        guard let f = strings.forward else { return nil }
        return ansiForward ? 3 + Painter.digits(n) : strings.expand(f, [n]).count
    }

    /// `ESC [ a ; b final`, the ANSI form of the three moves.
    mutating func csi(_ a: Int, _ b: Int?, _ final: UInt8) {
        bytes.append(0x1B)
        bytes.append(0x5B)
        number(a)
        if let b {
            bytes.append(0x3B)
            number(b)
        }
        bytes.append(final)
    }

    mutating func address(_ x: Int, _ y: Int) {
        if ansiAddress { csi(y + 1, x + 1, 0x48) } else { bytes += strings.expand(strings.address, [y, x]) }
    }

    mutating func column(_ x: Int) {
        if ansiColumn { csi(x + 1, nil, 0x47) } else { bytes += strings.expand(strings.column!, [x]) }
    }

    mutating func forward(_ n: Int) {
        if ansiForward { csi(n, nil, 0x43) } else { bytes += strings.expand(strings.forward!, [n]) }
    }

    /// Writes a cell's text: at most five code points (a letter and its marks), and never a
    /// control character, whatever a map holds.
    mutating func glyph(_ cell: ScreenCell) {
        var scalars = 0
        var previous: UInt8 = 0
        let start = bytes.count
        cell.forEachByte { b in
            if b & 0xC0 != 0x80 { scalars += 1 }
            guard scalars <= 5 else { return }
            if b < 0x20 || b == 0x7F {
                bytes.append(0x3F)
            } else if previous == 0xC2, b < 0xA0 {
                // A C1 control (U+0080–U+009F): its lead byte is already out; finish it as "?".
                bytes.removeLast()
                bytes.append(0x3F)
            } else {
                bytes.append(b)
            }
            previous = b
        }
        if bytes.count == start { bytes.append(0x20) }
    }

    /// Switches to a role's pen by what differs from the one in use.
    mutating func use(_ role: Int) {
        if role == pen { return }
        let key = (pen + 2) * pens.count + role
        if transitions[key] == nil { transitions[key] = transition(from: pen, to: role) }
        bytes += transitions[key]!
        pen = role
    }

    func transition(from: Int, to: Int) -> [UInt8] {
        let target = pens[to]
        var s: [UInt8] = []
        var was = from == -1 ? Pen.plain : from >= 0 ? pens[from] : nil
        let toDefault =
            was.map { ($0.foreground >= 0 && target.foreground < 0) || ($0.background >= 0 && target.background < 0) }
            ?? false
        if was == nil || was!.attributes & ~target.attributes != 0 || (toDefault && strings.defaultColours.isEmpty) {
            s += strings.resetAttributes
            was = .plain
        } else if toDefault {
            s += strings.defaultColours
            was!.foreground = -1
            was!.background = -1
        }
        let start = was!
        for bit in 0..<strings.attributes.count where target.attributes & ~start.attributes & (1 << bit) != 0 {
            s += strings.attributes[bit]
        }
        if target.foreground >= 0, target.foreground != start.foreground, let f = strings.foreground {
            s += strings.expand(f, [target.foreground])
        }
        if target.background >= 0, target.background != start.background, let b = strings.background {
            s += strings.expand(b, [target.background])
        }
        return s
    }
}

/// A growing run of bytes written through a pointer: a frame is thousands of small appends,
/// which cost an Array a capacity and uniqueness check and a generic copy each.
public final class ByteBuffer {
    // Only the painter that owns it writes it, one frame at a time: no access overlaps, and
    // the runtime's check cost more than the append.
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) public private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int = 1 << 14) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    public var isEmpty: Bool { count == 0 }
    /// A copy, for tests.
    public var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    private func grow(_ more: Int) {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, count + more))
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = max(capacity * 2, count + more)
    }

    @inline(__always) func append(_ b: UInt8) {
        if count == capacity { grow(1) }
        base[count] = b
        count += 1
    }

    func append(_ p: UnsafeBufferPointer<UInt8>) {
        if count + p.count > capacity { grow(p.count) }
        if let a = p.baseAddress { (base + count).update(from: a, count: p.count) }
        count += p.count
    }

    static func += (buffer: ByteBuffer, bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer.append($0) }
    }

    func removeLast() { count -= 1 }
    func removeAll() { count = 0 }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: count))
    }
}
