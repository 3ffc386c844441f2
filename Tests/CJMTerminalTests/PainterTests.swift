import CJMCore
import Testing

@testable import CJMTerminal
@testable import CJMView

/// A small terminal, enough to play the painter's bytes back: addressing, column, forward,
/// clear, SGR attributes and 256 colours, UTF-8, wide glyphs, and automatic margins with or
/// without the newline glitch. Anything else it is sent fails the test.
struct TinyTerminal {
    struct Cell: Equatable {
        var text = " "
        var pen: Pen? = Pen()  // nil: a wide glyph's half that was broken, never repainted
    }

    let width: Int
    let height: Int
    let glitch: Bool
    var cells: [Cell]
    var x = 0
    var y = 0
    var waiting = false  // at the right margin, waiting to wrap
    var last: Int?  // the cell written last, which a combining mark joins
    var pen = Pen()
    var problems: [String] = []

    init(width: Int, height: Int, glitch: Bool = true) {
        self.width = width
        self.height = height
        self.glitch = glitch
        cells = Array(repeating: Cell(), count: width * height)
    }

    mutating func play(_ bytes: [UInt8]) {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B {
                i += 1
                guard i < bytes.count else { return problems.append("a lone ESC at the end") }
                if bytes[i] == 0x28 {  // ESC ( B: the character set, part of xterm's sgr0
                    i += 2
                    continue
                }
                guard bytes[i] == 0x5B else { return problems.append("ESC \(bytes[i])") }
                i += 1
                var parameters = ""
                while i < bytes.count, (0x30...0x3F).contains(bytes[i]) {
                    parameters.append(Character(Unicode.Scalar(bytes[i])))
                    i += 1
                }
                guard i < bytes.count else { return problems.append("a cut sequence") }
                control(parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }, bytes[i])
                i += 1
                continue
            }
            if b < 0x20 || b == 0x7F { return problems.append("control byte \(b)") }
            var length = 1
            if b >= 0xF0 { length = 4 } else if b >= 0xE0 { length = 3 } else if b >= 0xC0 { length = 2 }
            let scalar = String(decoding: bytes[i..<min(bytes.count, i + length)], as: UTF8.self).unicodeScalars.first!
            if (0x80...0x9F).contains(scalar.value) { problems.append("C1 control \(scalar.value)") }
            print(scalar)
            i += length
        }
    }

    mutating func control(_ p: [Int], _ final: UInt8) {
        switch final {
        case 0x48:  // H
            y = max(0, (p.first ?? 1) - 1)
            x = max(0, (p.count > 1 ? p[1] : 1) - 1)
            waiting = false
        case 0x47:  // G
            x = max(0, (p.first ?? 1) - 1)
            waiting = false
        case 0x43:  // C
            x = min(width - 1, x + max(1, p.first ?? 1))
            waiting = false
        case 0x4A:  // J
            for i in cells.indices { cells[i] = Cell(text: " ", pen: pen) }
        case 0x6D:  // m
            var k = 0
            while k < p.count {
                switch p[k] {
                case 0: pen = Pen()
                case 1: pen.attributes |= Pen.bold
                case 2: pen.attributes |= Pen.dim
                case 4: pen.attributes |= Pen.underline
                case 7: pen.attributes |= Pen.reverse
                case 39: pen.foreground = -1
                case 49: pen.background = -1
                case 38, 48:
                    if p.count > k + 2 {
                        if p[k] == 38 { pen.foreground = p[k + 2] } else { pen.background = p[k + 2] }
                    }
                    k += 2
                default: problems.append("SGR \(p[k])")
                }
                k += 1
            }
        default: problems.append("final \(final)")
        }
    }

    mutating func scroll() {
        cells.removeFirst(width)
        cells += Array(repeating: Cell(), count: width)
    }

    mutating func print(_ scalar: Unicode.Scalar) {
        let w = DisplayWidth.of(scalar)
        if w == 0 {  // a mark joins the glyph written last
            if let last { cells[last].text.unicodeScalars.append(scalar) }
            return
        }
        if waiting {
            waiting = false
            x = 0
            if y == height - 1 { scroll() } else { y += 1 }
        }
        let i = y * width + x
        // Writing over half of a wide glyph breaks the other half.
        if cells[i].text.isEmpty, x > 0 { cells[i - 1] = Cell(text: " ", pen: nil) }
        if w == 1, x + 1 < width, cells[i + 1].text.isEmpty { cells[i + 1] = Cell(text: " ", pen: nil) }
        if w == 2, x + 2 < width, cells[i + 2].text.isEmpty { cells[i + 2] = Cell(text: " ", pen: nil) }
        cells[i] = Cell(text: String(scalar), pen: pen)
        last = i
        if w == 2 { cells[i + 1] = Cell(text: "", pen: pen) }
        x += w
        if x >= width {
            if glitch {
                x = width - 1
                waiting = true
            } else {
                x = 0
                if y == height - 1 { scroll() } else { y += 1 }
            }
        }
    }
}

@Suite struct PainterTests {
    /// An xterm-like terminal, or (`ansi` false) one whose only move is an address, which
    /// cannot clear, and whose strings carry terminfo delays (`$<5>`) as vt100's do.
    static func strings(ansi: Bool = true, lastCellScrolls: Bool = false, defaultColours: Bool = true) -> TerminalStrings {
        let b = { (s: String) in Array(s.utf8) }
        return TerminalStrings(
            clear: ansi ? b("\u{1B}[H\u{1B}[2J") : [], resetAttributes: b(ansi ? "\u{1B}(B\u{1B}[m" : "\u{1B}[m$<2>"),
            attributes: ["\u{1B}[1m", "\u{1B}[7m", "\u{1B}[4m", ansi ? "\u{1B}[2m" : "\u{1B}[2m$<2/>"].map(b),
            defaultColours: defaultColours ? b("\u{1B}[39;49m") : [],
            address: b(ansi ? "\u{1B}[%i%p1%d;%p2%dH" : "ADDRESS$<5>"), column: ansi ? b("\u{1B}[%i%p1%dG") : nil,
            forward: ansi ? b("\u{1B}[%p1%dC") : nil, foreground: b("FG"), background: b("BG"),
            lastCellScrolls: lastCellScrolls,
            expand: { s, p in
                switch String(decoding: s, as: UTF8.self) {
                case "FG": b("\u{1B}[38;5;\(p[0])m")
                case "BG": b("\u{1B}[48;5;\(p[0])m")
                case "ADDRESS": b("\u{1B}[\(p[0] + 1);\(p[1] + 1)H")
                default: []
                }
            })
    }

    static func pens(_ rng: inout SplitMix64) -> [Pen] {
        Role.allCases.map { _ in
            Pen(
                attributes: UInt8.random(in: 0...15, using: &rng), foreground: Int.random(in: -1...15, using: &rng),
                background: Int.random(in: -1...15, using: &rng))
        }
    }

    static let words = [
        "cjm", "Поиск", "界面", "━━━━", "é", " ", "a界b", "Покупка · 3", "x", "│", "e\u{301}", "🙂", "\u{241B}",
        "ы\u{301}\u{302}\u{303}\u{304}", "\u{20D0}",
    ]

    static func change(_ s: inout Screen, _ rng: inout SplitMix64) {
        let role = Role.allCases.randomElement(using: &rng)!
        let x = Int.random(in: -2..<s.width + 2, using: &rng)
        let y = Int.random(in: 0..<s.height, using: &rng)
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: s.fill(x: x, y: y, width: Int.random(in: 1...8, using: &rng), height: 2, role: role)
        case 1: s.paint(x: x, y: y, width: Int.random(in: 1...8, using: &rng), height: 2, role: role)
        case 2: s.repeatNarrow("─", x: x, y: y, count: Int.random(in: 1...12, using: &rng), role: role)
        default:
            s.put(Self.words.randomElement(using: &rng)!, x: x, y: y, role: role, limit: Int.random(in: 1...12, using: &rng))
        }
    }

    /// The terminal after the painter's bytes shows every cell of every frame, in its role's
    /// pen, with the cursor where the frame put it.
    /// `corner`: the bottom-right glyph is never written (the terminal would scroll).
    static func check(_ t: TinyTerminal, _ s: Screen, _ pens: [Pen], _ frame: Int, corner: Bool) {
        #expect(t.problems.isEmpty, "frame \(frame): \(t.problems)")
        for y in 0..<s.height {
            for x in 0..<s.width {
                if corner, y == s.height - 1, x == s.width - 1 || (x == s.width - 2 && s[x, y].width == 2) { continue }
                let want = s[x, y]
                let got = t.cells[y * s.width + x]
                if want.width == 0 {
                    if !got.text.isEmpty {
                        Issue.record(
                            "frame \(frame): (\(x), \(y)) is not a wide glyph's second half: \((0..<s.width).map { "\(s[$0, y].text)\(s[$0, y].width)" }) / \(t.cells[(y * s.width)..<(y * s.width + s.width)].map(\.text).joined())"
                        )
                        return
                    }
                    continue
                }
                if got.text != want.text || got.pen != pens[Int(want.role.rawValue)] {
                    Issue.record("frame \(frame): (\(x), \(y)) shows \(got), not \(want)")
                    return
                }
            }
        }
        if let c = s.cursor { #expect(t.x == c.x && t.y == c.y, "frame \(frame): the cursor") }
    }

    /// Random frames on random screens, played back: every frame is on the terminal, with its
    /// cursor. Now and then the window is resized, the theme changes (other pens) or the
    /// terminal is given back and taken again (its pen forgotten).
    @Test(arguments: [(true, false, true), (false, false, true), (true, true, true), (true, false, false)])
    func theTerminalShowsEveryFrame(ansi: Bool, lastCellScrolls: Bool, defaultColours: Bool) {
        var rng = SplitMix64(seed: 13)
        for _ in 0..<60 {
            var pens = Self.pens(&rng)
            let strings = Self.strings(ansi: ansi, lastCellScrolls: lastCellScrolls, defaultColours: defaultColours)
            var painter = Painter(strings: strings, pens: pens)
            var (width, height) = (Int.random(in: 3...30, using: &rng), Int.random(in: 1...8, using: &rng))
            var t = TinyTerminal(width: width, height: height, glitch: !lastCellScrolls)
            var s = Screen(width: width, height: height)
            for frame in 0..<60 {
                if Int.random(in: 0..<25, using: &rng) == 0 {
                    // A resize: a new size is painted whole.
                    (width, height) = (Int.random(in: 3...30, using: &rng), Int.random(in: 1...8, using: &rng))
                    t = TinyTerminal(width: width, height: height, glitch: !lastCellScrolls)
                    s = Screen(width: width, height: height)
                } else {
                    s.untouch()
                }
                switch Int.random(in: 0..<30, using: &rng) {
                case 0:
                    pens = Self.pens(&rng)
                    painter.setPens(pens)
                case 1:
                    // Suspended: the terminal is left plain, then painted whole on return.
                    t.play(painter.plain())
                    #expect(t.pen == Pen(), "a suspended terminal is left plain")
                    painter.forget()
                default: break
                }
                for _ in 0..<Int.random(in: 0...6, using: &rng) { Self.change(&s, &rng) }
                s.cursor =
                    Bool.random(using: &rng)
                    ? (Int.random(in: 0..<width, using: &rng), Int.random(in: 0..<height, using: &rng)) : nil
                painter.frame(s)
                t.play(painter.bytes.array)
                Self.check(t, s, pens, frame, corner: lastCellScrolls)
            }
        }
    }

    @Test func aMoveWritesOnlyWhatChanged() {
        var rng = SplitMix64(seed: 1)
        var painter = Painter(strings: Self.strings(), pens: Self.pens(&rng))
        var s = Screen(width: 40, height: 10)
        s.put("Покупка", x: 5, y: 3, role: .normal)
        painter.frame(s)
        s.untouch()
        painter.frame(s)
        #expect(painter.bytes.isEmpty, "an unchanged frame writes nothing")
        s.put("б", x: 7, y: 3, role: .normal)
        painter.frame(s)
        // To (3, 7) and the letter: the pen is the one already in use.
        #expect(String(decoding: painter.bytes.array, as: UTF8.self) == "\u{1B}[4;8Hб")
        s.untouch()
        s.put("xy", x: 9, y: 3, role: .normal)
        painter.frame(s)
        // One cell on from where the last glyph left the cursor: written again rather than jumped.
        #expect(String(decoding: painter.bytes.array, as: UTF8.self) == "уxy")
    }

    /// On a terminal of eight or sixteen colours a theme's palette colour is the nearest of its
    /// own: the light theme's white paper stays white and its black text black.
    @Test func aPaletteColourIsTheNearestTheTerminalHas() {
        let cases: [(Int, Int, Int)] = [
            (231, 8, 7), (16, 8, 0), (252, 8, 7), (220, 8, 3), (8, 8, 7), (9, 8, 1), (236, 8, 0), (231, 16, 15),
            (153, 16, 7), (24, 16, 6), (245, 8, 7), (240, 16, 8),
        ]
        for (colour, count, want) in cases {
            #expect(Colours.nearest(colour, among: count) == want, "\(colour) among \(count)")
        }
    }

    @Test func terminfoDelaysAreNotWritten() {
        let strip = { (s: String) in String(decoding: TerminalStrings.withoutPadding(Array(s.utf8)), as: UTF8.self) }
        #expect(strip("\u{1B}[H\u{1B}[J$<50>") == "\u{1B}[H\u{1B}[J")
        #expect(strip("\u{1B}[%i%p1%d;%p2%dH$<5>") == "\u{1B}[%i%p1%d;%p2%dH")
        #expect(strip("$<2.5*/>x$<1>") == "x")
        // Not a delay: kept as it is.
        #expect(strip("$<>$<a>$5>$") == "$<>$<a>$5>$")
        // A vt100's address, once its delay is gone, is written without terminfo's interpreter.
        var strings = Self.strings()
        strings.address = Array("\u{1B}[%i%p1%d;%p2%dH$<5>".utf8)
        let painter = Painter(
            strings: TerminalStrings(
                clear: strings.clear, resetAttributes: strings.resetAttributes, attributes: strings.attributes,
                defaultColours: strings.defaultColours, address: strings.address, column: nil, forward: nil,
                foreground: nil, background: nil, lastCellScrolls: false, expand: { _, _ in [] }), pens: [Pen()])
        #expect(painter.ansiAddress)
    }

    @Test func noControlCharacterReachesTheTerminal() {
        var painter = Painter(strings: Self.strings(), pens: [Pen()])
        for text in ["\u{1B}[2J", "a\u{07}b", "\u{85}", "\u{9B}31m", "\u{7F}", ""] {
            painter.bytes.removeAll()
            painter.glyph(ScreenCell(text: text, width: 1, role: .normal))
            let bytes = painter.bytes.array
            #expect(!bytes.contains { $0 < 0x20 || $0 == 0x7F }, "\(text.debugDescription)")
            let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
            #expect(!scalars.contains { (0x80...0x9F).contains($0.value) }, "\(text.debugDescription)")
            #expect(!bytes.isEmpty, "a cell always moves the cursor on")
        }
    }
}
