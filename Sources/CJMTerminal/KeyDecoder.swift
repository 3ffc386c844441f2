import CJMView

/// The bytes a terminal sends, made into keys. cjm reads its input itself, all that is there
/// in one read: ncurses read one byte per system call and walked its key tree for each, which
/// made a cursor move answer about 15 µs later (`cjm-bench versus`, 600 moves).
///
/// It knows the sequences terminals send (xterm, tmux and screen, the Linux console, rxvt):
/// the cursor keys in both cursor modes, with or without modifiers; Home, End, Delete, Page
/// Up and Down, Shift-Tab and keypad Enter; a bracketed paste; mouse reports in the X10 and
/// SGR encodings. Any other sequence is read whole and does nothing, so that none of its
/// letters runs a command.
struct KeyDecoder {
    /// A mouse report as the terminal sent it: `button` without its modifier bits (0 left,
    /// 3 a release in X10, 64 and 65 the wheel, 32 and up a motion), at 0-based cells.
    struct MouseReport: Equatable {
        var button: Int
        var x: Int
        var y: Int
        var released: Bool

        /// From the button code a terminal sends: its Shift, Meta and Ctrl bits dropped.
        init(code: Int, x: Int, y: Int, released: Bool) {
            self.init(button: code & ~0b11100, x: x, y: y, released: released)
        }

        init(button: Int, x: Int, y: Int, released: Bool) {
            (self.button, self.x, self.y, self.released) = (button, x, y, released)
        }
    }

    enum Event: Equatable {
        case key(Key)
        case mouse(MouseReport)
    }

    private var bytes: [UInt8] = []
    private var at = 0
    /// How far a paste's text has been searched for its end, so that a long one arriving in
    /// many reads is searched once.
    private var pasteSearched = 0

    /// Whether every byte read has been decoded.
    var isEmpty: Bool { at == bytes.count }

    /// Whether the bytes waiting begin a bracketed paste (its rest may take a while).
    var inPaste: Bool { pasteSearched > 0 }

    mutating func add(_ chunk: UnsafeRawBufferPointer) {
        if at == bytes.count {
            bytes.removeAll(keepingCapacity: true)
            at = 0
        } else if at > 4096 {
            bytes.removeFirst(at)
            pasteSearched -= pasteSearched > 0 ? at : 0
            at = 0
        }
        bytes.append(contentsOf: chunk)
    }

    mutating func add(_ chunk: [UInt8]) { chunk.withUnsafeBytes { add($0) } }

    /// The next event, or nil when there is none: no bytes, or bytes that end in the middle
    /// of a sequence or a character (more are on their way). With `final` (nothing more came
    /// in time) such bytes count as they stand: a lone ESC is Escape.
    mutating func next(final: Bool) -> Event? {
        while at < bytes.count {
            let b = bytes[at]
            switch b {
            case 0x1B:
                switch escape(final: final) {
                case .event(let e): return e
                case .ignored: continue
                case .incomplete: return nil
                }
            case 13: return consume(1, .enter)
            case 10: return consume(1, .ctrl("j"))
            case 9: return consume(1, .tab)
            case 8, 127: return consume(1, .backspace)
            case 1...26: return consume(1, .ctrl(Character(Unicode.Scalar(b + 96))))
            case 0, 28...31:
                at += 1  // Ctrl-Space, Ctrl-\ and the like: no key of cjm's
            case 32...126: return consume(1, .char(Character(Unicode.Scalar(b))))
            default:
                switch utf8() {
                case .event(let e): return e
                case .ignored: continue
                case .incomplete:
                    guard final else { return nil }
                    at = bytes.count  // a character cut short: nothing to make of it
                }
            }
        }
        return nil
    }

    private enum Step {
        case event(Event)
        case ignored
        case incomplete
    }

    private mutating func consume(_ n: Int, _ key: Key) -> Event {
        at += n
        return .key(key)
    }

    private func byte(_ i: Int) -> UInt8? { at + i < bytes.count ? bytes[at + i] : nil }

    /// One character of UTF-8 from a lead byte; a byte that starts none is skipped.
    private mutating func utf8() -> Step {
        let lead = bytes[at]
        let length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0
        guard length > 0, lead < 0xF5 else {
            at += 1
            return .ignored
        }
        guard at + length <= bytes.count else {
            // Incomplete only while what came so far is right.
            for i in 1..<(bytes.count - at) where bytes[at + i] & 0xC0 != 0x80 {
                at += 1
                return .ignored
            }
            return .incomplete
        }
        var decoder = UTF8()
        var it = bytes[at..<(at + length)].makeIterator()
        guard case .scalarValue(let s) = decoder.decode(&it) else {
            at += 1
            return .ignored
        }
        at += length
        return .event(.key(.char(Character(s))))
    }

    /// After ESC: Alt-Enter, a sequence, or Escape on its own (the byte after it, typed fast,
    /// pasted or scripted, is read as the next key).
    private mutating func escape(final: Bool) -> Step {
        guard let c = byte(1) else {
            if !final { return .incomplete }
            at += 1
            return .event(.key(.escape))
        }
        let step: Step
        switch c {
        case 13, 10:
            at += 2
            return .event(.key(.altEnter))
        case 9:
            // The Linux console's Shift-Tab (terminfo's kcbt there).
            at += 2
            return .event(.key(.backTab))
        case UInt8(ascii: "["): step = controlSequence()
        case UInt8(ascii: "O"): step = keypadSequence()
        // A string a terminal sends (a reply to another program's query, say): OSC, DCS, APC,
        // PM, SOS, up to BEL or ESC \.
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"), UInt8(ascii: "X"):
            step = controlString()
        default: step = .event(.key(.escape))
        }
        switch step {
        case .incomplete where !final: return .incomplete
        case .incomplete where bytes.count - at <= 2:
            // ESC [ or ESC O and nothing more: as likely Escape and a key typed at once.
            at += 1
            return .event(.key(.escape))
        case .incomplete:
            // A sequence begun whose rest never came (cut in transit): dropped whole, so that
            // none of its letters runs a command. It is the last thing read.
            at = bytes.count
            return .ignored
        case .event(.key(.escape)):
            // Not a sequence: Escape, then what followed it as keys.
            at += 1
            return .event(.key(.escape))
        default: return step
        }
    }

    /// After ESC ], P, _, ^ or X: a string up to BEL or ESC \, read whole and dropped. Only
    /// when it came whole: cjm asks the terminal nothing, so these are another program's
    /// replies, sent in one piece; else it was Escape and a key typed at once (P, ]…).
    private mutating func controlString() -> Step {
        var i = 2
        while let c = byte(i) {
            if c == 0x07 || (c == 0x1B && byte(i + 1) == 0x5C) {
                at += c == 0x07 ? i + 1 : i + 2
                return .ignored
            }
            i += 1
        }
        return .event(.key(.escape))
    }

    /// Whether what waits is more than a lone ESC: the rest of a sequence or a character
    /// that came apart in transit (ssh, a slow link), worth waiting for longer than Escape.
    var awaitsRest: Bool { !isEmpty && (bytes.count - at >= 2 || bytes[at] >= 0x80) }

    /// After ESC O: the keypad mode's cursor keys, Home, End and Enter; another final byte
    /// (F1–F4 and the like) is read and ignored.
    private mutating func keypadSequence() -> Step {
        // Some terminals put a modifier before the final byte (ESC O 5 C, ESC O 1;5 P).
        var i = 2
        while let c = byte(i), (0x30...0x3F).contains(c), i < 12 { i += 1 }
        guard let c = byte(i) else { return .incomplete }
        let key: Key?
        switch c {
        // rxvt sends its Ctrl-arrows in lower case.
        case UInt8(ascii: "A"), UInt8(ascii: "a"): key = .up
        case UInt8(ascii: "B"), UInt8(ascii: "b"): key = .down
        case UInt8(ascii: "C"), UInt8(ascii: "c"): key = .right
        case UInt8(ascii: "D"), UInt8(ascii: "d"): key = .left
        case UInt8(ascii: "H"): key = .home
        case UInt8(ascii: "F"): key = .end
        case UInt8(ascii: "M"): key = .enter
        case 0x40...0x7E: key = nil
        default: return .event(.key(.escape))
        }
        at += i + 1
        return key.map { .event(.key($0)) } ?? .ignored
    }

    /// After ESC [: parameters, then a final byte. The cursor keys with any modifier
    /// (`[1;5C`), Home and End in their several forms (`[H`, `[1~`, `[7~`…), Delete, Page Up
    /// and Down, Shift-Tab, a bracketed paste (`[200~ … ESC [201~`) and mouse reports.
    private mutating func controlSequence() -> Step {
        guard let first = byte(2) else { return .incomplete }
        if first == UInt8(ascii: "M") { return x10Mouse() }
        // The Linux console's F1–F5: ESC [ [ A…
        if first == UInt8(ascii: "[") {
            guard byte(3) != nil else { return .incomplete }
            at += 4
            return .ignored
        }
        var i = 2
        while let c = byte(i) {
            // rxvt ends its Shift forms of ~ keys with $ (`[3$`), which is no final byte in
            // ECMA-48: after digits (and ;) alone it is one here.
            let rxvtShift = c == UInt8(ascii: "$") && bytes[(at + 2)..<(at + i)].allSatisfy { (0x30...0x3B).contains($0) }
            switch c {
            case 0x20...0x3F where !rxvtShift:
                i += 1
                // Longer than any a terminal sends: dropped, up to its final byte.
                if i > 40 {
                    while let c = byte(i), (0x20...0x3F).contains(c) { i += 1 }
                    guard let end = byte(i) else { return .incomplete }
                    at += (0x40...0x7E).contains(end) ? i + 1 : i
                    return .ignored
                }
            case 0x40...0x7E, UInt8(ascii: "$"):
                let parameters = Array(bytes[(at + 2)..<(at + i)])
                let end = at + i + 1
                if parameters.first == UInt8(ascii: "<"), c == UInt8(ascii: "M") || c == UInt8(ascii: "m") {
                    let report = sgrMouse(parameters.dropFirst(), released: c == UInt8(ascii: "m"))
                    at = end
                    return report.map { .event(.mouse($0)) } ?? .ignored
                }
                let firstNumber = parameters.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).first ?? []
                let key: Key?
                // rxvt's Shift, Ctrl and Ctrl-Shift forms of the ~ keys end in $, ^ and @.
                let tilde = [UInt8(ascii: "~"), UInt8(ascii: "$"), UInt8(ascii: "^"), UInt8(ascii: "@")].contains(c)
                switch (tilde ? UInt8(ascii: "~") : c, String(decoding: firstNumber, as: UTF8.self)) {
                // rxvt sends its Shift-arrows in lower case.
                case (UInt8(ascii: "A"), _), (UInt8(ascii: "a"), ""): key = .up
                case (UInt8(ascii: "B"), _), (UInt8(ascii: "b"), ""): key = .down
                case (UInt8(ascii: "C"), _), (UInt8(ascii: "c"), ""): key = .right
                case (UInt8(ascii: "D"), _), (UInt8(ascii: "d"), ""): key = .left
                case (UInt8(ascii: "H"), _): key = .home
                case (UInt8(ascii: "F"), _): key = .end
                case (UInt8(ascii: "Z"), _): key = .backTab
                case (UInt8(ascii: "~"), "1"), (UInt8(ascii: "~"), "7"): key = .home
                case (UInt8(ascii: "~"), "4"), (UInt8(ascii: "~"), "8"): key = .end
                case (UInt8(ascii: "~"), "3"): key = .delete
                case (UInt8(ascii: "~"), "5"): key = .pageUp
                case (UInt8(ascii: "~"), "6"): key = .pageDown
                case (UInt8(ascii: "~"), "200") where c == UInt8(ascii: "~"): return paste(from: end)
                default: key = nil
                }
                at = end
                return key.map { .event(.key($0)) } ?? .ignored
            default:
                // A byte no sequence holds: it was not one.
                return .event(.key(.escape))
            }
        }
        return .incomplete
    }

    /// ESC [ M and three bytes: the button and the cell, each plus 32 (the cell 1-based).
    private mutating func x10Mouse() -> Step {
        guard let b = byte(3), let x = byte(4), let y = byte(5) else { return .incomplete }
        at += 6
        guard b >= 32, x >= 33, y >= 33 else { return .ignored }
        var report = MouseReport(code: Int(b - 32), x: Int(x) - 33, y: Int(y) - 33, released: false)
        // X10 says a release by button 3, not which button was let go.
        report.released = report.button == 3
        return .event(.mouse(report))
    }

    /// ESC [ < button ; x ; y, then M (pressed) or m (released), the cell 1-based.
    private func sgrMouse(_ parameters: ArraySlice<UInt8>, released: Bool) -> MouseReport? {
        let numbers = parameters.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map {
            Int(String(decoding: $0, as: UTF8.self))
        }
        guard numbers.count == 3, let b = numbers[0], let x = numbers[1], let y = numbers[2], x > 0, y > 0 else {
            return nil
        }
        return MouseReport(code: b, x: x - 1, y: y - 1, released: released)
    }

    /// A bracketed paste's text, from `start` up to its closing ESC [201~, as one key. Line
    /// ends come as CR (or CR LF): they become newlines.
    private mutating func paste(from start: Int) -> Step {
        let end: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]
        var i = max(start, pasteSearched - end.count)
        var found: Int?
        while i + end.count <= bytes.count {
            if bytes[i] == 0x1B, bytes[i..<(i + end.count)].elementsEqual(end) {
                found = i
                break
            }
            i += 1
        }
        guard let close = found else {
            pasteSearched = max(bytes.count, start + 1)
            return .incomplete
        }
        pasteSearched = 0
        at = close + end.count
        return .event(.key(.paste(Self.pasted(bytes[start..<close]))))
    }

    /// The paste cut short (its end never came): its text so far, as one key.
    mutating func endPaste() -> Event? {
        // Its text begins after its ESC [200~.
        guard inPaste, at + 6 <= bytes.count else { return nil }
        pasteSearched = 0
        let text = bytes[(at + 6)...]
        at = bytes.count
        return .key(.paste(Self.pasted(text)))
    }

    static func pasted(_ text: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var previous: UInt8 = 0
        for c in text {
            defer { previous = c }
            if c == 10, previous == 13 { continue }
            out.append(c == 13 ? 10 : c)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Presses and releases of the left button made into clicks and double clicks, as ncurses
/// made them: a run of them is over when nothing follows within `interval` (ncurses's
/// `mouseinterval`), or when a key does. The wheel acts at once; other buttons do nothing.
struct Clicks {
    static let interval: UInt64 = 166_000_000
    private var press: (x: Int, y: Int, at: UInt64)?
    private var count = 0
    private var place = (x: 0, y: 0)
    private var last: UInt64 = 0

    /// A report at time `t` (ns); a wheel's key at once.
    mutating func add(_ r: KeyDecoder.MouseReport, at t: UInt64) -> Key? {
        switch r.button {
        case 64 where !r.released: return .mouse(Mouse(.wheelUp, x: r.x, y: r.y))
        case 65 where !r.released: return .mouse(Mouse(.wheelDown, x: r.x, y: r.y))
        case 0 where !r.released:
            press = (r.x, r.y, t)
            last = t
        case 0, 3:
            // A release; X10 does not say of which button, and only the left one's press is kept.
            if let p = press, t - p.at <= Clicks.interval {
                if count == 0 { place = (p.x, p.y) }
                count += 1
                last = t
            }
            press = nil
        default: break
        }
        return nil
    }

    /// Whether a click waits to be told (more of its run may come).
    var pending: Bool { count > 0 }

    /// The run's click or double click, once nothing followed it in time.
    mutating func due(at t: UInt64) -> Key? {
        guard count > 0, t - last >= Clicks.interval else { return nil }
        return flush()
    }

    /// The run's click or double click now (a key came after it).
    mutating func flush() -> Key? {
        guard count > 0 else { return nil }
        defer { count = 0 }
        return .mouse(Mouse(count == 1 ? .click : .doubleClick, x: place.x, y: place.y))
    }

    /// How long to wait for input before the run is over: at most `limit` ms.
    func wait(at t: UInt64, limit: Int32) -> Int32 {
        guard count > 0 else { return limit }
        let end = last + Clicks.interval
        return t >= end ? 0 : min(limit, Int32((end - t) / 1_000_000) + 1)
    }
}
