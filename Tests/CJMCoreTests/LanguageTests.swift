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
        for t in Templates.all {
            for map in t.workspace.maps {
                for lane in map.lanes { #expect(lane.content == lane.kind.usualContent, "\(t.name): \(lane.title)") }
            }
        }
    }
}
