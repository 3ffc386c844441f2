/// Reads a map file in one pass from its bytes to the workspace, without the whole-file
/// `JSONValue` tree, for a file laid out as cjm writes it: the current version, every field
/// present and in cjm's order, cells in stage order.
///
/// Anything else (another order, an older version, any error at all) gives nil, and
/// `MapCodec.decode` reads the file the slow way, which names the problem. So this reader
/// may refuse more than the slow one, never less: it parses with the same `JSONParser`
/// methods, checks UTF-8 as it copies each string, and hands the small values (the
/// channels, a persona, a stage, a list cell) to the very functions the slow path uses.
/// What it checks itself is written out below: the order of the fields, the ids' uniqueness,
/// and the cells' stage ids.
struct MapReader {
    private struct Refused: Error {}
    private var p: JSONParser

    static func read(_ bytes: [UInt8]) -> Workspace? {
        bytes.withUnsafeBufferPointer { b in
            var r = MapReader(p: JSONParser(b))
            return try? r.workspace()
        }
    }

    private mutating func expect(_ byte: Character) throws {
        guard p.take(byte.asciiValue!) else { throw Refused() }
    }

    /// The next field, which must be `name`; all but an object's first follow a comma.
    private mutating func field(_ name: StaticString, first: Bool = false) throws {
        guard first || p.take(UInt8(ascii: ",")), p.takeField(name) else { throw Refused() }
    }

    /// The next value as a small tree, nested `depth` levels in, as the slow parser counts.
    private mutating func value(depth: Int) throws -> JSONValue {
        p.skipWhitespace()
        p.depth = depth
        return try p.parseValue()
    }

    /// The members of a list, each read by `item`.
    private mutating func list(_ item: (inout MapReader) throws -> Void) throws {
        try expect("[")
        if p.take(UInt8(ascii: "]")) { return }
        repeat { try item(&self) } while p.take(UInt8(ascii: ","))
        try expect("]")
    }

    private mutating func workspace() throws -> Workspace {
        try expect("{")
        try field("format", first: true)
        guard try value(depth: 1) == .string(MapCodec.formatName) else { throw Refused() }
        try field("version")
        guard try value(depth: 1) == .int(MapCodec.currentVersion) else { throw Refused() }
        try field("channels")
        guard case .array(let channels) = try value(depth: 1) else { throw Refused() }
        var ws = Workspace(channels: try MapCodec.decodeChannels(channels))
        try field("personas")
        guard case .array(let personas) = try value(depth: 1) else { throw Refused() }
        ws.personas = try MapCodec.decodePersonas(personas)
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
            guard case .array(let conflicts) = try value(depth: 1) else { throw Refused() }
            ws.conflicts = try MapCodec.decodeConflicts(conflicts)
        }
        try expect("}")
        p.skipWhitespace()
        guard p.atEnd else { throw Refused() }
        return ws
    }

    private mutating func map(personas: Set<PersonaID>) throws -> JourneyMap {
        try expect("{")
        var head: [(String, JSONValue)] = []
        for (i, name): (Int, StaticString) in ["id", "title", "segment", "goal", "personas", "stages"].enumerated() {
            try field(name, first: i == 0)
            head.append((name.description, try value(depth: 3)))
        }
        var (map, _) = try MapCodec.decodeMapHead(
            Fields(head, path: ""), allowed: ["id", "title", "segment", "goal", "personas", "stages"], personas: personas)
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

    private mutating func lane(stages: [Stage], index: [StageID: Int]) throws -> Lane {
        try expect("{")
        var head: [(String, JSONValue)] = []
        for (i, name): (Int, StaticString) in ["id", "title", "kind", "content"].enumerated() {
            try field(name, first: i == 0)
            head.append((name.description, try value(depth: 5)))
        }
        var lane = try MapCodec.decodeLaneHead(Fields(head, path: ""))
        try field("cells")
        try expect("{")
        if !p.take(UInt8(ascii: "}")) {
            lane.cells.reserveCapacity(stages.count)
            // Cells in stage order, as cjm writes them: a repeated or unknown id is refused here.
            var last = -1
            repeat {
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
                let text: String
                if p.next == UInt8(ascii: "\"") {
                    text = try p.parseString()
                } else if p.next == UInt8(ascii: "["), lane.content == .list || lane.content == .channels {
                    text = try items()
                } else if p.next == UInt8(ascii: "["), lane.content == .metrics {
                    text = try metrics()
                } else {
                    text = try MapCodec.cellText(try value(depth: 6), lane.content, at: "")
                }
                if !text.isEmpty { lane.cells[id] = text }
            } while p.take(UInt8(ascii: ","))
            try expect("}")
        }
        try expect("}")
        return lane
    }

    /// A list or channels cell, its items one to a line, as `MapCodec.cellText` takes them.
    private mutating func items() throws -> String {
        var text = ""
        try list { r in
            r.p.skipWhitespace()
            guard r.p.next == UInt8(ascii: "\""), case let item = try r.p.parseString(), MapCodec.isItem(item) else {
                throw Refused()
            }
            if !text.isEmpty { text += "\n" }
            text += item
        }
        return text
    }

    /// A metrics cell, each metric `{ "name", "value", "unit" }` as cjm writes it, checked
    /// as `MapCodec.cellText` checks it.
    private mutating func metrics() throws -> String {
        var text = ""
        try list { r in
            try r.expect("{")
            try r.field("name", first: true)
            guard case .string(let name) = try r.value(depth: 8) else { throw Refused() }
            try r.field("value")
            let value: String?
            switch try r.value(depth: 8) {
            case .null: value = nil
            case .number(let n) where !n.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }):
                value = n
            default: throw Refused()
            }
            try r.field("unit")
            guard case .string(let unit) = try r.value(depth: 8) else { throw Refused() }
            try r.expect("}")
            guard let line = MapCodec.oneLine(Metric(name: name, value: value, unit: unit)) else { throw Refused() }
            if !text.isEmpty { text += "\n" }
            text += line
        }
        return text
    }
}
