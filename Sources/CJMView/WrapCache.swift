import CJMCore
import Glibc
import Synchronization

/// Cells' and lane titles' wrapped lines, kept per text, column width, content and number
/// language: a key that moves the cursor changes no text, so nothing is wrapped again, and an
/// edited cell or a new width is wrapped anew because its key is new. Bounded: each table
/// starts over past `limit`.
public final class WrapCache: Sendable {
    /// Texts compare and hash by their bytes: String's own hashing normalises Unicode first,
    /// which costs more than the wrapping it saves for Cyrillic text.
    struct Key: Hashable {
        var text: String
        var width: Int
        var content: LaneContent
        var numbers: Language

        static func == (a: Key, b: Key) -> Bool {
            guard a.width == b.width, a.content == b.content, a.numbers == b.numbers else { return false }
            var (x, y) = (a.text, b.text)
            return x.withUTF8 { p in
                y.withUTF8 { q in p.count == q.count && (p.isEmpty || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
            }
        }

        func hash(into h: inout Hasher) {
            h.combine(width)
            h.combine(content)
            h.combine(numbers)
            var text = text
            text.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    struct Store {
        var lines: [Key: [(String, Int)]] = [:]
        var titles: [Key: [String]] = [:]
        var misses = 0
    }

    private let store = Mutex(Store())
    let limit: Int

    public init(limit: Int = 20_000) { self.limit = limit }

    /// How many times a cell or a lane title had to be wrapped: what the tests count.
    public var misses: Int { store.withLock { $0.misses } }

    /// `GridPainter.cellLines`, remembered.
    func lines(_ text: String, columnWidth: Int, content: LaneContent, numbers: Language) -> [(String, Int)] {
        remembered(Key(text: text, width: columnWidth, content: content, numbers: numbers), \.lines) {
            GridPainter.cellLines(text, columnWidth: columnWidth, content: content, numbers: numbers)
        }
    }

    /// A lane title's lines at `width`, remembered as cells are.
    func titleLines(_ text: String, width: Int) -> [String] {
        remembered(Key(text: text, width: width, content: .text, numbers: .en), \.titles) {
            TextLayout.wrap(text, width: width)
        }
    }

    /// The value kept in `table` for `key`, else `make`'s, kept (the table starts over past `limit`).
    private func remembered<Value: Sendable>(
        _ key: Key, _ table: WritableKeyPath<Store, [Key: Value]>, _ make: () -> Value
    ) -> Value {
        if let hit = store.withLock({ $0[keyPath: table][key] }) { return hit }
        let value = make()
        store.withLock { s in
            if s[keyPath: table].count >= limit { s[keyPath: table].removeAll(keepingCapacity: true) }
            s[keyPath: table][key] = value
            s.misses += 1
        }
        return value
    }
}
