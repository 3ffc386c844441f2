/// A strict JSON parser (RFC 8259) over UTF-8 bytes that reports line and column.
///
/// The map reader (`MapReader`) walks a file with the same methods, so that both read
/// strings, numbers and whitespace alike.
public struct JSONParser {
    /// Valid only inside the `withUnsafeBufferPointer` call that made the parser.
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var pos = 0
    var depth = 0
    private static let maxDepth = 256

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { b throws(JSONSyntaxError) in
            var p = JSONParser(b)
            p.skipWhitespace()
            let value = try p.parseValue()
            p.skipWhitespace()
            if p.pos < b.count { throw p.error("unexpected text after the end of the document") }
            return value
        }
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { pos >= bytes.count }

    /// The next byte, or nil at the end.
    var next: UInt8? { pos < bytes.count ? bytes[pos] : nil }

    /// Skips whitespace, then `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard pos < bytes.count, bytes[pos] == byte else { return false }
        pos += 1
        return true
    }

    /// Skips whitespace, then a field name equal to `name` (without escapes) and its ':'.
    mutating func takeField(_ name: StaticString) -> Bool {
        skipWhitespace()
        let n = name.utf8CodeUnitCount
        guard pos + n + 2 < bytes.count, bytes[pos] == 0x22, bytes[pos + n + 1] == 0x22 else { return false }
        let want = name.utf8Start
        for i in 0..<n where bytes[pos + 1 + i] != want[i] { return false }
        pos += n + 2
        return take(UInt8(ascii: ":"))
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let end = min(offset ?? pos, bytes.count)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < end {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        // Columns count characters, not bytes, so that they match what an editor shows.
        var column = 1
        i = lineStart
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return JSONSyntaxError(message: message, line: line, column: column)
    }

    mutating func skipWhitespace() {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        let spaces: UInt64 = 0x2020_2020_2020_2020
        var i = pos
        while i < count {
            switch base[i] {
            case 0x20:
                // A pretty-printed map is mostly indentation: its spaces are counted eight
                // bytes at a time (the first byte that is not one ends the run).
                guard i + 8 <= count else {
                    i += 1
                    continue
                }
                // Little-endian order: the first byte in memory is the word's lowest.
                var x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) ^ spaces
                while x == 0, i + 16 <= count {
                    i += 8
                    x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) ^ spaces
                }
                i += x == 0 ? 8 : x.trailingZeroBitCount >> 3
            case 0x0A, 0x0D, 0x09: i += 1
            default:
                pos = i
                return
            }
        }
        pos = i
    }

    private func describeHere() -> String {
        guard pos < bytes.count else { return "the end of the file" }
        let b = bytes[pos]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16))"
    }

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard pos < bytes.count else { throw error("expected a value, found the end of the file") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("expected a value, found \(describeHere())")
        }
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        if take(word: word) { return value }
        throw error("expected a value, found \(describeHere())")
    }

    /// Skips `word` (`null`, `true`, `false`) if it is next.
    mutating func take(word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard pos + n <= bytes.count else { return false }
        for i in 0..<n where bytes[pos + i] != word.utf8Start[i] { return false }
        pos += n
        return true
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let range = try scanNumber()
        return .number(String(decoding: bytes[range], as: UTF8.self))
    }

    /// Skips a number, checking its syntax, and gives where its bytes are.
    private mutating func scanNumber() throws(JSONSyntaxError) -> Range<Int> {
        let start = pos
        func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < bytes.count, digit(bytes[pos]) else { throw error("a number needs digits") }
        if bytes[pos] == 0x30 {
            pos += 1
        } else {
            while pos < bytes.count, digit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            guard pos < bytes.count, digit(bytes[pos]) else { throw error("a number needs digits after '.'") }
            while pos < bytes.count, digit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count, digit(bytes[pos]) else { throw error("a number needs digits in its exponent") }
            while pos < bytes.count, digit(bytes[pos]) { pos += 1 }
        }
        return start..<pos
    }

    /// Appends the number next, its syntax checked, to `out` (as `appendString` a string).
    mutating func appendNumber(to out: inout [UInt8]) throws(JSONSyntaxError) {
        let range = try scanNumber()
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw error("nested more than \(JSONParser.maxDepth) levels deep") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        pos += 1
        var members: [(String, JSONValue)] = []
        // Duplicates are looked for along the few fields of most objects; a set only for the
        // large ones (a lane's cells), where hashing every key pays.
        var seen: Set<String>?
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
            pos += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
                throw error("expected a quoted field name, found \(describeHere())")
            }
            let keyStart = pos
            let key = try parseString()
            // Refused, never dropped: a reader keeping either value would lose the other on save.
            let twice: Bool
            if seen == nil, members.count < 16 {
                twice = members.contains { $0.0 == key }
            } else {
                if seen == nil { seen = Set(members.map(\.0)) }
                twice = !seen!.insert(key).inserted
            }
            if twice {
                throw error("the field \"\(key)\" appears twice in one object", at: keyStart)
            }
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
                throw error("expected ':' after the field name \"\(key)\", found \(describeHere())")
            }
            pos += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            guard pos < bytes.count else { throw error("the object is not closed: expected ',' or '}'") }
            if bytes[pos] == UInt8(ascii: ",") {
                pos += 1
                continue
            }
            if bytes[pos] == UInt8(ascii: "}") {
                pos += 1
                return .object(members)
            }
            throw error("expected ',' or '}' in an object, found \(describeHere())")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        pos += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
            pos += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard pos < bytes.count else { throw error("the list is not closed: expected ',' or ']'") }
            if bytes[pos] == UInt8(ascii: ",") {
                pos += 1
                continue
            }
            if bytes[pos] == UInt8(ascii: "]") {
                pos += 1
                return .array(items)
            }
            throw error("expected ',' or ']' in a list, found \(describeHere())")
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard pos + 4 <= bytes.count else { throw error("\\u needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[pos]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("\\u needs four hex digits")
            }
            v = v * 16 + d
            pos += 1
        }
        return v
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        // The map reader calls this without looking first.
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a string") }
        let open = pos
        // Only a string with escapes is copied: the others are made from the bytes where they
        // lie, their UTF-8 checked as the String is made (`MapCodec.string`).
        // Anything unusual (an escape, a control, a malformed sequence) goes the long way,
        // which says what is wrong.
        let end = plainRun(from: pos + 1)
        if end < bytes.count, bytes[end] == UInt8(ascii: "\""),
            let s = MapCodec.string(UnsafeBufferPointer(rebasing: bytes[(open + 1)..<end]))
        {
            pos = end + 1
            return s
        }
        var out: [UInt8] = []
        try appendString(to: &out)
        return try out.withUnsafeBufferPointer { o throws(JSONSyntaxError) in try text(o, at: open) }
    }

    /// Where the first byte from `start` on that ends a string's plain run is (a quote, a
    /// backslash or a control), or the end. Eight bytes at a time: strings are most of a map.
    @inline(__always)
    func plainRun(from start: Int) -> Int {
        var i = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        if let base = bytes.baseAddress {
            while i + 8 <= bytes.count {
                let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // A byte below 0x20, a quote or a backslash (a zero byte after the xor): each
                // test is exact for whether any byte in the word matches.
                let quote = x ^ (ones &* 0x22)
                let slash = x ^ (ones &* 0x5C)
                let low = (x &- ones &* 0x20) & ~x
                let hits = ((quote &- ones) & ~quote) | ((slash &- ones) & ~slash) | low
                if hits & highs != 0 { break }
                i += 8
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { return i }
            i += 1
        }
        return i
    }

    /// Appends the string's bytes, its escapes decoded, to `out`, without checking they
    /// are UTF-8: the caller checks what it gathered.
    mutating func appendString(to out: inout [UInt8]) throws(JSONSyntaxError) {
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a string") }
        let open = pos
        pos += 1
        var runStart = pos
        while true {
            pos = plainRun(from: pos)
            guard pos < bytes.count else { throw error("the string is not closed", at: open) }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<pos]))
                pos += 1
                return
            }
            if b < 0x20 { throw error("a raw control character inside a string (write it as an escape such as \\n)") }
            if b == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<pos]))
                pos += 1
                guard pos < bytes.count else { throw error("the string is not closed", at: open) }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var v = try parseHex4()
                    if v >= 0xD800 && v < 0xDC00 {
                        guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u")
                        else { throw error("a lone surrogate escape") }
                        pos += 2
                        let low = try parseHex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw error("a lone surrogate escape") }
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    } else if v >= 0xDC00 && v < 0xE000 {
                        throw error("a lone surrogate escape")
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(v)!).utf8))
                default:
                    throw error("an unknown escape '\\\(Character(Unicode.Scalar(e)))'", at: pos - 2)
                }
                runStart = pos
                continue
            }
        }
    }

    /// The string's UTF-8 checked as it is copied, so that a reader which skipped the
    /// whole-file check (the map reader) still never takes a malformed string.
    private func text(_ utf8: UnsafeBufferPointer<UInt8>, at open: Int) throws(JSONSyntaxError) -> String {
        if MapCodec.firstInvalidUTF8(utf8) != nil { throw error("a string that is not UTF-8", at: open) }
        return String(decoding: utf8, as: UTF8.self)
    }
}
