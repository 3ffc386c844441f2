import Testing

@testable import CJMCore

@Suite struct WidthTests {
    @Test func widthsOfScripts() {
        #expect(DisplayWidth.of("hello") == 5)
        #expect(DisplayWidth.of("Привет") == 6)
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("🎬") == 2)
        #expect(DisplayWidth.of("é") == 1)  // e + combining acute
        #expect(DisplayWidth.of("❤️") == 1)  // the variation selector is dropped, as drawn
    }

    /// The glyphs split without a Unicode look-up (Latin, Cyrillic, box drawing) measure what
    /// the look-up says, and keep their text.
    @Test func theFastPathsAgreeWithTheTable() {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x2FF, 0x400...0x52F, 0x2500...0x257F]
        for v in ranges.joined() {
            let scalar = Unicode.Scalar(v)!
            guard v != 0xAD, !(0x483...0x489).contains(v) else { continue }
            #expect(DisplayWidth.of(scalar) == 1, "U+\(String(v, radix: 16))")
            #expect(Glyph.split(String(scalar) + "x") == [Glyph(String(scalar), width: 1), Glyph("x", width: 1)])
            // A glyph of its own: no mark, no format character (the fast path would not see one).
            let category = scalar.properties.generalCategory
            #expect(
                ![.nonspacingMark, .enclosingMark, .spacingMark, .format, .control].contains(category),
                "U+\(String(v, radix: 16))")
        }
    }

    /// `fit` gives plain text back as it is, and anything else as its glyphs, cut with "…";
    /// a text's width is its glyphs' on either path.
    @Test func fitIsTheGlyphsThatFit() {
        var rng = SplitMix64(seed: 8)
        let pieces = ["a", "Я", "─", "界", "e\u{301}", "\u{7}", "\u{AD}", " ", "🙂"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let width = Int.random(in: 0...9, using: &rng)
            let glyphs = Glyph.split(text)
            var want = ""
            if width > 0 {
                if glyphs.reduce(0, { $0 + $1.width }) <= width {
                    want = glyphs.map(\.text).joined()
                } else {
                    var used = 0
                    for g in glyphs {
                        if used + g.width > width - 1 { break }
                        want += g.text
                        used += g.width
                    }
                    want += "…"
                }
            }
            #expect(TextLayout.fit(text, width: width) == want, "\(text.debugDescription), \(width)")
            #expect(DisplayWidth.of(text) == glyphs.reduce(0) { $0 + $1.width }, "\(text.debugDescription)")
        }
    }

    @Test func controlCharactersBecomeVisiblePlaceholders() {
        let glyphs = Glyph.split("a\u{1B}[31mb\u{7}\u{9B}")
        #expect(glyphs.map(\.text).joined() == "a␛[31mb␇�")
        #expect(!glyphs.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) } })
    }

    @Test func wrapNeverExceedsTheWidth() {
        let texts = ["Привет, мир! Это длинный текст для проверки переноса строк", "漢字漢字漢字漢字漢字 🎬🎬🎬 abc", "supercalifragilistic"]
        for text in texts {
            for width in 1...12 {
                let lines = TextLayout.wrap(text, width: width)
                for line in lines { #expect(DisplayWidth.of(line) <= max(width, 2), "\(line) at \(width)") }
                // Nothing is lost but the spaces where lines broke.
                #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
            }
        }
        #expect(TextLayout.wrap("one two three", width: 7) == ["one two", "three"])
        #expect(TextLayout.wrap("a\n\nb", width: 5) == ["a", "", "b"])
    }

    @Test func fitAndPadCountColumns() {
        #expect(TextLayout.fit("Исследование", width: 6) == "Иссле…")
        #expect(DisplayWidth.of(TextLayout.pad("漢字", width: 5)) == 5)
        #expect(TextLayout.fit("漢字漢字", width: 4) == "漢…")
        #expect(TextLayout.fit("漢字", width: 4) == "漢字")
        #expect(DisplayWidth.of(TextLayout.fit("漢字漢字", width: 5)) <= 5)
    }
}
