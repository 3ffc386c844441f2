/// Why a map file could not be read. The message names the problem; `CJMFileError` adds the file.
public enum MapFormatError: Error, Equatable, Sendable {
    case empty
    case invalidUTF8(offset: Int)
    case syntax(JSONSyntaxError)
    case shape(field: String, problem: String)
    case newerVersion(found: Int, supported: Int)
    case notAMap(String)
    /// Text that is not plain UTF-8: a byte order mark, UTF-16.
    case encoding(String)

    public var message: String { message(.en) }

    /// In the interface language. The details under it (a JSON syntax error's, a field's
    /// problem) stay English: they name JSON, whose field names are English too.
    public func message(_ t: Language) -> String {
        switch self {
        case .empty: return t.t(.formatEmpty)
        case .invalidUTF8(let offset): return t.t(.formatNotUTF8, offset)
        case .syntax(let e): return t.t(.formatSyntax, e.line, e.column, e.message)
        case .shape(let field, let problem): return "\(field): \(problem)"
        case .newerVersion(let found, let supported): return t.t(.formatNewer, found, supported)
        case .notAMap(let why): return why
        case .encoding(let why): return why
        }
    }
}

/// The map file: a workspace as JSON of a fixed shape, written with a stable key order.
///
/// Shape (version 2):
/// { "format": "cjm", "version": 2, "channels": [text],
///   "personas": [{ "id", "name", "segment", "portrait": { "sociodemographic", "geographic",
///                  "behavioural", "psychographic", "business" }, "goals", "needs", "pains", "quote", "notes" }],
///   "maps": [{ "id", "title", "segment", "goal", "personas": [persona id],
///              "stages": [{ "id", "name", "emotion"?, "emotions"?: { persona id: score } }],
///              "lanes":  [{ "id", "title", "kind", "content", "cells": { stage id: text | [item] | [metric] } }] }],
///   "conflicts"?: [{ "what", "map"?, "persona"?, "stage"?, "lane"?, "key"?, "base", "ours", "theirs" }] }
/// Version 1 held one map at the top level; it is migrated when read.
/// Unknown fields are errors rather than silently dropped: saving would lose them.
public enum MapCodec {
    public static let formatName = "cjm"
    /// A map's fields, in the order they are written.
    static let mapFields = mapHeadNames + ["lanes"]
    /// A map's fields before its lanes, in the file's order (the one-pass reader's walk).
    static let mapHeadFields: [StaticString] = ["id", "title", "segment", "goal", "personas", "stages"]
    static let mapHeadNames = mapHeadFields.map(\.description)
    public static let currentVersion = 2

    /// Upgrades an older file by one step, from `version` to `version + 1`. Files are
    /// migrated in memory when read and written in the current version when saved.
    static func migrate(_ value: JSONValue, from version: Int) throws(MapFormatError) -> JSONValue {
        switch version {
        case 1:
            // One map at the top level becomes the only map of a workspace.
            guard case .object(let top) = value else { throw .notAMap("expected an object") }
            var map: [(String, JSONValue)] = [("id", .string("map-1"))]
            for (k, v) in top where k != "format" && k != "version" { map.append((k, v)) }
            return .object([
                ("format", .string(formatName)), ("version", .int(2)),
                ("channels", .array(Workspace.defaultChannels.map { .string($0) })),
                ("personas", .array([])), ("maps", .array([.object(map)])),
            ])
        default: throw .shape(field: "version", problem: "no migration from version \(version)")
        }
    }

    // MARK: Encoding

    /// The map file's bytes, written in one pass without building a tree first. This is the one
    /// description of the format: the trees the history file embeds are read back from it.
    public static func encode(_ ws: Workspace) -> [UInt8] {
        var j = JSONStream(capacity: ws.maps.reduce(4096) { $0 + encodedSize(of: $1) })
        return encode(ws, &j)
    }

    /// The same bytes, handed to `piece` some 64 KiB at a time as they are made: a save
    /// writes a large map without holding its whole text.
    public static func encode(_ ws: Workspace, inPieces piece: @escaping (ArraySlice<UInt8>) -> Void) {
        var j = JSONStream(spill: piece)
        _ = encode(ws, &j)
    }

    private static func encode(_ ws: Workspace, _ j: inout JSONStream) -> [UInt8] {
        j.object()
        j.string("format", formatName)
        j.number("version", String(currentVersion))
        j.array("channels")
        for c in ws.channels { j.string(c) }
        j.endArray()
        j.array("personas")
        for p in ws.personas { write(p, &j) }
        j.endArray()
        j.array("maps")
        for map in ws.maps { write(map, &j) }
        j.endArray()
        if !ws.conflicts.isEmpty {
            j.value("conflicts", .array(ws.conflicts.map(conflictJSON)), writer: JSONWriter.write)
        }
        j.endObject()
        return j.finish()
    }

    /// One persona: its fields in `Persona.fields`' order, the portrait's nested.
    private static func write(_ p: Persona, _ j: inout JSONStream) {
        j.object()
        j.string("id", p.id.raw)
        for (i, f) in Persona.fields.enumerated() {
            if i == Persona.portrait.lowerBound { j.object("portrait") }
            j.string(f.key, p[keyPath: f.path])
            if i == Persona.portrait.upperBound - 1 { j.endObject() }
        }
        j.endObject()
    }

    /// One map.
    private static func write(_ map: JourneyMap, _ j: inout JSONStream) {
        j.object()
        j.string("id", map.id.raw)
        j.string("title", map.title)
        j.string("segment", map.segment)
        j.string("goal", map.goal)
        j.array("personas")
        for p in map.personas { j.string(p.raw) }
        j.endArray()
        j.array("stages")
        for stage in map.stages { write(stage, personas: map.personas, &j) }
        j.endArray()
        j.array("lanes")
        for lane in map.lanes {
            j.object()
            j.string("id", lane.id.raw)
            j.string("title", lane.title)
            j.string("kind", lane.kind.rawValue)
            j.string("content", lane.content.rawValue)
            j.object("cells")
            for stage in map.stages {
                guard let text = lane.cells[stage.id], !text.isEmpty else { continue }
                writeCell(stage.id.raw, text, lane.content, &j)
            }
            j.endObject()
            j.endObject()
        }
        j.endArray()
        j.endObject()
    }

    /// One stage. Scores follow the map's persona order, so the file reads like the legend.
    private static func write(_ stage: Stage, personas: [PersonaID], _ j: inout JSONStream) {
        j.object()
        j.string("id", stage.id.raw)
        j.string("name", stage.name)
        if let e = stage.emotion { j.number("emotion", String(e)) }
        if !stage.emotions.isEmpty {
            j.object("emotions")
            var order = personas.filter { stage.emotions[$0] != nil }
            order += stage.emotions.keys.filter { !personas.contains($0) }.sorted()
            for p in order { j.number(p.raw, String(stage.emotions[p]!)) }
            j.endObject()
        }
        j.endObject()
    }

    /// One cell: text, or a list of items or metrics. Cells follow the stage order, so a diff
    /// reads left to right like the map.
    private static func writeCell(_ key: String, _ text: String, _ content: LaneContent, _ j: inout JSONStream) {
        // A structured cell that is not one item per line (blank lines) stays text, so nothing is lost.
        guard content != .text, text.isPlainItems else { return j.string(key, text) }
        j.array(key)
        for line in text.items {
            if content != .metrics {
                j.string(line)
                continue
            }
            let m = Metric.parse(line)
            j.object()
            j.string("name", m.name)
            if let v = m.value { j.number("value", v) } else { j.null("value") }
            j.string("unit", m.unit)
            j.endObject()
        }
        j.endArray()
    }

    /// The whole file as a tree (the history file keeps whole workspaces this way).
    public static func json(_ ws: Workspace) -> JSONValue { tree(encode(ws)) }

    /// `{ "what", "map"?, "persona"?, "stage"?, "lane"?, "key"?, "base", "ours", "theirs" }`,
    /// the values as text or null.
    static func conflictJSON(_ c: Conflict) -> JSONValue {
        let p = c.place
        var fields: [(String, JSONValue)] = [("what", .string(p.what))]
        if let m = p.map { fields.append(("map", .string(m.raw))) }
        if let x = p.persona { fields.append(("persona", .string(x.raw))) }
        if let s = p.stage { fields.append(("stage", .string(s.raw))) }
        if let l = p.lane { fields.append(("lane", .string(l.raw))) }
        if let k = p.key { fields.append(("key", .string(k))) }
        for (name, v) in [("base", c.base), ("ours", c.ours), ("theirs", c.theirs)] {
            fields.append((name, v.map { .string($0) } ?? .null))
        }
        return .object(fields)
    }

    static func decodeConflict(_ r: Fields) throws(MapFormatError) -> Conflict {
        try r.only(["what", "map", "persona", "stage", "lane", "key", "base", "ours", "theirs"])
        func optional(_ key: String) throws(MapFormatError) -> String? {
            switch r.value(key) {
            case nil, .null?: return nil
            case .string(let s)?: return s
            case let other?: throw .shape(field: r.path(key), problem: "expected text or null, found \(other.typeName)")
            }
        }
        func id(_ key: String) throws(MapFormatError) -> String? { r.value(key) == nil ? nil : try r.id(key) }
        let what = try r.string("what")
        guard
            let place = Conflict.Place.from(
                what: what, map: try id("map").map(MapID.init), persona: try id("persona").map(PersonaID.init),
                stage: try id("stage").map(StageID.init), lane: try id("lane").map(LaneID.init), key: try optional("key"))
        else { throw .shape(field: r.path("what"), problem: "\"\(what)\" with these ids names no place of a map") }
        let c = Conflict(place, base: try optional("base"), ours: try optional("ours"), theirs: try optional("theirs"))
        // A value that deciding would have to take must be one the place can hold.
        for (key, v) in [("base", c.base), ("ours", c.ours), ("theirs", c.theirs)] {
            guard let v else { continue }
            let fits: Bool
            switch place {
            case .score: fits = Int(v).map { Emotion.range.contains($0) } ?? false
            case .laneKind: fits = LaneKind.parse(v) != nil
            case .laneContent: fits = LaneContent(rawValue: v) != nil
            default: fits = true
            }
            if !fits { throw .shape(field: r.path(key), problem: "«\(v)» is no value of a \(what)") }
        }
        return c
    }

    /// The history file embeds maps, stages and personas as trees: they are made by the
    /// writer above, so that the format is described once.
    static func personaJSON(_ p: Persona) -> JSONValue { tree { write(p, &$0) } }

    static func mapJSON(_ map: JourneyMap) -> JSONValue { tree { write(map, &$0) } }

    static func stageJSON(_ stage: Stage, personas: [PersonaID]) -> JSONValue {
        tree { write(stage, personas: personas, &$0) }
    }

    private static func tree(_ write: (inout JSONStream) -> Void) -> JSONValue {
        var j = JSONStream(capacity: 512)
        write(&j)
        return tree(j.finish())
    }

    private static func tree(_ bytes: [UInt8]) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            // The writer's own output: valid UTF-8 JSON a few levels deep.
            preconditionFailure("the map writer wrote what the JSON parser refuses: \(error)")
        }
    }

    /// A rough size of a map in bytes, for bounding the history without encoding it.
    static func encodedSize(of map: JourneyMap) -> Int {
        var n = 128 + map.title.utf8.count + map.goal.utf8.count + map.segment.utf8.count
        for s in map.stages { n += 64 + s.name.utf8.count + 24 * s.emotions.count }
        for l in map.lanes {
            n += 96 + l.title.utf8.count
            for (_, t) in l.cells { n += 24 + t.utf8.count }
        }
        return n
    }

    // MARK: Decoding

    public static func decode(_ bytes: [UInt8]) throws(MapFormatError) -> Workspace {
        try checkEncoding(bytes)
        // A file as cjm writes it is read in one pass; any other, or a bad one, the slow way,
        // whose errors name the problem.
        if let ws = MapReader.read(bytes) { return ws }
        return try decode(json: try parseJSON(bytes))
    }

    /// How much of a map's text the one-pass reader holds at a time: a value (a cell, an item
    /// of a list) of up to half of it is read in one pass. 512 KiB: a whole MiB was no faster
    /// and took half a MiB more.
    public static let readWindow = 1 << 19

    /// Reads a map a piece at a time (`read` fills a buffer and says how much, 0 at the end)
    /// in one pass, holding at most `window` bytes of its text. Nil when the one-pass reader
    /// does not take the file: read it whole then and `decode` it, the slow way or to its error.
    ///
    /// `make` makes each lane's cells from their bytes; the storage module passes one that
    /// does it on another core.
    public static func decodeInOnePass(
        window: Int = readWindow, make: any CellMaker = CellsNow(), _ read: (UnsafeMutableRawBufferPointer) -> Int
    ) -> Workspace? {
        MapReader.read(window: window, make: make, read)
    }

    /// Checks the bytes are non-empty UTF-8 JSON and parses them.
    public static func parseJSON(_ bytes: [UInt8]) throws(MapFormatError) -> JSONValue {
        try checkEncoding(bytes)
        if let bad = firstInvalidUTF8(bytes) { throw .invalidUTF8(offset: bad) }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw .syntax(error)
        }
    }

    /// The checks that come before UTF-8 and syntax: some text, and not in another encoding.
    static func checkEncoding(_ bytes: [UInt8]) throws(MapFormatError) {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw .empty }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw .encoding(
                "the file starts with a UTF-8 byte order mark (BOM); cjm files have none: save it as UTF-8 without BOM")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || (bytes.count >= 2 && (bytes[0] == 0) != (bytes[1] == 0))
        {
            throw .encoding("the file is UTF-16 text; cjm reads UTF-8: save it as UTF-8")
        }
    }

    /// The version a file says it is, once its format is known to be cjm's.
    static func version(of root: JSONValue) throws(MapFormatError) -> Int {
        guard case .object(let top) = root else {
            throw .notAMap("expected a JSON object at the top level, found \(root.typeName)")
        }
        let r = Fields(top, path: "")
        guard let format = r.value("format") else {
            throw .notAMap("no \"format\" field: this does not look like a cjm map")
        }
        guard case .string("cjm") = format else {
            throw .shape(field: "format", problem: "expected \"cjm\", found \(format.typeName)")
        }
        let version = try r.int("version")
        guard version >= 1 else { throw .shape(field: "version", problem: "expected 1 or more, found \(version)") }
        if version > currentVersion { throw .newerVersion(found: version, supported: currentVersion) }
        return version
    }

    public static func decode(json root: JSONValue) throws(MapFormatError) -> Workspace {
        let version = try version(of: root)
        if version < currentVersion {
            // Errors in an old file name its own fields, so check its shape before migrating.
            guard case .object(let top) = root else { throw .notAMap("expected an object") }
            _ = try decodeMap(
                Fields(top, path: ""), allowed: ["format", "version", "title", "goal", "stages", "lanes"], personas: [])
        }
        var migrated = root
        var v = version
        while v < currentVersion {
            migrated = try migrate(migrated, from: v)
            v += 1
        }
        guard case .object(let fields) = migrated else { throw .notAMap("migration did not give an object") }
        return try decodeCurrent(Fields(fields, path: ""))
    }

    private static func decodeCurrent(_ r: Fields) throws(MapFormatError) -> Workspace {
        try r.only(["format", "version", "channels", "personas", "maps", "conflicts"])
        var ws = Workspace(channels: try decodeChannels(try r.array("channels")))
        ws.personas = try decodePersonas(try r.array("personas"))
        let personaIDs = Set(ws.personas.map(\.id))
        var mapIDs: Set<MapID> = []
        for (i, item) in try r.array("maps").enumerated() {
            let m = try r.object(item, at: "maps[\(i)]")
            let map = try decodeMap(
                m, allowed: mapFields, personas: personaIDs)
            if !mapIDs.insert(map.id).inserted {
                throw .shape(field: m.path("id"), problem: "the map id \"\(map.id)\" is used twice")
            }
            ws.maps.append(map)
        }
        if ws.maps.isEmpty { throw .shape(field: "maps", problem: "a workspace needs at least one map") }
        ws.conflicts = try decodeConflicts(try r.array("conflicts"))
        return ws
    }

    static func decodeChannels(_ items: [JSONValue]) throws(MapFormatError) -> [String] {
        var channels: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let c) = item else {
                throw .shape(field: "channels[\(i)]", problem: "expected text, found \(item.typeName)")
            }
            channels.append(c)
        }
        return channels
    }

    static func decodePersonas(_ items: [JSONValue]) throws(MapFormatError) -> [Persona] {
        var personas: [Persona] = []
        var ids: Set<PersonaID> = []
        for (i, item) in items.enumerated() {
            let p = try Fields([], path: "").object(item, at: "personas[\(i)]")
            let persona = try decodePersona(p)
            if !ids.insert(persona.id).inserted {
                throw .shape(field: p.path("id"), problem: "the persona id \"\(persona.id)\" is used twice")
            }
            personas.append(persona)
        }
        return personas
    }

    /// A conflict whose place is gone since is settled; it is read, and kept, all the same.
    static func decodeConflicts(_ items: [JSONValue]) throws(MapFormatError) -> [Conflict] {
        var conflicts: [Conflict] = []
        for (i, item) in items.enumerated() {
            conflicts.append(try decodeConflict(try Fields([], path: "").object(item, at: "conflicts[\(i)]")))
        }
        return conflicts
    }

    /// One persona object, its fields from `Persona.fields` as the writer writes them (the
    /// portrait's nested), in that order; the history file reads its personas with this too.
    static func decodePersona(_ p: Fields) throws(MapFormatError) -> Persona {
        let keys = Persona.fields.map(\.key)
        let nested = Persona.portrait
        try p.only(["id"] + keys[..<nested.lowerBound] + ["portrait"] + keys[nested.upperBound...])
        var persona = Persona(id: PersonaID(try p.id("id")), name: "")
        var portrait: Fields?
        for (i, f) in Persona.fields.enumerated() {
            guard nested.contains(i) else {
                persona[keyPath: f.path] = try p.string(f.key, default: "")
                continue
            }
            if i == nested.lowerBound, let value = p.value("portrait") {
                portrait = try p.object(value, at: "portrait")
                try portrait!.only(Array(keys[nested]))
            }
            if let portrait { persona[keyPath: f.path] = try portrait.string(f.key, default: "") }
        }
        return persona
    }

    static func decodeMap(_ r: Fields, allowed: [String], personas known: Set<PersonaID>?) throws(MapFormatError)
        -> JourneyMap
    {
        var (map, stageIDs) = try decodeMapHead(r, allowed: allowed, personas: known)
        var laneIDs: Set<LaneID> = []
        for (i, item) in try r.array("lanes").enumerated() {
            let l = try r.object(item, at: "lanes[\(i)]")
            let lane = try decodeLane(l, stages: stageIDs)
            if !laneIDs.insert(lane.id).inserted {
                throw .shape(field: l.path("id"), problem: "the lane id \"\(lane.id)\" is used twice")
            }
            map.lanes.append(lane)
        }
        return map
    }

    /// A map without its lanes, and its stage ids.
    static func decodeMapHead(_ r: Fields, allowed: [String], personas known: Set<PersonaID>?)
        throws(MapFormatError) -> (JourneyMap, Set<StageID>)
    {
        try r.only(allowed)
        var map = JourneyMap()
        if allowed.contains("id") { map.id = MapID(try r.id("id")) }
        map.title = try r.string("title", default: "")
        map.segment = try r.string("segment", default: "")
        map.goal = try r.string("goal", default: "")
        for (i, item) in try r.array("personas").enumerated() {
            guard case .string(let raw) = item else {
                throw .shape(field: r.path("personas[\(i)]"), problem: "expected a persona id, found \(item.typeName)")
            }
            let pid = PersonaID(raw)
            guard known?.contains(pid) ?? true else {
                throw .shape(field: r.path("personas[\(i)]"), problem: "no persona has the id \"\(raw)\"")
            }
            if map.personas.contains(pid) { throw .shape(field: r.path("personas[\(i)]"), problem: "\"\(raw)\" is linked twice") }
            map.personas.append(pid)
        }
        var stageIDs: Set<StageID> = []
        for (i, item) in try r.array("stages").enumerated() {
            let s = try r.object(item, at: "stages[\(i)]")
            let stage = try decodeStage(s, personas: map.personas)
            if !stageIDs.insert(stage.id).inserted {
                throw .shape(field: s.path("id"), problem: "the stage id \"\(stage.id)\" is used twice")
            }
            map.stages.append(stage)
        }
        return (map, stageIDs)
    }

    /// One stage object, as the map file and the history file both hold it. `personas` are
    /// the map's linked personas, which alone may have scores; nil when they are not known
    /// yet (a history step, checked when it is applied).
    static func decodeStage(_ s: Fields, personas: [PersonaID]?) throws(MapFormatError) -> Stage {
        try s.only(["id", "name", "emotion", "emotions"])
        var stage = Stage(id: StageID(try s.id("id")), name: try s.string("name", default: ""))
        if s.value("emotion") != nil { stage.emotion = try score(s, "emotion") }
        if let ev = s.value("emotions") {
            let e = try s.object(ev, at: "emotions")
            for (key, _) in e.members {
                let pid = PersonaID(key)
                if key.isEmpty { throw .shape(field: e.path(key), problem: "an id cannot be empty") }
                guard personas?.contains(pid) ?? true else {
                    throw .shape(field: e.path(key), problem: "\"\(key)\" is not a persona of this map")
                }
                stage.emotions[pid] = try score(e, key)
            }
        }
        return stage
    }

    /// One lane object, as the map file and the history file both hold it; `stages` are the
    /// map's stage ids, which alone may have cells (nil: checked when applied).
    static func decodeLane(_ l: Fields, stages: Set<StageID>?) throws(MapFormatError) -> Lane {
        try l.only(["id", "title", "kind", "content", "cells"])
        var lane = try decodeLaneHead(l)
        if let cellsValue = l.value("cells") {
            guard case .object(let cells) = cellsValue else {
                throw .shape(
                    field: l.path("cells"), problem: "expected an object of stage id to text, found \(cellsValue.typeName)")
            }
            for (key, value) in cells {
                let sid = StageID(key)
                guard stages?.contains(sid) ?? !key.isEmpty else {
                    throw .shape(field: l.path("cells.\(key)"), problem: "no stage has the id \"\(key)\"")
                }
                let text = try cellText(value, lane.content, at: l.path("cells.\(key)"))
                if !text.isEmpty { lane.cells[sid] = text }
            }
        }
        return lane
    }

    /// A lane without its cells.
    static func decodeLaneHead(_ l: Fields) throws(MapFormatError) -> Lane {
        let id = LaneID(try l.id("id"))
        let kindName = try l.string("kind", default: LaneKind.notes.rawValue)
        guard let kind = LaneKind.parse(kindName) else {
            let known = LaneKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw .shape(field: l.path("kind"), problem: "unknown lane kind \"\(kindName)\" (known: \(known))")
        }
        let contentName = try l.string("content", default: LaneContent.text.rawValue)
        guard let content = LaneContent(rawValue: contentName) else {
            let known = LaneContent.allCases.map(\.rawValue).joined(separator: ", ")
            throw .shape(field: l.path("content"), problem: "unknown content \"\(contentName)\" (known: \(known))")
        }
        return Lane(id: id, title: try l.string("title", default: ""), kind: kind, content: content)
    }

    static func score(_ r: Fields, _ key: String) throws(MapFormatError) -> Int {
        let e = try r.int(key)
        guard Emotion.range.contains(e) else {
            throw .shape(field: r.path(key), problem: "expected a score from -2 to 2, found \(e)")
        }
        return e
    }

    /// A cell as the lane's content holds it: text, or a list of items or metrics.
    static func cellText(_ value: JSONValue, _ content: LaneContent, at path: @escaping @autoclosure () -> String)
        throws(MapFormatError)
        -> String
    {
        if case .string(let text) = value { return text }
        guard content != .text, case .array(let items) = value else {
            throw .shape(
                field: path(),
                problem: content == .text
                    ? "expected text, found \(value.typeName)" : "expected a list or text, found \(value.typeName)")
        }
        var lines: [String] = []
        for (i, item) in items.enumerated() {
            switch (content, item) {
            case (.list, .string(let s)), (.channels, .string(let s)):
                guard isItem(s) else {
                    throw .shape(field: "\(path())[\(i)]", problem: "an item is one non-empty line")
                }
                lines.append(s)
            case (.metrics, .object(let m)):
                let f = Fields(m, path: "\(path())[\(i)]")
                try f.only(["name", "value", "unit"])
                var metric = Metric(name: try f.string("name"), value: nil, unit: try f.string("unit", default: ""))
                switch f.value("value") {
                case .number(let n)?: metric.value = n
                case .null?, nil: break
                case let other?:
                    throw .shape(field: f.path("value"), problem: "expected a number or null, found \(other.typeName)")
                }
                if let v = metric.value, v.contains(where: { $0 == "e" || $0 == "E" }) {
                    throw .shape(
                        field: f.path("value"),
                        problem: "a metric value in exponent form (\(v)) is not supported: write the number out in full")
                }
                guard let line = oneLine(metric) else {
                    throw .shape(field: "\(path())[\(i)]", problem: "this metric cannot be written as one line")
                }
                lines.append(line)
            default:
                throw .shape(
                    field: "\(path())[\(i)]",
                    problem: "expected \(content == .metrics ? "a metric object" : "text"), found \(item.typeName)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Where the first byte sequence that is not UTF-8 starts (overlong forms, surrogates and
    /// values past U+10FFFF are not), or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer(firstInvalidUTF8) }

    /// The bytes as a String when they are UTF-8, else nil: decoded (which repairs what is
    /// not UTF-8) and compared with what was decoded, which is exact, since a repair always
    /// changes the bytes. `String(validating:)` is generic, and its look-up of type metadata
    /// for every string cost more than the check.
    static func string(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var s = String(decoding: b, as: UTF8.self)
        guard s.utf8.count == b.count, s.withUTF8({ same($0, b) }) else { return nil }
        return s
    }

    static func string(_ bytes: [UInt8]) -> String? { bytes.withUnsafeBufferPointer(string) }

    /// Whether two buffers of the same length hold the same bytes, eight at a time.
    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return a.count == b.count }
        var i = 0
        while i + 8 <= a.count {
            let x = UnsafeRawPointer(pa + i).loadUnaligned(as: UInt64.self)
            let y = UnsafeRawPointer(pb + i).loadUnaligned(as: UInt64.self)
            if x != y { return false }
            i += 8
        }
        while i < a.count {
            if pa[i] != pb[i] { return false }
            i += 1
        }
        return true
    }

    /// A byte at a time, for the offset an error names (strings are checked as they are made,
    /// by `string`): the scalar parser it replaced took a fifth of reading a large map.
    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < b.count {
            if b[i] < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(b, at: i)
            if length == 0 { return i }
            i += length
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence that starts with the non-ASCII byte at
    /// `i`, or 0 when none does.
    @inline(__always)
    static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        // The sequence's length, and the range its second byte must fall in.
        var (length, low, high): (Int, UInt8, UInt8) = (0, 0x80, 0xBF)
        switch b[i] {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, low) = (3, 0xA0)
        case 0xED: (length, high) = (3, 0x9F)
        case 0xE1...0xEF: length = 3
        case 0xF0: (length, low) = (4, 0x90)
        case 0xF4: (length, high) = (4, 0x8F)
        case 0xF1...0xF3: length = 4
        default: return 0
        }
        guard i + length <= b.count, b[i + 1] >= low, b[i + 1] <= high else { return 0 }
        if length > 2, b[i + 2] & 0xC0 != 0x80 { return 0 }
        if length > 3, b[i + 3] & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// The metric as its cell's line, when that line reads back as the same metric.
    static func oneLine(_ metric: Metric) -> String? {
        if readsBack(metric) { return metric.line }
        return oneLineExactly(metric)
    }

    /// The check itself: the line made and read back.
    static func oneLineExactly(_ metric: Metric) -> String? {
        let line = metric.line
        guard !line.isEmpty, !line.utf8.contains(0x0A), Metric.parse(line) == metric else { return nil }
        return line
    }

    /// Whether the metric's line surely reads back as it (what nearly every metric in a file
    /// is), decided from its parts without making the line and reading it: a name with no `=`
    /// or line feed ends before the line's first ` = `, and plain letters (ASCII, Latin,
    /// Cyrillic) beside the separators leave them characters of their own. A map reads every
    /// metric, and the read back was a third of reading one.
    static func readsBack(_ m: Metric) -> Bool {
        var b = Array(m.name.utf8)
        let name = 0..<b.count
        var value: Range<Int>?
        if let v = m.value {
            let start = b.count
            b += v.utf8
            value = start..<b.count
        }
        let unit = b.count
        b += m.unit.utf8
        return readsBack(b, name: name, value: value, unit: unit..<b.count)
    }

    /// `readsBack` on a metric's parts as they lie in `b`: the map reader asks before it
    /// makes any String (its bytes are checked as UTF-8 with the cell's afterwards). False
    /// means "not surely", never "not".
    static func readsBack(_ b: [UInt8], name: Range<Int>, value: Range<Int>?, unit: Range<Int>) -> Bool {
        guard !name.isEmpty, !b[name].contains(where: { $0 == 0x3D || $0 == 0x0A }) else { return false }
        guard let value else { return unit.isEmpty }
        guard Metric.isJSONNumber(b[value]) else { return false }
        guard let last = lastScalar(b, name), standsApart(last) else { return false }
        guard !unit.isEmpty else { return true }
        guard let first = firstScalar(b, unit), standsApart(first) else { return false }
        return !b[unit].contains(0x0A)
    }

    /// The scalar value the bytes in `r` start with, when they start with a whole sequence.
    static func firstScalar(_ b: [UInt8], _ r: Range<Int>) -> UInt32? {
        let lead = b[r.lowerBound]
        if lead < 0x80 { return UInt32(lead) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
        guard length > 0, r.count >= length else { return nil }
        var v = UInt32(lead) & (0x7F >> length)
        for k in 1..<length {
            let c = b[r.lowerBound + k]
            guard c & 0xC0 == 0x80 else { return nil }
            v = v << 6 | UInt32(c & 0x3F)
        }
        return v
    }

    /// The scalar value the bytes in `r` end with, when they end with a whole sequence.
    static func lastScalar(_ b: [UInt8], _ r: Range<Int>) -> UInt32? {
        var lead = r.upperBound - 1
        while lead > r.lowerBound, r.upperBound - lead < 4, b[lead] & 0xC0 == 0x80 { lead -= 1 }
        guard let v = firstScalar(b, lead..<r.upperBound) else { return nil }
        // The sequence found must end where the bytes do.
        let length = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        return lead + length == r.upperBound ? v : nil
    }

    /// Whether a metric's name may end, or its unit start, with `v` and the separator between
    /// them stay a character of its own: plain letters, and the signs a unit starts with.
    static func standsApart(_ v: UInt32) -> Bool {
        if Glyph.isPlain(v) { return true }
        guard let s = Unicode.Scalar(v) else { return false }
        // Currency and other signs a unit starts with (₽, €, №): none joins what is before it.
        switch s.properties.generalCategory {
        case .currencySymbol, .mathSymbol, .otherPunctuation, .decimalNumber, .uppercaseLetter, .lowercaseLetter:
            return true
        default: return false
        }
    }

    /// Whether `s` may be one item of a list or channels cell.
    static func isItem(_ s: String) -> Bool { !s.isEmpty && !s.hasLoneLineFeed }
}

/// Reads the fields of one JSON object, naming the field in every error.
struct Fields {
    let members: [(String, JSONValue)]
    /// The object's place in the file, made only when an error names it: reading a large map
    /// would otherwise build a path for every cell and item.
    private let makePrefix: () -> String
    var prefix: String { makePrefix() }

    init(_ members: [(String, JSONValue)], path: @escaping @autoclosure () -> String) {
        self.members = members
        self.makePrefix = path
    }

    func path(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }

    func value(_ key: String) -> JSONValue? { members.first { $0.0 == key }?.1 }

    /// A list, not a set: a handful of names is searched faster than hashed, and reading a
    /// map calls this for every stage and metric.
    func only(_ allowed: [String]) throws(MapFormatError) {
        for (i, (key, _)) in members.enumerated() {
            if !allowed.contains(key) {
                throw .shape(field: path(key), problem: "unknown field (this cjm would lose it on save)")
            }
            // Allowed names are few and distinct, so this looks at a handful of keys at most.
            if members[..<i].contains(where: { $0.0 == key }) {
                throw .shape(field: path(key), problem: "the field appears twice")
            }
        }
    }

    func string(_ key: String, default d: String? = nil) throws(MapFormatError) -> String {
        guard let v = value(key) else {
            if let d { return d }
            throw .shape(field: path(key), problem: "missing")
        }
        guard case .string(let s) = v else { throw .shape(field: path(key), problem: "expected text, found \(v.typeName)") }
        return s
    }

    func id(_ key: String) throws(MapFormatError) -> String {
        let s = try string(key)
        if s.isEmpty { throw .shape(field: path(key), problem: "an id cannot be empty") }
        return s
    }

    func int(_ key: String) throws(MapFormatError) -> Int {
        guard let v = value(key) else { throw .shape(field: path(key), problem: "missing") }
        guard case .number(let n) = v, let i = Int(n) else {
            throw .shape(field: path(key), problem: "expected a whole number, found \(v.typeName)")
        }
        return i
    }

    func array(_ key: String) throws(MapFormatError) -> [JSONValue] {
        guard let v = value(key) else { return [] }
        guard case .array(let items) = v else { throw .shape(field: path(key), problem: "expected a list, found \(v.typeName)") }
        return items
    }

    func object(_ v: JSONValue, at p: @escaping @autoclosure () -> String) throws(MapFormatError) -> Fields {
        guard case .object(let m) = v else {
            throw .shape(field: path(p()), problem: "expected an object, found \(v.typeName)")
        }
        return Fields(m, path: self.path(p()))
    }
}
