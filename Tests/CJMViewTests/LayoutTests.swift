import CJMStorage
import Foundation
import Testing

@testable import CJMCore
@testable import CJMView

@Suite struct LayoutTests {
    @Test func russianMapAt120x40() {
        var e = editor(russian)
        let s = EditorView.render(&e, width: 120, height: 40)
        assertSnapshot(s.text, named: "russian-120x40")
        // The cursor is a frame: the ends of the rule under the first cell, and only they, are
        // heavy in the frame's colour (four columns each); the cell's text keeps its own; its
        // stage and lane are highlighted.
        let frame = cells(s, role: .cursorFrame)
        #expect(cells(s, role: .cursor).isEmpty)
        #expect(frame.allSatisfy { s[$0.0, $0.1].text == "━" })
        #expect(frame.map(\.0).sorted() == Array(15..<19) + Array(31..<35))
        let ruleRows = Set(frame.map { $0.1 }).sorted()
        #expect(ruleRows.count == 1 && ruleRows[0] > 3)
        #expect((19..<31).allSatisfy { s[$0, ruleRows[0]].text == "─" })
        #expect(s[15, 3].role == .cell && s[15, 1].role == .headerCurrent && s[0, 3].role == .laneTitleCurrent)
        #expect(s.line(0).contains("карта.json · saved"))

        // A theme may fill the cell instead: the whole first cell, and only it.
        e.cursorStyle = .fill
        let filled = EditorView.render(e)
        let cur = cells(filled, role: .cursor)
        #expect(cells(filled, role: .cursorFrame).isEmpty)
        #expect(cur.allSatisfy { $0.0 >= 15 && $0.0 < 35 })
        // …a full rectangle: every column of the cell on every row of the first lane, between the two rules.
        let rows = Set(cur.map { $0.1 }).sorted()
        #expect(rows == Array(3..<ruleRows[0]))
        #expect(cur.count == 20 * rows.count)
    }

    /// A patched frame writes a name again where it stood (in another role): its wide glyphs
    /// stay whole. (The second half's write broke its own first half into a space.)
    @Test func aWideGlyphWrittenOverItselfStaysWhole() {
        var s = Screen(width: 10, height: 1)
        s.put("a界🙂b", x: 1, y: 0, role: .normal)
        s.put("a界🙂b", x: 1, y: 0, role: .headerCurrent)
        #expect(s.line(0) == " a界🙂b   ")
        #expect((0..<10).map { Int(s[$0, 0].width) } == [1, 1, 2, 0, 2, 0, 1, 1, 1, 1])
    }

    /// A cell keeps its glyph's bytes; one longer than 16 bytes keeps the whole code points that fit.
    @Test func aCellKeepsItsGlyph() {
        for text in [" ", "я", "界", "🙂", "e\u{301}", "ы\u{301}\u{302}\u{303}\u{304}", "‼"] {
            let cell = ScreenCell(text: text, width: 1, role: .normal)
            #expect(cell.text == text && cell.byteCount == text.utf8.count)
        }
        // 2 + 4 × 3 bytes fit; the fifth mark (3 bytes, to 17) does not.
        let long = "ы" + String(repeating: "\u{20D0}", count: 5)
        #expect(ScreenCell(text: long, width: 1, role: .normal).text == "ы" + String(repeating: "\u{20D0}", count: 4))
        #expect(ScreenCell(text: "", width: 0, role: .normal).byteCount == 0)
    }

    /// `put` writes what the glyphs of its text are, on either of its paths (plain narrow
    /// letters without a String, anything else glyph by glyph): random texts of plain letters,
    /// marks, wide glyphs and controls, at random places and limits.
    @Test func putWritesItsGlyphs() {
        var rng = SplitMix64(seed: 5)
        let pieces = ["a", "Я", "ё", "─", "界", "e\u{301}", "\u{301}", "\u{7}", "\u{AD}", " ", "🙂", "ß", "\u{200D}"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let x = Int.random(in: -3...12, using: &rng)
            let limit = Bool.random(using: &rng) ? Int.max : Int.random(in: 0...8, using: &rng)
            var got = Screen(width: 12, height: 2)
            let used = got.put(text, x: x, y: 1, role: .cell, limit: limit)
            // The reference: each glyph in turn, a wide one that would cross the end as spaces.
            var want = Array(repeating: ScreenCell.blank, count: 12)
            let end = min(12, limit == Int.max ? 12 : x + limit)
            var cx = x
            for g in Glyph.split(text) where cx < end {
                if cx + g.width > end {
                    while cx < end {
                        if cx >= 0 { want[cx] = ScreenCell(text: " ", width: 1, role: .cell) }
                        cx += 1
                    }
                    break
                }
                if cx >= 0 {
                    want[cx] = ScreenCell(text: g.text, width: UInt8(g.width), role: .cell)
                    if g.width == 2 { want[cx + 1] = ScreenCell(text: "", width: 0, role: .cell) }
                }
                cx += g.width
            }
            #expect((0..<12).map { got[$0, 1] } == want, "\(text.debugDescription) at \(x), limit \(limit)")
            #expect(used == max(0, cx - x), "\(text.debugDescription) at \(x), limit \(limit)")
            #expect(got.line(0) == String(repeating: " ", count: 12))
        }
    }

    /// Text that starts left of the screen and is cut short writes nothing outside its row
    /// (its padding went to the row above's end).
    @Test func textLeftOfTheScreenStaysOnItsRow() {
        var s = Screen(width: 6, height: 2)
        s.put("界界", x: -2, y: 1, role: .normal, limit: 3)
        #expect(s.line(0) == "      ")
    }

    /// The position on the bottom bar takes the longest form that fits: with the curve, without
    /// it, or figures alone, at every width; a message that does not fit ends in "…".
    @Test func theBarKeepsThePositionAsTheWindowNarrows() {
        var e = editor(russianWorkspace)
        e.language = .ru
        e.cursor = .cell(lane: 1, stage: 1)
        for width in stride(from: 60, through: 140, by: 4) {
            let bar = EditorView.render(&e, width: width, height: 24).line(23)
            #expect(bar.contains("2/5 · ") && bar.contains("2/6"), "\(width): \(bar)")
        }
        e.say("Файл изменила другая программа: Ctrl-S перезапишет его, Q выйдет без сохранения", error: true)
        let bar = EditorView.render(&e, width: 60, height: 24).line(23)
        // The message, cut, ends in "…" just before the figures.
        let message = bar.components(separatedBy: " 2/5 · 2/6")[0].trimmingCharacters(in: .whitespaces)
        #expect(bar.contains("Файл изменила") && message.hasSuffix("…"), "\(bar)")
    }

    @Test func russianMapAt60x20() {
        var e = editor(russian)
        e.press(.right, .down, .down)
        let s = EditorView.render(&e, width: 60, height: 20)
        assertSnapshot(s.text, named: "russian-60x20")
        #expect(s.line(19).contains("stage 2/5 · lane 3/6"))
    }

    @Test func curveForMixedScores() {
        var map = russian
        let scores: [Int?] = [-2, 0, nil, 2, 1]
        for (j, sc) in scores.enumerated() { map.stages[j].emotion = sc }
        var e = editor(map)
        let s = EditorView.render(&e, width: 120, height: 40)
        let band = (33...38).map { s.line($0) }.joined(separator: "\n")
        assertSnapshot(band, named: "curve-mixed")
        // A marker per scored stage, on its level's row (+2 at the top), at its column's centre.
        let g = GridGeometry(titleWidth: 14, columnWidth: 20, firstStage: 0, visibleStages: 5)
        for (j, sc) in scores.enumerated() {
            let x = g.columnX(j) + 10
            let rows = (34...38).filter { s[x, $0].text == "●" }
            if let sc {
                #expect(rows == [34 + 2 - sc], "stage \(j + 1)")
                #expect(s[x, 34 + 2 - sc].role == .level(sc))
            } else {
                #expect(rows.isEmpty, "an unscored stage shows a gap, not a zero")
                // Nothing is drawn inside the gap's column: no line passes through it.
                for y in 34...38 {
                    for xx in g.columnX(j)..<(g.columnX(j) + 20) { #expect(s[xx, y].text == " ") }
                }
            }
        }
    }

    /// At every height, on every lane, the frame is the rule right under the cursor's lane:
    /// the scroll keeps that rule on screen (it once fell off, and the frame went to the rule
    /// above, under the lane before).
    @Test func theFrameIsUnderTheCursorsLaneAtEveryHeight() {
        for height in 12...40 {
            var e = editor(russianWorkspace)
            e.resize(width: 80, height: height)
            for lane in 0..<e.map.lanes.count {
                e.cursor = .cell(lane: lane, stage: 1)
                e.keepCursorInView()
                let s = EditorView.render(e)
                guard let rows = s.regions.lanes.first(where: { $0.lane == lane })?.y else {
                    Issue.record("height \(height): lane \(lane) is not on screen")
                    continue
                }
                let frame = Set(cells(s, role: .cursorFrame).map(\.1))
                #expect(frame == [rows.upperBound], "height \(height), lane \(lane): frame on \(frame), lane \(rows)")
            }
        }
    }

    /// A cell walked item by item shows whole, so the item selected is always on screen, even
    /// the last of many (a cell shows a third of the grid's rows otherwise), also while a
    /// prompt opened from the list is over it.
    @Test func aWalkedCellShowsEveryItem() throws {
        var ws = russianWorkspace
        let l = try #require(ws.maps[0].lanes.firstIndex { $0.content == .list })
        let stage = ws.maps[0].stages[1].id
        ws.maps[0].lanes[l].cells[stage] = (1...9).map { "пункт номер \($0)" }.joined(separator: "\n")
        var e = editor(ws)
        e.resize(width: 100, height: 30)
        e.cursor = .cell(lane: l, stage: 1)
        e.press(.enter, .char("G"))
        let s = EditorView.render(e)
        let selected = (0..<s.height).filter { y in (0..<s.width).contains { s[$0, y].role == .cursor } }
        #expect(selected.count == 1 && s.line(selected[0]).contains("пункт номер 9"), "\(s.text)")
        e.press(.enter)
        let prompt = EditorView.render(e)
        #expect(prompt.text.contains("пункт номер 9") && prompt.text.contains("пункт номер 1"), "\(prompt.text)")
    }

    @Test func scrollingKeepsTheCursorInView() {
        var e = editor(bigMap(stages: 60, lanes: 15))
        var rng = SplitMix64(seed: 7)
        let keys: [Key] = [.right, .left, .down, .up, .tab, .backTab, .end, .home, .char("G"), .char("g"), .pageDown, .pageUp]
        for step in 0..<400 {
            e.press(keys[Int(rng.next() % UInt64(keys.count))])
            let s = EditorView.render(&e, width: 60, height: 20)
            let cur = cursorCells(s)
            #expect(!cur.isEmpty, "step \(step): cursor at lane \(e.lane) stage \(e.stage) is off screen")
            // The frame is the rule right under the cursor's lane, and the lane's title is marked.
            if case .cell(let l, _) = e.cursor, let rows = s.regions.lanes.first(where: { $0.lane == l })?.y {
                #expect(Set(cells(s, role: .cursorFrame).map(\.1)) == [rows.upperBound], "step \(step)")
                #expect(s[1, rows.lowerBound].role == .laneTitleCurrent, "step \(step)")
            }
            if let j = e.stage {
                // The current stage's header is on screen and marked.
                #expect(s.line(1).contains("\(j + 1) Этап \(j + 1)") || e.lane == nil)
            }
            if let l = e.lane {
                #expect(s.text.contains("Строка \(l + 1)"))
            }
        }
        e.press(.end, .char("G"))
        let s = EditorView.render(&e, width: 60, height: 20)
        #expect(s.line(1).contains("60 Этап 60"))
        #expect(s.text.contains("Строка 15"))
        #expect(s.text.contains("Ячейка 59.14"))
    }

    @Test func wideCharactersNeverStraddleABorder() {
        let map = bigMap(stages: 9, lanes: 4) { j, l in String(repeating: "漢字🎬ж", count: 1 + (j + l) % 4) + "x" }
        for width in stride(from: 40, through: 130, by: 3) {
            var e = editor(map)
            let s = EditorView.render(&e, width: width, height: 30)
            let titleWidth = GridGeometry.titleWidth(for: map, screenWidth: width)
            let (count, colWidth) = GridGeometry.columns(
                stageCount: 9, available: width - titleWidth - 1, minimum: 16, preferred: 20, maximum: 40)
            let g = GridGeometry(titleWidth: titleWidth, columnWidth: colWidth, firstStage: 0, visibleStages: count)
            var borders = [titleWidth]
            for j in 0..<count { borders.append(g.columnX(j) + colWidth) }
            // Every row of the grid (those with the title column's border) has all its borders.
            let gridRows = (1..<30).filter { ["│", "┼", "┤"].contains(s[titleWidth, $0].text) }
            #expect(gridRows.count >= 15)
            for y in gridRows {
                for x in borders where x < width {
                    // A border, or the emotion curve stepping across it; never a piece of text.
                    #expect(
                        ["│", "┼", "┤", "┌", "┐", "└", "┘", "─"].contains(s[x, y].text),
                        "width \(width) row \(y) x \(x): \(s.line(y))")
                    #expect(s[x, y].width == 1)
                }
            }
            // Every wide glyph is followed by its continuation, never by a border.
            for y in 0..<30 {
                for x in 0..<width where s[x, y].width == 2 { #expect(x + 1 < width && s[x + 1, y].width == 0) }
            }
        }
    }

    @Test func controlCharactersInCellsAreShownAsPlaceholders() {
        var map = russian
        map.lanes[0].cells[map.stages[0].id] = "evil\u{1B}]0;pwned\u{07}\u{1B}[2J"
        map.stages[1].name = "\u{1B}[31mred"
        var e = editor(map)
        let s = EditorView.render(&e, width: 120, height: 40)
        for c in s.cells {
            for u in c.text.unicodeScalars { #expect(u.value >= 0x20 && !(0x7F...0x9F).contains(u.value)) }
        }
        #expect(s.text.contains("evil␛]0;pwned␇␛[2J"))
        #expect(s.text.contains("␛[31mred"))
    }

    @Test func tooSmallTerminal() {
        var e = editor(russian)
        let s = EditorView.render(&e, width: 20, height: 6)
        assertSnapshot(s.text, named: "too-small-20x6")
        #expect(s.text.contains("Terminal too small"))
        #expect(s.text.contains("20×6"))
    }

    @Test func shortTerminalShowsACompactCurve() {
        var e = editor(russian)
        let s = EditorView.render(&e, width: 80, height: 12)
        #expect(s.line(10).contains("● 0"))
        #expect(s.line(10).contains("● +1"))
        #expect(s.line(10).contains("Emotion"))
    }

    /// The text inside the help box, row by row (the map shows around it).
    static func helpBox(_ s: Screen) -> [String] {
        let boxWidth = min(s.width - 2, 110)
        let x0 = (s.width - boxWidth) / 2
        return (0..<s.height).map { y in (x0 + 2..<x0 + boxWidth - 1).map { s[$0, y].text }.joined() }
    }

    static func collapsed(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    /// Every key and its whole description are in the help (wrapped, never cut), at any width.
    @Test(arguments: [(120, 400), (80, 400), (60, 500)])
    func helpShowsEveryKeyInFull(width: Int, height: Int) {
        var e = editor(russian)
        e.press(.char("?"))
        let s = EditorView.render(&e, width: width, height: height)
        let seen = Self.collapsed(Self.helpBox(s).joined(separator: " "))
        for section in Keymap.all.flatMap(\.sections) {
            #expect(seen.contains(section.title))
            for b in section.bindings {
                #expect(
                    seen.contains(Self.collapsed(b.keysText) + " " + Self.collapsed(b.help)),
                    "\(b.keysText): \(b.help) at \(width)")
            }
        }
    }

    /// On a small screen the help scrolls down to its last line, and any other key closes it.
    @Test func helpScrollsToItsEnd() {
        var e = editor(russian)
        e.press(.char("?"))
        let top = Self.helpBox(EditorView.render(&e, width: 80, height: 24)).joined()
        #expect(top.contains("Commands work in the Russian layout too"))
        #expect(!top.contains("close (so does any other key)"))
        for _ in 0..<400 { e.press(.char("j")) }
        let bottom = Self.helpBox(EditorView.render(&e, width: 80, height: 24)).joined()
        #expect(bottom.contains("close (so does any other key)"))
        e.press(.char("x"))
        #expect(e.mode == .normal)
    }

    /// The README's key tables are `cjm keys --markdown`, made from the same table as the help.
    @Test func theReadmeKeyTablesAreGenerated() throws {
        let readme = String(decoding: try AtomicFile.read(AtomicFile.folder(of: #filePath) + "/../../README.md"), as: UTF8.self)
        let begin = "<!-- keys:begin -->\n"
        let end = "<!-- keys:end -->"
        guard let a = readme.range(of: begin), let b = readme.range(of: end, range: a.upperBound..<readme.endIndex) else {
            Issue.record("README.md has no generated key tables")
            return
        }
        #expect(String(readme[a.upperBound..<b.lowerBound]) == Keymap.markdown(), "run: cjm keys --markdown")
    }

    @Test func showPrintsAnAlignedGrid() {
        for width in [60, 100, 140] {
            let text = MapPrinter.render(russianWorkspace, width: width)
            var blockColumns: [Int]?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.isEmpty {
                    blockColumns = nil
                    continue
                }
                #expect(DisplayWidth.of(line) <= width, "\(line)")
                // The column of every border, counted in display columns.
                var cols: [Int] = []
                var x = 0
                for g in Glyph.split(line) {
                    if ["│", "┼", "┤"].contains(g.text) { cols.append(x) }
                    x += g.width
                }
                guard !cols.isEmpty else { continue }
                if line.hasPrefix(" Emotion") || line.hasPrefix(" Эмоции") || line.hasPrefix("Online") || line.contains("┘")
                    || line.contains("┐")
                    || line.contains("┌")
                    || line.contains("└")
                {
                    continue  // the curve's steps also use box-drawing characters
                }
                if let b = blockColumns { #expect(cols == b, "\(line)") } else { blockColumns = cols }
            }
        }
    }
}

@Suite struct HeaderTests {
    /// A name that does not fit beside its score takes two rows and is read whole; the score
    /// moves to the second row. Short names keep one row.
    @Test func longStageNamesWrapBeforeTheyAreCut() throws {
        var map = russian
        map.stages[2].name = "Пользовательский опыт"
        let text = MapPrinter.render(Workspace(maps: [map]), width: 120, language: .ru)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.contains("1 Потребность") }, "\(text)")
        #expect(lines[header].contains("│ 3 Пользовательский │"))
        #expect(lines[header + 1].contains("│ опыт             -1│"))
        #expect(lines[header + 2].hasPrefix("────"))
        let short = MapPrinter.render(Workspace(maps: [russian]), width: 120, language: .ru)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let h = try #require(short.firstIndex { $0.contains("1 Потребность") })
        #expect(short[h + 1].hasPrefix("────"))
    }

    /// In the editor a click on either header row selects the stage.
    @Test func bothHeaderRowsAreTheStage() throws {
        var map = russian
        map.stages[2].name = "Пользовательский опыт"
        var e = editor(map)
        let s = EditorView.render(&e, width: 120, height: 40)
        #expect(e.regions.headerRows == 2)
        let row = try #require((0..<s.height).first { s.line($0).contains("│ опыт ") }, "\(s.text)")
        #expect(s.line(row - 1).contains("3 Пользовательский"))
        // A click on the second row selects the stage's header.
        let x = try #require(e.regions.columns.first { $0.0 == 2 }?.1.lowerBound)
        e.press(.mouse(Mouse(.click, x: x + 2, y: row)))
        #expect(e.cursor == .stageName(2))
    }
}

@Suite struct WrapCacheTests {
    /// A move wraps nothing again; an edited cell and a new width are wrapped anew.
    @Test func onlyWhatChangedIsWrappedAgain() {
        var e = editor(russian)
        _ = EditorView.render(&e, width: 120, height: 40)
        let first = e.wrapCache.misses
        #expect(first > 0)
        e.press(.right, .down, .left, .up)
        _ = EditorView.render(&e, width: 120, height: 40)
        #expect(e.wrapCache.misses == first)
        e.press(.enter, .ctrl("u"))
        e.type("Новый текст ячейки")
        e.press(.enter)
        _ = EditorView.render(&e, width: 120, height: 40)
        #expect(e.wrapCache.misses == first + 1)
        let s = EditorView.render(&e, width: 100, height: 30)
        #expect(e.wrapCache.misses > first + 1)
        var fresh = e
        fresh.wrapCache = WrapCache()
        #expect(s == EditorView.render(&fresh, width: 100, height: 30))
    }

    /// The glyph splitter's shortcut for Latin and Cyrillic agrees with the Unicode properties
    /// it skips, for every scalar up to U+052F.
    @Test func theNarrowShortcutAgreesWithTheProperties() {
        for v in UInt32(0x80)...0x52F {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let slow = scalar.properties.generalCategory != .format && DisplayWidth.of(scalar) == 1
            // What the shortcut takes must be what the look-up would say; it may leave some out.
            if Glyph.isPlainNarrow(v) { #expect(slow, "U+\(String(v, radix: 16))") }
        }
        // Latin-1 to U+02FF but the soft hyphen, and Cyrillic but its seven combining marks.
        let covered = (UInt32(0x80)...0x52F).filter { Glyph.isPlainNarrow($0) }.count
        let expected: Int = (0x2FF - 0xA0 + 1 - 1) + (0x52F - 0x400 + 1 - 7)
        #expect(covered == expected)
    }

    /// The wider shortcut that layout takes (punctuation too) agrees with the look-up wherever
    /// it says yes, and takes the dashes, quotes, ellipsis, №, ₽ and narrow no-break space.
    @Test func thePunctuationShortcutAgreesWithTheProperties() {
        for v in UInt32(0x80)...0x2FFF {
            guard let scalar = Unicode.Scalar(v), Glyph.isNarrowText(v) else { continue }
            #expect(scalar.properties.generalCategory != .format && DisplayWidth.of(scalar) == 1, "U+\(String(v, radix: 16))")
        }
        for c in "—–‘’“”„•…№₽\u{202F}←→↑↓−─┼━█●◆▲▶◦".unicodeScalars { #expect(Glyph.isNarrowText(c.value), "\(c)") }
        // Not the separators and bidi controls beside them, nor the wide squares.
        for v: UInt32 in [0x200B, 0x200E, 0x2028, 0x2029, 0x202A, 0x202E, 0x25FD, 0x25FE] {
            #expect(!Glyph.isNarrowText(v))
        }
        // A line cut with an ellipsis measures what the look-up, scalar by scalar, says.
        let text = "Этап «Покупка» — 1\u{202F}200 ₽, № 5…"
        #expect(DisplayWidth.of(text) == text.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) })
        // A mark after one of them still sits on it (the shortcut hands over to the look-up).
        var glyphs: [Glyph] = []
        Glyph.forEach(in: "…\u{301}—") { glyphs.append($0) }
        #expect(glyphs == [Glyph("…\u{301}", width: 1), Glyph("—", width: 1)])
        // Drawn, the same cells as glyph by glyph: an emoji after the text sends it all the slow way.
        var fast = Screen(width: 40, height: 1)
        fast.put(text, x: 0, y: 0, role: .normal)
        var slow = Screen(width: 40, height: 1)
        slow.put(text + "😀", x: 0, y: 0, role: .normal)
        #expect((0..<text.unicodeScalars.count).allSatisfy { fast[$0, 0] == slow[$0, 0] })
        #expect(slow[text.unicodeScalars.count, 0].width == 2)
    }

    /// The scroll position is settled when a key is handled, before any drawing, and the
    /// view only reads it: drawing twice gives the same screen and changes nothing.
    @Test func theScrollIsSettledByTheKeyNotByTheView() {
        var e = Editor(
            session: EditSession(workspace: Workspace(single: bigMap(stages: 30, lanes: 30))), fileName: "x.json", seed: 1)
        e.resize(width: 60, height: 20)
        e.press(.char("G"), .end)
        #expect(e.cursor == .cell(lane: 29, stage: 29))
        #expect(e.firstStage > 0 && e.firstLane > 0)
        let (first, top) = (e.firstStage, e.firstLane)
        let s = EditorView.render(e)
        #expect(EditorView.render(e) == s)
        #expect((e.firstStage, e.firstLane) == (first, top))
        #expect(!cursorCells(s).isEmpty)
        // A new window size is a message too: the cursor stays in sight at the new size.
        e.resize(width: 40, height: 12)
        #expect(!cursorCells(EditorView.render(e)).isEmpty)
        e.press(.char("g"), .home)
        #expect((e.firstStage, e.firstLane) == (0, 0))
    }
}

@Suite struct PositionTests {
    /// The bar's position as it was made before its pieces were kept: every part asked of
    /// the phrase table and measured after each key.
    func plainly(_ e: Editor, width: Int) -> String {
        let t = e.language
        let (stages, lanes) = (e.map.stages.count, e.map.lanes.count)
        func padded(_ text: String, _ widest: String) -> String {
            text + String(repeating: " ", count: max(0, DisplayWidth.of(widest) - DisplayWidth.of(text)))
        }
        let stagePart = padded(
            e.stage.map { t.t(.posStage, $0 + 1, stages) } ?? t.t(.posLaneTitles), t.t(.posStage, stages, stages))
        let widestKind = LaneKind.allCases.max { DisplayWidth.of($0.name(t)) < DisplayWidth.of($1.name(t)) }!
        let lanePart = padded(
            e.lane.map { t.t(.posLane, $0 + 1, lanes, e.map.lanes[$0].kind.name(t)) } ?? t.t(.posStageNames),
            t.t(.posLane, lanes, lanes, widestKind.name(t)))
        let curve = e.map.personas.isEmpty ? "" : t.t(.posScoring, TextLayout.fit(e.activeCurveName, width: 16))
        let need = e.message.map { DisplayWidth.of($0) + 8 } ?? 20
        let parts = " \(stagePart) · \(lanePart)"
        if DisplayWidth.of(parts) + DisplayWidth.of(curve) + 1 + need <= width { return parts + curve + " " }
        if DisplayWidth.of(parts) + 1 + need <= width { return parts + " " }
        let short = padded(
            " \(e.stage.map { $0 + 1 } ?? 0)/\(stages) · \(e.lane.map { $0 + 1 } ?? 0)/\(lanes) ",
            " \(stages)/\(stages) · \(lanes)/\(lanes) ")
        return DisplayWidth.of(short) + 6 <= width ? short : ""
    }

    /// A phrase is cut into pieces only when each argument's mark stands once and in order: a
    /// translation that names the kind before the number is asked whole.
    @Test func piecesNeedEachMarkOnceAndInOrder() {
        let (n, k) = (PositionForm.number, PositionForm.kind)
        #expect(PositionForm.Pieces("lane \(n)/15 \(k)", marks: [n, k])?.texts == ["lane ", "/15 ", ""])
        #expect(PositionForm.Pieces("\(k): строка \(n)/15", marks: [n, k]) == nil)
        #expect(PositionForm.Pieces("lane \(n)/\(n) \(k)", marks: [n, k]) == nil)
        #expect(PositionForm.Pieces("lane 15", marks: [n]) == nil)
        #expect(PositionForm.Pieces("этап \(n)/60", marks: [n])?.width == DisplayWidth.of("этап /60"))
    }

    /// The position put together from kept pieces is the one asked of the phrase table, and
    /// drawn piece by piece it is that text put whole, on every place of the map (cells, lane
    /// titles, stage names, the corner), in both languages, with and without a message, at
    /// widths that choose each of its forms.
    @Test func thePiecesMakeWhatThePhrasesSay() {
        var checked = Set<String>()
        for language in [Language.en, .ru] {
            var e = editor(russianWorkspace)
            e.language = language
            for message in [nil, "Сохранено в карта.json"] {
                if let message { e.say(message) }
                for l in -1..<e.map.lanes.count {
                    for j in -1..<e.map.stages.count {
                        e.cursor = GridPlace(lane: l < 0 ? nil : l, stage: j < 0 ? nil : j)
                        for width in [160, 120, 90, 60, 40, 30, 16] {
                            let form = PositionForm(e, width: width)
                            let text = form.text(e)
                            #expect(text == plainly(e, width: width), "\(language) \(e.cursor) at \(width)")
                            #expect(form.runs(e).1 == DisplayWidth.of(text))
                            // Drawn piece by piece (after a move), it is the text put whole.
                            var drawn = Screen(width: width, height: 2)
                            form.draw(e, into: &drawn)
                            var whole = Screen(width: width, height: 2)
                            whole.put(text, x: width - DisplayWidth.of(text), y: 1, role: .bottomBar)
                            #expect(drawn == whole, "\(language) \(e.cursor) at \(width)")
                            checked.insert(text.isEmpty ? "none" : text.contains(where: \.isLetter) ? "long" : "short")
                        }
                    }
                }
            }
        }
        #expect(checked == ["long", "short", "none"])
    }
}
