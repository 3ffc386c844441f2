/// An interface language. The words themselves are in `Phrase` (one table per language);
/// plural forms follow each language's own rule.
public enum Language: String, CaseIterable, Sendable {
    case en, ru

    /// The language a POSIX locale name asks for (`ru_RU.UTF-8`, `ru`, `en_GB`), or nil for
    /// an empty name, `C` and `POSIX`, which say nothing about language.
    public init?(locale: String) {
        let name = locale.lowercased()
        if name.isEmpty || name == "c" || name == "posix" || name.hasPrefix("c.") { return nil }
        self = name.hasPrefix("ru") ? .ru : .en
    }

    /// The language the environment asks for, in POSIX order: `LC_ALL`, then `LC_MESSAGES`,
    /// then `LANG`; English when none names one.
    public static func from(environment env: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = env[name], !value.isEmpty else { continue }
            return Language(locale: value) ?? .en
        }
        return .en
    }

    /// The language a map is written in, when it is clear: the script most of the letters
    /// of its title, stage names and lane titles are in. Nil for a map with no words.
    public static func of(_ map: JourneyMap) -> Language? {
        var cyrillic = 0
        var latin = 0
        func count(_ s: String) {
            for c in s.unicodeScalars {
                switch c.value {
                case 0x400...0x4FF: cyrillic += 1
                case 0x41...0x5A, 0x61...0x7A: latin += 1
                default: break
                }
            }
        }
        count(map.title)
        for s in map.stages { count(s.name) }
        for l in map.lanes { count(l.title) }
        if cyrillic == latin { return nil }
        return cyrillic > latin ? .ru : .en
    }

    /// The plural form of `n` in this language.
    public func form(_ n: Int) -> Plural {
        let n = abs(n)
        switch self {
        case .en: return n == 1 ? .one : .many
        case .ru:
            if n % 10 == 1 && n % 100 != 11 { return .one }
            if (2...4).contains(n % 10) && !(12...14).contains(n % 100) { return .few }
            return .many
        }
    }

    /// `n` and the noun in the right form: "1 map", "5 maps", "1 карта", "3 карты", "5 карт".
    public func count(_ n: Int, _ noun: Noun) -> String { "\(n) \(word(n, noun))" }

    /// The noun alone, in the form `n` asks for.
    public func word(_ n: Int, _ noun: Noun) -> String {
        let forms = noun.forms(self)
        switch form(n) {
        case .one: return forms[0]
        case .few: return forms[1]
        case .many: return forms[2]
        }
    }

    /// The phrase with `{1}`, `{2}`… replaced by the arguments.
    public func t(_ phrase: Phrase, _ args: Any...) -> String { t(phrase, arguments: args) }

    public func t(_ phrase: Phrase, arguments args: [Any]) -> String {
        let table = self == .ru ? Phrase.russian : Phrase.english
        let template = table[phrase] ?? Phrase.english[phrase] ?? phrase.rawValue
        return Self.fill(template, args.map(Self.text))
    }

    /// An argument as text. Counts and names, nearly every argument, are taken without the
    /// general interpolation of `Any`, which asks the runtime for each protocol it might conform to.
    static func text(_ value: Any) -> String {
        if let s = value as? String { return s }
        if let n = value as? Int { return String(n) }
        return "\(value)"
    }

    /// `template` with each `{n}` replaced by the n-th of `values`, in one pass over its
    /// bytes: a value is never searched again, so one that holds `{1}` stays as it is. The
    /// bottom bar is made of these after every key.
    static func fill(_ template: String, _ values: [String]) -> String {
        guard !values.isEmpty else { return template }
        var template = template
        var out: [UInt8] = []
        out.reserveCapacity(template.utf8.count + values.reduce(0) { $0 + $1.utf8.count })
        template.withUTF8 { t in
            var i = 0
            while i < t.count {
                if t[i] == UInt8(ascii: "{") {
                    var j = i + 1
                    var n = 0
                    while j < t.count, t[j] >= 0x30, t[j] <= 0x39, n < 100 {
                        n = n * 10 + Int(t[j] - 0x30)
                        j += 1
                    }
                    if j > i + 1, j < t.count, t[j] == UInt8(ascii: "}"), n >= 1, n <= values.count {
                        out.append(contentsOf: values[n - 1].utf8)
                        i = j + 1
                        continue
                    }
                }
                out.append(t[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Russian has three plural forms (1 карта, 2 карты, 5 карт); English uses one and many.
public enum Plural: Sendable { case one, few, many }

/// The counted nouns, in each language's forms: one, few, many.
public enum Noun: CaseIterable, Sendable {
    case map, persona, stage, lane, channel, cell, filledCell, scoredStage, shortRow, item, finding, error, warning, match, step,
        conflict,
        change

    func forms(_ language: Language) -> [String] {
        switch (self, language) {
        case (.map, .en): return ["map", "maps", "maps"]
        case (.map, .ru): return ["карта", "карты", "карт"]
        case (.persona, .en): return ["persona", "personas", "personas"]
        case (.persona, .ru): return ["персона", "персоны", "персон"]
        case (.stage, .en): return ["stage", "stages", "stages"]
        case (.stage, .ru): return ["этап", "этапа", "этапов"]
        case (.lane, .en): return ["lane", "lanes", "lanes"]
        case (.lane, .ru): return ["строка", "строки", "строк"]
        case (.channel, .en): return ["channel", "channels", "channels"]
        case (.channel, .ru): return ["канал", "канала", "каналов"]
        case (.cell, .en): return ["cell", "cells", "cells"]
        case (.cell, .ru): return ["ячейка", "ячейки", "ячеек"]
        case (.filledCell, .en): return ["filled cell", "filled cells", "filled cells"]
        case (.filledCell, .ru): return ["заполненная ячейка", "заполненные ячейки", "заполненных ячеек"]
        case (.scoredStage, .en): return ["scored stage", "scored stages", "scored stages"]
        case (.scoredStage, .ru): return ["оценённый этап", "оценённых этапа", "оценённых этапов"]
        case (.shortRow, .en): return ["short row", "short rows", "short rows"]
        case (.shortRow, .ru): return ["короткая строка", "короткие строки", "коротких строк"]
        case (.item, .en): return ["item", "items", "items"]
        case (.item, .ru): return ["пункт", "пункта", "пунктов"]
        case (.finding, .en): return ["finding", "findings", "findings"]
        case (.finding, .ru): return ["замечание", "замечания", "замечаний"]
        case (.error, .en): return ["error", "errors", "errors"]
        case (.error, .ru): return ["ошибка", "ошибки", "ошибок"]
        case (.warning, .en): return ["warning", "warnings", "warnings"]
        case (.warning, .ru): return ["предупреждение", "предупреждения", "предупреждений"]
        case (.match, .en): return ["match", "matches", "matches"]
        case (.match, .ru): return ["совпадение", "совпадения", "совпадений"]
        case (.step, .en): return ["step", "steps", "steps"]
        case (.step, .ru): return ["шаг", "шага", "шагов"]
        case (.conflict, .en): return ["conflict", "conflicts", "conflicts"]
        case (.conflict, .ru): return ["конфликт", "конфликта", "конфликтов"]
        case (.change, .en): return ["change", "changes", "changes"]
        case (.change, .ru): return ["изменение", "изменения", "изменений"]
        }
    }
}

extension String {
    /// The text with every `a` replaced by `b`.
    public func replacingAll(_ a: String, with b: String) -> String {
        guard !a.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: a) {
            out += rest[..<r.lowerBound]
            out += b
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
