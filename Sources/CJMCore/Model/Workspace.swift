/// A persona: the portrait of one audience segment, with the method's segmentation attributes.
public struct Persona: Equatable, Sendable {
    public var id: PersonaID
    public var name: String
    public var segment: String
    /// Sex, age, income, position, family status, education…
    public var sociodemographic: String
    /// Region, climate…
    public var geographic: String
    /// Where and how often they buy, impulse or need, timing…
    public var behavioural: String
    /// Values, motivation, emotions of buying…
    public var psychographic: String
    /// For B2B: industry, supplier, volume, seasonality, revenue, potential.
    public var business: String
    public var goals: String
    public var needs: String
    public var pains: String
    public var quote: String
    public var notes: String

    public init(
        id: PersonaID, name: String, segment: String = "", sociodemographic: String = "", geographic: String = "",
        behavioural: String = "", psychographic: String = "", business: String = "", goals: String = "", needs: String = "",
        pains: String = "", quote: String = "", notes: String = ""
    ) {
        self.id = id
        self.name = name
        self.segment = segment
        self.sociodemographic = sociodemographic
        self.geographic = geographic
        self.behavioural = behavioural
        self.psychographic = psychographic
        self.business = business
        self.goals = goals
        self.needs = needs
        self.pains = pains
        self.quote = quote
        self.notes = notes
    }

    /// The editable fields in screen and file order: (file key, label, key path).
    public static let fields: [(key: String, phrase: Phrase, path: WritableKeyPath<Persona, String> & Sendable)] = [
        ("name", .fieldName, \.name), ("segment", .fieldSegment, \.segment),
        ("sociodemographic", .fieldSociodemographic, \.sociodemographic), ("geographic", .fieldGeographic, \.geographic),
        ("behavioural", .fieldBehavioural, \.behavioural), ("psychographic", .fieldPsychographic, \.psychographic),
        ("business", .fieldBusiness, \.business), ("goals", .fieldGoals, \.goals), ("needs", .fieldNeeds, \.needs),
        ("pains", .fieldPains, \.pains), ("quote", .fieldQuote, \.quote), ("notes", .fieldNotes, \.notes),
    ]

    /// The fields the file holds inside `portrait` (the method's segmentation attributes).
    public static let portrait = 2..<7

    /// A field's label in `language`.
    public static func label(_ field: Int, _ language: Language) -> String { language.t(fields[field].phrase) }
}

/// Everything in one file: a persona library, a channel palette and one map per segment.
public struct Workspace: Equatable, Sendable {
    public var channels: [String]
    public var personas: [Persona]
    public var maps: [JourneyMap]
    /// What a merge could not decide (see `Merge`), in the order it met them; empty but after a merge.
    public var conflicts: [Conflict] = []

    public init(channels: [String] = Workspace.defaultChannels, personas: [Persona] = [], maps: [JourneyMap] = []) {
        self.channels = channels
        self.personas = personas
        self.maps = maps
    }

    /// The channels the method names (000_…), to pick touchpoints from.
    public static let defaultChannels = [
        "Search engines", "Search ads", "Social ads", "Friends' recommendations", "Bloggers", "Social networks",
        "Marketplaces", "Email", "Outdoor ads", "Audio ads", "Print ads", "Call centre", "Website", "Mobile app", "Shop",
    ]
    public static let defaultChannelsRussian = [
        "Поисковые системы", "Реклама на поиске", "Реклама в сетях", "Рекомендации друзей", "Блогеры", "Социальные сети",
        "Маркетплейсы", "Email рассылка", "Наружная реклама", "Аудиореклама", "Реклама в печатных изданиях", "Колл-центр",
        "Сайт", "Мобильное приложение", "Магазин",
    ]

    public func mapIndex(_ id: MapID) -> Int? { maps.firstIndex { $0.id == id } }
    public func personaIndex(_ id: PersonaID) -> Int? { personas.firstIndex { $0.id == id } }
    public func persona(_ id: PersonaID) -> Persona? { personaIndex(id).map { personas[$0] } }

    public func freshMapID(using rng: inout some RandomNumberGenerator) -> MapID {
        .fresh("m-", using: &rng) { mapIndex($0) != nil }
    }

    public func freshPersonaID(using rng: inout some RandomNumberGenerator) -> PersonaID {
        .fresh("p-", using: &rng) { personaIndex($0) != nil }
    }

    /// A workspace holding one map, as single-map files and templates become.
    public init(single map: JourneyMap) {
        self.init(maps: [map])
    }
}

/// One metric line, `name = value unit`, as metrics lanes hold them.
public struct Metric: Equatable, Sendable {
    public var name: String
    /// A JSON number as written (`3.5`), or nil when the line holds no number.
    public var value: String?
    public var unit: String

    public init(name: String, value: String?, unit: String) {
        self.name = name
        self.value = value
        self.unit = unit
    }

    /// The canonical line: `name = value unit`, or the name alone when there is no value.
    public var line: String {
        guard let value else { return name }
        return unit.isEmpty ? "\(name) = \(value)" : "\(name) = \(value) \(unit)"
    }

    /// Reads a canonical line exactly; anything else is a name without a value, so that
    /// every line survives a round trip through the file unchanged.
    public static func parse(_ line: String) -> Metric {
        // On the UTF-8 bytes (the separators are ASCII): reading a map parses every metric, and
        // a walk by Characters cost more than the rest of the reading. A space or `=` followed
        // by a combining mark is part of another character, as the Character walk had it.
        let unread = Metric(name: line, value: nil, unit: "")
        let b = Array(line.utf8)
        var eq: Int?
        var i = 0
        while i + 2 < b.count {
            if b[i] == 0x20, b[i + 1] == 0x3D, b[i + 2] == 0x20, standAlone(b, i, 3) {
                eq = i
                break
            }
            i += 1
        }
        guard let eq, eq > 0 else { return unread }
        let restStart = eq + 3
        var space = restStart
        while space < b.count, !(b[space] == 0x20 && standAlone(b, space, 1)) { space += 1 }
        let number = String(decoding: b[restStart..<space], as: UTF8.self)
        guard isJSONNumber(number) else { return unread }
        let name = String(decoding: b[..<eq], as: UTF8.self)
        guard space < b.count else { return Metric(name: name, value: number, unit: "") }
        let unit = String(decoding: b[(space + 1)...], as: UTF8.self)
        if unit.isEmpty { return unread }  // "x = 1 " is not canonical
        return Metric(name: name, value: number, unit: unit)
    }

    /// Whether the `count` ASCII bytes from `i` are characters of their own: no combining
    /// mark, joiner or spacing mark after them, no prepended mark before. Swift's own grapheme
    /// breaking decides, on a window of one scalar either side (all a break there depends on).
    static func standAlone(_ b: [UInt8], _ i: Int, _ count: Int) -> Bool {
        var start = i
        if start > 0 {
            start -= 1
            while start > 0, b[start] & 0xC0 == 0x80 { start -= 1 }
        }
        var end = i + count
        if end < b.count {
            end += 1
            while end < b.count, b[end] & 0xC0 == 0x80 { end += 1 }
        }
        // Plain letters around them (ASCII, Latin, Cyrillic: no mark, joiner or prepended
        // sign among them): nothing can join.
        func plain(_ from: Int, _ to: Int) -> Bool {
            guard from < to else { return true }
            if to - from == 1 { return b[from] < 0x80 }
            guard to - from == 2 else { return false }
            return Glyph.isPlainNarrow(UInt32(b[from] & 0x1F) << 6 | UInt32(b[from + 1] & 0x3F))
        }
        if plain(start, i), plain(i + count, end) { return true }
        let characters = Array(String(decoding: b[start..<end], as: UTF8.self))
        let before = start < i ? 1 : 0
        let after = end > i + count ? 1 : 0
        guard characters.count == before + count + after else { return false }
        return (0..<count).allSatisfy { characters[before + $0].utf8.elementsEqual([b[i + $0]]) }
    }

    /// Reads what a person typed: `CTR: 3,5 %`, `CTR = 3.5%`, `Регистрации 1 200`,
    /// `Средний чек: 142 600 ₽`, `Отказы: −3 %`. A line whose number cannot be read for sure
    /// stays a name without a value, and the problem says why.
    /// `language` is the map's: it settles whether `1,234` groups thousands or has a decimal comma.
    public static func read(_ input: String, language: Language? = nil) -> (metric: Metric, problem: Numbers.Problem?) {
        let text = input.trimmingCharacters(in: " ")
        let unread = Metric(name: text, value: nil, unit: "")
        let scalars = Array(text.unicodeScalars)
        var name = ""
        var rest = ""
        if let sep = scalars.firstIndex(where: { $0 == "=" || $0 == ":" }) {
            name = String(String.UnicodeScalarView(scalars[..<sep])).trimmingCharacters(in: " ")
            rest = String(String.UnicodeScalarView(scalars[(sep + 1)...]))
        } else if let start = scalars.indices.dropFirst().first(where: { i in
            scalars[i - 1] == " "
                && (Numbers.isDigit(scalars[i]) || Numbers.minusSigns.contains(scalars[i]) || scalars[i] == "+"
                    || Numbers.prefixCurrencies.contains(scalars[i]))
        }) {
            // No separator: the number starts at the first word that looks like one.
            name = String(String.UnicodeScalarView(scalars[..<start])).trimmingCharacters(in: " ")
            rest = String(String.UnicodeScalarView(scalars[start...]))
        } else {
            return (unread, .noNumber)
        }
        guard !name.isEmpty else { return (unread, .noNumber) }
        switch Numbers.read(rest, language: language) {
        case .success(let r): return (Metric(name: name, value: r.value, unit: r.unit), nil)
        case .failure(let problem): return (unread, problem)
        }
    }

    /// What a person typed, read as `read` does, without the problem.
    public static func fromInput(_ input: String) -> Metric { read(input).metric }

    /// The line as a person reads and types it in `language`: `CTR = 2,4 %` on a Russian map.
    /// Reading it back gives the same metric.
    public func display(_ language: Language) -> String {
        guard let value else { return name }
        let number = Numbers.display(value, language)
        return unit.isEmpty ? "\(name) = \(number)" : "\(name) = \(number) \(unit)"
    }

    /// The value and unit alone, in `language`'s way (`142 600 ₽`), or nil without a value.
    public func quantity(_ language: Language) -> String? {
        guard let value else { return nil }
        let number = Numbers.display(value, language)
        return unit.isEmpty ? number : number + " " + unit
    }

    static func isJSONNumber(_ s: String) -> Bool { isJSONNumber(Array(s.utf8)[...]) }

    static func isJSONNumber(_ b: ArraySlice<UInt8>) -> Bool {
        var i = b.startIndex
        if i < b.endIndex, b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.endIndex, b[i] >= 0x30, b[i] <= 0x39 else { return false }
        if b[i] == 0x30 {
            i += 1
        } else {
            while i < b.endIndex, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        if i < b.endIndex, b[i] == UInt8(ascii: ".") {
            i += 1
            guard i < b.endIndex, b[i] >= 0x30, b[i] <= 0x39 else { return false }
            while i < b.endIndex, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        return i == b.endIndex
    }
}

extension String {
    /// The lines of the text joined by `separator` (any line break counts, CRLF as one).
    public func joiningLines(_ separator: String) -> String {
        guard contains(where: { $0.isNewline }) else { return self }
        return split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).joined(separator: separator)
    }

    /// The text on one line for people to read: each line break shown as ↵.
    public var oneLine: String { joiningLines(" ↵ ") }

    /// Whether the text holds a line feed that is a character of its own, as `contains("\n")`
    /// says (a CR LF is one character, not a line feed), read on the bytes.
    public var hasLoneLineFeed: Bool { Self.hasLoneLineFeed(utf8) }

    /// The same, on UTF-8 bytes (the map reader's gathered items).
    static func hasLoneLineFeed<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A, previous != 0x0D { return true }
            previous = byte
        }
        return false
    }

    /// One-line display of text that may hold newlines, each shown as ⏎ (bars, prompts, lists).
    public var replacingNewlines: String {
        // Most texts have none: one look at the bytes, no walk through Characters.
        guard utf8.contains(0x0A) else { return self }
        return String(map { $0 == "\n" ? "⏎" : $0 })
    }

    /// The text without spaces, tabs and carriage returns at either end.
    public var trimmingSpaces: String {
        // On the bytes: walking Characters from the end (grapheme breaking backwards) made
        // this most of reading a theme. A CR LF ending stays, as one Character would.
        let u = utf8
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
        var start = u.startIndex
        var end = u.endIndex
        while start < end, blank(u[start]) { start = u.index(after: start) }
        // A blank that is one Character with what follows (CR LF, a space and a combining
        // mark) is not trimmed: those rare texts go the Character way.
        if start > u.startIndex, start < end, u[start] == 0x0A || u[start] >= 0x80 { return trimmingByCharacters }
        while end > start, blank(u[u.index(before: end)]) { end = u.index(before: end) }
        // Nor a space that a prepending mark before it (U+0600) makes one Character with it.
        if end < u.endIndex, end > start, u[u.index(before: end)] >= 0x80 { return trimmingByCharacters }
        if start == u.startIndex && end == u.endIndex { return self }
        return String(self[start..<end])
    }

    /// The same by Characters (the tests compare the two).
    var trimmingByCharacters: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }

    /// The text without `set` at either end.
    public func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }

    /// The lines of a structured cell (list, channels, metrics); empty lines do not count.
    public var items: [String] {
        // Without a CR (which would join "\r\n" into one Character) the lines are cut on the
        // bytes: the same result, without grapheme breaking.
        var copy = self
        if let lines = copy.withUTF8({ bytes -> [String]? in
            if bytes.contains(0x0D) { return nil }
            return bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
        }) {
            return lines
        }
        return split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Whether the text is its items joined by line breaks (no empty line, none at either end):
    /// what `items.joined(separator: "\n") == self` says, in one pass over the bytes.
    public var isPlainItems: Bool {
        var copy = self
        return copy.withUTF8 { bytes in
            if bytes.contains(0x0D) { return nil }
            guard let first = bytes.first, let last = bytes.last else { return true }
            if first == 0x0A || last == 0x0A { return false }
            for i in bytes.indices.dropFirst() where bytes[i] == 0x0A && bytes[i - 1] == 0x0A { return false }
            return true
        } ?? (items.joined(separator: "\n") == self)
    }
}
