import Testing

@testable import CJMCore

/// The phrase tables, plural forms and how the language is chosen.
@Suite struct LanguageTests {
    /// Every phrase is in both tables, with the same placeholders.
    @Test func everyPhraseInBothLanguages() {
        for p in Phrase.allCases {
            // Asked of the tables themselves: `t` falls back to English, so it cannot tell.
            guard let en = Phrase.english[p], let ru = Phrase.russian[p] else {
                Issue.record("\(p) is missing from a table")
                continue
            }
            #expect(placeholders(en) == placeholders(ru), "\(p)")
        }
        #expect(Phrase.english.count == Phrase.allCases.count && Phrase.russian.count == Phrase.allCases.count)
    }

    func placeholders(_ s: String) -> Set<String> {
        Set((1...9).map { "{\($0)}" }.filter { s.contains($0) })
    }

    @Test(arguments: [
        (1, "1 карта"), (2, "2 карты"), (4, "4 карты"), (5, "5 карт"), (11, "11 карт"), (12, "12 карт"),
        (14, "14 карт"), (21, "21 карта"), (22, "22 карты"), (25, "25 карт"), (101, "101 карта"), (111, "111 карт"),
        (0, "0 карт"),
    ])
    func russianPlurals(n: Int, text: String) {
        #expect(Language.ru.count(n, .map) == text)
    }

    /// An undo step says what it did in the interface language, from words that the history
    /// file keeps; a history whose words this cjm does not know shows its English label.
    @Test func stepLabelsInBothLanguagesAndThroughTheHistoryFile() throws {
        let ws = Templates.named("five-stage-ru")!.workspace
        let map = ws.maps[0]
        let add = try #require(Edits.insertStage(map, Stage(id: StageID("pay"), name: "Оплата"), at: 1))
        #expect(add.label == "add stage Оплата")
        #expect(add.label(.ru) == "новый этап «Оплата»")
        #expect(add.inverse.label(.ru) == "новый этап «Оплата»")
        let kind = try #require(Edits.setLaneKind(map, map.lanes[0].id, .barriers))
        #expect(kind.label(.en) == "lane \(map.lanes[0].title) is barriers")
        #expect(kind.label(.ru) == "строка «\(map.lanes[0].title)»: вид — барьеры")
        let field = try #require(
            Edits.setPersonaField(
                Templates.named("cinema-ru")!.workspace, Templates.named("cinema-ru")!.workspace.personas[0].id, field: 0, "x"))
        #expect(field.words?.arguments.first == .phrase(Persona.fields[0].phrase))
        let history = History(undo: [add, kind, field], redo: [])
        let bytes = HistoryCodec.encode(history, documentFingerprint: "f")
        let (back, _) = try HistoryCodec.decode(bytes, firstMap: map.id)
        #expect(back.undoStack.map { $0.label(.ru) } == [add, kind, field].map { $0.label(.ru) })
        #expect(back == history)
        // Words from a newer cjm: the English label stands in.
        let newer = String(decoding: bytes, as: UTF8.self).replacingAll("\"stepAddStage\"", with: "\"stepFromTheFuture\"")
        let (fallback, _) = try HistoryCodec.decode(Array(newer.utf8), firstMap: map.id)
        #expect(fallback.undoStack[0].words == nil && fallback.undoStack[0].label(.ru) == "add stage Оплата")
    }

    /// Placeholders are filled in one pass: a value holding `{1}` or `{2}` is kept as typed,
    /// whatever its place; an unknown or malformed placeholder stays as written.
    @Test func placeholdersAreFilledOnce() {
        #expect(Language.fill("{1} and {2}", ["a{2}", "b{1}"]) == "a{2} and b{1}")
        #expect(Language.fill("{2}{1}{2}", ["x", "й"]) == "йxй")
        #expect(Language.fill("{3} {} {x} {1", ["a", "b"]) == "{3} {} {x} {1")
        #expect(Language.fill("этап {1}/{2}", ["3", "12"]) == "этап 3/12")
        #expect(Language.en.t(.posStage, 3, 12) == "stage 3/12")
    }

    @Test func englishPlurals() {
        #expect(Language.en.count(1, .persona) == "1 persona")
        #expect(Language.en.count(0, .persona) == "0 personas")
        #expect(Language.en.count(21, .map) == "21 maps")
        #expect(Language.ru.count(3, .persona) == "3 персоны")
        #expect(Language.ru.count(5, .filledCell) == "5 заполненных ячеек")
    }

    @Test func theEnvironmentChooses() {
        #expect(Language.from(environment: ["LANG": "ru_RU.UTF-8"]) == .ru)
        #expect(Language.from(environment: ["LANG": "ru_RU.UTF-8", "LC_ALL": "en_US.UTF-8"]) == .en)
        #expect(Language.from(environment: ["LANG": "en_US.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"]) == .ru)
        #expect(Language.from(environment: ["LANG": "C.UTF-8"]) == .en)
        #expect(Language.from(environment: ["LC_ALL": "", "LANG": "ru_UA.UTF-8"]) == .ru)
        #expect(Language.from(environment: [:]) == .en)
    }

    @Test func aMapsOwnLanguage() {
        #expect(Language.of(Templates.named("five-stage-ru")!.workspace.maps[0]) == .ru)
        #expect(Language.of(Templates.named("five-stage")!.workspace.maps[0]) == .en)
        #expect(Language.of(JourneyMap()) == nil)
    }

    /// The templates hold channels, lists and metrics where the method says, in both languages.
    @Test func templatesHoldTheRightContents() {
        // Written out, not asked of `usualContent`, which the templates are built from.
        let expected: [LaneKind: LaneContent] = [
            .thoughts: .text, .actions: .text, .touchpoints: .channels, .barriers: .list, .opportunities: .list,
            .metrics: .metrics, .notes: .text,
        ]
        for t in Templates.all {
            let ws = t.workspace
            for map in ws.maps {
                #expect(map.lanes.contains { $0.content == .channels } && map.lanes.contains { $0.content == .metrics })
                for lane in map.lanes {
                    #expect(lane.content == expected[lane.kind], "\(t.name): \(lane.title)")
                    guard lane.content == .channels else { continue }
                    for cell in lane.cells.values {
                        #expect(cell.items.allSatisfy(ws.channels.contains), "\(t.name): a tag not in the palette")
                    }
                }
            }
        }
    }
}
