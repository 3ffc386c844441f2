import CJMCore
import CJMTestSupport
import CJMView
import Foundation
import Testing

@testable import CJMExport
@testable import CJMStyle

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Text that must survive every format: Cyrillic, markup, quotes, commas, newlines, formulas.
let nasty = [
    "Привет, мир", "<script>alert('x')</script>", "Tom & \"Jerry\"", "a,b,c", "line one\nline two", "=HYPERLINK(\"http://x\")",
    "+1 more", "-minus", "@sum", "'quoted", "漢字 🎬", "pipe | here",
]

func nastyWorkspace() -> Workspace {
    var ws = Templates.named("cinema-ru")!.workspace
    var map = ws.maps[0]
    map.title = "Карта <b>&</b> \"кавычки\""
    map.goal = "Цель, с запятой\nи строкой"
    // Three text lanes, as the template had before its opportunities became a list.
    let textLanes = map.lanes.indices.filter { map.lanes[$0].content == .text || map.lanes[$0].kind == .opportunities }
    for l in textLanes { map.lanes[l].content = .text }
    for (k, text) in nasty.enumerated() {
        let lane = textLanes[k % textLanes.count]
        let stage = (k / textLanes.count) % map.stages.count
        map.lanes[lane].cells[map.stages[stage].id] = text
    }
    map.lanes[0].cells[map.stages[4].id] = "control\u{1B}[31m char"
    ws.personas[0].quote = "«<i>кавычки</i>» & more"
    ws.maps[0] = map
    return ws
}

/// All the character data of an XML document, or the parse error.
final class TextCollector: NSObject, XMLParserDelegate {
    var text = ""
    var elements: [String] = []
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(
        _ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(e)
    }
}

func parseXML(_ s: String) throws -> TextCollector {
    let parser = XMLParser(data: Data(s.utf8))
    let c = TextCollector()
    parser.delegate = c
    guard parser.parse() else {
        throw NSError(
            domain: "xml", code: 1,
            userInfo: [NSLocalizedDescriptionKey: "\(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)"])
    }
    return c
}

@Suite struct ExportTests {
    /// The theme keys, written out, are the cases' names with each capital as `-` and its
    /// lower case: a role added without its key fails here.
    @Test func everyRoleHasItsThemeKey() {
        #expect(Role.themeKeys.count == Role.allCases.count)
        for role in Role.allCases {
            var derived = ""
            for ch in String(describing: role) {
                derived += ch.isUppercase ? "-" + ch.lowercased() : String(ch)
            }
            #expect(role.themeKey == derived)
        }
    }

    let theme = Theme.attributesOnly

    @Test func htmlIsWellFormedEscapedSelfContainedAndHoldsEveryMap() throws {
        let ws = nastyWorkspace()
        let html = HTMLPage.export(ws, theme: try ThemeLoader.load("light"))
        let doc = try parseXML(html)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("http://x\"") || html.contains("=HYPERLINK(&quot;http://x&quot;)"))
        // Nothing loaded from the network: the only references are the page's own markers.
        #expect(!html.contains("src=") && !html.replacingOccurrences(of: "href=\"#", with: "").contains("href="))
        #expect(!html.unicodeScalars.contains { $0.value == 0x1B })
        let flat = doc.text.replacingOccurrences(of: "\n", with: " ")
        for map in ws.maps {
            #expect(flat.contains(map.title))
            for lane in map.lanes {
                #expect(flat.contains(lane.title))
                for (_, text) in lane.cells {
                    for line in text.items where !line.contains("\u{1B}") {
                        let m = Metric.parse(line)
                        #expect(flat.contains(lane.content == .metrics && m.value != nil ? m.name : line), "\(line)")
                    }
                }
            }
            for st in map.stages { #expect(flat.contains(st.name)) }
        }
        #expect(flat.contains("«<i>кавычки</i>» & more"))
        #expect(html.components(separatedBy: "<tr class=\"curve\">").count - 1 == ws.maps.count)
        #expect(doc.elements.contains("line") && doc.elements.contains("use"))
    }

    @Test func svgIsWellFormedWithALineAndLegendPerPersona() throws {
        var ws = nastyWorkspace()
        ws.maps[0].personas.append(PersonaID("maks"))
        for j in 0..<5 { ws.maps[0].stages[j].emotions[PersonaID("maks")] = j == 2 ? nil : 1 }
        let svg = CurveSVG.render(ws.maps[0], in: ws, theme: try ThemeLoader.load("light"))
        let doc = try parseXML(svg)
        #expect(doc.text.contains("Анна, мама двоих детей"))
        #expect(doc.text.contains("Макс, 24 года"))
        #expect(doc.text.contains("Карта <b>&</b> \"кавычки\""))
        for st in ws.maps[0].stages { #expect(doc.text.contains(st.name)) }
        // Anna's curve is one line; Max's breaks at his unscored stage: two pieces.
        #expect(doc.elements.filter { $0 == "polyline" }.count == 3)
        #expect(doc.elements.contains("circle") && doc.elements.contains("polygon"))
    }

    @Test func csvRoundTripGivesBackTheSameMap() throws {
        let ws = nastyWorkspace()
        for index in ws.maps.indices {
            let csv = MapTable.csv(ws.maps[index], in: ws)
            var rng = SystemRandomNumberGenerator()
            let back = try MapTable.workspace(fromCSV: csv, ids: &rng)
            let (a, b) = (ws.maps[index], back.maps[0])
            #expect(b.title == a.title)
            #expect(b.segment == a.segment)
            #expect(b.goal == a.goal)
            #expect(b.stages.map(\.name) == a.stages.map(\.name))
            #expect(b.stages.map(\.emotion) == a.stages.map(\.emotion))
            #expect(b.personas.map { back.persona($0)!.name } == a.personas.map { ws.persona($0)!.name })
            for (p, q) in zip(a.personas, b.personas) {
                #expect(b.stages.map { $0.emotions[q] } == a.stages.map { $0.emotions[p] })
            }
            #expect(b.lanes.map(\.title) == a.lanes.map(\.title))
            #expect(b.lanes.map(\.kind) == a.lanes.map(\.kind))
            #expect(b.lanes.map(\.content) == a.lanes.map(\.content))
            for (la, lb) in zip(a.lanes, b.lanes) {
                #expect(a.stages.map { la.cell($0.id) } == b.stages.map { lb.cell($0.id) })
            }
        }
    }

    @Test func csvNeutralisesFormulasButKeepsNumbers() throws {
        let csv = MapTable.csv(nastyWorkspace().maps[0], in: nastyWorkspace())
        let rows = try CSV.parse(csv)
        for row in rows {
            for field in row {
                guard let first = field.first else { continue }
                let isNumber = CSV.isNumber(field)
                #expect(!["=", "+", "-", "@", "\t", "\r"].contains(first) || isNumber, "\(field)")
            }
        }
        #expect(csv.hasPrefix("\u{FEFF}"))
        #expect(csv.contains("'=HYPERLINK(\"\"http://x\"\")"))
        #expect(csv.contains("\"line one\nline two\""))
        #expect(rows.contains { $0.first == "Эмоции: Анна, мама двоих детей" && $0.contains("-2") })
    }

    @Test func handMadeSheetsImportWithGuessedKinds() throws {
        let sheet = "Путь,Поиск,Покупка\r\nМысли,\"Где, что\",Дорого\r\nБарьеры,,Нет оплаты\r\nЭмоции,1,-2\r\n"
        var rng = SystemRandomNumberGenerator()
        let ws = try MapTable.workspace(fromCSV: sheet, ids: &rng)
        let map = ws.maps[0]
        #expect(map.title == "Путь")
        #expect(map.stages.map(\.name) == ["Поиск", "Покупка"])
        #expect(map.stages.map(\.emotion) == [1, -2])
        #expect(map.lanes.map(\.kind) == [.thoughts, .barriers])
        #expect(map.lanes[0].cell(map.stages[0].id) == "Где, что")
        #expect(try MapCodec.decode(MapCodec.encode(ws)) == ws)
    }

    /// A sheet as Excel writes it in a Russian locale: semicolons, rows cut short, a Russian
    /// emotion row with the typographic minus, metrics as people type them, channels by name.
    @Test func russianExcelSheetImports() throws {
        let sheet =
            "Путь клиента;Поиск;Покупка;Возврат\r\n" + "Точки касания;\"Поисковые системы\nTelegram\";Сайт\r\n"
            + "Боли;Долго;\"Нет оплаты; дорого\";\r\n"
            + "Метрики;\"Регистрации: 1 200\nCTR: 2,4 %\";Средний чек: 142 600 ₽;NPS: +45\r\n" + "Эмоции;1;−1;+2\r\n"
        var rng = SystemRandomNumberGenerator()
        let read = try MapTable.read(csv: sheet, ids: &rng)
        #expect(read.separator == ";")
        #expect(read.notes == ["1 short row padded with empty cells"])
        let map = read.workspace.maps[0]
        #expect(map.stages.map(\.name) == ["Поиск", "Покупка", "Возврат"])
        #expect(map.lanes.map(\.kind) == [.touchpoints, .barriers, .metrics])
        #expect(map.lanes.map(\.content) == [.channels, .list, .metrics])
        #expect(map.lanes[1].cell(map.stages[1].id) == "Нет оплаты; дорого")
        #expect(map.lanes[2].cell(map.stages[0].id) == "Регистрации = 1200\nCTR = 2.4 %")
        #expect(map.lanes[2].cell(map.stages[1].id) == "Средний чек = 142600 ₽")
        #expect(map.lanes[2].cell(map.stages[2].id) == "NPS = 45")
        #expect(map.stages.map(\.emotion) == [1, -1, 2])
        // The palette is the sheet's language's, plus what its cells name.
        let channels = read.workspace.channels
        #expect(channels.starts(with: Workspace.defaultChannelsRussian))
        #expect(channels.last == "Telegram")
        // The funnel finds the metrics.
        #expect(!Insights(map, in: read.workspace).funnel.isEmpty)
        // Only the stage whose touchpoints cell is empty misses its channels.
        #expect(MethodCheck.run(read.workspace).filter { $0.rule == "no-channels" }.map(\.stage) == ["Возврат"])
    }

    @Test func tabSeparatedSheetsAndUnreadableMetricsAreNamed() throws {
        let sheet = "Map\tA\tB\r\nMetrics\tSteps 2 of 3\tVisits: 1,500\r\n"
        var rng = SystemRandomNumberGenerator()
        let read = try MapTable.read(csv: sheet, ids: &rng)
        #expect(read.separator == "\t")
        let map = read.workspace.maps[0]
        // An English sheet: 1,500 groups thousands; "Steps 2 of 3" stays a name, and a note says where.
        #expect(map.lanes[0].cell(map.stages[1].id) == "Visits = 1500")
        #expect(map.lanes[0].cell(map.stages[0].id) == "Steps 2 of 3")
        #expect(read.notes.count == 1 && read.notes[0].hasPrefix("row 2, column 2: «Steps 2 of 3» kept without a value"))
    }

    /// A Russian map exported and imported again keeps its Russian palette.
    @Test func aRussianMapsSheetKeepsItsPalette() throws {
        let ws = Templates.named("cinema-ru")!.workspace
        var rng = SystemRandomNumberGenerator()
        let back = try MapTable.workspace(fromCSV: MapTable.csv(ws.maps[0], in: ws), ids: &rng)
        // The palette is the Russian one, and no tag of the sheet was taken for a new channel.
        #expect(back.channels == ws.channels)
        #expect(back.channels.starts(with: Workspace.defaultChannelsRussian))
    }

    /// A sheet cjm cannot read says where and why, in the interface language.
    @Test(arguments: [
        (Language.en, "", "the file is empty"),
        (.en, "a,b,c\r\nx,y,z,w\r\n", "row 2, column 4: the row has 4 fields, but row 1 names 2 stages"),
        (.en, "a,b\r\nEmotion,high\r\n", "row 2, column 2: \"high\" is not a score from -2 to 2"),
        (.en, "a,b\r\nEmotion: Анна,7\r\n", "row 2, column 2: \"7\" is not a score from -2 to 2"),
        (.en, "a,b\r\nx,\"open\r\n", "row 2, column 2: a quoted field opened on line 2 is never closed"),
        (.en, "a,b\r\nx,y\"z\r\n", "row 2, column 2: a quote inside an unquoted field"),
        (.en, "a\r\n", "row 1 has no stages"),
        (.en, "a,,c\r\n", "row 1, column 2: a stage needs a name"),
        (.ru, "a,b,c\r\nx,y,z,w\r\n", "строка 2, столбец 4: в строке полей — 4, а этапов в строке 1 — 2"),
        (.ru, "a,b\r\nEmotion,high\r\n", "строка 2, столбец 2: «high» — не оценка от -2 до 2"),
        (.ru, "a,b\r\nx,\"open\r\n", "строка 2, столбец 2: поле в кавычках, открытое в строке 2, не закрыто"),
        (.ru, "a,b\r\nx,y\"z\r\n", "строка 2, столбец 2: кавычка внутри поля без кавычек"),
        (.ru, "a,,c\r\n", "строка 1, столбец 2: у этапа должно быть название"),
    ])
    func badSheetsGiveRowAndColumn(language: Language, sheet: String, message: String) {
        var rng = SystemRandomNumberGenerator()
        do {
            _ = try MapTable.read(csv: sheet, ids: &rng, language: language)
            Issue.record("imported \(sheet)")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }

    @Test func markdownEscapesTablesAndShowsEveryCurve() {
        let md = Markdown.export(nastyWorkspace())
        #expect(md.contains("pipe \\| here"))
        #expect(md.contains("\\<script\\>"))
        #expect(md.contains("line one<br>line two"))
        // A Russian map's fixed words are Russian, whatever the interface.
        #expect(md.contains("| *Эмоции: Анна, мама двоих детей* | 0 | +1 | -1 | -2 | +1 |"))
        #expect(md.contains("**Сегмент:**"))
        #expect(md.contains("## Онлайн-кинотеатр: молодые мужчины без семьи"))
        // Every table row has as many cells as the header.
        for line in md.split(separator: "\n") where line.hasPrefix("|") {
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(cells == 7, "\(line)")
        }
    }

    /// Formulas a look at the first character misses: behind spaces, a line break or a
    /// combining mark; plain numbers stay numbers, and import strips exactly one apostrophe.
    @Test(arguments: [
        ("=1+1", true), ("  =1+1", true), ("\r\n=1+1", true), ("\n@SUM(A1)", true), ("=\u{301}1+1", true),
        ("\u{301}=1", true), ("\t1", true), ("\r1", true), (" +1", true), ("-x", true), ("\u{A0}=1", true), ("\u{2003}=1", true),
        ("\u{0B}+1", true),
        ("-1", false), ("3.5", false), ("x=1", false), ("Мысль", false), ("", false),
    ])
    func csvNeutralisesHiddenFormulas(field: String, neutralised: Bool) {
        let out = CSV.neutralise(field)
        #expect((out.unicodeScalars.first == "'") == neutralised, "\(field.unicodeScalars.map { $0.value })")
        #expect(CSV.restore(out) == field)
    }

    /// A bare CR would end a Markdown table row in some renderers: it becomes <br> like a line break.
    @Test func markdownTurnsABareCarriageReturnIntoABreak() {
        var ws = nastyWorkspace()
        ws.maps[0].title = "one\rtwo\u{1b}[2J"
        let md = Markdown.export(ws, only: 0)
        #expect(md.contains("## one<br>two␛\\[2J"), "\(md.prefix(80))")
        #expect(!md.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
}

@Suite struct PrintLayoutTests {
    /// Stage labels under the SVG curve wrap within their column: no two labels' boxes meet.
    @Test func stageLabelsNeverOverlap() throws {
        let ws = longStagesWorkspace()
        let svg = CurveSVG.render(ws.maps[0], in: ws, theme: lightTheme)
        let text = try NSRegularExpression(pattern: #"<text class="stage" x="([0-9.]+)" y="([0-9.]+)"[^>]*>(.*?)</text>"#)
        let span = try NSRegularExpression(pattern: #"<tspan x="[0-9.]+" dy="([0-9]+)">([^<]*)</tspan>"#)
        var boxes: [(x0: Double, x1: Double, y0: Double, y1: Double)] = []
        for m in text.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)) {
            let x = Double(svg[Range(m.range(at: 1), in: svg)!])!
            var y = Double(svg[Range(m.range(at: 2), in: svg)!])!
            let body = String(svg[Range(m.range(at: 3), in: svg)!])
            for s in span.matches(in: body, range: NSRange(body.startIndex..., in: body)) {
                y += Double(body[Range(s.range(at: 1), in: body)!])!
                let line = String(body[Range(s.range(at: 2), in: body)!]).replacingOccurrences(of: "&quot;", with: "\"")
                let w = CurveSVG.textWidth(line, size: 13)
                boxes.append((x - w / 2, x + w / 2, y - 13, y + 3))
            }
        }
        #expect(boxes.count >= 12)
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] {
                let meet = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
                #expect(!meet, "\(a) and \(b) overlap")
            }
        }
        // A name cut short keeps its whole self as a tooltip.
        #expect(svg.contains("<title>Пользовательский опыт (Customer Experience)</title>"))
    }

    /// A name with no spaces (Japanese) or a first word longer than the column fills the
    /// first line instead of leaving it holding the number alone.
    @Test func aLongFirstWordFillsTheFirstLine() {
        for name in ["1. 顧客の購入体験を評価する段階です", "5. Пользовательскийинтерфейсприложения"] {
            let (lines, _) = CurveSVG.labelLines(name, width: 128, size: 13)
            #expect(lines.count == 2 && lines[0].count > 3, "\(lines)")
            #expect(lines.allSatisfy { CurveSVG.textWidth($0, size: 13) <= 128 }, "\(lines)")
        }
    }

    @Test func eightCurvesHaveEightColoursAndMarkers() {
        var ws = Templates.named("cinema")!.workspace
        var map = ws.maps[0]
        map.personas = []
        for k in 0..<8 {
            let p = PersonaID("p\(k)")
            ws.personas.append(Persona(id: p, name: "Persona \(k)"))
            map.personas.append(p)
            for j in map.stages.indices { map.stages[j].emotions[p] = 0 }
        }
        map.stages = map.stages.map {
            var s = $0
            s.emotion = nil
            return s
        }
        ws.maps = [map]
        let s = CurveSVG.series(map, ws, theme: lightTheme, language: .en)
        #expect(Set(s.map(\.colour)).count == 8)
        #expect(Set(s.map(\.shape)).count == 8)
        // All at one level: each marker stands apart from its neighbours.
        let svg = CurveSVG.render(map, in: ws, theme: lightTheme)
        let xs = svg.components(separatedBy: "<g transform=\"translate(").dropFirst().compactMap {
            Double($0.split(separator: " ").first ?? "")
        }
        // The first stage's centre is at 220; the legend's markers stand at 158.
        let firstStage = xs.filter { abs($0 - 220) < 30 }
        #expect(firstStage.count == 8 && Set(firstStage).count == 8, "\(firstStage)")
    }

    @Test func thePagePrintsAMapAPageWithNumbersWhole() {
        let ws = longStagesWorkspace()
        let html = HTMLPage.export(ws, theme: lightTheme)
        #expect(html.contains("@page { size: A4 landscape;"))
        #expect(html.contains("<b class=\"q\">"))
        #expect(html.contains("<tr class=\"curve\"><td colspan=\"13\">"))
        // The points stand under their columns: stage j of 12 at 14 + 86 × (j + ½) / 12 per cent.
        #expect(html.contains("x=\"17.6%\"") && html.contains("x=\"96.4%\""))
    }
}

let lightTheme = try! ThemeLoader.load("light")
