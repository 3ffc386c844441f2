import CJMCore
import Testing

/// The number reader: the forms people write, and the ones that must not be read.
@Suite struct NumbersTests {
    @Test(arguments: [
        ("1 200", "1200", ""),
        ("142 600 ₽", "142600", "₽"),
        ("1 234 567", "1234567", ""),
        ("1\u{A0}234\u{A0}567", "1234567", ""),  // no-break spaces
        ("12\u{2009}000 в мес.", "12000", "в мес."),  // a thin space
        ("3\u{202F}500", "3500", ""),  // a narrow no-break space
        ("+45", "45", ""),
        ("−3 %", "-3", "%"),  // U+2212
        ("-3%", "-3", "%"),
        ("2,4 %", "2.4", "%"),
        ("2.4 %", "2.4", "%"),
        ("1e5", "100000", ""),
        ("2.5E-3", "0.0025", ""),
        ("1,234,567", "1234567", ""),
        ("1,234.5 $", "1234.5", "$"),
        ("$120", "120", "$"),
        ("007 мин", "7", "мин"),
        ("0,50", "0.5", ""),
        ("−0", "0", ""),
        ("12 мин", "12", "мин"),
        ("5 eur", "5", "eur"),
    ])
    func reads(text: String, value: String, unit: String) {
        guard case .success(let r) = Numbers.read(text) else {
            Issue.record("\(text) was not read")
            return
        }
        #expect(r.value == value, "\(text)")
        #expect(r.unit == unit, "\(text)")
    }

    @Test(arguments: [
        "",
        "хорошо",
        "%",
        "1,234",  // a thousands group or a decimal comma?
        "1 23",  // a group of two
        "3 4",
        "5 из 10",
        "12:30",
        "1 2345",
        "1e400",
        "--5",
        "1.2.3",
    ])
    func refuses(text: String) {
        if case .success(let r) = Numbers.read(text) { Issue.record("\(text) read as \(r)") }
    }

    @Test func problemsSayWhatToWrite() {
        #expect(Numbers.read("1,500") == .failure(.ambiguousComma("1,500")))
        #expect(Numbers.Problem.ambiguousComma("1,500").message(.en).contains("write 1500 or 1.5"))
        #expect(Numbers.Problem.ambiguousComma("1,500").message(.ru).contains("1500 или 1,5"))
        #expect(Numbers.read("3 4") == .failure(.digitsAfter("4")))
        #expect(Numbers.read("ok") == .failure(.noNumber))
        // The map's language settles the comma: English groups, Russian has a decimal comma.
        #expect(Numbers.number("1,500", language: .en) == "1500")
        #expect(Numbers.number("1,500", language: .ru) == "1.5")
        #expect(Numbers.number("0,125") == "0.125")  // a leading zero is never a group
    }

    @Test func integersForScores() {
        #expect(Numbers.integer("−1") == -1)
        #expect(Numbers.integer("+2") == 2)
        #expect(Numbers.integer("0") == 0)
        #expect(Numbers.integer("1,5") == nil)
        #expect(Numbers.integer("2 %") == nil)
    }

    @Test func shownInTheMapsLanguage() {
        #expect(Numbers.display("2.4", .ru) == "2,4")
        #expect(Numbers.display("142600", .ru) == "142\u{A0}600")
        #expect(Numbers.display("-3", .ru) == "\u{2212}3")
        #expect(Numbers.display("1200", .ru) == "1200")
        #expect(Numbers.display("1234567.25", .en) == "1,234,567.25")
        #expect(Numbers.display("2024", .en) == "2024")
        // What is shown reads back as the same number.
        for v in ["2.4", "142600", "-3", "1234567.25", "0.001"] {
            for l in Language.allCases {
                #expect(Numbers.number(Numbers.display(v, l), language: l) == v, "\(v) in \(l)")
            }
        }
    }

    /// Metrics: a typed line becomes a canonical line, or stays a name and says why.
    @Test func metricsAsTyped() {
        #expect(Metric.read("Регистрации на вебинар: 1 200").metric.line == "Регистрации на вебинар = 1200")
        #expect(Metric.read("Средний чек: 142 600 ₽").metric.line == "Средний чек = 142600 ₽")
        #expect(Metric.read("Заявки 1 234 567").metric.line == "Заявки = 1234567")
        #expect(Metric.read("NPS: +45").metric.line == "NPS = 45")
        #expect(Metric.read("Отказы: −3 %").metric.line == "Отказы = -3 %")
        #expect(Metric.read("CTR: 2,4 %").metric.line == "CTR = 2.4 %")
        #expect(Metric.read("CTR: 2,4 %").metric.display(.ru) == "CTR = 2,4 %")
        let steps = Metric.read("Шаг 2 из 3")
        #expect(steps.metric == Metric(name: "Шаг 2 из 3", value: nil, unit: ""))
        #expect(steps.problem == .digitsAfter("из 3"))
        #expect(Metric.read("Retention").problem == .noNumber)
        // What a Russian map shows reads back as the same metric.
        for (text, l) in [("Средний чек: 142 600,5 ₽", Language.ru), ("Время: 3,125 мин", .ru), ("Revenue: 1,234,567.5 $", .en)] {
            let m = Metric.read(text, language: l).metric
            #expect(m.value != nil, "\(text)")
            #expect(Metric.read(m.display(l), language: l).metric == m, "\(text)")
        }
    }
}
