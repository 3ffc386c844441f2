import Testing

@testable import CJMCore
@testable import CJMView

/// Segments and personas from the keyboard: maps, personas, a curve per persona, and the
/// list, channel and metric lanes.
@Suite struct WorkspaceTests {
    static let anna = PersonaID("anna")
    static let maks = PersonaID("maks")

    /// The families' map with Max linked too and scored: two curves on one map.
    static func twoCurves() -> Workspace {
        var ws = russianWorkspace
        ws.maps[0].personas.append(maks)
        for (j, v) in [1, 2, 0, -1, 0].enumerated() { ws.maps[0].stages[j].emotions[maks] = v }
        return ws
    }

    @Test func twoPersonasCurvesOnOneMapWithALegend() {
        var e = editor(Self.twoCurves())
        let s = EditorView.render(&e, width: 120, height: 40)
        assertSnapshot(s.text, named: "two-personas-120x40")
        // Tabs for the two maps, the persona names in the top bar.
        #expect(s.line(1).contains("1 Онлайн-кинотеатр: семьи"))
        #expect(s.line(0).contains("personas: Анна, мама двоих детей, Ма"))
        // The legend: each curve's marker and name, the active one marked.
        let legend = s.line(33)
        #expect(legend.contains("▸● Анна, мама двоих детей"))
        #expect(legend.contains("◆ Макс, 24 года"))
        // Each persona's markers sit on their own rows and columns, in their own colour.
        let g = GridGeometry(titleWidth: 14, columnWidth: 20, firstStage: 0, visibleStages: 5)
        for (j, (a, m)) in zip([0, 1, -1, -2, 1], [1, 2, 0, -1, 0]).enumerated() {
            let x = g.columnX(j) + 10
            #expect(s[x, 34 + 2 - a].text == "●", "Anna at stage \(j + 1)")
            #expect(s[x, 34 + 2 - a].role == .series1)
            #expect(s[x + 1, 34 + 2 - m].text == "◆", "Max at stage \(j + 1)")
            #expect(s[x + 1, 34 + 2 - m].role == .series2)
        }
        // cjm show prints both curves and the legend too.
        let shown = MapPrinter.render(Self.twoCurves(), width: 120, only: 0)
        #expect(shown.contains("● Анна, мама двоих детей"))
        #expect(shown.contains("◆ Макс, 24 года"))
        #expect(shown.contains("Персоны: Анна, мама двоих детей, Макс, 24 года"))  // the map's own language
    }

    @Test func quickScoringAppliesToTheActivePersona() {
        var e = editor(Self.twoCurves())
        #expect(e.activePersona == Self.anna)
        e.press(.char("5"))
        #expect(e.map.stages[0].emotions[Self.anna] == 2)
        #expect(e.message == "score Потребность +2 for Анна, мама двоих детей")
        e.press(.char("p"))
        #expect(e.activePersona == Self.maks)
        e.press(.char("1"), .char("+"))
        #expect(e.map.stages[0].emotions[Self.maks] == -1)
        #expect(e.map.stages[0].emotions[Self.anna] == 2)
        #expect(EditorView.render(&e, width: 120, height: 40).line(39).contains("scoring: Макс, 24 года"))
        e.press(.char("u"), .char("u"), .char("u"))
        #expect(e.workspace == Self.twoCurves())
    }

    @Test func buildTwoSegmentsMapsFromTheKeyboardAndUndoItAll() {
        let start = Templates.named("blank-ru")!.workspace
        var e = editor(start)
        // The first map: its segment and a new persona linked to it.
        e.press(.char("S"))
        e.type("Семьи с детьми")
        e.press(.enter, .char("P"), .char("o"))
        e.type("Анна")
        e.press(.enter, .char("l"))
        #expect(e.map.personas.count == 1)
        e.press(.enter, .down, .down, .enter)  // fields: the socio-demographic one
        e.type("34 года, двое детей")
        // Enter keeps the field and opens the next one, as a form does; Esc leaves it as it was.
        e.press(.enter)
        guard case .editing(_, .personaField(_, 3), _) = e.mode else {
            Issue.record("Enter did not go on to the next field: \(e.mode)")
            return
        }
        e.press(.escape, .escape, .escape)
        #expect(e.mode == .normal)
        #expect(e.workspace.personas[0].sociodemographic == "34 года, двое детей")
        #expect(e.workspace.personas[0].segment == "Семьи с детьми")
        e.press(.char("2"), .tab, .char("4"))
        #expect(e.map.stages.map { $0.emotions[e.workspace.personas[0].id] } == [-1, 1, nil])
        // A second map for another segment, a copy of the first, with its own persona.
        e.press(.char("m"), .char("y"), .ctrl("u"))
        e.type("Холостяки")
        e.press(.enter, .escape)
        #expect(e.workspace.maps.count == 2)
        #expect(e.mapIndex == 1)
        #expect(e.map.title == "Холостяки")
        e.press(.char("S"), .ctrl("u"))
        e.type("Молодые мужчины")
        e.press(.enter, .char("P"), .char("l"))  // unlink Анна from the copy
        e.press(.char("o"))
        e.type("Макс")
        e.press(.enter, .char("l"), .escape)
        #expect(e.map.personas.map { e.workspace.persona($0)!.name } == ["Макс"])
        e.press(.char("5"))
        #expect(e.map.stages[1].emotions.values.first == 2)
        // Switch between the maps like tabs.
        e.press(.char("["))
        #expect(e.mapIndex == 0)
        #expect(e.map.segment == "Семьи с детьми")
        e.press(.char("]"))
        #expect(e.map.segment == "Молодые мужчины")

        // Channels: the touchpoints lane holds tags picked from the palette.
        e.press(.home, .char("g"), .down, .down)
        #expect(e.map.lanes[e.lane!].kind == .touchpoints)
        #expect(e.map.lanes[e.lane!].content == .channels)  // the template's touchpoints hold channels
        e.press(.enter)
        guard case .channels = e.mode else {
            Issue.record("the palette did not open")
            return
        }
        let picker = EditorView.render(&e, width: 100, height: 30)
        #expect(picker.text.contains("[ ] Поисковые системы"))
        e.press(.enter, .down, .down, .enter)
        #expect(e.map.lanes[e.lane!].cells[e.map.stages[0].id] == "Поисковые системы\nРеклама в сетях")
        // Letters filter the palette; with nothing matching, Enter adds the text and ticks it.
        e.type("Telegram")
        e.press(.enter)
        #expect(e.workspace.channels.last == "Telegram")
        #expect(e.map.lanes[e.lane!].cells[e.map.stages[0].id]?.items.last == "Telegram")

        // A list lane: items added, moved and removed one by one.
        e.press(.down)
        #expect(e.map.lanes[e.lane!].kind == .barriers)
        #expect(e.map.lanes[e.lane!].content == .list)  // barriers hold a list from the start
        e.press(.enter, .char("o"))
        e.type("Нет рекламы")
        e.press(.enter, .char("o"))
        e.type("Навязчивые звонки")
        e.press(.enter, .char("o"))
        e.type("Сложная оплата")
        e.press(.enter, .char("K"))
        #expect(e.map.lanes[e.lane!].cells[e.map.stages[0].id] == "Нет рекламы\nСложная оплата\nНавязчивые звонки")
        e.press(.char("d"))
        #expect(e.map.lanes[e.lane!].cells[e.map.stages[0].id] == "Нет рекламы\nНавязчивые звонки")
        e.press(.escape)
        let listed = EditorView.render(&e, width: 100, height: 30)
        #expect(listed.text.contains("• Нет рекламы"))

        // A metrics lane: named numbers with units, right-aligned.
        e.press(.char("G"))
        #expect(e.map.lanes[e.lane!].kind == .metrics)
        #expect(e.map.lanes[e.lane!].content == .metrics)
        e.press(.enter, .char("o"))
        e.type("CTR: 3,5 %")
        e.press(.enter, .char("o"))
        e.type("Конверсия = 12 %")
        e.press(.enter, .escape)
        #expect(e.map.lanes[e.lane!].cells[e.map.stages[0].id] == "CTR = 3.5 %\nКонверсия = 12 %")
        let metrics = EditorView.render(&e, width: 100, height: 30)
        #expect(metrics.text.contains("CTR") && metrics.text.contains("3,5 %│"))

        // Everything is undoable, back to the blank workspace.
        let steps = e.session.history.undoStack.count
        undoEverything(&e)
        #expect(steps > 20)
        #expect(e.workspace == start)
    }

    @Test func mapsCanBeRenamedReorderedAndDeleted() {
        var e = editor(russianWorkspace)
        e.press(.char("m"), .down, .char("K"))
        #expect(e.workspace.maps.map(\.id) == [MapID("singles"), MapID("families")])
        e.press(.char("r"), .ctrl("u"))
        e.type("Холостяки")
        e.press(.enter)
        #expect(e.workspace.maps[0].title == "Холостяки")
        e.press(.char("d"))
        #expect(e.confirmQuestion?.hasPrefix("Delete map «Холостяки»") == true)
        e.press(.char("y"))
        #expect(e.workspace.maps.map(\.id) == [MapID("families")])
        e.press(.char("d"))
        #expect(e.message == "the last map cannot be deleted")
        e.press(.escape, .char("u"), .char("u"), .char("u"))
        #expect(e.workspace == russianWorkspace)
    }

    @Test func deletingAPersonaUnlinksItEverywhereAsOneStep() {
        var e = editor(Self.twoCurves())
        e.press(.char("P"), .down, .char("d"))
        #expect(e.confirmQuestion == "Delete persona «Макс, 24 года» (on 2 maps, with its scores)? y = yes, any other key = no")
        e.press(.char("y"))
        #expect(e.workspace.personas.map(\.id) == [Self.anna])
        // Reordering the library, on the way: undone too.
        e.press(.char("u"), .escape, .char("P"), .down, .char("K"))
        #expect(e.workspace.personas.map(\.id) == [Self.maks, Self.anna])
        e.press(.char("u"), .escape, .char("P"), .down, .char("d"), .char("y"))
        #expect(e.workspace.personas.map(\.id) == [Self.anna])
        #expect(e.workspace.maps.allSatisfy { !$0.personas.contains(Self.maks) })
        #expect(e.workspace.maps[0].stages.allSatisfy { $0.emotions[Self.maks] == nil })
        e.press(.char("u"))
        #expect(e.workspace == Self.twoCurves())
    }

    @Test func personaScreenAndChannelPaletteSnapshots() {
        var e = editor(russianWorkspace)
        e.press(.char("P"), .enter)
        assertSnapshot(EditorView.render(&e, width: 100, height: 30).text, named: "persona-fields-100x30")
        e.press(.escape, .escape, .down, .down, .enter)
        assertSnapshot(EditorView.render(&e, width: 100, height: 30).text, named: "channel-palette-100x30")
    }

    @Test func insightsViewAndJumpingToACell() {
        var e = editor(russianWorkspace)
        e.press(.char("I"))
        let s = EditorView.render(&e, width: 110, height: 40)
        assertSnapshot(s.text, named: "insights-110x40")
        #expect(s.text.contains("Анна, мама двоих детей: Покупка: -2"))
        #expect(s.text.contains("Интерес → Исследование: 1 → -1 (−2)"))
        #expect(s.text.contains("Исследование: ✗ Выбор между Okko и Netflix"))
        #expect(s.text.contains("Возвращение ████████████████████ 38 %"))
        // The first target is the weakest moment: Enter jumps to its stage.
        e.press(.enter)
        #expect(e.mode == .normal)
        #expect(e.stage == 3)
        // Down to a barrier: Enter jumps to the barrier's own cell.
        e.press(.char("I"), .down, .down, .enter)
        #expect(e.stage == 0)
        #expect(e.map.lanes[e.lane!].kind == .barriers)
    }

    @Test func exportIsAskedForFromTheEditor() {
        var e = editor(russianWorkspace)
        #expect(e.handle(.char("E")) == .none)
        #expect(EditorView.render(&e, width: 110, height: 30).line(29).contains("h HTML"))
        #expect(e.handle(.char("h")) == .export("html"))
        e.press(.char("E"))
        #expect(e.handle(.char("z")) == .none)
        #expect(e.message == "nothing exported")
    }

    @Test func thePaletteCanBeRenamedReorderedAndTrimmed() {
        var e = editor(russianWorkspace)
        e.press(.down, .down, .enter)  // the touchpoints of «Потребность»: channels
        let outdoor = russianWorkspace.channels.firstIndex(of: "Наружная реклама")!
        for _ in 0..<outdoor { e.press(.down) }
        e.press(.ctrl("e"))  // the palette's letters filter it, so its commands are not letters
        e.type("Билборды")  // the old name is selected: typing replaces it
        e.press(.enter)
        // Renamed in the palette and in every cell that carried it, on every map.
        #expect(e.workspace.channels[outdoor] == "Билборды")
        #expect(e.map.lanes[2].cells[StageID("need")]?.items.first == "Билборды")
        #expect(!anyCellHolds(e.workspace, "Наружная реклама"))
        e.press(.ctrl("k"))
        #expect(e.workspace.channels[outdoor - 1] == "Билборды")
        e.press(.delete)
        #expect(!e.workspace.channels.contains("Билборды"))
        #expect(e.map.lanes[2].cells[StageID("need")]?.items.first == "Билборды")  // the cell keeps its tag
        #expect(EditorView.render(&e, width: 100, height: 40).text.contains("[x] Билборды (not in the palette)"))
        e.press(.ctrl("u"), .ctrl("u"), .ctrl("u"))
        #expect(e.workspace == russianWorkspace)
    }

    @Test func changingALanesContentKeepsItsText() {
        var e = editor(russian)
        e.press(.down)  // actions, plain text
        let before = e.map.lanes[1].cells
        e.press(.char("C"))
        #expect(e.map.lanes[1].content == .list)
        #expect(e.map.lanes[1].cells == before)
        for _ in 0..<3 { e.press(.char("C")) }
        #expect(e.map.lanes[1].content == .text)
        #expect(e.map.lanes[1].cells == before)
    }
}

/// Whether any cell of any map holds `text` as an item.
func anyCellHolds(_ ws: Workspace, _ text: String) -> Bool {
    ws.maps.contains { map in map.lanes.contains { lane in lane.cells.values.contains { $0.items.contains(text) } } }
}
