/// Reads a map file in one pass from its bytes to the workspace, without the whole-file
/// `JSONValue` tree, for a file laid out as cjm writes it: the current version, every field
/// present and in cjm's order, cells in stage order.
///
/// Anything else (another order, an older version, any error at all) gives nil, and
/// `MapCodec.decode` reads the file the slow way, which names the problem. So this reader
/// may refuse more than the slow one, never less: it parses with the same `JSONParser`
/// methods, checks the UTF-8 of every string (a cell's when its lane's cells are made), and
/// hands the small values (the channels, a persona, a stage, a conflict, a lane's and a map's
/// other fields) to the very functions the slow path uses. What it checks itself is written out below: the order of
/// the fields, the ids' uniqueness, the cells' stage ids, and the items of list and metric
/// cells (by the rules of `MapCodec.cellText`, which `MapReaderTests` hold it to).
///
/// It reads either bytes held whole or a file read a piece at a time into a `Window`, which
/// slides along between values, so that opening a large map never holds its whole text.
struct MapReader {
    private struct Refused: Error {}
    private var p: JSONParser
    private let window: Window?
    /// Makes the lanes' cells from their bytes, now or on another core; they are taken
    /// when the whole file is read.
    private let make: any CellMaker
    /// Room for the next lane's bytes: the last lane's and a quarter, so that the buffer is
    /// rarely copied as it grows.
    private var laneBytes = 0

    static func read(_ bytes: [UInt8]) -> Workspace? {
        bytes.withUnsafeBufferPointer { b in
            var r = MapReader(p: JSONParser(b), window: nil, make: CellsNow())
            return try? r.workspace()
        }
    }

    /// Reads from `read` (which fills a buffer and says how much, 0 at the end), holding
    /// at most `window` bytes at a time. A value of up to half the window always fits; a
    /// longer one may be refused (and the file is then read the slow way).
    static func read(window size: Int, make: any CellMaker, _ read: (UnsafeMutableRawBufferPointer) -> Int)
        -> Workspace?
    {
        withoutActuallyEscaping(read) { read in
            let window = Window(size: size, read: read)
            var r = MapReader(p: window.slide(from: 0), window: window, make: make)
            return try? r.workspace()
        }
    }

    /// Between two values: slides the window on when less than half of it is left unread.
    private mutating func keepAhead() {
        guard let window, !window.exhausted, window.filled - p.pos < window.size / 2 else { return }
        p = window.slide(from: p.pos)
    }

    /// A scalar, not a Character: `Character.asciiValue` cost a tenth of reading a map.
    private mutating func expect(_ byte: Unicode.Scalar) throws {
        guard p.take(UInt8(ascii: byte)) else { throw Refused() }
    }

    /// The next field, which must be `name`; all but an object's first follow a comma.
    private mutating func field(_ name: StaticString, first: Bool = false) throws {
        keepAhead()
        guard first || p.take(UInt8(ascii: ",")), p.takeField(name) else { throw Refused() }
    }

    /// The next value as a small tree, nested `depth` levels in, as the slow parser counts.
    private mutating func value(depth: Int) throws -> JSONValue {
        p.skipWhitespace()
        p.depth = depth
        return try p.parseValue()
    }

    /// A list of small values, read item by item (the window may slide between them), nested
    /// `depth` levels in.
    private mutating func values(depth: Int) throws -> [JSONValue] {
        var items: [JSONValue] = []
        try list { r in items.append(try r.value(depth: depth + 1)) }
        return items
    }

    /// The members of a list, each read by `item`.
    private mutating func list(_ item: (inout MapReader) throws -> Void) throws {
        try expect("[")
        if p.take(UInt8(ascii: "]")) { return }
        repeat {
            keepAhead()
            try item(&self)
        } while p.take(UInt8(ascii: ","))
        try expect("]")
    }

    private mutating func workspace() throws -> Workspace {
        try expect("{")
        try field("format", first: true)
        guard try value(depth: 1) == .string(MapCodec.formatName) else { throw Refused() }
        try field("version")
        guard try value(depth: 1) == .int(MapCodec.currentVersion) else { throw Refused() }
        try field("channels")
        var ws = Workspace(channels: try MapCodec.decodeChannels(try values(depth: 1)))
        try field("personas")
        ws.personas = try MapCodec.decodePersonas(try values(depth: 1))
        let personaIDs = Set(ws.personas.map(\.id))
        try field("maps")
        var mapIDs: Set<MapID> = []
        try list { r in
            let map = try r.map(personas: personaIDs)
            guard mapIDs.insert(map.id).inserted else { throw Refused() }
            ws.maps.append(map)
        }
        guard !ws.maps.isEmpty else { throw Refused() }
        if p.take(UInt8(ascii: ",")) {
            guard p.takeField("conflicts") else { throw Refused() }
            ws.conflicts = try MapCodec.decodeConflicts(try values(depth: 1))
        }
        try expect("}")
        // Nothing but whitespace to the end of the file, not only of the window: read on to it,
        // so that trailing text is refused and every byte is fingerprinted.
        while true {
            p.skipWhitespace()
            guard p.atEnd else { throw Refused() }
            guard let window, !window.exhausted else { break }
            p = window.slide(from: p.pos)
        }
        // Every lane's cells, in the order of the maps and their lanes.
        var next = make.lanes().makeIterator()
        for m in ws.maps.indices {
            for l in ws.maps[m].lanes.indices {
                guard let cells = next.next() ?? nil else { throw Refused() }
                ws.maps[m].lanes[l].cells = cells
            }
        }
        return ws
    }

    private mutating func map(personas: Set<PersonaID>) throws -> JourneyMap {
        try expect("{")
        var head: [(String, JSONValue)] = []
        for (i, name) in MapCodec.mapHeadFields.enumerated() {
            try field(name, first: i == 0)
            // Lists item by item, so that the window need only hold one stage at a time.
            let isList = i >= 4
            head.append((name.description, isList ? .array(try values(depth: 3)) : try value(depth: 3)))
        }
        var (map, _) = try MapCodec.decodeMapHead(
            Fields(head, path: ""), allowed: MapCodec.mapHeadNames, personas: personas)
        var stageIndex: [StageID: Int] = [:]
        stageIndex.reserveCapacity(map.stages.count)
        for (i, s) in map.stages.enumerated() { stageIndex[s.id] = i }
        try field("lanes")
        var laneIDs: Set<LaneID> = []
        try list { r in
            let lane = try r.lane(stages: map.stages, index: stageIndex)
            guard laneIDs.insert(lane.id).inserted else { throw Refused() }
            map.lanes.append(lane)
        }
        try expect("}")
        return map
    }

    /// A lane without its cells, which are handed to `make` as they are read, a part of at
    /// most about `CellBytes.partSize` bytes at a time.
    private mutating func lane(stages: [Stage], index: [StageID: Int]) throws -> Lane {
        try expect("{")
        var head: [(String, JSONValue)] = []
        for (i, name): (Int, StaticString) in ["id", "title", "kind", "content"].enumerated() {
            try field(name, first: i == 0)
            head.append((name.description, try value(depth: 5)))
        }
        let lane = try MapCodec.decodeLaneHead(Fields(head, path: ""))
        try field("cells")
        try expect("{")
        var cells = CellBytes(first: true, stageCount: stages.count)
        if !p.take(UInt8(ascii: "}")) {
            cells.reserve(stages.count, bytes: min(laneBytes, CellBytes.partSize + CellBytes.partSize / 4))
            // Cells in stage order, as cjm writes them: a repeated or unknown id is refused here.
            var last = -1
            repeat {
                keepAhead()
                p.skipWhitespace()
                let id = StageID(try p.parseString())
                // Most often the next stage, or one a few empty cells on: no hashing then.
                var at = last + 1
                while at < stages.count, stages[at].id != id, at < last + 8 { at += 1 }
                if at == stages.count || stages[at].id != id {
                    guard let i = index[id], i > last else { throw Refused() }
                    at = i
                }
                last = at
                guard p.take(UInt8(ascii: ":")) else { throw Refused() }
                p.skipWhitespace()
                if p.next == UInt8(ascii: "\"") {
                    try p.appendString(to: &cells.bytes)
                } else if p.next == UInt8(ascii: "["), lane.content == .list || lane.content == .channels {
                    try items(into: &cells.bytes)
                } else if p.next == UInt8(ascii: "["), lane.content == .metrics {
                    try metrics(into: &cells.bytes)
                } else {
                    cells.bytes += try MapCodec.cellText(try value(depth: 6), lane.content, at: "").utf8
                }
                cells.end(id)
                if cells.bytes.count >= CellBytes.partSize {
                    laneBytes = cells.bytes.count + cells.bytes.count / 4
                    make.add(cells)
                    cells = CellBytes(first: false, stageCount: stages.count)
                    cells.reserve(stages.count - last - 1, bytes: laneBytes)
                }
            } while p.take(UInt8(ascii: ","))
            try expect("}")
        }
        try expect("}")
        // A lane's first part is handed on even when empty; a last part only with cells.
        if cells.first { laneBytes = cells.bytes.count + cells.bytes.count / 4 }
        if cells.first || !cells.ids.isEmpty { make.add(cells) }
        return lane
    }

    /// A list or channels cell, its items one to a line, as `MapCodec.cellText` takes them,
    /// appended to `out`. Its bytes are checked as UTF-8 with the rest of the cell's (in
    /// `CellBytes.add(to:)`): a line feed between items cannot make bytes that are not UTF-8
    /// into bytes that are.
    private mutating func items(into out: inout [UInt8]) throws {
        let cell = out.count
        try list { r in
            r.p.skipWhitespace()
            if out.count > cell { out.append(0x0A) }
            let start = out.count
            try r.p.appendString(to: &out)
            // `MapCodec.isItem`: not empty, and no line feed but in CR LF.
            guard out.count > start, !String.hasLoneLineFeed(out[start...]) else { throw Refused() }
        }
    }

    /// Bytes gathered from strings, as a String when they are UTF-8.
    private static func text(_ bytes: [UInt8]) throws -> String {
        guard let s = MapCodec.string(bytes) else { throw Refused() }
        return s
    }

    /// A metrics cell, each metric `{ "name", "value", "unit" }` as cjm writes it, checked
    /// as `MapCodec.cellText` checks it. Each line is gathered as bytes: when its parts show
    /// that it reads back (`MapCodec.readsBack`, decided here on the bytes), no String is made
    /// for the metric at all, and the cell's bytes are checked as UTF-8 once, with the lane's.
    private mutating func metrics(into out: inout [UInt8]) throws {
        let cell = out.count
        try list { r in
            if out.count > cell { out.append(0x0A) }
            try r.metric(into: &out)
        }
    }

    /// One metric's line, appended to `out`.
    private mutating func metric(into out: inout [UInt8]) throws {
        try expect("{")
        try field("name", first: true)
        p.skipWhitespace()
        let start = out.count
        try p.appendString(to: &out)
        let nameEnd = out.count
        try field("value")
        p.skipWhitespace()
        var hasValue = false
        if !p.take(word: "null") {
            guard let b = p.next, b == UInt8(ascii: "-") || (b >= 0x30 && b <= 0x39) else { throw Refused() }
            out.append(contentsOf: [0x20, 0x3D, 0x20])
            try p.appendNumber(to: &out)
            hasValue = true
        }
        let valueEnd = out.count
        try field("unit")
        p.skipWhitespace()
        out.append(0x20)
        try p.appendString(to: &out)
        try expect("}")
        let unit = (valueEnd + 1)..<out.count
        let name = start..<nameEnd
        let value = hasValue ? (nameEnd + 3)..<valueEnd : nil
        if MapCodec.readsBack(out, name: name, value: value, unit: unit) {
            if unit.isEmpty { out.removeLast() }  // the space before a unit
            return
        }
        // Anything less usual is made into a metric and checked as the slow path does.
        func text(_ r: Range<Int>) throws -> String { try Self.text(Array(out[r])) }
        let metric = Metric(name: try text(name), value: try value.map(text), unit: try text(unit))
        guard let line = MapCodec.oneLine(metric) else { throw Refused() }
        out.removeSubrange(start...)
        out.append(contentsOf: line.utf8)
    }
}

/// A lane's cells as the map reader found them, or a part of them (a long lane comes in
/// parts, so that what waits to be made stays small): their stage ids, and the bytes of their
/// texts one after another (escapes decoded, items and metrics made into lines), not yet
/// checked as UTF-8 nor made into Strings. Making them is a third of reading a map, and the
/// storage module has it done on another core while the reading goes on.
public struct CellBytes: Sendable {
    /// A part is handed on once its texts reach this many bytes.
    static let partSize = 1 << 18

    /// Whether this part starts its lane (the next ones add to the same cells).
    public let first: Bool
    /// How many stages the lane's map has: room for the lane's cells.
    let stageCount: Int
    var ids: [StageID] = []
    var bytes: [UInt8] = []
    /// Where each cell's bytes end.
    var ends: [Int] = []

    init(first: Bool, stageCount: Int) {
        self.first = first
        self.stageCount = stageCount
    }

    mutating func reserve(_ cells: Int, bytes count: Int) {
        ids.reserveCapacity(cells)
        ends.reserveCapacity(cells)
        bytes.reserveCapacity(count)
    }

    /// Ends the bytes of the cell of stage `id`.
    mutating func end(_ id: StageID) {
        ids.append(id)
        ends.append(bytes.count)
    }

    /// Adds this part's cells (an empty text is no cell) to its lane's `cells`, made empty
    /// (with room for the lane) by a first part; nil when a cell's bytes are not UTF-8.
    func add(to cells: inout [StageID: String]?) {
        if first {
            cells = [:]
            cells!.reserveCapacity(stageCount)
        }
        guard cells != nil else { return }
        let ok = bytes.withUnsafeBufferPointer { b -> Bool in
            var start = 0
            for (id, end) in zip(ids, ends) {
                if end > start {
                    guard let text = MapCodec.string(UnsafeBufferPointer(rebasing: b[start..<end])) else { return false }
                    cells![id] = text
                }
                start = end
            }
            return true
        }
        if !ok { cells = nil }
    }
}

/// The lanes' cells made from their parts, in the order the parts came: what a `CellMaker`
/// keeps, wherever it runs.
public struct MadeCells: Sendable {
    /// Each lane's cells, nil where one was not UTF-8.
    public private(set) var lanes: [[StageID: String]?] = []

    public init() {}

    public mutating func add(_ part: CellBytes) {
        if part.first { lanes.append(nil) }
        part.add(to: &lanes[lanes.count - 1])
    }
}

/// Takes the parts of the lanes' cells as the map reader finds them, and gives every lane's
/// cells once the file is read.
public protocol CellMaker: AnyObject {
    func add(_ part: CellBytes)
    func lanes() -> [[StageID: String]?]
}

/// Makes the cells at once, on the reader's thread.
public final class CellsNow: CellMaker {
    private var made = MadeCells()
    public init() {}
    public func add(_ part: CellBytes) { made.add(part) }
    public func lanes() -> [[StageID: String]?] { made.lanes }
}

/// A file's bytes, read a piece at a time into a buffer of fixed size that slides along it.
final class Window {
    let size: Int
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var filled = 0
    private(set) var exhausted = false
    private let read: (UnsafeMutableRawBufferPointer) -> Int

    init(size: Int, read: @escaping (UnsafeMutableRawBufferPointer) -> Int) {
        self.size = size
        self.read = read
        buffer = .allocate(capacity: size)
    }

    deinit { buffer.deallocate() }

    /// Moves the bytes from `pos` on to the front, fills the rest from the file, and gives a
    /// parser over them. Parsers given before are not to be used again.
    func slide(from pos: Int) -> JSONParser {
        let rest = filled - pos
        if pos > 0, rest > 0 { buffer.baseAddress!.update(from: buffer.baseAddress! + pos, count: rest) }
        filled = rest
        while filled < size, !exhausted {
            let n = read(UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[filled...])))
            if n <= 0 { exhausted = true } else { filled += n }
        }
        return JSONParser(UnsafeBufferPointer(rebasing: buffer[..<filled]))
    }
}
