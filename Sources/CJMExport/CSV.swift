import CJMCore

/// RFC 4180 CSV, UTF-8 with a byte-order mark (so Excel reads Cyrillic), CRLF line ends.
public enum CSV {
    /// A field made safe against formula injection: text that a spreadsheet could run gets a
    /// leading apostrophe (and so does text that already starts with one, so that import can
    /// strip exactly one). Plain numbers such as -1 stay numbers.
    public static func neutralise(_ field: String) -> String {
        guard !field.isEmpty, !isNumber(field) else { return field }
        // Scalars, not characters: an apostrophe and a combining mark after it are one character.
        return field.unicodeScalars.first == "'" || mayRun(field) ? "'" + field : field
    }

    /// Whether a spreadsheet could take the field as a formula: its first character, past
    /// spaces, line breaks and combining marks (which hide `=` from a plain look at the
    /// first character), is `=`, `+`, `-`, `@`, a tab or a carriage return.
    static func mayRun(_ field: String) -> Bool {
        for scalar in field.unicodeScalars {
            switch scalar {
            case "=", "+", "-", "@", "\t", "\r": return true
            case " ", "\n", "\u{0B}", "\u{0C}", "\u{85}": continue
            default:
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark, .format, .spaceSeparator, .lineSeparator,
                    .paragraphSeparator:
                    continue
                default: return false
                }
            }
        }
        return false
    }

    public static func restore(_ field: String) -> String {
        guard field.unicodeScalars.first == "'" else { return field }
        return String(String.UnicodeScalarView(field.unicodeScalars.dropFirst()))
    }

    static func isNumber(_ s: String) -> Bool {
        var t = Substring(s)
        if t.first == "-" { t = t.dropFirst() }
        guard !t.isEmpty else { return false }
        var dot = false
        for c in t {
            if c == "." {
                if dot { return false }
                dot = true
            } else if !c.isASCII || !c.isNumber {
                return false
            }
        }
        return t.last != "."
    }

    static func quote(_ field: String) -> String {
        let needs = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needs else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }

    public static func write(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.map { quote(neutralise($0)) }.joined(separator: ",") + "\r\n" }.joined()
    }

    public struct ParseError: SaidError, Equatable, CustomStringConvertible, Sendable {
        public var row: Int
        public var column: Int
        public var phrase: Phrase
        public var line: Int = 0
        public var message: String { message(.en) }
        public func message(_ t: Language) -> String { t.t(phrase, line) }
        public var description: String { description(.en) }
        public func description(_ t: Language) -> String { t.t(.csvPlace, row, column, message(t)) }
    }

    /// The separator a sheet uses: a comma, or the semicolon Excel writes in a Russian locale,
    /// or a tab; whichever occurs most often outside quotes in the first row (a comma on a tie).
    public static func separator(of text: String) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var inQuotes = false
        for c in text.unicodeScalars {
            if c == "\"" { inQuotes.toggle() }
            if inQuotes { continue }
            if c == "\n" || c == "\r" { break }
            if counts[c] != nil { counts[c]! += 1 }
        }
        let best = [";", "\t"].filter { counts[$0]! > counts[","]! }.max { counts[$0]! < counts[$1]! }
        return best ?? ","
    }

    /// Reads CSV: quoted fields with doubled quotes and line breaks inside, CRLF or LF, an
    /// optional byte-order mark. Fields come back as written (neutralisation is undone by the
    /// importer, which knows which cells are text).
    public static func parse(_ text: String, separator: Unicode.Scalar = ",") throws(ParseError) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        var inQuotes = false
        var quotedField = false
        var line = 1
        var fieldStartLine = 1
        func endField() {
            row.append(field)
            field = ""
            quotedField = false
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 2
                        continue
                    }
                    inQuotes = false
                    i += 1
                    if i < chars.count, chars[i] != separator, chars[i] != "\n", chars[i] != "\r" {
                        throw ParseError(row: rows.count + 1, column: row.count + 1, phrase: .csvTextAfterQuote)
                    }
                    continue
                }
                if c == "\n" { line += 1 }
                field.unicodeScalars.append(c)
                i += 1
                continue
            }
            switch c {
            case "\"":
                if field.isEmpty && !quotedField {
                    inQuotes = true
                    quotedField = true
                    fieldStartLine = line
                } else {
                    throw ParseError(row: rows.count + 1, column: row.count + 1, phrase: .csvQuoteInField)
                }
            case separator: endField()
            case "\r", "\n":
                if c == "\r", i + 1 < chars.count, chars[i + 1] == "\n" { i += 1 }
                endField()
                rows.append(row)
                row = []
                line += 1
            default: field.unicodeScalars.append(c)
            }
            i += 1
        }
        if inQuotes {
            throw ParseError(
                row: rows.count + 1, column: row.count + 1, phrase: .csvUnclosedQuote, line: fieldStartLine)
        }
        if !field.isEmpty || !row.isEmpty || quotedField {
            endField()
            rows.append(row)
        }
        return rows
    }
}
