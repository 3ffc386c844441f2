import Testing

@testable import CJMTerminal
@testable import CJMView

/// The terminal's bytes made into keys, as cjm reads them (all there is, in one read).
@Suite struct KeyDecoderTests {
    /// Every event in `bytes` read at once, then whatever a pause (`final`) makes of the rest.
    func events(_ bytes: [UInt8], pause: Bool = true) -> [KeyDecoder.Event] {
        var d = KeyDecoder()
        d.add(bytes)
        var out: [KeyDecoder.Event] = []
        while let e = d.next(final: false) { out.append(e) }
        if pause { while let e = d.next(final: true) { out.append(e) } }
        return out
    }

    func keys(_ text: String, pause: Bool = true) -> [Key] {
        events(Array(text.utf8), pause: pause).compactMap { if case .key(let k) = $0 { k } else { nil } }
    }

    @Test func lettersControlsAndRussian() {
        #expect(keys("q4ф") == [.char("q"), .char("4"), .char("ф")])
        #expect(keys("\r\n\t\u{7F}\u{08}") == [.enter, .ctrl("j"), .tab, .backspace, .backspace])
        #expect(keys("\u{13}\u{03}\u{1A}") == [.ctrl("s"), .ctrl("c"), .ctrl("z")])
        // Ctrl-Space and Ctrl-\ are no keys of cjm's; a wide character and an emoji are one each.
        #expect(keys("\u{00}\u{1C}界🙂") == [.char("界"), .char("🙂")])
    }

    /// The cursor keys in both cursor modes and with modifiers; Home and End in each form a
    /// terminal sends; Delete, the pages, Shift-Tab and keypad Enter.
    @Test func sequences() {
        let table: [(String, Key)] = [
            ("OA", .up), ("OB", .down), ("OC", .right), ("OD", .left), ("OH", .home), ("OF", .end), ("OM", .enter),
            ("[A", .up), ("[B", .down), ("[C", .right), ("[D", .left), ("[H", .home), ("[F", .end),
            ("[1;5C", .right), ("[1;2B", .down), ("[1;3D", .left), ("[1;2A", .up),
            ("[1~", .home), ("[7~", .home), ("[4~", .end), ("[8~", .end), ("[3~", .delete), ("[5~", .pageUp),
            ("[6~", .pageDown), ("[5;5~", .pageUp), ("[Z", .backTab),
        ]
        for (sequence, key) in table { #expect(keys("\u{1B}" + sequence) == [key], "\(sequence)") }
        // rxvt's forms with modifiers (infocmp -x rxvt: kUP, kUP5, kDC, kHOM5, kPRV6…) and the
        // Linux console's Shift-Tab (kcbt=\E^I): the keys without their modifiers.
        let others: [(String, Key)] = [
            ("[a", .up), ("[b", .down), ("[c", .right), ("[d", .left), ("Oa", .up), ("Ob", .down), ("Oc", .right),
            ("Od", .left), ("[3$", .delete), ("[7$", .home), ("[8$", .end), ("[5$", .pageUp), ("[6$", .pageDown),
            ("[7^", .home), ("[8^", .end), ("[3^", .delete), ("[5^", .pageUp), ("[6@", .pageDown), ("[7@", .home),
            ("\t", .backTab),
        ]
        for (sequence, key) in others { #expect(keys("\u{1B}" + sequence + "q") == [key, .char("q")], "\(sequence)") }
        // Many at once, as a fast typist or a script sends them.
        #expect(keys("\u{1B}OC\u{1B}[B\u{1B}OCq") == [.right, .down, .right, .char("q")])
    }

    /// A sequence cjm has no use for is read whole: none of its letters runs a command.
    @Test func unknownSequencesAreNothing() {
        // SS3 with a modifier (old VTE's F1 with Ctrl, xterm-xfree86's kf13), and strings
        // terminals send as replies (OSC, DCS), ended by ESC \ or BEL.
        #expect(keys("\u{1B}O1;5P\u{1B}O2Pq") == [.char("q")])
        #expect(keys("\u{1B}O5C") == [.right])
        #expect(keys("\u{1B}]11;rgb:0000/0000/0000\u{1B}\\\u{1B}P1$r0m\u{1B}\\\u{1B}]0;title\u{07}q") == [.char("q")])
        #expect(keys("\u{1B}[3;5$q") == [.delete, .char("q")])
        #expect(keys("\u{1B}[E\u{1B}OP\u{1B}[15~\u{1B}[99;9X\u{1B}[[A\u{1B}[B") == [.down])
        // One longer than any a terminal sends, final byte and all.
        #expect(keys("\u{1B}[" + String(repeating: "1;", count: 40) + "xq") == [.char("q")])
    }

    /// Escape alone, Escape then a key typed at once (both count), Alt-Enter, and a sequence
    /// whose rest never came (Escape, then what came as keys).
    @Test func escape() {
        #expect(keys("\u{1B}") == [.escape])
        #expect(keys("\u{1B}", pause: false) == [])
        #expect(keys("\u{1B}q") == [.escape, .char("q")])
        #expect(keys("\u{1B}\r") == [.altEnter])
        // A sequence begun whose rest never came is dropped whole: none of its letters acts.
        #expect(keys("\u{1B}[1;") == [])
        #expect(keys("\u{1B}[1;", pause: false) == [])
        #expect(keys("\u{1B}[M!") == [])
        // ESC [ or ESC O alone are as likely Escape and a key typed at once; so is a string
        // introducer without its end (ESC P: Escape, then P).
        #expect(keys("\u{1B}O") == [.escape, .char("O")] && keys("\u{1B}[") == [.escape, .char("[")])
        #expect(keys("\u{1B}P") == [.escape, .char("P")] && keys("\u{1B}]q") == [.escape, .char("]"), .char("q")])
        #expect(keys("\u{1B}[1\u{7F}") == [.escape, .char("["), .char("1"), .backspace])
    }

    /// What waits after a read decides how long the reader waits for more: a lone ESC is
    /// Escape soon; a sequence begun, or a character begun, waits for its rest.
    @Test func whatIsWaitedFor() {
        let cases: [([UInt8], Bool)] = [([0x1B], false), ([0x1B, 0x5B], true), ([0x1B, 0x5B, 0x31], true), ([0xD1], true)]
        for (bytes, awaits) in cases {
            var d = KeyDecoder()
            d.add(bytes)
            #expect(d.next(final: false) == nil && d.awaitsRest == awaits, "\(bytes)")
        }
        // A sequence split in two reads, however long, is one key (or nothing) once whole.
        var d = KeyDecoder()
        d.add(Array("\u{1B}[1;".utf8))
        #expect(d.next(final: false) == nil)
        d.add(Array("5Cq".utf8))
        #expect(d.next(final: false) == .key(.right) && d.next(final: false) == .key(.char("q")))
        var long = KeyDecoder()
        long.add(Array(("\u{1B}[" + String(repeating: "1", count: 50)).utf8))
        #expect(long.next(final: false) == nil)
        long.add(Array("5;5Cq".utf8))
        #expect(long.next(final: false) == .key(.char("q")))
    }

    /// A character cut between two reads waits for its rest; one whose rest never came, and
    /// bytes that are not UTF-8, are dropped.
    @Test func utf8AcrossReads() {
        var d = KeyDecoder()
        let f = Array("ф".utf8)
        d.add([f[0]])
        #expect(d.next(final: false) == nil)
        d.add([f[1]])
        #expect(d.next(final: false) == .key(.char("ф")))
        #expect(events([0xD1]) == [])
        #expect(events([0xFF, 0xC0, 0x80, 0x61]) == [.key(.char("a"))])
        #expect(events([0xD1, 0x61]) == [.key(.char("a"))])
    }

    /// A bracketed paste is one key, its line ends newlines, however many reads it takes; one
    /// whose end never came is what came.
    @Test func paste() {
        #expect(keys("\u{1B}[200~a\r\nб\rc\u{1B}[201~x") == [.paste("a\nб\nc"), .char("x")])
        var d = KeyDecoder()
        let text = "\u{1B}[200~" + String(repeating: "строка\r", count: 3000) + "\u{1B}[201~"
        let bytes = Array(text.utf8)
        var got: [KeyDecoder.Event] = []
        for start in stride(from: 0, to: bytes.count, by: 1000) {
            d.add(Array(bytes[start..<min(bytes.count, start + 1000)]))
            while let e = d.next(final: false) { got.append(e) }
        }
        #expect(got == [.key(.paste(String(repeating: "строка\n", count: 3000)))])
        // After many keys read and decoded at once (the buffer is compacted under the paste).
        var long = KeyDecoder()
        long.add(Array(String(repeating: "j", count: 5000).utf8) + Array("\u{1B}[200~начало ".utf8))
        var seen = 0
        while case .key(.char("j"))? = long.next(final: false) { seen += 1 }
        #expect(seen == 5000 && long.inPaste)
        long.add(Array("и конец\u{1B}[20".utf8))
        #expect(long.next(final: false) == nil)
        long.add(Array("1~k".utf8))
        #expect(long.next(final: false) == .key(.paste("начало и конец")))
        #expect(long.next(final: false) == .key(.char("k")) && long.isEmpty)
        var cut = KeyDecoder()
        cut.add(Array("\u{1B}[200~abc".utf8))
        #expect(cut.next(final: false) == nil && cut.inPaste)
        #expect(cut.endPaste() == .key(.paste("abc")) && cut.isEmpty)
    }

    /// Mouse reports in both encodings, at 0-based cells, without their modifier bits.
    @Test func mouse() {
        #expect(
            events([0x1B, 0x5B, 0x4D, 32, 33 + 5, 33 + 2, 0x1B, 0x5B, 0x4D, 35, 33 + 5, 33 + 2]) == [
                .mouse(.init(button: 0, x: 5, y: 2, released: false)), .mouse(.init(button: 3, x: 5, y: 2, released: true)),
            ])
        #expect(
            events(Array("\u{1B}[<0;6;3M\u{1B}[<0;6;3m\u{1B}[<64;1;1M\u{1B}[<20;2;2M".utf8)) == [
                .mouse(.init(button: 0, x: 5, y: 2, released: false)), .mouse(.init(button: 0, x: 5, y: 2, released: true)),
                .mouse(.init(button: 64, x: 0, y: 0, released: false)), .mouse(.init(button: 0, x: 1, y: 1, released: false)),
            ])
    }

    /// Press and release make a click once nothing follows in time; two make a double click;
    /// a key after a click ends its run; the wheel acts at once; a long press is no click.
    @Test func clicks() {
        let ms: UInt64 = 1_000_000
        var c = Clicks()
        func r(_ b: Int, _ released: Bool) -> KeyDecoder.MouseReport { .init(button: b, x: 7, y: 3, released: released) }
        #expect(c.add(r(0, false), at: 0) == nil)
        #expect(c.add(r(3, true), at: 50 * ms) == nil)
        #expect(c.due(at: 100 * ms) == nil && c.wait(at: 100 * ms, limit: 200) == 117)
        #expect(c.due(at: 216 * ms) == .mouse(Mouse(.click, x: 7, y: 3)))
        // Press, release, press, release, 40 ms apart.
        _ = c.add(r(0, false), at: 1000 * ms)
        _ = c.add(r(3, true), at: 1040 * ms)
        _ = c.add(r(0, false), at: 1080 * ms)
        _ = c.add(r(3, true), at: 1120 * ms)
        #expect(c.due(at: 1200 * ms) == nil)
        #expect(c.due(at: 1300 * ms) == .mouse(Mouse(.doubleClick, x: 7, y: 3)))
        _ = c.add(r(0, false), at: 2000 * ms)
        _ = c.add(r(0, true), at: 2010 * ms)
        #expect(c.flush() == .mouse(Mouse(.click, x: 7, y: 3)) && !c.pending)
        #expect(c.add(r(65, false), at: 3000 * ms) == .mouse(Mouse(.wheelDown, x: 7, y: 3)))
        _ = c.add(r(0, false), at: 4000 * ms)
        _ = c.add(r(3, true), at: 4500 * ms)
        #expect(!c.pending && c.wait(at: 4500 * ms, limit: 200) == 200)
    }
}
