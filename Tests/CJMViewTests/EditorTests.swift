import Testing

@testable import CJMCore
@testable import CJMStorage
@testable import CJMView

@Suite struct EditorTests {
    /// A cell edited to more lines than its lane shows keeps the line being typed in sight,
    /// with the cursor after it (the cursor stood on another line's text, the new line unseen).
    @Test func editingATallCellShowsTheLineBeingTyped() {
        var e = editor(russian)
        e.press(.enter, .ctrl("u"))
        for i in 0..<30 {
            e.type("строка\(i)")
            e.press(.altEnter)
        }
        e.type("КОНЕЦ")
        let s = EditorView.render(&e, width: 80, height: 24)
        let y = s.cursor?.y ?? -1
        #expect(y >= 0 && s.line(y).contains("КОНЕЦ"))
        // After the line's text: its column on screen, and five letters on.
        let line = y >= 0 ? s.line(y) : ""
        let x = line.range(of: "КОНЕЦ").map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? -1
        #expect(s.cursor?.x == x + 5)
        // On a line with lines below, the cursor's line shows too, above the "…" of the rest.
        for _ in 0..<15 { e.press(.up) }
        let middle = EditorView.render(&e, width: 80, height: 24)
        let my = middle.cursor?.y ?? -1
        let row = my >= 0 ? middle.line(my) : ""
        // The cell's part of the row: from its text to the column's border.
        let cell = row.range(of: "строка15").map { row[$0.lowerBound...].prefix { $0 != "│" } } ?? ""
        #expect(cell.hasPrefix("строка15") && !cell.contains("…"), "\(row)")
    }

    @Test func editACellInPlaceAndCommit() {
        var e = editor(russian)
        e.press(.enter, .ctrl("u"))
        e.type("Первая строка")
        e.press(.altEnter)
        e.type("вторая")
        // While editing, the cell shows the new text and the terminal cursor stands after it.
        let s = EditorView.render(&e, width: 120, height: 40)
        #expect(s.line(3).contains("Первая строка"))
        #expect(s.line(4).contains("вторая"))
        #expect(s.cursor?.y == 4)
        #expect(s.cursor?.x == 16 + 6)
        e.press(.enter)
        #expect(e.map.lanes[0].cell(StageID("need")) == "Первая строка\nвторая")
        e.press(.char("u"))
        #expect(e.message == "undone: edit cell Потребность × Мысли")
        #expect(e.map == russian)
        e.press(.ctrl("r"))
        #expect(e.message == "redone: edit cell Потребность × Мысли")
    }

    @Test func escapeLeavesTheCellAsItWas() {
        var e = editor(russian)
        e.press(.enter)
        e.type(" и ещё")
        e.press(.escape)
        #expect(e.map == russian)
        #expect(!e.session.history.canUndo)
    }

    /// A mark typed on its own key joins the letter before it, so the cursor stands where the
    /// screen shows the text's end (it drifted a column right per mark).
    /// A paste is what its characters typed one by one make: marks, joiners, flags and
    /// newlines made spaces join what is before them exactly as when typed.
    @Test func aPasteIsItsCharactersTypedOneByOne() {
        var rng = SplitMix64(seed: 12)
        let pieces = [
            "a", "Я", "\u{301}", "\u{200D}", "👩", "🇷", "🇺", "\n", "\r\n", " ", "\u{FE0F}", "ᄀ", "ᅡ", "e\u{301}",
        ]
        for _ in 0..<3000 {
            let before = (0..<Int.random(in: 0...2, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let pasted = (0..<Int.random(in: 1...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            for multiline in [false, true] {
                var whole = LineEditor(before, multiline: multiline)
                whole.insert(pasted)
                var typed = LineEditor(before, multiline: multiline)
                for ch in pasted { typed.insert(String(ch)) }
                #expect(whole.chars == typed.chars, "\(before.debugDescription) + \(pasted.debugDescription)")
                #expect(whole.cursor == typed.cursor)
            }
        }
    }

    @Test func aMarkTypedAloneJoinsItsLetter() {
        var le = LineEditor("", multiline: false)
        for c in ["e", "\u{301}", "x", "ก", "\u{E34}", "\u{E48}", "น", "🇷", "🇺"] { _ = le.handle(.char(Character(c))) }
        #expect(le.text == "e\u{301}xก\u{E34}\u{E48}น🇷🇺")
        #expect(le.chars.count == 5)
        #expect(le.layout(width: 40).cursorColumn == 6)  // é x กิ่ น: 4 columns, the flag 2
        _ = le.handle(.backspace)
        #expect(le.text == "e\u{301}xก\u{E34}\u{E48}น")
        // Backspace takes a mark typed last alone: a wrong tone mark, not the whole syllable.
        _ = le.handle(.left)
        _ = le.handle(.backspace)
        #expect(le.text == "e\u{301}xก\u{E34}น")
        _ = le.handle(.backspace)
        _ = le.handle(.backspace)
        #expect(le.text == "e\u{301}xน")
        // A mark at the start of a line has no letter to join.
        var ml = LineEditor("a\n", multiline: true)
        _ = ml.handle(.char("\u{301}"))
        #expect(ml.chars == ["a", "\n", "\u{301}"])
    }

    @Test func readlineKeys() {
        var le = LineEditor("один два три", multiline: true)
        _ = le.handle(.ctrl("w"))
        #expect(le.text == "один два ")
        _ = le.handle(.ctrl("a"))
        _ = le.handle(.ctrl("k"))
        #expect(le.text == "")
        le = LineEditor("abc\ndef", multiline: true)
        _ = le.handle(.up)
        _ = le.handle(.ctrl("e"))
        _ = le.handle(.ctrl("u"))
        #expect(le.text == "\ndef")
        _ = le.handle(.char("X"))
        _ = le.handle(.end)
        _ = le.handle(.delete)
        #expect(le.text == "Xdef")
        _ = le.handle(.home)
        _ = le.handle(.delete)
        _ = le.handle(.right)
        _ = le.handle(.backspace)
        #expect(le.text == "ef")
        var pasted = LineEditor("a", multiline: true)
        _ = pasted.handle(.paste("b\nc"))
        #expect(pasted.text == "ab\nc")
        // On one line, a new-line key and a pasted line break are both a space.
        var single = LineEditor("name", multiline: false)
        _ = single.handle(.ctrl("j"))
        single.insert("a\nb")
        #expect(single.text == "name a b")
    }

    @Test func renameStageAndLaneFromHeaderAndTitle() {
        var e = editor(russian)
        e.press(.up, .enter, .ctrl("u"))
        e.type("Осознание")
        e.press(.enter)
        #expect(e.map.stages[0].name == "Осознание")
        e.press(.down, .left, .enter, .ctrl("u"))
        e.type("Думы")
        let s = EditorView.render(&e, width: 100, height: 30)
        #expect(s.line(29).contains("Lane title: Думы"))
        e.press(.enter)
        #expect(e.map.lanes[0].title == "Думы")
        e.press(.up, .enter)  // the corner: the map's title
        e.press(.ctrl("u"))
        e.type("Новая карта")
        e.press(.enter)
        #expect(e.map.title == "Новая карта")
        e.press(.char("T"), .ctrl("u"))
        e.type("Цель карты")
        e.press(.enter)
        #expect(e.map.goal == "Цель карты")
    }

    @Test func quickEmotionScoring() {
        var e = editor(russian)
        e.press(.down, .down, .down, .right)  // any row of stage 2
        e.press(.char("1"))
        #expect(e.map.stages[1].emotion == -2)
        e.press(.char("5"))
        #expect(e.map.stages[1].emotion == 2)
        e.press(.char("3"))
        #expect(e.map.stages[1].emotion == 0)
        e.press(.char("0"))
        #expect(e.map.stages[1].emotion == nil)
        e.press(.char("+"))
        #expect(e.map.stages[1].emotion == 0)
        e.press(.char("-"), .char("-"), .char("-"))
        #expect(e.map.stages[1].emotion == -2)
        e.press(.char("u"))
        #expect(e.map.stages[1].emotion == -1)
        e.press(.left, .left, .char("4"))
        #expect(e.messageIsError)
        #expect(e.message == "move to a stage to score it")
    }

    @Test func addMoveAndDeleteStagesAndLanes() {
        var e = editor(russian)
        e.press(.char("a"))
        e.type("Ожидание")
        e.press(.enter)
        #expect(e.map.stages.map(\.name) == ["Потребность", "Ожидание", "Интерес", "Исследование", "Покупка", "Возвращение"])
        #expect(e.stage == 1)
        e.press(.char(">"), .char(">"))
        #expect(e.map.stages[3].name == "Ожидание")
        e.press(.char("<"))
        #expect(e.map.stages[2].name == "Ожидание")
        e.press(.char("o"))
        e.type("Эмоции")
        e.press(.enter)
        #expect(e.map.lanes[1].title == "Эмоции")
        e.press(.char("J"))
        #expect(e.map.lanes[2].title == "Эмоции")
        // d in a cell asks stage or lane; anything else deletes nothing.
        e.press(.char("d"))
        #expect(e.confirmQuestion?.contains("s = stage «Ожидание»") == true)
        e.press(.char("n"))
        #expect(e.map.stages.count == 6)
        // d then l asks the lane's own question (vim's dl cannot wipe a lane).
        e.press(.char("d"), .char("l"))
        #expect(e.confirmQuestion?.hasPrefix("Delete lane «Эмоции» with its 0 filled cells?") == true)
        e.press(.char("y"))
        #expect(!e.map.lanes.contains { $0.title == "Эмоции" })
        e.press(.up, .up, .up, .char("d"))
        #expect(e.confirmQuestion?.hasPrefix("Delete stage «Ожидание»") == true)
        e.press(.char("y"))
        #expect(e.map.stages.count == 5)
        // Each action is one undo step.
        for _ in 0..<8 { e.press(.char("u")) }
        #expect(e.map == russian)
    }

    @Test func deletingTheCellClearsIt() {
        var e = editor(russian)
        e.press(.char("x"))
        #expect(e.map.lanes[0].cell(StageID("need")).isEmpty)
        e.press(.char("x"))
        #expect(e.message == "the cell is already empty")
    }

    @Test func quitAndSaveEffects() {
        var e = editor(russian)
        #expect(e.handle(.char("q")) == .quit)
        #expect(e.handle(.ctrl("c")) == .quit)
        #expect(e.handle(.ctrl("s")) == .saveNow)
        #expect(e.handle(.ctrl("l")) == .redraw)
        e.press(.enter)
        #expect(e.handle(.char("q")) == .none)  // typing q in a cell is text
        // Ctrl-Z in a cell suspends as it does on the grid; the text stays open, as it was.
        #expect(e.handle(.ctrl("z")) == .suspend)
        guard case .editing(let le, _, _) = e.mode else {
            Issue.record("the cell is no longer open after Ctrl-Z")
            return
        }
        #expect(le.text.hasSuffix("q"))
    }

    @Test func themesInTheFolderMatchTheBuiltIns() throws {
        for (name, text) in Theme.builtIn {
            let path = AtomicFile.folder(of: #filePath) + "/../../Themes/\(name).theme"
            let file = String(decoding: try AtomicFile.read(path), as: UTF8.self)
            #expect(file.trimmingCharacters() == text.trimmingCharacters(), "\(name)")
            let theme = try Theme.parse(text, name: name, source: name)
            // Saved with CR LF (and a comment on a line of its own), it reads the same.
            let crlf = ("# a comment\n" + text).replacingOccurrences(of: "\n", with: "\r\n")
            #expect(try Theme.parse(crlf, name: name, source: name) == theme, "\(name)")
            #expect(theme.style(.cursor) != Style())
            #expect(theme.style(.cursorFrame) != Style())
            #expect(theme.cursorStyle == .frame)
        }
        #expect(try Theme.parse("cursor-style = fill", name: "f", source: "f").cursorStyle == .fill)
        #expect(throws: Theme.ParseError.self) { try Theme.parse("cursor-style = box", name: "x", source: "x.theme") }
        #expect(try Theme.parse("monochrome = yes", name: "m", source: "m").monochrome)
        #expect(throws: Theme.ParseError.self) { try Theme.parse("cursr = red", name: "x", source: "x.theme") }
        #expect(throws: Theme.ParseError.self) { try Theme.parse("cursor = purple", name: "x", source: "x.theme") }
        // A line without both a name and a value is named by its number.
        for bad in ["= red", "cursor =", "cursor red", "=a=b"] {
            do {
                _ = try Theme.parse("# a comment\n" + bad, name: "x", source: "x.theme")
                Issue.record("\(bad): no error")
            } catch {
                #expect(error.words == Words(.themeExpected, .text("x.theme"), .number(2)), "\(bad)")
            }
        }
        let spaced = try Theme.parse("cursor\t=  black   on cyan  bold ", name: "s", source: "s")
        #expect(spaced.style(.cursor) == Style(foreground: 0, background: 6, bold: true), "\(spaced.style(.cursor))")
    }
}

extension String {
    func trimmingCharacters() -> String {
        split(separator: "\n").map { String($0).trimmingSpaces }.joined(separator: "\n")
    }
}
