/// Reads numbers as people write them in Russian and English (`142 600 ₽`, `2,4 %`, `−3`,
/// `+45`, `1,234.5`, `1e5`) into the canonical JSON form the file stores (`142600`, `2.4`,
/// `-3`, `45`, `1234.5`, `100000`), and writes them back in a language's own way. One reader
/// serves the editor's metrics, CSV import and emotion rows, so a number means the same
/// wherever it is typed.
public enum Numbers {
    /// Why a text is not read as a number; the interface words it.
    public enum Problem: Error, Equatable, Sendable {
        /// No digits where the number should be.
        case noNumber
        /// `1,234`: a thousands group or a decimal comma? Both are common; cjm will not guess.
        case ambiguousComma(String)
        /// Another number follows the first (`3 4`, `1 23`, `5 из 10`): which one is meant?
        case digitsAfter(String)
        /// An exponent too large to write out (`1e400`).
        case tooLarge(String)

        /// The problem in `language`'s words.
        public func message(_ language: Language) -> String {
            switch self {
            case .noNumber: return language.t(.numberNone)
            case .ambiguousComma(let s):
                // Offer both readings, each written so that it cannot be misread.
                let parts = s.split(separator: ",", maxSplits: 1).map(String.init)
                let negative = s.unicodeScalars.first.map { Numbers.minusSigns.contains($0) } ?? false
                let whole = parts[0].filter(\.isNumber)
                let thousands = canonical(negative: negative, int: whole + parts[1], fraction: "", exponent: 0)
                let decimal = canonical(negative: negative, int: whole, fraction: parts[1], exponent: 0)
                return language.t(
                    .numberComma, s, Numbers.display(thousands, language), Numbers.display(decimal, language))
            case .digitsAfter(let s): return language.t(.numberDigitsAfter, s)
            case .tooLarge(let s): return language.t(.numberTooLarge, s)
            }
        }
    }

    /// A number read from the start of a text, and what follows it (the unit), trimmed.
    public struct Reading: Equatable, Sendable {
        /// The canonical JSON number: no grouping, a point, no exponent, no leading zeros.
        public var value: String
        public var unit: String
    }

    /// The spaces people group digits with: space, no-break space, thin space, narrow no-break space.
    static let groupSpaces: Set<Unicode.Scalar> = [" ", "\u{A0}", "\u{2009}", "\u{202F}"]
    /// Signs written before a number: hyphen-minus, the typographic minus U+2212, plus.
    static let minusSigns: Set<Unicode.Scalar> = ["-", "\u{2212}"]
    /// Currency signs that may stand before the number (`$120`); they become the unit.
    static let prefixCurrencies: Set<Unicode.Scalar> = ["$", "€", "£", "₽", "¥"]

    /// Reads a whole value: a number, then optionally a unit that holds no digits (`%`, `₽`,
    /// `мин`, `в мес.`). Anything else is a problem, never a silent split.
    /// `language` settles `1,234`: a thousands group in English, a decimal comma in Russian;
    /// without one it is a problem, never a guess.
    public static func read(_ text: String, language: Language? = nil) -> Result<Reading, Problem> {
        var s = Array(text.unicodeScalars)
        trim(&s)
        var prefixUnit = ""
        if let c = s.first, prefixCurrencies.contains(c) {
            prefixUnit = String(c)
            s.removeFirst()
            trim(&s)
        }
        var i = 0
        var negative = false
        if i < s.count, minusSigns.contains(s[i]) {
            negative = true
            i += 1
        } else if i < s.count, s[i] == "+" {
            i += 1
        }
        guard i < s.count, isDigit(s[i]) else { return .failure(.noNumber) }
        // The integer part: plain digits, or groups of three after a space-like separator
        // (`1 234 567`), or after commas when two or more groups or a decimal point follow
        // (`1,234,567`, `1,234.5`: the English way, which cannot be a decimal comma).
        let intStart = i
        var intDigits = ""
        while i < s.count, isDigit(s[i]) {
            intDigits.unicodeScalars.append(s[i])
            i += 1
        }
        if intDigits.count <= 3 {
            while i + 3 < s.count, groupSpaces.contains(s[i]), (1...3).allSatisfy({ isDigit(s[i + $0]) }),
                i + 4 == s.count || !isDigit(s[i + 4])
            {
                intDigits += String(String.UnicodeScalarView(s[(i + 1)...(i + 3)]))
                i += 4
            }
        }
        var fraction = ""
        // (A leading zero is never a thousands group: `0,125` is a fraction.)
        if i == intStart + intDigits.count, intDigits.count <= 3, !intDigits.hasPrefix("0") {
            // Comma groups: only when unambiguous.
            var j = i
            var groups = 0
            while j + 3 < s.count, s[j] == ",", (1...3).allSatisfy({ isDigit(s[j + $0]) }), j + 4 == s.count || !isDigit(s[j + 4])
            {
                groups += 1
                j += 4
            }
            let pointFollows = j + 1 < s.count && s[j] == "." && isDigit(s[j + 1])
            if groups >= 2 || (groups == 1 && (pointFollows || language == .en)) {
                intDigits += String(String.UnicodeScalarView(s[i..<j].filter { $0 != "," }))
                i = j
            } else if groups == 1 && language == nil {
                return .failure(.ambiguousComma(String(String.UnicodeScalarView(s[intStart..<j]))))
            }
        }
        if i + 1 < s.count, s[i] == "." || s[i] == ",", isDigit(s[i + 1]) {
            i += 1
            while i < s.count, isDigit(s[i]) {
                fraction.unicodeScalars.append(s[i])
                i += 1
            }
        }
        // An exponent only when nothing but a unit-free end or a space follows (`1e5`), so
        // that `5e` or `3em` stay units.
        var exponent = 0
        if i + 1 < s.count, s[i] == "e" || s[i] == "E" {
            var j = i + 1
            var expNegative = false
            if minusSigns.contains(s[j]) || s[j] == "+" {
                expNegative = minusSigns.contains(s[j])
                j += 1
            }
            var digits = ""
            while j < s.count, isDigit(s[j]) {
                digits.unicodeScalars.append(s[j])
                j += 1
            }
            if !digits.isEmpty, j == s.count || !isLetter(s[j]) {
                guard digits.count <= 3, let e = Int(digits), e <= 100 else {
                    return .failure(.tooLarge(String(String.UnicodeScalarView(s[..<j]))))
                }
                exponent = expNegative ? -e : e
                i = j
            }
        }
        var rest = Array(s[i...])
        trim(&rest)
        if rest.contains(where: isDigit) {
            return .failure(.digitsAfter(String(String.UnicodeScalarView(rest))))
        }
        var unit = String(String.UnicodeScalarView(rest))
        if !prefixUnit.isEmpty { unit = unit.isEmpty ? prefixUnit : prefixUnit + " " + unit }
        return .success(
            Reading(value: canonical(negative: negative, int: intDigits, fraction: fraction, exponent: exponent), unit: unit))
    }

    /// Reads a whole text as a bare number (an emotion score, a CSV cell): no unit allowed.
    public static func number(_ text: String, language: Language? = nil) -> String? {
        guard case .success(let r) = read(text, language: language), r.unit.isEmpty else { return nil }
        return r.value
    }

    /// An integer written any of the accepted ways (`−1`, `+2`), or nil.
    public static func integer(_ text: String) -> Int? {
        guard let v = number(text), !v.contains(".") else { return nil }
        return Int(v)
    }

    /// Digits with the point moved by `exponent` places, without leading or trailing zeros.
    static func canonical(negative: Bool, int: String, fraction: String, exponent: Int) -> String {
        var digits = Array(int + fraction)
        var point = int.count + exponent
        if point < 0 {
            digits.insert(contentsOf: Array(repeating: "0", count: -point), at: 0)
            point = 0
        }
        if point > digits.count { digits += Array(repeating: "0", count: point - digits.count) }
        var whole = String(digits[..<point])
        var frac = String(digits[point...])
        while whole.hasPrefix("0") { whole.removeFirst() }
        while frac.hasSuffix("0") { frac.removeLast() }
        if whole.isEmpty { whole = "0" }
        let body = frac.isEmpty ? whole : whole + "." + frac
        return negative && body != "0" ? "-" + body : body
    }

    /// A canonical number written the way `language` writes it: Russian groups thousands with
    /// a no-break space, uses a decimal comma and the minus sign U+2212; English keeps the
    /// point and groups with commas only from five digits (so years and codes stay plain).
    public static func display(_ value: String, _ language: Language) -> String {
        var s = Substring(value)
        let negative = s.hasPrefix("-")
        if negative { s = s.dropFirst() }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(parts[0])
        guard whole.allSatisfy(\.isASCII) else { return value }
        let sep: Character = language == .ru ? "\u{A0}" : ","
        var grouped = ""
        if whole.count >= 5 {
            for (k, d) in whole.enumerated() {
                if k > 0, (whole.count - k) % 3 == 0 { grouped.append(sep) }
                grouped.append(d)
            }
        } else {
            grouped = String(whole)
        }
        if parts.count > 1 { grouped += (language == .ru ? "," : ".") + parts[1] }
        return negative ? (language == .ru ? "\u{2212}" : "-") + grouped : grouped
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    static func isLetter(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }
    static func trim(_ s: inout [Unicode.Scalar]) {
        while let c = s.first, groupSpaces.contains(c) || c == "\t" { s.removeFirst() }
        while let c = s.last, groupSpaces.contains(c) || c == "\t" { s.removeLast() }
    }
}
