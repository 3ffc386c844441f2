/// The history file: the undo and redo stacks as JSON, with the fingerprint of the map
/// bytes they belong to. Kept apart from the map so the map stays clean for sharing and git.
public enum HistoryCodec {
    public static let formatName = "cjm-history"
    public static let currentVersion = 1

    public static func encode(_ history: History, documentFingerprint: String) -> [UInt8] {
        JSONWriter.write(
            .object([
                ("format", .string(formatName)),
                ("version", .int(currentVersion)),
                ("document", .string(documentFingerprint)),
                ("undo", .array(history.undoStack.map(transactionJSON))),
                ("redo", .array(history.redoStack.map(transactionJSON))),
            ]))
    }

    /// Returns the history and the fingerprint of the document it belongs to.
    public static func decode(_ bytes: [UInt8]) throws(MapFormatError) -> (History, String) {
        let root = try MapCodec.parseJSON(bytes)
        guard case .object(let top) = root else { throw .notAMap("expected an object, found \(root.typeName)") }
        let r = Fields(top, path: "")
        guard case .string(formatName)? = r.value("format") else { throw .notAMap("not a cjm history file") }
        let version = try r.int("version")
        if version > currentVersion { throw .newerVersion(found: version, supported: currentVersion) }
        try r.only(["format", "version", "document", "undo", "redo"])
        let fingerprint = try r.string("document")
        var stacks: [[Transaction]] = [[], []]
        for (k, key) in ["undo", "redo"].enumerated() {
            for (i, item) in try r.array(key).enumerated() {
                stacks[k].append(try transaction(try r.object(item, at: "\(key)[\(i)]")))
            }
        }
        return (History(undo: stacks[0], redo: stacks[1]), fingerprint)
    }

    // MARK: Transactions and operations

    static func transactionJSON(_ t: Transaction) -> JSONValue {
        .object([("label", .string(t.label)), ("ops", .array(t.operations.map(operationJSON)))])
    }

    static func cellsJSON(_ cells: [LaneID: String]) -> JSONValue {
        .object(cells.sorted { $0.key < $1.key }.map { ($0.key.raw, .string($0.value)) })
    }

    static func optionalInt(_ v: Int?) -> JSONValue { v.map { .int($0) } ?? .null }

    static func operationJSON(_ op: Operation) -> JSONValue {
        func o(_ name: String, _ fields: [(String, JSONValue)]) -> JSONValue { .object([("op", .string(name))] + fields) }
        switch op {
        case .setTitle(let a, let b): return o("setTitle", [("old", .string(a)), ("new", .string(b))])
        case .setGoal(let a, let b): return o("setGoal", [("old", .string(a)), ("new", .string(b))])
        case .setCell(let l, let s, let a, let b):
            return o("setCell", [("lane", .string(l.raw)), ("stage", .string(s.raw)), ("old", .string(a)), ("new", .string(b))])
        case .renameStage(let id, let a, let b):
            return o("renameStage", [("stage", .string(id.raw)), ("old", .string(a)), ("new", .string(b))])
        case .renameLane(let id, let a, let b):
            return o("renameLane", [("lane", .string(id.raw)), ("old", .string(a)), ("new", .string(b))])
        case .setEmotion(let id, let a, let b):
            return o("setEmotion", [("stage", .string(id.raw)), ("old", optionalInt(a)), ("new", optionalInt(b))])
        case .setLaneKind(let id, let a, let b):
            return o("setLaneKind", [("lane", .string(id.raw)), ("old", .string(a.rawValue)), ("new", .string(b.rawValue))])
        case .insertStage(let s, let i, let c):
            return o("insertStage", [("stage", MapCodec.stageJSON(s)), ("index", .int(i)), ("cells", cellsJSON(c))])
        case .removeStage(let s, let i, let c):
            return o("removeStage", [("stage", MapCodec.stageJSON(s)), ("index", .int(i)), ("cells", cellsJSON(c))])
        case .insertLane(let l, let i): return o("insertLane", [("lane", laneJSON(l)), ("index", .int(i))])
        case .removeLane(let l, let i): return o("removeLane", [("lane", laneJSON(l)), ("index", .int(i))])
        case .moveStage(let id, let f, let t):
            return o("moveStage", [("stage", .string(id.raw)), ("from", .int(f)), ("to", .int(t))])
        case .moveLane(let id, let f, let t):
            return o("moveLane", [("lane", .string(id.raw)), ("from", .int(f)), ("to", .int(t))])
        }
    }

    static func laneJSON(_ l: Lane) -> JSONValue {
        .object([
            ("id", .string(l.id.raw)), ("title", .string(l.title)), ("kind", .string(l.kind.rawValue)),
            ("cells", .object(l.cells.sorted { $0.key < $1.key }.map { ($0.key.raw, .string($0.value)) })),
        ])
    }

    static func transaction(_ r: Fields) throws(MapFormatError) -> Transaction {
        let label = try r.string("label", default: "")
        var ops: [Operation] = []
        for (i, item) in try r.array("ops").enumerated() {
            ops.append(try operation(try r.object(item, at: "ops[\(i)]")))
        }
        return Transaction(label, ops)
    }

    static func optInt(_ r: Fields, _ key: String) throws(MapFormatError) -> Int? {
        if case .null? = r.value(key) { return nil }
        if r.value(key) == nil { return nil }
        return try r.int(key)
    }

    static func kind(_ r: Fields, _ key: String) throws(MapFormatError) -> LaneKind {
        let s = try r.string(key)
        guard let k = LaneKind.parse(s) else { throw .shape(field: r.path(key), problem: "unknown lane kind \"\(s)\"") }
        return k
    }

    static func stage(_ r: Fields) throws(MapFormatError) -> Stage {
        Stage(id: StageID(try r.id("id")), name: try r.string("name", default: ""), emotion: try optInt(r, "emotion"))
    }

    static func textMap(_ v: JSONValue?, _ path: String) throws(MapFormatError) -> [String: String] {
        guard let v else { return [:] }
        guard case .object(let m) = v else { throw .shape(field: path, problem: "expected an object") }
        var out: [String: String] = [:]
        for (k, value) in m {
            guard case .string(let s) = value else { throw .shape(field: path + "." + k, problem: "expected text") }
            out[k] = s
        }
        return out
    }

    static func lane(_ r: Fields) throws(MapFormatError) -> Lane {
        var cells: [StageID: String] = [:]
        for (k, v) in try textMap(r.value("cells"), r.path("cells")) { cells[StageID(k)] = v }
        return Lane(
            id: LaneID(try r.id("id")), title: try r.string("title", default: ""), kind: try kind(r, "kind"), cells: cells)
    }

    static func operation(_ r: Fields) throws(MapFormatError) -> Operation {
        let name = try r.string("op")
        switch name {
        case "setTitle": return .setTitle(old: try r.string("old"), new: try r.string("new"))
        case "setGoal": return .setGoal(old: try r.string("old"), new: try r.string("new"))
        case "setCell":
            return .setCell(
                lane: LaneID(try r.id("lane")), stage: StageID(try r.id("stage")), old: try r.string("old"),
                new: try r.string("new"))
        case "renameStage": return .renameStage(StageID(try r.id("stage")), old: try r.string("old"), new: try r.string("new"))
        case "renameLane": return .renameLane(LaneID(try r.id("lane")), old: try r.string("old"), new: try r.string("new"))
        case "setEmotion": return .setEmotion(StageID(try r.id("stage")), old: try optInt(r, "old"), new: try optInt(r, "new"))
        case "setLaneKind": return .setLaneKind(LaneID(try r.id("lane")), old: try kind(r, "old"), new: try kind(r, "new"))
        case "insertStage", "removeStage":
            guard let sv = r.value("stage") else { throw .shape(field: r.path("stage"), problem: "missing") }
            let s = try stage(try r.object(sv, at: "stage"))
            var cells: [LaneID: String] = [:]
            for (k, v) in try textMap(r.value("cells"), r.path("cells")) { cells[LaneID(k)] = v }
            let i = try r.int("index")
            return name == "insertStage" ? .insertStage(s, index: i, cells: cells) : .removeStage(s, index: i, cells: cells)
        case "insertLane", "removeLane":
            guard let lv = r.value("lane") else { throw .shape(field: r.path("lane"), problem: "missing") }
            let l = try lane(try r.object(lv, at: "lane"))
            let i = try r.int("index")
            return name == "insertLane" ? .insertLane(l, index: i) : .removeLane(l, index: i)
        case "moveStage": return .moveStage(StageID(try r.id("stage")), from: try r.int("from"), to: try r.int("to"))
        case "moveLane": return .moveLane(LaneID(try r.id("lane")), from: try r.int("from"), to: try r.int("to"))
        default: throw .shape(field: r.path("op"), problem: "unknown operation \"\(name)\"")
        }
    }
}

/// A short fingerprint of file bytes (64-bit FNV-1a and the length), to tell whether the
/// history belongs to the map on disk. Not a security measure: it guards against mistakes.
public func fingerprint(_ bytes: [UInt8]) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01b3
    }
    let hex = String(h, radix: 16)
    return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex + ":\(bytes.count)"
}
