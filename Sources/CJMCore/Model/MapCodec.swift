/// Why a map file could not be read. The message names the problem; `CJMFileError` adds the file.
public enum MapFormatError: Error, Equatable, Sendable {
    case empty
    case invalidUTF8(offset: Int)
    case syntax(JSONSyntaxError)
    case shape(field: String, problem: String)
    case newerVersion(found: Int, supported: Int)
    case notAMap(String)

    public var message: String {
        switch self {
        case .empty: return "the file is empty"
        case .invalidUTF8(let offset): return "the file is not valid UTF-8 (bad byte at offset \(offset))"
        case .syntax(let e): return "not valid JSON at line \(e.line), column \(e.column): \(e.message)"
        case .shape(let field, let problem): return "\(field): \(problem)"
        case .newerVersion(let found, let supported):
            return
                "format version \(found) is newer than this cjm understands (up to \(supported)); update cjm to edit it. The file is left as it is."
        case .notAMap(let why): return why
        }
    }
}

/// The map file: JSON of a fixed shape, written with a stable key order.
///
/// Shape (version 1):
/// { "format": "cjm", "version": 1, "title", "goal",
///   "stages": [{ "id", "name", "emotion"? }],
///   "lanes":  [{ "id", "title", "kind", "cells": { stageId: text } }] }
/// Unknown fields are errors rather than silently dropped: saving would lose them.
public enum MapCodec {
    public static let formatName = "cjm"
    public static let currentVersion = 1

    /// Upgrades an older file by one step, from `version` to `version + 1`. Files are
    /// migrated in memory when read and written in the current version when saved.
    /// Version 1 is the first; each new version adds its case here with a test.
    static func migrate(_ value: JSONValue, from version: Int) throws(MapFormatError) -> JSONValue {
        switch version {
        default: throw .shape(field: "version", problem: "no migration from version \(version)")
        }
    }

    // MARK: Encoding

    public static func encode(_ map: JourneyMap) -> [UInt8] {
        JSONWriter.write(json(map))
    }

    public static func json(_ map: JourneyMap) -> JSONValue {
        var root: [(String, JSONValue)] = [
            ("format", .string(formatName)),
            ("version", .int(currentVersion)),
            ("title", .string(map.title)),
            ("goal", .string(map.goal)),
        ]
        root.append(("stages", .array(map.stages.map(stageJSON))))
        root.append(
            (
                "lanes",
                .array(
                    map.lanes.map { lane in
                        // Cells follow the stage order, so a diff reads left to right like the map.
                        let cells: [(String, JSONValue)] = map.stages.compactMap { stage in
                            guard let text = lane.cells[stage.id], !text.isEmpty else { return nil }
                            return (stage.id.raw, .string(text))
                        }
                        return .object([
                            ("id", .string(lane.id.raw)),
                            ("title", .string(lane.title)),
                            ("kind", .string(lane.kind.rawValue)),
                            ("cells", .object(cells)),
                        ])
                    })
            ))
        return .object(root)
    }

    static func stageJSON(_ stage: Stage) -> JSONValue {
        var fields: [(String, JSONValue)] = [("id", .string(stage.id.raw)), ("name", .string(stage.name))]
        if let e = stage.emotion { fields.append(("emotion", .int(e))) }
        return .object(fields)
    }

    // MARK: Decoding

    public static func decode(_ bytes: [UInt8]) throws(MapFormatError) -> JourneyMap {
        let root = try parseJSON(bytes)
        return try decode(json: root)
    }

    /// Checks the bytes are non-empty UTF-8 JSON and parses them.
    public static func parseJSON(_ bytes: [UInt8]) throws(MapFormatError) -> JSONValue {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw .empty }
        if let bad = firstInvalidUTF8(bytes) { throw .invalidUTF8(offset: bad) }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw .syntax(error)
        }
    }

    public static func decode(json root: JSONValue) throws(MapFormatError) -> JourneyMap {
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
        var migrated = root
        var v = version
        while v < currentVersion {
            migrated = try migrate(migrated, from: v)
            v += 1
        }
        guard case .object(let fields) = migrated else { throw .notAMap("migration did not give an object") }
        return try decodeCurrent(Fields(fields, path: ""))
    }

    private static func decodeCurrent(_ r: Fields) throws(MapFormatError) -> JourneyMap {
        try r.only(["format", "version", "title", "goal", "stages", "lanes"])
        var map = JourneyMap()
        map.title = try r.string("title", default: "")
        map.goal = try r.string("goal", default: "")
        var stageIDs: Set<StageID> = []
        for (i, item) in try r.array("stages").enumerated() {
            let s = try r.object(item, at: "stages[\(i)]")
            try s.only(["id", "name", "emotion"])
            let id = StageID(try s.id("id"))
            if !stageIDs.insert(id).inserted {
                throw .shape(field: s.path("id"), problem: "the stage id \"\(id)\" is used twice")
            }
            var stage = Stage(id: id, name: try s.string("name", default: ""))
            if s.value("emotion") != nil {
                let e = try s.int("emotion")
                guard Emotion.range.contains(e) else {
                    throw .shape(field: s.path("emotion"), problem: "expected a score from -2 to 2, found \(e)")
                }
                stage.emotion = e
            }
            map.stages.append(stage)
        }
        var laneIDs: Set<LaneID> = []
        for (i, item) in try r.array("lanes").enumerated() {
            let l = try r.object(item, at: "lanes[\(i)]")
            try l.only(["id", "title", "kind", "cells"])
            let id = LaneID(try l.id("id"))
            if !laneIDs.insert(id).inserted {
                throw .shape(field: l.path("id"), problem: "the lane id \"\(id)\" is used twice")
            }
            let kindName = try l.string("kind", default: LaneKind.notes.rawValue)
            guard let kind = LaneKind.parse(kindName) else {
                let known = LaneKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw .shape(field: l.path("kind"), problem: "unknown lane kind \"\(kindName)\" (known: \(known))")
            }
            var lane = Lane(id: id, title: try l.string("title", default: ""), kind: kind)
            if let cellsValue = l.value("cells") {
                guard case .object(let cells) = cellsValue else {
                    throw .shape(
                        field: l.path("cells"), problem: "expected an object of stage id to text, found \(cellsValue.typeName)")
                }
                for (key, value) in cells {
                    let sid = StageID(key)
                    guard stageIDs.contains(sid) else {
                        throw .shape(field: l.path("cells.\(key)"), problem: "no stage has the id \"\(key)\"")
                    }
                    guard case .string(let text) = value else {
                        throw .shape(field: l.path("cells.\(key)"), problem: "expected text, found \(value.typeName)")
                    }
                    if !text.isEmpty { lane.cells[sid] = text }
                }
            }
            map.lanes.append(lane)
        }
        return map
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var it = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

/// Reads the fields of one JSON object, naming the field in every error.
struct Fields {
    let members: [(String, JSONValue)]
    let prefix: String

    init(_ members: [(String, JSONValue)], path: String) {
        self.members = members
        self.prefix = path
    }

    func path(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }

    func value(_ key: String) -> JSONValue? { members.first { $0.0 == key }?.1 }

    func only(_ allowed: Set<String>) throws(MapFormatError) {
        var seen: Set<String> = []
        for (key, _) in members {
            if !allowed.contains(key) {
                throw .shape(field: path(key), problem: "unknown field (this cjm would lose it on save)")
            }
            if !seen.insert(key).inserted { throw .shape(field: path(key), problem: "the field appears twice") }
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

    func object(_ v: JSONValue, at p: String) throws(MapFormatError) -> Fields {
        guard case .object(let m) = v else {
            throw .shape(field: prefix.isEmpty ? p : prefix + "." + p, problem: "expected an object, found \(v.typeName)")
        }
        return Fields(m, path: prefix.isEmpty ? p : prefix + "." + p)
    }
}
