import CJMCore
@_exported import CJMStyle

/// One terminal cell. A wide glyph occupies its cell and a continuation cell (width 0).
/// The glyph's UTF-8 bytes are kept in two words, not a String: a cell is plain data, so a
/// frame's thousands of cells are copied, compared and thrown away without counting references.
public struct ScreenCell: Equatable, Sendable {
    /// Up to 16 bytes from the low byte up, zeros after (no glyph holds a NUL: controls are
    /// shown as placeholders). A longer glyph (a letter under many marks) keeps the marks that fit.
    var low: UInt64
    var high: UInt64
    public var width: UInt8
    public var role: Role

    public init(text: String, width: UInt8, role: Role) {
        (low, high) = ScreenCell.pack(text)
        self.width = width
        self.role = role
    }

    public static let blank = ScreenCell(text: " ", width: 1, role: .normal)

    /// A narrow glyph of one code point below U+10000, from its value.
    @inline(__always) init(narrow v: UInt32, role: Role) {
        let v = UInt64(v)
        if v < 0x80 {
            low = v
        } else if v < 0x800 {
            low = (0xC0 | v >> 6) | (0x80 | v & 0x3F) << 8
        } else {
            low = (0xE0 | v >> 12) | (0x80 | (v >> 6) & 0x3F) << 8 | (0x80 | v & 0x3F) << 16
        }
        high = 0
        width = 1
        self.role = role
    }

    public var text: String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            var n = 0
            forEachByte {
                buffer[n] = $0
                n += 1
            }
            return n
        }
    }

    /// The glyph's bytes, in order.
    @inline(__always) public func forEachByte(_ body: (UInt8) -> Void) {
        var word = low
        while word != 0 {
            body(UInt8(truncatingIfNeeded: word))
            word >>= 8
        }
        guard low >> 56 != 0 else { return }
        word = high
        while word != 0 {
            body(UInt8(truncatingIfNeeded: word))
            word >>= 8
        }
    }

    /// Whether the two cells hold the same glyph, whatever their width and role.
    public func sameGlyph(_ other: ScreenCell) -> Bool { low == other.low && high == other.high }

    /// How many bytes the glyph has.
    public var byteCount: Int {
        (71 - low.leadingZeroBitCount) / 8 + (71 - high.leadingZeroBitCount) / 8
    }

    /// Whole code points only: a cut one would be a broken byte on the terminal.
    static func pack(_ text: String) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        var n = 0
        var start = 0
        for b in text.utf8 {
            if b & 0xC0 != 0x80 { start = n }
            if n == 16 {
                // Drop the code point this byte belongs to, as far as it came.
                for k in start..<16 {
                    if k < 8 { words.0 &= ~(0xFF << UInt64(k * 8)) } else { words.1 &= ~(0xFF << UInt64((k - 8) * 8)) }
                }
                break
            }
            if n < 8 { words.0 |= UInt64(b) << UInt64(n * 8) } else { words.1 |= UInt64(b) << UInt64((n - 8) * 8) }
            n += 1
        }
        return words
    }
}

/// An in-memory screen: a grid of cells with text and role. Layout draws here; the terminal
/// front copies it out, and tests read it without a terminal.
public struct Screen: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [ScreenCell]
    /// Where the terminal's own cursor should stand (while editing text), if anywhere.
    public var cursor: (x: Int, y: Int)?
    /// Where the layout put the grid, tabs and lists, so a click can be read back.
    public var regions = Regions()
    /// The columns of each row written since the screen was made or `untouched` (empty: none):
    /// the terminal compares only those with what it showed last, and a patched frame touches
    /// a few spans.
    public private(set) var touched: [Range<Int>]
    /// The cells the cursor's marks changed, each as it was, by kind of mark: a move takes
    /// off the marks of what it left and puts them on where it went, and draws nothing else.
    /// Nothing that may be patched is drawn over a mark, so what a mark keeps is what lies
    /// under it.
    private var unmarked: [[(index: Int, cell: ScreenCell)]] = Array(repeating: [], count: Mark.allCases.count)

    /// What the cursor marks: its stage's name, its lane's title, its frame (on a rule). They
    /// lie apart, so each is taken off alone.
    public enum Mark: Int, CaseIterable, Sendable {
        case stage, title, frame
    }

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
        touched = Array(repeating: 0..<self.width, count: self.height)
    }

    /// Forgets what was touched, to patch the screen into the next frame.
    public mutating func untouch() {
        for y in 0..<height { touched[y] = 0..<0 }
    }

    private mutating func touch(_ y: Int, _ columns: Range<Int>) {
        let t = touched[y]
        touched[y] = t.isEmpty ? columns : min(t.lowerBound, columns.lowerBound)..<max(t.upperBound, columns.upperBound)
    }

    public static func == (a: Screen, b: Screen) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x
            && a.cursor?.y == b.cursor?.y
    }

    public subscript(x: Int, y: Int) -> ScreenCell {
        cells[y * width + x]
    }

    /// Fills a rectangle with spaces of a role.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, role: Role) {
        let x0 = max(0, x)
        let x1 = min(width, x + w)
        let y0 = max(0, y)
        let y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        let cell = ScreenCell(text: " ", width: 1, role: role)
        for yy in y0..<y1 {
            touch(yy, max(0, x0 - 1)..<min(width, x1 + 1))  // the edges a wide glyph may be repaired on
            for xx in x0..<x1 { cells[yy * width + xx] = cell }
        }
        repairEdges(y0: y0, y1: y1, x0: x0, x1: x1)
    }

    /// Sets the role of a rectangle, keeping its text.
    public mutating func paint(x: Int, y: Int, width w: Int, height h: Int, role: Role) {
        for yy in max(0, y)..<min(height, y + h) where max(0, x) < min(width, x + w) {
            touch(yy, max(0, x)..<min(width, x + w))
            for xx in max(0, x)..<min(width, x + w) { cells[yy * width + xx].role = role }
        }
    }

    /// Marks the cells of a rectangle whose role `change` gives another role.
    public mutating func mark(_ kind: Mark, x: Int, y: Int, width w: Int, height h: Int, _ change: (Role) -> Role?) {
        let (x0, x1) = (max(0, x), min(width, x + w))
        for yy in max(0, y)..<min(height, y + h) where x0 < x1 {
            touch(yy, x0..<x1)
            for i in yy * width + x0..<yy * width + x1 {
                guard let role = change(cells[i].role) else { continue }
                unmarked[kind.rawValue].append((i, cells[i]))
                cells[i].role = role
            }
        }
    }

    /// Marks a narrow glyph with another.
    public mutating func mark(_ kind: Mark, _ cell: ScreenCell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height, cell.width == 1, cells[y * width + x].width == 1 else { return }
        unmarked[kind.rawValue].append((y * width + x, cells[y * width + x]))
        cells[y * width + x] = cell
        touch(y, x..<x + 1)
    }

    /// Takes the marks of a kind off.
    public mutating func unmark(_ kind: Mark) {
        for (i, cell) in unmarked[kind.rawValue].reversed() {
            cells[i] = cell
            touch(i / width, i % width..<i % width + 1)
        }
        unmarked[kind.rawValue].removeAll(keepingCapacity: true)
    }

    /// Draws `text` on one line from (x, y), clipped to `limit` columns (and the screen).
    /// Returns the columns used. A wide glyph that would cross the limit is replaced by a
    /// space, so it never straddles a column border.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role, limit: Int = Int.max) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, limit == Int.max ? width : x + limit)
        let cx = putPlain(text, x: x, y: y, role: role, end: end) ?? putGlyphs(text, x: x, y: y, role: role, end: end)
        // Once for the whole run: its glyphs and the neighbours a wide glyph may be broken on.
        if cx > max(0, x) { touch(y, max(0, x - 1)..<min(width, cx + 1)) }
        return max(0, cx - x)
    }

    /// `put` for text of plain narrow letters, punctuation and signs (`Glyph.isNarrowText`),
    /// nearly all a map shows: each code point is a cell, made from its bytes without a String.
    /// The column after the run; nil, having maybe written some cells that `putGlyphs` then
    /// writes the same, at anything else.
    private mutating func putPlain(_ text: String, x: Int, y: Int, role: Role, end: Int) -> Int? {
        var cx = x
        for scalar in text.unicodeScalars {
            let v = scalar.value
            guard Glyph.isNarrowText(v) else { return nil }
            // Checked first: a mark after the last glyph that fits would have joined it.
            if cx >= end { break }
            if cx >= 0 { setCell(cx, y, ScreenCell(narrow: v, role: role)) }
            cx += 1
        }
        return cx
    }

    /// `put` glyph by glyph; the column after the run.
    private mutating func putGlyphs(_ text: String, x: Int, y: Int, role: Role, end: Int) -> Int {
        var cx = x
        Glyph.forEach(in: text) { g in
            guard cx < end else { return }
            if cx + g.width > end {
                while cx < end {
                    // Left of the screen is no cell (it would be the row above's end).
                    if cx >= 0 { setCell(cx, y, ScreenCell(text: " ", width: 1, role: role)) }
                    cx += 1
                }
                return
            }
            if cx >= 0 {
                setCell(cx, y, ScreenCell(text: g.text, width: UInt8(g.width), role: role))
                if g.width == 2 { setCell(cx + 1, y, ScreenCell(text: "", width: 0, role: role)) }
            }
            cx += g.width
        }
        return cx
    }

    /// Writes one narrow glyph (a rule's ─) over `count` columns from (x, y), without looking it
    /// up again for every column.
    public mutating func repeatNarrow(_ glyph: String, x: Int, y: Int, count: Int, role: Role) {
        guard y >= 0, y < height, count > 0, x < width, x + count > max(0, x) else { return }
        let cell = ScreenCell(text: glyph, width: 1, role: role)
        for cx in max(0, x)..<min(width, x + count) { setCell(cx, y, cell) }
        touch(y, max(0, x - 1)..<min(width, x + count + 1))
    }

    /// Writes one cell, first breaking any wide glyph it would cut in half. The caller marks
    /// the run it wrote touched, with a column either side (where a wide glyph may be broken).
    private mutating func setCell(_ x: Int, _ y: Int, _ cell: ScreenCell) {
        let i = y * width + x
        // (A continuation written just after its own head leaves that head alone.)
        if cells[i].width == 0, cell.width != 0, x > 0, cells[i - 1].width == 2 {
            cells[i - 1] = ScreenCell(text: " ", width: 1, role: cells[i - 1].role)
        }
        if cells[i].width == 2, cell.width != 2, x + 1 < width {
            cells[i + 1] = ScreenCell(text: " ", width: 1, role: cells[i + 1].role)
        }
        cells[i] = cell
    }

    private mutating func repairEdges(y0: Int, y1: Int, x0: Int, x1: Int) {
        for yy in y0..<y1 {
            if x0 > 0, cells[yy * width + x0 - 1].width == 2 {
                cells[yy * width + x0 - 1] = ScreenCell(text: " ", width: 1, role: cells[yy * width + x0 - 1].role)
            }
            if x1 < width, cells[yy * width + x1].width == 0 {
                cells[yy * width + x1] = ScreenCell(text: " ", width: 1, role: cells[yy * width + x1].role)
            }
        }
    }

    /// The text of one row, wide glyphs once each.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width {
            let c = cells[y * width + x]
            if c.width > 0 { s += c.text }
        }
        return s
    }

    /// All rows, trailing spaces trimmed: what a person sees, for tests and `cjm show`.
    public var text: String {
        (0..<height).map { y in
            var l = line(y)
            while l.hasSuffix(" ") { l.removeLast() }
            return l
        }.joined(separator: "\n")
    }
}
