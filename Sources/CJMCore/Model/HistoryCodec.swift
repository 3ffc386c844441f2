/// The history file: the undo and redo stacks as JSON, with the fingerprint of the map
/// bytes they belong to. Kept apart from the map so the map stays clean for sharing and git.
public enum HistoryCodec {
    public static let formatName = "cjm-history"
    /// Version 2 names the map of each map-level operation; version 1 (one map per file) did not.
    public static let currentVersion = 2

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

    /// Returns the history and the fingerprint of the document it belongs to. Operations of
    /// a version 1 history belong to `firstMap`, the map a version 1 file becomes.
    public static func decode(_ bytes: [UInt8], firstMap: MapID) throws(MapFormatError) -> (History, String) {
        let root = try MapCodec.parseJSON(bytes)
        guard case .object(let top) = root else { throw .notAMap("expected an object, found \(root.typeName)") }
        let r = Fields(top, path: "")
        guard case .string(formatName)? = r.value("format") else { throw .notAMap("not a cjm history file") }
        let version = try r.int("version")
        if version > currentVersion { throw .newerVersion(found: version, supported: currentVersion) }
        try r.only(["format", "version", "document", "undo", "redo"])
        let fingerprint = try r.string("document")
        let defaultMap: MapID? = version == 1 ? firstMap : nil
        var stacks: [[Transaction]] = [[], []]
        for (k, key) in ["undo", "redo"].enumerated() {
            for (i, item) in try r.array(key).enumerated() {
                stacks[k].append(try transaction(try r.object(item, at: "\(key)[\(i)]"), defaultMap: defaultMap))
            }
        }
        return (History(undo: stacks[0], redo: stacks[1]), fingerprint)
    }

    // MARK: Encoding

    static func transactionJSON(_ t: Transaction) -> JSONValue {
        var fields: [(String, JSONValue)] = [("label", .string(t.label))]
        if let w = t.words {
            let args: [JSONValue] = w.arguments.map { a in
                switch a {
                case .text(let s): .string(s)
                case .number(let n): .int(n)
                case .phrase(let p): .object([("phrase", .string(p.rawValue))])
                case .kind(let k): .object([("kind", .string(k.rawValue))])
                case .content(let c): .object([("content", .string(c.rawValue))])
                // No step says these; kept as their English if one ever does.
                case .format, .words: .string(Words(.verbatim, a).text(.en))
                }
            }
            fields.append(("say", .object([("phrase", .string(w.phrase.rawValue)), ("args", .array(args))])))
        }
        return .object(fields + [("ops", .array(t.operations.map(changeJSON)))])
    }

    static func o(_ name: String, _ fields: [(String, JSONValue)]) -> JSONValue { .object([("op", .string(name))] + fields) }

    static func changeJSON(_ c: Change) -> JSONValue {
        switch c {
        case .map(let id, let op): return operationJSON(op, map: id)
        case .insertMap(let m, let i): return o("insertMap", [("map", MapCodec.mapJSON(m)), ("index", .int(i))])
        case .removeMap(let m, let i): return o("removeMap", [("map", MapCodec.mapJSON(m)), ("index", .int(i))])
        case .moveMap(let id, let f, let t): return o("moveMap", [("map", .string(id.raw)), ("from", .int(f)), ("to", .int(t))])
        case .insertPersona(let p, let i): return o("insertPersona", [("persona", MapCodec.personaJSON(p)), ("index", .int(i))])
        case .removePersona(let p, let i): return o("removePersona", [("persona", MapCodec.personaJSON(p)), ("index", .int(i))])
        case .setPersona(let a, let b):
            return o("setPersona", [("old", MapCodec.personaJSON(a)), ("new", MapCodec.personaJSON(b))])
        case .movePersona(let id, let f, let t):
            return o("movePersona", [("persona", .string(id.raw)), ("from", .int(f)), ("to", .int(t))])
        case .setChannels(let a, let b):
            return o("setChannels", [("old", .array(a.map { .string($0) })), ("new", .array(b.map { .string($0) }))])
        case .replaceWorkspace(let a, let b):
            return o("replaceWorkspace", [("old", MapCodec.json(a)), ("new", MapCodec.json(b))])
        case .setConflicts(let a, let b):
            return o(
                "setConflicts",
                [("old", .array(a.map(MapCodec.conflictJSON))), ("new", .array(b.map(MapCodec.conflictJSON)))])
        }
    }

    static func textMap<K: Comparable>(_ cells: [K: String], _ raw: (K) -> String) -> JSONValue {
        .object(cells.keys.sorted().map { (raw($0), .string(cells[$0]!)) })
    }

    static func scoresJSON(_ s: [StageID: Int]) -> JSONValue { .object(s.keys.sorted().map { ($0.raw, .int(s[$0]!)) }) }

    static func optionalInt(_ v: Int?) -> JSONValue { v.map { .int($0) } ?? .null }

    static func operationJSON(_ op: Operation, map: MapID) -> JSONValue {
        let m: (String, JSONValue) = ("map", .string(map.raw))
        switch op {
        case .setTitle(let a, let b): return o("setTitle", [m, ("old", .string(a)), ("new", .string(b))])
        case .setGoal(let a, let b): return o("setGoal", [m, ("old", .string(a)), ("new", .string(b))])
        case .setSegment(let a, let b): return o("setSegment", [m, ("old", .string(a)), ("new", .string(b))])
        case .setCell(let l, let s, let a, let b):
            return o(
                "setCell", [m, ("lane", .string(l.raw)), ("stage", .string(s.raw)), ("old", .string(a)), ("new", .string(b))])
        case .renameStage(let id, let a, let b):
            return o("renameStage", [m, ("stage", .string(id.raw)), ("old", .string(a)), ("new", .string(b))])
        case .renameLane(let id, let a, let b):
            return o("renameLane", [m, ("lane", .string(id.raw)), ("old", .string(a)), ("new", .string(b))])
        case .setEmotion(let id, let p, let a, let b):
            return o(
                "setEmotion",
                [
                    m, ("stage", .string(id.raw)), ("persona", p.map { .string($0.raw) } ?? .null), ("old", optionalInt(a)),
                    ("new", optionalInt(b)),
                ])
        case .setLaneKind(let id, let a, let b):
            return o("setLaneKind", [m, ("lane", .string(id.raw)), ("old", .string(a.rawValue)), ("new", .string(b.rawValue))])
        case .setLaneContent(let id, let a, let b):
            return o(
                "setLaneContent", [m, ("lane", .string(id.raw)), ("old", .string(a.rawValue)), ("new", .string(b.rawValue))])
        case .linkPersona(let p, let i, let s):
            return o("linkPersona", [m, ("persona", .string(p.raw)), ("index", .int(i)), ("scores", scoresJSON(s))])
        case .unlinkPersona(let p, let i, let s):
            return o("unlinkPersona", [m, ("persona", .string(p.raw)), ("index", .int(i)), ("scores", scoresJSON(s))])
        case .insertStage(let s, let i, let c):
            return o(
                "insertStage",
                [m, ("stage", MapCodec.stageJSON(s, personas: [])), ("index", .int(i)), ("cells", textMap(c) { $0.raw })])
        case .removeStage(let s, let i, let c):
            return o(
                "removeStage",
                [m, ("stage", MapCodec.stageJSON(s, personas: [])), ("index", .int(i)), ("cells", textMap(c) { $0.raw })])
        case .insertLane(let l, let i): return o("insertLane", [m, ("lane", laneJSON(l)), ("index", .int(i))])
        case .removeLane(let l, let i): return o("removeLane", [m, ("lane", laneJSON(l)), ("index", .int(i))])
        case .moveStage(let id, let f, let t):
            return o("moveStage", [m, ("stage", .string(id.raw)), ("from", .int(f)), ("to", .int(t))])
        case .moveLane(let id, let f, let t):
            return o("moveLane", [m, ("lane", .string(id.raw)), ("from", .int(f)), ("to", .int(t))])
        }
    }

    /// Lanes in the history keep their cells as text, whatever their content.
    static func laneJSON(_ l: Lane) -> JSONValue {
        .object([
            ("id", .string(l.id.raw)), ("title", .string(l.title)), ("kind", .string(l.kind.rawValue)),
            ("content", .string(l.content.rawValue)), ("cells", textMap(l.cells) { $0.raw }),
        ])
    }

    // MARK: Decoding

    static func transaction(_ r: Fields, defaultMap: MapID?) throws(MapFormatError) -> Transaction {
        let label = try r.string("label", default: "")
        var ops: [Change] = []
        for (i, item) in try r.array("ops").enumerated() {
            ops.append(try change(try r.object(item, at: "ops[\(i)]"), defaultMap: defaultMap))
        }
        var t = Transaction(label, ops)
        // The label's words, when this cjm knows the phrase; else the English label is shown.
        if let say = r.value("say") {
            let w = try r.object(say, at: "say")
            func argument(_ v: JSONValue) -> Words.Argument? {
                switch v {
                case .string(let s): return .text(s)
                case .number(let n): return Int(n).map { .number($0) }
                case .object(let o) where o.count == 1:
                    guard case .string(let raw) = o[0].1 else { return nil }
                    switch o[0].0 {
                    case "phrase": return Phrase(rawValue: raw).map { .phrase($0) }
                    case "kind": return LaneKind(rawValue: raw).map { .kind($0) }
                    case "content": return LaneContent(rawValue: raw).map { .content($0) }
                    default: return nil
                    }
                default: return nil
                }
            }
            let found = try w.array("args").map(argument)
            let args = found.allSatisfy { $0 != nil } ? found.compactMap { $0 } : nil
            if let args, let phrase = Phrase(rawValue: try w.string("phrase")) {
                t.words = Words(phrase, arguments: args)
            }
        }
        return t
    }

    static func texts(_ v: JSONValue?, _ path: String) throws(MapFormatError) -> [(String, String)] {
        guard let v else { return [] }
        guard case .object(let m) = v else { throw .shape(field: path, problem: "expected an object") }
        var out: [(String, String)] = []
        for (k, value) in m {
            guard case .string(let s) = value else { throw .shape(field: path + "." + k, problem: "expected text") }
            out.append((k, s))
        }
        return out
    }

    static func scores(_ r: Fields) throws(MapFormatError) -> [StageID: Int] {
        guard let v = r.value("scores") else { return [:] }
        let f = try r.object(v, at: "scores")
        var out: [StageID: Int] = [:]
        for (k, _) in f.members { out[StageID(k)] = try MapCodec.score(f, k) }
        return out
    }

    /// Stages and lanes go through the map file's decoders, with the same checks; what they
    /// refer to (personas, stages) is checked when the step is applied.
    static func stage(_ r: Fields, _ key: String) throws(MapFormatError) -> Stage {
        guard let v = r.value(key) else { throw .shape(field: r.path(key), problem: "missing") }
        return try MapCodec.decodeStage(try r.object(v, at: key), personas: nil)
    }

    static func lane(_ r: Fields, _ key: String) throws(MapFormatError) -> Lane {
        guard let v = r.value(key) else { throw .shape(field: r.path(key), problem: "missing") }
        return try MapCodec.decodeLane(try r.object(v, at: key), stages: nil)
    }

    static func kind(_ r: Fields, _ key: String) throws(MapFormatError) -> LaneKind {
        let s = try r.string(key)
        guard let k = LaneKind.parse(s) else { throw .shape(field: r.path(key), problem: "unknown lane kind \"\(s)\"") }
        return k
    }

    static func content(_ r: Fields, _ key: String) throws(MapFormatError) -> LaneContent {
        let s = try r.string(key)
        guard let k = LaneContent(rawValue: s) else { throw .shape(field: r.path(key), problem: "unknown content \"\(s)\"") }
        return k
    }

    static func scoreOrNone(_ r: Fields, _ key: String) throws(MapFormatError) -> Int? {
        if r.value(key) == nil || r.value(key) == .null { return nil }
        return try MapCodec.score(r, key)
    }

    static func persona(_ r: Fields, _ key: String) throws(MapFormatError) -> Persona {
        guard let v = r.value(key) else { throw .shape(field: r.path(key), problem: "missing") }
        return try MapCodec.decodePersona(try r.object(v, at: key))
    }

    static func change(_ r: Fields, defaultMap: MapID?) throws(MapFormatError) -> Change {
        let name = try r.string("op")
        switch name {
        case "insertMap", "removeMap":
            guard let mv = r.value("map") else { throw .shape(field: r.path("map"), problem: "missing") }
            let m = try MapCodec.decodeMap(
                try r.object(mv, at: "map"), allowed: MapCodec.mapFields,
                personas: nil)
            let i = try r.int("index")
            return name == "insertMap" ? .insertMap(m, index: i) : .removeMap(m, index: i)
        case "moveMap": return .moveMap(MapID(try r.id("map")), from: try r.int("from"), to: try r.int("to"))
        case "insertPersona": return .insertPersona(try persona(r, "persona"), index: try r.int("index"))
        case "removePersona": return .removePersona(try persona(r, "persona"), index: try r.int("index"))
        case "setPersona": return .setPersona(old: try persona(r, "old"), new: try persona(r, "new"))
        case "movePersona": return .movePersona(PersonaID(try r.id("persona")), from: try r.int("from"), to: try r.int("to"))
        case "setChannels":
            var lists: [[String]] = []
            for key in ["old", "new"] {
                var list: [String] = []
                for item in try r.array(key) {
                    guard case .string(let s) = item else { throw .shape(field: r.path(key), problem: "expected text") }
                    list.append(s)
                }
                lists.append(list)
            }
            return .setChannels(old: lists[0], new: lists[1])
        case "replaceWorkspace":
            var sides: [Workspace] = []
            for key in ["old", "new"] {
                guard let v = r.value(key) else { throw .shape(field: r.path(key), problem: "missing") }
                sides.append(try MapCodec.decode(json: v))
            }
            return .replaceWorkspace(old: sides[0], new: sides[1])
        case "setConflicts":
            var lists: [[Conflict]] = []
            for key in ["old", "new"] {
                var list: [Conflict] = []
                for (i, item) in try r.array(key).enumerated() {
                    list.append(try MapCodec.decodeConflict(try r.object(item, at: "\(key)[\(i)]")))
                }
                lists.append(list)
            }
            return .setConflicts(old: lists[0], new: lists[1])
        default:
            let map: MapID
            if r.value("map") != nil {
                map = MapID(try r.id("map"))
            } else if let defaultMap {
                map = defaultMap
            } else {
                throw .shape(field: r.path("map"), problem: "missing")
            }
            return .map(map, try operation(r, name))
        }
    }

    static func operation(_ r: Fields, _ name: String) throws(MapFormatError) -> Operation {
        switch name {
        case "setTitle": return .setTitle(old: try r.string("old"), new: try r.string("new"))
        case "setGoal": return .setGoal(old: try r.string("old"), new: try r.string("new"))
        case "setSegment": return .setSegment(old: try r.string("old"), new: try r.string("new"))
        case "setCell":
            return .setCell(
                lane: LaneID(try r.id("lane")), stage: StageID(try r.id("stage")), old: try r.string("old"),
                new: try r.string("new"))
        case "renameStage": return .renameStage(StageID(try r.id("stage")), old: try r.string("old"), new: try r.string("new"))
        case "renameLane": return .renameLane(LaneID(try r.id("lane")), old: try r.string("old"), new: try r.string("new"))
        case "setEmotion":
            var persona: PersonaID?
            if case .string(let p)? = r.value("persona") { persona = PersonaID(p) }
            return .setEmotion(
                StageID(try r.id("stage")), persona: persona, old: try scoreOrNone(r, "old"), new: try scoreOrNone(r, "new"))
        case "setLaneKind": return .setLaneKind(LaneID(try r.id("lane")), old: try kind(r, "old"), new: try kind(r, "new"))
        case "setLaneContent":
            return .setLaneContent(LaneID(try r.id("lane")), old: try content(r, "old"), new: try content(r, "new"))
        case "linkPersona":
            return .linkPersona(PersonaID(try r.id("persona")), index: try r.int("index"), scores: try scores(r))
        case "unlinkPersona":
            return .unlinkPersona(PersonaID(try r.id("persona")), index: try r.int("index"), scores: try scores(r))
        case "insertStage", "removeStage":
            let s = try stage(r, "stage")
            var cells: [LaneID: String] = [:]
            for (k, v) in try texts(r.value("cells"), r.path("cells")) { cells[LaneID(k)] = v }
            let i = try r.int("index")
            return name == "insertStage" ? .insertStage(s, index: i, cells: cells) : .removeStage(s, index: i, cells: cells)
        case "insertLane", "removeLane":
            let l = try lane(r, "lane")
            let i = try r.int("index")
            return name == "insertLane" ? .insertLane(l, index: i) : .removeLane(l, index: i)
        case "moveStage": return .moveStage(StageID(try r.id("stage")), from: try r.int("from"), to: try r.int("to"))
        case "moveLane": return .moveLane(LaneID(try r.id("lane")), from: try r.int("from"), to: try r.int("to"))
        default: throw .shape(field: r.path("op"), problem: "unknown operation \"\(name)\"")
        }
    }
}

/// A short fingerprint of file bytes (XXH64 and the length), to tell whether the history
/// belongs to the map on disk. Not a security measure: it guards against mistakes.
public func fingerprint(_ bytes: [UInt8]) -> String {
    var f = Fingerprint()
    f.add(bytes[...])
    return f.value
}

/// A fingerprint taken a piece at a time, for bytes that are written as they are made: XXH64
/// (seed 0), `xxh64:` and 16 hex digits, then `:` and the length. Four independent lanes of
/// eight bytes: FNV-1a, which cjm used before, went a byte at a time through one multiply
/// chain and took longer than the reading it went along with.
public struct Fingerprint: Sendable {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var v = (p1 &+ p2, p2, UInt64(0), 0 &- p1)
    /// The bytes short of a whole stripe of 32, kept for the next piece or the end.
    private var tail: [UInt8] = []
    private var count = 0

    public init() {}

    public mutating func add(_ bytes: ArraySlice<UInt8>) { bytes.withUnsafeBytes { add($0) } }

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        count += bytes.count
        var rest = bytes
        if !tail.isEmpty {
            let take = min(32 - tail.count, rest.count)
            tail += rest.prefix(take)
            rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(take))
            guard tail.count == 32 else { return }
            tail.withUnsafeBytes { stripes($0) }
            tail.removeAll(keepingCapacity: true)
        }
        let whole = rest.count & ~31
        stripes(UnsafeRawBufferPointer(rebasing: rest.prefix(whole)))
        tail += rest.dropFirst(whole)
    }

    @inline(__always)
    private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotate(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always)
    private static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    /// Whole stripes of 32 bytes, one word to each lane.
    private mutating func stripes(_ b: UnsafeRawBufferPointer) {
        guard let base = b.baseAddress else { return }
        var (a, c, d, e) = v
        var i = 0
        while i + 32 <= b.count {
            a = Self.round(a, UInt64(littleEndian: (base + i).loadUnaligned(as: UInt64.self)))
            c = Self.round(c, UInt64(littleEndian: (base + i + 8).loadUnaligned(as: UInt64.self)))
            d = Self.round(d, UInt64(littleEndian: (base + i + 16).loadUnaligned(as: UInt64.self)))
            e = Self.round(e, UInt64(littleEndian: (base + i + 24).loadUnaligned(as: UInt64.self)))
            i += 32
        }
        v = (a, c, d, e)
    }

    public var value: String {
        var h: UInt64
        if count >= 32 {
            let (a, c, d, e) = v
            h = Self.rotate(a, 1) &+ Self.rotate(c, 7) &+ Self.rotate(d, 12) &+ Self.rotate(e, 18)
            for lane in [a, c, d, e] { h = (h ^ Self.round(0, lane)) &* Self.p1 &+ Self.p4 }
        } else {
            h = Self.p5
        }
        h &+= UInt64(count)
        var i = 0
        func word(_ n: Int) -> UInt64 { (0..<n).reduce(0) { $0 | UInt64(tail[i + $1]) << (8 * $1) } }
        while i + 8 <= tail.count {
            h = Self.rotate(h ^ Self.round(0, word(8)), 27) &* Self.p1 &+ Self.p4
            i += 8
        }
        if i + 4 <= tail.count {
            h = Self.rotate(h ^ (word(4) &* Self.p1), 23) &* Self.p2 &+ Self.p3
            i += 4
        }
        while i < tail.count {
            h = Self.rotate(h ^ (UInt64(tail[i]) &* Self.p5), 11) &* Self.p1
            i += 1
        }
        h = (h ^ (h >> 33)) &* Self.p2
        h = (h ^ (h >> 29)) &* Self.p3
        h ^= h >> 32
        return Self.named("xxh64", h, count)
    }

    /// `NAME:` and 16 hex digits, then `:` and the length: the form both fingerprints take.
    static func named(_ name: String, _ h: UInt64, _ count: Int) -> String {
        let hex = String(h, radix: 16)
        return name + ":" + String(repeating: "0", count: 16 - hex.count) + hex + ":\(count)"
    }

    /// The fingerprint cjm wrote before (64-bit FNV-1a and the length), which histories saved
    /// then still name: such a history is checked against it, and saved with the new one.
    public static func legacy(_ bytes: [UInt8]) -> String {
        var f = Legacy()
        f.add(bytes[...])
        return f.value
    }

    /// The old fingerprint, a piece at a time.
    public struct Legacy: Sendable {
        private var h: UInt64 = 0xcbf2_9ce4_8422_2325
        private var count = 0

        public init() {}

        public mutating func add(_ bytes: ArraySlice<UInt8>) {
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            count += bytes.count
        }

        public var value: String { Fingerprint.named(Self.name, h, count) }

        static let name = "fnv1a64"

        /// Whether `fingerprint` has this old form.
        public static func names(_ fingerprint: String) -> Bool { fingerprint.hasPrefix(name + ":") }
    }
}
