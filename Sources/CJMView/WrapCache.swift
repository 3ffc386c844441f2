import CJMCore
import Glibc
import Synchronization

/// Cells' and lane titles' wrapped lines, kept per text, column width, content and number language: a key that
/// moves the cursor changes no text, so nothing is wrapped again, and an edited cell or a
/// new width is wrapped anew because its key is new. Bounded: it starts over past `limit`.
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
        let key = Key(text: text, width: columnWidth, content: content, numbers: numbers)
        if let hit = store.withLock({ $0.lines[key] }) { return hit }
        let lines = GridPainter.cellLines(text, columnWidth: columnWidth, content: content, numbers: numbers)
        store.withLock { s in
            if s.lines.count >= limit { s.lines.removeAll(keepingCapacity: true) }
            s.lines[key] = lines
            s.misses += 1
        }
        return lines
    }

    /// A lane title's lines at `width`, remembered as cells are.
    func titleLines(_ text: String, width: Int) -> [String] {
        let key = Key(text: text, width: width, content: .text, numbers: .en)
        if let hit = store.withLock({ $0.titles[key] }) { return hit }
        let lines = TextLayout.wrap(text, width: width)
        store.withLock { s in
            if s.titles.count >= limit { s.titles.removeAll(keepingCapacity: true) }
            s.titles[key] = lines
            s.misses += 1
        }
        return lines
    }
}
