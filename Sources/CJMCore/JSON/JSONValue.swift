/// A JSON value that keeps the order of object keys, so that files we write have a stable,
/// readable key order and files we read can be checked field by field.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// Kept as written: cjm's numbers are small integers, and a round trip must not alter them.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public static func int(_ v: Int) -> JSONValue { .number(String(v)) }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number(let n): return "the number \(n)"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

/// A syntax error in JSON text, with the 1-based line and column where it was found.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
}
