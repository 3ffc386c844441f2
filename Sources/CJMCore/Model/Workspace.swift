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
    public static let fields: [(key: String, label: String, path: WritableKeyPath<Persona, String> & Sendable)] = [
        ("name", "Name", \.name), ("segment", "Segment", \.segment),
        ("sociodemographic", "Socio-demographic", \.sociodemographic), ("geographic", "Geographic", \.geographic),
        ("behavioural", "Behavioural", \.behavioural), ("psychographic", "Psychographic", \.psychographic),
        ("business", "Business (B2B)", \.business), ("goals", "Goals", \.goals), ("needs", "Needs", \.needs),
        ("pains", "Pains", \.pains), ("quote", "Quote", \.quote), ("notes", "Notes", \.notes),
    ]
}

/// Everything in one file: a persona library, a channel palette and one map per segment.
public struct Workspace: Equatable, Sendable {
    public var channels: [String]
    public var personas: [Persona]
    public var maps: [JourneyMap]

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
        let chars = Array(line)
        guard
            let eq = (0..<max(0, chars.count - 2)).first(where: {
                chars[$0] == " " && chars[$0 + 1] == "=" && chars[$0 + 2] == " "
            })
        else { return Metric(name: line, value: nil, unit: "") }
        let name = String(chars[..<eq])
        let rest = String(chars[(eq + 3)...])
        let parts = rest.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard !name.isEmpty, let number = parts.first, isJSONNumber(number) else {
            return Metric(name: line, value: nil, unit: "")
        }
        let unit = parts.count > 1 ? parts[1] : ""
        if parts.count > 1 && unit.isEmpty { return Metric(name: line, value: nil, unit: "") }  // "x = 1 " is not canonical
        return Metric(name: name, value: number, unit: unit)
    }

    /// Reads what a person typed: `CTR: 3,5 %`, `CTR = 3.5%`, `Conversion 12 %`.
    public static func fromInput(_ input: String) -> Metric {
        let text = input.trimmingCharacters(in: " ")
        var name = text
        var rest = ""
        if let sep = text.firstIndex(where: { $0 == "=" || $0 == ":" }) {
            name = String(text[..<sep]).trimmingCharacters(in: " ")
            rest = String(text[text.index(after: sep)...]).trimmingCharacters(in: " ")
        } else if let space = text.lastIndex(where: { $0 == " " }), text[text.index(after: space)...].first?.isNumber == true {
            name = String(text[..<space]).trimmingCharacters(in: " ")
            rest = String(text[text.index(after: space)...])
        }
        var number = ""
        var i = rest.startIndex
        if i < rest.endIndex, rest[i] == "-" {
            number.append("-")
            i = rest.index(after: i)
        }
        while i < rest.endIndex, rest[i].isASCII, rest[i].isNumber || rest[i] == "." || rest[i] == "," {
            number.append(rest[i] == "," ? "." : rest[i])
            i = rest.index(after: i)
        }
        // Leading zeros and a trailing point are not JSON: normalise them.
        if let d = Double(number), number != "-" {
            var canonical = number
            if canonical.hasSuffix(".") { canonical.removeLast() }
            while canonical.hasPrefix("0") && canonical.count > 1 && !canonical.hasPrefix("0.") { canonical.removeFirst() }
            if canonical.hasPrefix("-0"), canonical.count > 2, !canonical.hasPrefix("-0.") {
                canonical = "-" + String(canonical.dropFirst(2))
            }
            if isJSONNumber(canonical), !name.isEmpty {
                _ = d
                return Metric(name: name, value: canonical, unit: String(rest[i...]).trimmingCharacters(in: " "))
            }
        }
        return Metric(name: text, value: nil, unit: "")
    }

    static func isJSONNumber(_ s: String) -> Bool {
        let b = Array(s.utf8)
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { return false }
        if b[i] == 0x30 {
            i += 1
        } else {
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { return false }
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        }
        return i == b.count
    }
}

extension String {
    /// The text without `set` at either end.
    public func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }

    /// The lines of a structured cell (list, channels, metrics); empty lines do not count.
    public var items: [String] {
        split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}
