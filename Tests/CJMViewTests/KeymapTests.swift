import Testing

@testable import CJMCore
@testable import CJMView

/// The keymap tables, both keyboard layouts, and the editing they drive.
@Suite struct KeymapTests {
    /// A key means one thing per mode: no table binds it twice.
    @Test func noKeyIsBoundTwiceInAMode() {
        for map in Keymap.all {
            var seen: [Key: Action] = [:]
            for b in map.bindings {
                for k in b.keys {
                    #expect(
                        seen[k] == nil, "\(map.name): \(k.label) is bound to \(seen[k].map { "\($0)" } ?? "") and \(b.action)")
                    seen[k] = b.action
                }
            }
        }
    }

    /// In the Russian layout, о л д р move and г undoes; typing in a cell stays Cyrillic.
    @Test func russianLayoutLettersDoTheirKeysCommands() {
        var e = editor(russian)
        e.press(.char("о"))
        #expect(e.lane == 1)
        e.press(.char("л"))
        #expect(e.lane == 0)
        e.press(.char("д"), .char("д"))
        #expect(e.stage == 2)
        e.press(.char("р"))
        #expect(e.stage == 1)
        e.press(.char("5"), .char("г"))
        #expect(e.map == russian)
        #expect(e.message?.hasPrefix("undone") == true, "\(e.message ?? "nil")")
        // Text entry is never mapped: о is typed as о.
        e.press(.enter, .ctrl("u"))
        e.type("олд")
        e.press(.enter)
        #expect(e.map.lanes[0].cells[e.map.stages[1].id] == "олд")
        // Shifted: Ж is :, Б and Ю are < and >.
        e.press(.char("Ж"))
        guard case .editing(_, .command, _) = e.mode else {
            Issue.record("Ж did not open the command line")
            return
        }
        e.press(.escape, .char("Ю"))
        #expect(e.map.stages[2].id == russian.stages[1].id)
    }

    /// Ctrl-C in an open cell keeps what was typed, then quits.
    @Test func ctrlCInACellKeepsTheText() {
        var e = editor(russian)
        e.press(.enter, .ctrl("u"))
        e.type("набранный текст")
        #expect(e.handle(.ctrl("c")) == .quit)
        #expect(e.map.lanes[0].cells[e.map.stages[0].id] == "набранный текст")
        #expect(e.mode == .normal)
    }

    /// Behind the too-small notice nothing but quitting acts, and quitting keeps open text.
    @Test func tooSmallOnlyQuits() {
        var e = editor(russian)
        e.press(.enter)
        e.type(" и ещё")
        _ = EditorView.render(&e, width: 20, height: 6)
        let before = e.mode
        #expect(e.handle(.char("x")) == .none)
        #expect(e.handle(.escape) == .none)
        #expect(e.mode == before)
        #expect(e.handle(.char("q")) == .quit)
        #expect(e.map.lanes[0].cells[e.map.stages[0].id]?.hasSuffix(" и ещё") == true)
        // In the Russian layout too: й is on the q key, and it keeps the open text as well.
        var r = editor(russian)
        r.press(.enter)
        r.type(" и ещё")
        _ = EditorView.render(&r, width: 20, height: 6)
        #expect(r.handle(.char("й")) == .quit)
        #expect(r.map.lanes[0].cells[r.map.stages[0].id]?.hasSuffix(" и ещё") == true)
    }

    /// Tab keeps the cell and opens the next stage's; Shift-Tab the previous one.
    @Test func tabMovesAlongTheLaneWhileTyping() {
        var e = editor(russian)
        e.press(.char("x"), .enter)
        e.type("первая")
        e.press(.tab)
        e.press(.ctrl("u"))
        e.type("вторая")
        e.press(.tab, .backTab, .enter)
        let lane = e.map.lanes[0]
        #expect(lane.cells[e.map.stages[0].id] == "первая")
        #expect(lane.cells[e.map.stages[1].id] == "вторая")
        #expect(e.stage == 1)
        #expect(e.mode == .normal)
    }

    /// A rename opens with the old name selected: typing replaces it, an arrow keeps it.
    @Test func promptsOpenSelected() {
        var e = editor(russian)
        e.press(.up, .enter)
        e.type("Нужда")
        e.press(.enter)
        #expect(e.map.stages[0].name == "Нужда")
        e.press(.enter, .end)
        e.type("!")
        e.press(.enter)
        #expect(e.map.stages[0].name == "Нужда!")
        e.press(.enter, .backspace, .enter)
        #expect(e.map.stages[0].name == "")
    }

    /// The palette filters as letters are typed; Enter ticks the match; with none, Enter adds it.
    @Test func paletteTicksByTypeToFind() {
        var e = editor(russianWorkspace)
        e.press(.down, .down)
        #expect(e.map.lanes[2].content == .channels)
        let need = e.map.stages[0].id
        e.press(.enter)
        e.type("сай")  // lower case, finds «Сайт»
        e.press(.enter)
        #expect(e.map.lanes[2].cells[need]?.items.last == "Сайт")
        #expect(e.mode == .normal)  // found by typing, ticked: back on the map
        e.press(.enter)
        e.type("ёлка")
        e.press(.enter)
        #expect(e.workspace.channels.last == "ёлка")
        #expect(e.map.lanes[2].cells[need]?.items.last == "ёлка")
        e.press(.enter)
        e.type("ЕЛК")  // ё and е, upper and lower case, are alike
        e.press(.enter)
        #expect(e.map.lanes[2].cells[need]?.items.contains("ёлка") == false)
        // Chosen with the arrows, Enter ticks and the palette stays open for more.
        e.press(.enter, .down, .enter)
        guard case .channels = e.mode else {
            Issue.record("the palette closed")
            return
        }
        e.press(.escape)
        #expect(e.mode == .normal)
    }

    /// A scoring run: s then five digits score five stages.
    @Test func scoringRunScoresFiveStagesInSixKeys() {
        var e = editor(russian)
        e.press(.char("s"), .char("5"), .char("4"), .char("3"), .char("2"), .char("1"))
        #expect(e.map.stages.map(\.emotion) == [2, 1, 0, -1, -2])
        #expect(e.mode == .normal)
        e.press(.char("s"), .char("0"), .escape)
        #expect(e.map.stages[4].emotion == nil)
    }

    /// In a one-line prompt a new-line key keeps the words apart: an item typed as
    /// alpha, Ctrl-J, beta, Alt-Enter, gamma is `alpha beta gamma`, not `alphabetagamma`.
    @Test func aNewLineKeyInAOneLinePromptIsASpace() throws {
        var ws = russianWorkspace
        let l = try #require(ws.maps[0].lanes.firstIndex { $0.content == .list })
        ws.maps[0].lanes[l].cells = [:]
        var e = editor(ws)
        e.cursor = .cell(lane: l, stage: 0)
        e.press(.enter, .enter)
        e.type("alpha")
        e.press(.ctrl("j"))
        e.type("beta")
        e.press(.altEnter)
        e.type("gamma")
        e.press(.enter)
        #expect(e.map.lanes[l].cell(e.map.stages[0].id) == "alpha beta gamma")
    }

    /// A run whose cursor an undo put on the lane titles goes on at the first stage; it does
    /// not end as if every stage were scored.
    @Test func aScoringRunFromTheLaneTitlesGoesOnAtTheFirstStage() {
        var e = editor(russian)
        let before = e.map.stages[0].emotion
        e.press(.char("s"))
        e.cursor = .laneTitle(0)
        e.press(.char("4"))
        #expect(e.mode == .scoring)
        #expect(e.cursor == .cell(lane: 0, stage: 0))
        #expect(e.map.stages[0].emotion == before)
        e.press(.char("4"))
        #expect(e.map.stages[0].emotion == 1)
    }

    /// `/` finds text in any cell, name or title; ё and е, and case, do not matter.
    @Test func searchFindsCyrillicWithYoAsYe() {
        var e = editor(russian)
        e.press(.char("/"))
        e.type("НАШЕЛ")
        e.press(.enter)
        #expect(e.map.lanes[e.lane!].cell(e.map.stages[e.stage!].id).contains("нашёл"))
        #expect(e.message?.contains("1 of") == true)
        let s = EditorView.render(&e, width: 120, height: 40)
        #expect(!cursorCells(s).isEmpty)
        // n wraps round to the same single match; a word that is not there says so.
        e.press(.char("n"))
        #expect(e.message?.contains("1 of 1") == true)
        e.press(.char("/"))
        e.type("ничего такого")
        e.press(.enter)
        #expect(e.messageIsError)
        // Matches of a common word are highlighted.
        e.press(.char("/"))
        e.type("подписк")
        e.press(.enter, .char("g"))  // back to the top, where the actions lane holds two matches
        #expect(!cells(EditorView.render(&e, width: 120, height: 40), role: .match).isEmpty)
    }

    /// `:N` goes to stage N; `:export`, `:w`, `:q`; Tab completes.
    @Test func commandLine() {
        var e = editor(russian)
        e.press(.char(":"))
        e.type("4")
        e.press(.enter)
        #expect(e.stage == 3)
        e.press(.char(":"))
        e.type("ex")
        e.press(.tab)
        e.type("ht")
        e.press(.tab)
        guard case .editing(let le, .command, _) = e.mode else {
            Issue.record("the command line closed")
            return
        }
        #expect(le.text == "export html")
        #expect(e.handle(.enter) == .export("html"))
        e.press(.char(":"), .up)
        guard case .editing(let again, .command, _) = e.mode else { return }
        #expect(again.text == "export html")
        e.press(.escape, .char(":"))
        e.type("w")
        #expect(e.handle(.enter) == .saveNow)
        e.themeNames = { ["dark", "light", "mono"] }
        e.press(.char(":"))
        e.type("th")
        e.press(.tab)
        e.type("l")
        e.press(.tab)
        #expect(e.handle(.enter) == .theme("light"))
        e.press(.char(":"))
        e.type("неясно")
        e.press(.enter)
        #expect(e.messageIsError)
    }

    /// A cell copied on one map is pasted on another; a stage and a lane duplicate with their cells.
    @Test func copyPasteAndDuplicate() {
        var e = editor(russianWorkspace)
        let text = e.map.lanes[0].cells[e.map.stages[0].id]!
        e.press(.char("y"), .char("]"), .right, .ctrl("v"))
        #expect(e.mapIndex == 1)
        #expect(e.map.lanes[0].cells[e.map.stages[1].id] == text)
        let stages = e.map.stages.count
        e.press(.up, .char("D"))
        #expect(e.map.stages.count == stages + 1)
        #expect(e.map.stages[2].name == e.map.stages[1].name + " (копия)")
        #expect(e.map.lanes[0].cells[e.map.stages[2].id] == text)
        let lanes = e.map.lanes.count
        e.press(.down, .char("D"), .char("l"))
        #expect(e.map.lanes.count == lanes + 1)
        #expect(e.map.lanes[1].cells == e.map.lanes[0].cells)
        undoEverything(&e)
        #expect(e.workspace == russianWorkspace)
    }

    /// Undo brings the cursor to what it changed and says what it was.
    @Test func undoShowsWhatItChanged() {
        var e = editor(russian)
        e.press(.down, .down, .right, .right, .char("x"), .char("g"), .home)
        #expect((e.lane, e.stage) == (0, 0))
        e.press(.char("u"))
        #expect((e.lane, e.stage) == (2, 2))
        #expect(e.message?.hasPrefix("undone: clear cell") == true)
    }

    /// A lane whose title names a kind gets that kind and its content; c says what the kind became.
    @Test func lanesTakeTheirKindFromTheirTitle() {
        var e = editor(russian)
        e.press(.char("o"))
        e.type("Точки контакта")
        e.press(.enter)
        #expect(e.map.lanes[1].kind == .touchpoints)
        #expect(e.map.lanes[1].content == .channels)
        e.press(.char("o"))
        e.type("Metrics")
        e.press(.enter)
        #expect(e.map.lanes[2].kind == .metrics)
        #expect(e.map.lanes[2].content == .metrics)
        e.press(.char("c"))
        #expect(e.message?.contains("is now notes") == true)
        // The kind shows under the lane's title and in the bottom bar.
        let s = EditorView.render(&e, width: 120, height: 40)
        #expect(s.line(39).contains("lane 3/"))
        #expect(s.line(39).contains("notes"))
    }

    /// A click moves the cursor; a double click edits; a click on the curve band scores.
    @Test func mouseSelectsEditsAndScores() {
        var e = editor(russian)
        _ = EditorView.render(&e, width: 120, height: 40)
        let column = e.regions.columns.first { $0.stage == 2 }!.x
        let lane = e.regions.lanes.first { $0.lane == 1 }!.y
        e.press(.mouse(Mouse(.click, x: column.lowerBound + 2, y: lane.lowerBound)))
        #expect((e.lane, e.stage) == (1, 2))
        // The curve band: its top row is +2.
        let top = e.regions.curveTop!
        e.press(.mouse(Mouse(.click, x: column.lowerBound + 2, y: top)))
        #expect(e.map.stages[2].emotion == 2)
        e.press(.mouse(Mouse(.click, x: column.lowerBound + 2, y: top + 4)))
        #expect(e.map.stages[2].emotion == -2)
        _ = EditorView.render(&e, width: 120, height: 40)
        e.press(.mouse(Mouse(.doubleClick, x: column.lowerBound + 2, y: lane.lowerBound)))
        guard case .editing(_, .cell, _) = e.mode else {
            Issue.record("a double click did not open the cell")
            return
        }
    }

    /// Each mode's bottom bar shows that mode's own hint, made from its table.
    @Test func hintsComeFromTheTables() {
        var e = editor(russianWorkspace)
        for (key, map) in [(nil, Keymap.grid), (Key.char("m"), .maps), (.char("P"), .personas), (.char("I"), .insights)] {
            e.mode = .normal
            e.message = nil
            if let key { e.press(key) }
            let bar = EditorView.render(&e, width: 200, height: 40).line(39)
            #expect(bar.contains(map.hint.trimmingSpaces), "\(map.name): \(bar)")
        }
        #expect(Keymap.grid.hint.hasPrefix(" ? help"))
    }

    /// Every word of the key tables (descriptions, hints, section titles, the : commands) has
    /// its Russian, so the Russian help and hints are never half English.
    @Test func everyKeyWordInRussian() {
        for map in Keymap.all {
            for section in map.sections {
                #expect(KeyWords.russian[section.title] != nil, "section \(section.title)")
                for b in section.bindings {
                    #expect(
                        KeyWords.russian[b.help] != nil || b.help == KeyWords.commandHelp, "\(b.keysText): \(b.help)")
                    if let hint = b.hint { #expect(KeyWords.russian[hint] != nil, "hint \(hint)") }
                }
            }
        }
        for c in LineCommand.allCases { #expect(KeyWords.russian[c.help] != nil, "\(c.help)") }
        // The Russian help and hints are Russian.
        let rows = EditorView.helpRows(width: 100, language: .ru)
        #expect(rows.contains { $0.0.contains("Перемещение") })
        #expect(Keymap.grid.hint(.ru).contains("? справка"))
    }

    /// The editor speaks the interface language; new stages take the map's.
    @Test func russianInterface() {
        var e = editor(Templates.named("five-stage")!.workspace)
        e.language = .ru
        var s = EditorView.render(&e, width: 120, height: 40)
        #expect(s.line(39).contains(" КАРТА "))
        #expect(s.line(39).contains("этап 1/5"))
        e.press(.char("a"), .enter)  // a stage with no name on an English map
        #expect(e.map.stages[1].name == "Stage 6")
        e.press(.char("?"))
        s = EditorView.render(&e, width: 120, height: 40)
        #expect(s.text.contains("клавиши cjm"))
        e.press(.escape)
        var ru = editor(Templates.named("five-stage-ru")!.workspace)
        ru.press(.char("a"), .enter)
        #expect(ru.map.stages[1].name == "Этап 6")  // even under an English interface
        ru.press(.char("d"))
        #expect(ru.confirmQuestion?.contains("«Этап 6»") == true)
    }
}
