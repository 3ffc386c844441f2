import Testing

@testable import CJMCore
@testable import CJMStorage

/// The one-pass reader against the slow one (the whole `JSONValue` tree, then decoding):
/// it reads every file cjm writes, and it never takes a file the slow reader refuses, nor
/// reads one differently.
@Suite(.temporaryFolders) struct MapReaderTests {
    /// What the slow path makes of the bytes: the workspace, or nil when it refuses them.
    static func slow(_ bytes: [UInt8]) -> Workspace? { try? MapCodec.decode(json: MapCodec.parseJSON(bytes)) }

    /// A workspace with every content of cell, escapes, scores of several personas, empty
    /// lanes and conflicts: the edits of `randomEdit` from a Russian template.
    static func editedWorkspaces(seed: UInt64, steps: Int) throws -> [Workspace] {
        var rng = SplitMix64(seed: seed)
        var session = EditSession(workspace: Templates.named("cinema-ru")!.workspace)
        var out: [Workspace] = []
        for step in 0..<steps {
            guard let t = randomEdit(session.workspace, &rng) else { continue }
            try? session.perform(t)
            if step % 25 == 0 { out.append(session.workspace) }
        }
        var conflicted = session.workspace
        let map = conflicted.maps[0]
        conflicted.conflicts = [
            Conflict(.title(map.id), base: "было", ours: "наше", theirs: nil),
            Conflict(.cell(map.id, map.lanes[0].id, map.stages[0].id), base: nil, ours: "a\nb", theirs: "\"c\""),
        ]
        out.append(conflicted)
        return out
    }

    /// The one-pass reader fed a piece at a time, in pieces of 1 to `most` bytes, through a window of `window` bytes.
    static func streamed(_ bytes: [UInt8], window: Int, pieces most: Int, _ rng: inout SplitMix64) -> Workspace? {
        var at = 0
        var sizes: [Int] = (0..<64).map { _ in Int.random(in: 1...most, using: &rng) }
        return MapCodec.decodeInOnePass(window: window) { buffer in
            sizes.append(sizes.removeFirst())
            let n = min(buffer.count, bytes.count - at, sizes[0])
            buffer.copyBytes(from: bytes[at..<(at + n)])
            at += n
            return n
        }
    }

    /// The one-pass reader fed in pieces of 64 KiB, its cells made by `maker`.
    static func streamed(_ bytes: [UInt8], maker: any CellMaker) -> Workspace? {
        var at = 0
        return MapCodec.decodeInOnePass(make: maker) { buffer in
            let n = min(buffer.count, bytes.count - at, 1 << 16)
            buffer.copyBytes(from: bytes[at..<(at + n)])
            at += n
            return n
        }
    }

    @Test func everyFileCjmWritesIsReadInOnePass() throws {
        var all = Templates.all.map(\.workspace)
        all.append(Workspace(channels: [], personas: [], maps: [JourneyMap()]))
        all += try Self.editedWorkspaces(seed: 5, steps: 1500)
        var rng = SplitMix64(seed: 3)
        for ws in all {
            let bytes = MapCodec.encode(ws)
            let fast = MapReader.read(bytes)
            #expect(fast == ws, "\(String(decoding: bytes.prefix(200), as: UTF8.self))")
            #expect(Self.slow(bytes) == ws)
            // Read a piece at a time, through a window smaller than the file.
            #expect(Self.streamed(bytes, window: 1 << 14, pieces: 5000, &rng) == ws)
            #expect(Self.streamed(bytes, window: 1 << 14, pieces: 7, &rng) == ws)
        }
    }

    /// Damaged files (bytes changed, removed or added; fields swapped, repeated or dropped;
    /// cells out of order) read alike both ways, or the one-pass reader gives them up.
    @Test func theOnePassReaderNeverTakesWhatTheSlowOneRefuses() throws {
        var rng = SplitMix64(seed: 77)
        let sources = try Self.editedWorkspaces(seed: 8, steps: 300).map(MapCodec.encode)
        let alphabet = Array("{}[]\",:0123456789-.etrufalsn \\u\n\r\tЖ🎬\u{0}\u{1F}".utf8)
        // Pieces of cjm's own layout, so that a mutation often stays well-formed.
        let pieces = [
            "\"id\": \"s1\",", "\"cells\": {},", "\"emotion\": 2,", "\"emotion\": 3,", "\"s1\": \"x\",", "\"s1\": [],",
            "\"s1\": [\"a\"],", "\"s1\": [\"\"],", "\"s1\": [{\"name\": \"n\", \"value\": 1e2, \"unit\": \"\"}],",
            "\"kind\": \"nope\",", "\"content\": \"list\",", "\"version\": 1,", "\"personas\": [],", "\"x\": null,", "\\u0000",
            "\\ud800", "\"\\n\"", "\u{FEFF}", "[[[[", "]]]]", "{", "}", ",", "\"stages\": [],", "\"lanes\": [],",
        ].map { Array($0.utf8) }
        var taken = 0
        var refused = 0
        for round in 0..<4000 {
            var bytes = sources[round % sources.count]
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<7, using: &rng) {
                case 0: bytes[i] = alphabet.randomElement(using: &rng)!
                case 6:
                    // A quote, bracket, comma or colon made something else.
                    if let j = bytes[i...].firstIndex(where: { "\"{}[],:".utf8.contains($0) }) {
                        bytes[j] = UInt8.random(in: 0...255, using: &rng)
                    }
                case 1: bytes.remove(at: i)
                case 2: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: i)
                case 3: bytes.insert(contentsOf: pieces.randomElement(using: &rng)!, at: i)
                case 4:
                    // A line repeated or moved: a field twice, fields or cells in another order.
                    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
                    var l = Array(lines)
                    let a = Int.random(in: 0..<l.count, using: &rng)
                    let b = Int.random(in: 0..<l.count, using: &rng)
                    if Bool.random(using: &rng) { l.swapAt(a, b) } else { l.insert(l[a], at: b) }
                    bytes = Array(l.joined(separator: [0x0A]))
                default:
                    let lines = Array(bytes.split(separator: 0x0A, omittingEmptySubsequences: false))
                    var l = lines
                    l.remove(at: Int.random(in: 0..<l.count, using: &rng))
                    bytes = Array(l.joined(separator: [0x0A]))
                }
            }
            let slow = Self.slow(bytes)
            let fast = MapReader.read(bytes)
            if let fast {
                taken += 1
                #expect(slow == fast, "\(String(decoding: bytes, as: UTF8.self))")
            } else if slow != nil {
                refused += 1
            }
            // A piece at a time: what the whole file gives with a window it fits in, and with
            // a small one (where a value may not fit) never what the slow reader would not.
            #expect(Self.streamed(bytes, window: 2 * bytes.count, pieces: 900, &rng) == fast)
            if let small = Self.streamed(bytes, window: 1 << 11, pieces: 300, &rng) {
                #expect(small == slow)
            }
            // The public entry point says what the slow path says, to the letter.
            let public1 = Result { () throws(MapFormatError) in try MapCodec.decode(bytes) }
            let public2 = Result { () throws(MapFormatError) in try MapCodec.decode(json: MapCodec.parseJSON(bytes)) }
            #expect(public1 == public2)
        }
        // Both ways were tried: mutations the one-pass reader took, and good files it left to the slow one.
        #expect(taken > 150, "taken \(taken)")
        #expect(refused > 30, "refused \(refused)")
    }

    /// A document that ends exactly where the window ends: the file is still read to its end,
    /// so text after the document is refused, whitespace after it is taken, and the
    /// fingerprint of an opened map covers every byte.
    @Test func theEndOfTheWindowIsNotTheEndOfTheFile() throws {
        let body = Array(MapCodec.encode(Templates.named("cinema")!.workspace).dropLast())
        var rng = SplitMix64(seed: 11)
        let window = 1 << 16
        for tail: [UInt8] in [Array("x".utf8), [0x0A], [0xFF], Array("  \n\n".utf8), Array("{}".utf8)] {
            let bytes = body + [UInt8](repeating: 0x20, count: window - body.count) + tail
            let streamed = Self.streamed(bytes, window: window, pieces: 70_000, &rng)
            #expect(streamed == Self.slow(bytes), "after the window: \(tail)")
            #expect((streamed != nil) == tail.allSatisfy { $0 == 0x20 || $0 == 0x0A })
        }
        // Through MapStore.open, whose window is MapCodec.readWindow: a file one newline longer than that.
        let big = body + [UInt8](repeating: 0x20, count: MapCodec.readWindow - body.count) + [0x0A]
        let path = temporaryFolder() + "/edge.json"
        writeBytes(path, big)
        let opened = try MapStore.open(path)
        #expect(opened.fingerprint == fingerprint(big))
        #expect(opened.workspace == Templates.named("cinema")!.workspace)
        writeBytes(path, big.dropLast() + Array("x".utf8))
        #expect(throws: CJMFileError.self) { try MapStore.open(path) }
    }

    /// What only the one-pass reader checks, one case each: each is refused by both readers,
    /// with the slow reader's message.
    @Test func itsOwnChecksRefuseWhatTheSlowOneRefuses() throws {
        let ws = Templates.named("cinema")!.workspace
        let good = String(decoding: MapCodec.encode(ws), as: UTF8.self)
        func mutated(_ from: String, _ to: String) -> [UInt8] {
            #expect(good.contains(from))
            return Array(good.replacing(from, with: to, maxReplacements: 1).utf8)
        }
        func written(_ change: (inout Workspace) -> Void) -> [UInt8] {
            var w = ws
            change(&w)
            return MapCodec.encode(w)
        }
        let s0 = ws.maps[0].stages[0].id.raw
        let cells = "\"cells\": {\n"
        var strayQuote = Array(good.utf8)
        let key = strayQuote[good.utf8.distance(from: good.startIndex, to: good.range(of: cells)!.upperBound)...]
            .firstIndex { $0 != 0x20 }!
        strayQuote[key] = 0x8E
        let cases: [(String, [UInt8])] = [
            ("a cell of an unknown stage", mutated(cells, cells + "\"nowhere\": \"x\",\n")),
            ("a cell twice", mutated(cells, cells + "\"\(s0)\": \"x\",\n\"\(s0)\": \"y\",\n")),
            ("a map id twice", written { $0.maps.append($0.maps[0]) }),
            ("a lane id twice", written { $0.maps[0].lanes.append($0.maps[0].lanes[0]) }),
            ("a stage id twice", written { $0.maps[0].stages.append($0.maps[0].stages[0]) }),
            ("a persona id twice", written { $0.personas.append(Persona(id: $0.personas[0].id, name: "x")) }),
            ("no maps", written { $0.maps = [] }),
            ("text after the end", Array(good.utf8) + Array("x".utf8)),
            (
                "a string that is not UTF-8",
                Array(mutated("\"title\": \"", "\"title\": \"\u{FFFD}").replacing([0xEF, 0xBF, 0xBD], with: [0xC0, 0xAF]))
            ),
            ("a cell's stage id opened by a stray byte", strayQuote),
            ("an item that is empty", mutated(cells, cells + "\"\(s0)\": [\"\"],\n")),
        ]
        for (name, bytes) in cases {
            #expect(Self.slow(bytes) == nil, "\(name): the slow reader took it")
            #expect(MapReader.read(bytes) == nil, "\(name): the one-pass reader took it")
            #expect(throws: MapFormatError.self, "\(name)") { try MapCodec.decode(bytes) }
        }
    }

    /// Metrics read as bytes (`MapReader.metric`) against the slow path: each shape of name,
    /// value and unit reads alike both ways, or the one-pass reader gives the file up; the
    /// usual ones are read in one pass.
    @Test func metricsReadAsBytesAsTheSlowPathReadsThem() throws {
        let s0 = StageID("s0")
        let lane = Lane(id: LaneID("l0"), title: "M", kind: .metrics, content: .metrics, cells: [s0: "MARK = 1"])
        let ws = Workspace(channels: [], personas: [], maps: [JourneyMap(stages: [Stage(id: s0, name: "S")], lanes: [lane])])
        let good = String(decoding: MapCodec.encode(ws), as: UTF8.self)
        let marked = try #require(good.range(of: #""name": "MARK""#))
        let close = try #require(good[marked.upperBound...].firstIndex(of: "}"))
        // (name, value, unit) as JSON, and whether the one-pass reader must take it.
        let cases: [(String, String, String, Bool)] = [
            (#""CTR""#, "2.5", #""%""#, true), (#""Выручка""#, "890", #""₽""#, true),
            (#""Выручка""#, "-0.5", #""шт""#, true), (#""Заказы""#, "1200", #""""#, true),
            (#""🎬""#, "1", #""🎬""#, true), (#""₽""#, "1", #""""#, true), (#""a""#, "null", #""""#, true),
            (#""e\u0301""#, "1", #""""#, false), (#""x""#, "1", #""\u0301a""#, false),
            (#""a = b""#, "1", #""""#, false), (#""a\nb""#, "1", #""""#, false), (#""a""#, "null", #""u""#, false),
            (#""a""#, "1e3", #""""#, false), (#""""#, "1", #""""#, false), (#""a""#, "1", #""u\nv""#, false),
            (#""a""#, "1", #"" x""#, false), (#""a ""#, "1", #""""#, false), (#""a""#, #""1""#, #""""#, false),
            (#""a\u00e9""#, "1", #""\u00e9""#, false), (#""BAD""#, "1", #""""#, false),
        ]
        for (name, value, unit, usual) in cases {
            var text = good
            text.replaceSubrange(marked.lowerBound..<close, with: #""name": \#(name), "value": \#(value), "unit": \#(unit)"#)
            // "BAD" becomes a byte sequence that is not UTF-8 (an overlong '/').
            let bytes = Array(text.utf8).replacing(Array("BAD".utf8), with: [0xC0, 0xAF])
            let fast = MapReader.read(bytes)
            let slow = Self.slow(bytes)
            #expect(fast == nil || fast == slow, "\(name) \(value) \(unit)")
            if usual { #expect(fast != nil && fast == slow, "\(name) \(value) \(unit): not read in one pass") }
            let public1 = Result { () throws(MapFormatError) in try MapCodec.decode(bytes) }
            let public2 = Result { () throws(MapFormatError) in try MapCodec.decode(json: MapCodec.parseJSON(bytes)) }
            #expect(public1 == public2, "\(name) \(value) \(unit)")
        }
    }

    /// `MapCodec.string` (decode, then compare) takes exactly the byte sequences that are
    /// UTF-8, among random ones made of the bytes where UTF-8 has its edges, the
    /// replacement character's own bytes included.
    @Test func aStringIsMadeOnlyFromUTF8() {
        var rng = SplitMix64(seed: 21)
        let edges: [UInt8] = [
            0x41, 0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xD0, 0xDF, 0xE0, 0xE1, 0xED, 0xEF,
            0xF0, 0xF1, 0xF4, 0xF5, 0xFF, 0xBD,
        ]
        var valid = 0
        for _ in 0..<30_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &rng)).map { _ in edges.randomElement(using: &rng)! }
            let made = MapCodec.string(bytes)
            #expect((made != nil) == (MapCodec.firstInvalidUTF8(bytes) == nil), "\(bytes)")
            if let made {
                valid += 1
                #expect(Array(made.utf8) == bytes)
            }
        }
        #expect(valid > 1000, "valid \(valid)")
    }

    /// A lane longer than a part (`CellBytes.partSize`) is handed on in parts, made at once
    /// or on the other core (MapStore.open), and read as written; a cell that is not UTF-8 in
    /// a later part refuses the file as in the first.
    @Test func aLongLaneIsReadInParts() throws {
        let stages = (0..<300).map { Stage(id: StageID("s\($0)"), name: "S\($0)") }
        let text = String(repeating: "Долгий выбор и навязчивые звонки. ", count: 40)
        var cells: [StageID: String] = [:]
        for (i, s) in stages.enumerated() where i % 7 != 3 { cells[s.id] = "\(i) " + text }
        let lanes = [
            Lane(id: LaneID("l0"), title: "Long", kind: .thoughts, cells: cells),
            Lane(id: LaneID("l1"), title: "Short", kind: .barriers, cells: [stages[5].id: "x"]),
            Lane(id: LaneID("l2"), title: "Empty", kind: .notes),
        ]
        let ws = Workspace(channels: [], personas: [], maps: [JourneyMap(stages: stages, lanes: lanes)])
        let bytes = MapCodec.encode(ws)
        #expect(bytes.count > 2 * CellBytes.partSize)
        #expect(MapReader.read(bytes) == ws)
        // Read in one pass (no fall back to the slow path) by both makers, the long lane in
        // three parts, only its first starting it.
        final class Counting: CellMaker {
            var made = MadeCells()
            var firsts: [Bool] = []
            func add(_ part: CellBytes) {
                firsts.append(part.first)
                made.add(part)
            }
            func lanes() -> [[StageID: String]?] { made.lanes }
        }
        let counting = Counting()
        #expect(Self.streamed(bytes, maker: counting) == ws)
        #expect(counting.firsts == [true, false, false, true, true])
        #expect(Self.streamed(bytes, maker: MapStore.Helper()) == ws)
        let path = temporaryFolder() + "/long.json"
        writeBytes(path, bytes)
        #expect(try MapStore.open(path).workspace == ws)
        // "299 " starts the last cell, in the last part: its text made not UTF-8.
        let text0 = String(decoding: bytes, as: UTF8.self)
        let broken = Array(text0.replacing("\"299 ", with: "\"BAD ", maxReplacements: 1).utf8)
            .replacing(Array("BAD".utf8), with: [0xC0, 0xAF])
        #expect(broken.count == bytes.count - 1)
        #expect(MapReader.read(broken) == nil)
        #expect(Self.slow(broken) == nil)
        writeBytes(path, broken)
        #expect(throws: CJMFileError.self) { try MapStore.open(path) }
    }
}
