/// Writes JSON as it goes, in exactly `JSONWriter`'s layout (two-space indents, `{}` and `[]`
/// when empty, a final newline), without building a `JSONValue` first: a large map is written
/// in one pass and never held twice.
struct JSONStream {
    private(set) var out: [UInt8] = []
    /// For each open object or list: whether nothing was written in it yet.
    private var empty: [Bool] = []
    /// Takes the bytes written so far, when they are to be passed on in pieces.
    private let spill: ((ArraySlice<UInt8>) -> Void)?
    static let piece = 1 << 16

    init(capacity: Int) {
        out.reserveCapacity(capacity)
        spill = nil
    }

    /// Passes the bytes on to `spill` about `piece` bytes at a time, so that a large file is
    /// never held whole.
    init(spill: @escaping (ArraySlice<UInt8>) -> Void) {
        out.reserveCapacity(Self.piece + Self.piece / 4)
        self.spill = spill
    }

    /// The bytes, with the final newline (when spilling: the last piece, and nothing back).
    mutating func finish() -> [UInt8] {
        out.append(0x0A)
        if let spill {
            spill(out[...])
            return []
        }
        return out
    }

    private mutating func newline(_ indent: Int) {
        out.append(0x0A)
        for _ in 0..<indent { out.append(0x20) }
    }

    /// Before a member or an item: the comma after the one before, and its own line.
    private mutating func next() {
        if let spill, out.count >= Self.piece {
            spill(out[...])
            out.removeAll(keepingCapacity: true)
        }
        guard !empty.isEmpty else { return }
        if empty[empty.count - 1] {
            empty[empty.count - 1] = false
        } else {
            out.append(UInt8(ascii: ","))
        }
        newline(empty.count * 2)
    }

    private mutating func close(_ bracket: UInt8) {
        if !empty.removeLast() { newline(empty.count * 2) }
        out.append(bracket)
    }

    /// Opens an object as the next item (or the top value).
    mutating func object() {
        next()
        openObject()
    }

    /// Opens an object as the value of `key`.
    mutating func object(_ key: String) {
        self.key(key)
        openObject()
    }

    private mutating func openObject() {
        out.append(UInt8(ascii: "{"))
        empty.append(true)
    }

    mutating func endObject() { close(UInt8(ascii: "}")) }

    mutating func array(_ key: String) {
        self.key(key)
        out.append(UInt8(ascii: "["))
        empty.append(true)
    }

    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func key(_ k: String) {
        next()
        JSONWriter.writeString(k, into: &out)
        out.append(contentsOf: ": ".utf8)
    }

    mutating func string(_ key: String, _ value: String) {
        self.key(key)
        JSONWriter.writeString(value, into: &out)
    }

    mutating func number(_ key: String, _ value: String) {
        self.key(key)
        out.append(contentsOf: value.utf8)
    }

    mutating func null(_ key: String) {
        self.key(key)
        out.append(contentsOf: "null".utf8)
    }

    /// A string as the next item of a list.
    mutating func string(_ value: String) {
        next()
        JSONWriter.writeString(value, into: &out)
    }

    /// A whole value already built (a conflict, rare and small) as the value of `key`.
    mutating func value(_ key: String, _ v: JSONValue, writer: (JSONValue, Int, inout [UInt8]) -> Void) {
        self.key(key)
        writer(v, empty.count * 2, &out)
    }
}
