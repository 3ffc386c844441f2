import Testing

@testable import CJMCore

@Suite struct CodecTests {
    @Test func encodingIsStableReadableAndEndsWithANewline() throws {
        let a = MapCodec.encode(sampleMap)
        let b = MapCodec.encode(try MapCodec.decode(a))
        #expect(a == b)
        let text = String(decoding: a, as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"name\": \"Потребность\""))
        #expect(!text.contains("\\u"))
        #expect(text.hasPrefix("{\n  \"format\": \"cjm\",\n  \"version\": 2,\n"))
    }

    @Test func everyTemplateRoundTrips() throws {
        for t in Templates.all {
            #expect(try MapCodec.decode(MapCodec.encode(t.workspace)) == t.workspace, "\(t.name)")
        }
        let cinema = Templates.named("cinema")!.workspace
        #expect(cinema.maps.count == 2)
        #expect(cinema.personas.map(\.name) == ["Anna, mother of two", "Max, 24"])
        #expect(cinema.maps.map(\.personas) == [[PersonaID("anna")], [PersonaID("maks")]])
        let families = cinema.maps[0]
        #expect(families.stages.map(\.name) == ["Need", "Interest", "Research", "Purchase", "Return"])
        #expect(families.lanes.map(\.kind) == [.thoughts, .actions, .touchpoints, .barriers, .opportunities, .metrics])
        #expect(families.lanes.map(\.content) == [.text, .text, .channels, .list, .list, .metrics])
        #expect(families.lanes.allSatisfy { $0.cells.count == 5 })
        #expect(families.stages.map { $0.emotions[PersonaID("anna")] } == [0, 1, -1, -2, 1])
        // Channel tags come from the palette.
        for cell in families.lanes[2].cells.values { #expect(cell.items.allSatisfy { cinema.channels.contains($0) }) }
        #expect(Templates.named("five-stage-ru")!.workspace.maps[0].stages.map(\.name).first == "Осмысление")
    }

    @Test func noScoreIsNotZero() throws {
        var map = sampleMap
        map.stages[0].emotion = nil
        map.stages[1].emotion = 0
        map.stages[2].emotions[PersonaID("anna")] = nil
        let back = try MapCodec.decode(MapCodec.encode(map)).maps[0]
        #expect(back.stages[0].emotion == nil)
        #expect(back.stages[1].emotion == 0)
        #expect(back.stages[2].emotions[PersonaID("anna")] == nil)
        #expect(back.stages[3].emotions[PersonaID("anna")] == -2)
    }

    @Test func structuredCellsAreWrittenAsListsAndMetricsAsNumbers() throws {
        let text = String(decoding: MapCodec.encode(sampleWorkspace), as: UTF8.self)
        #expect(text.contains("\"content\": \"metrics\""))
        #expect(text.contains("\"name\": \"CTR\",\n                \"value\": 2.4,\n                \"unit\": \"%\""))
        #expect(text.contains("\"need\": [\n              \"Наружная реклама\","))
        // A list cell with a blank line cannot be a list of items: it stays text, nothing lost.
        var map = sampleMap
        let barriers = map.lanes.firstIndex { $0.content == .list }!
        map.lanes[barriers].cells[map.stages[0].id] = "one\n\ntwo"
        #expect(try MapCodec.decode(MapCodec.encode(map)).maps[0] == map)
    }

    @Test func metricLinesRoundTripExactly() {
        for line in ["CTR = 2.4 %", "Visits = 12000", "Revenue = soon", "x = 01 a", "=", "a = -0.5 руб. в мес.", "plain"] {
            #expect(Metric.parse(line).line == line, "\(line)")
        }
        #expect(Metric.fromInput("CTR: 3,5 %").line == "CTR = 3.5 %")
        #expect(Metric.fromInput("Конверсия 12").line == "Конверсия = 12")
        #expect(Metric.fromInput("Время = 007 мин").line == "Время = 7 мин")
        #expect(Metric.fromInput("just words").line == "just words")
    }

    static func decodeError(_ text: String) -> String {
        do {
            _ = try MapCodec.decode(Array(text.utf8))
            return "no error"
        } catch {
            return error.message
        }
    }

    @Test func wrongShapesNameTheField() {
        let head = #"{"format": "cjm", "version": 1, "#
        #expect(
            Self.decodeError(head + #""stages": [{"id": "a", "name": 5}]}"#)
                == "stages[0].name: expected text, found the number 5")
        #expect(
            Self.decodeError(head + #""stages": [{"id": "a", "name": "x", "emotion": 3}]}"#)
                == "stages[0].emotion: expected a score from -2 to 2, found 3")
        #expect(
            Self.decodeError(head + #""stages": [{"id": "a", "name": "x", "emotion": "high"}]}"#)
                == "stages[0].emotion: expected a whole number, found a string")
        #expect(
            Self.decodeError(head + #""stages": [{"id": "a"}, {"id": "a"}]}"#) == "stages[1].id: the stage id \"a\" is used twice"
        )
        #expect(
            Self.decodeError(head + #""stages": [], "lanes": [{"id": "l", "cells": {"zz": "t"}}]}"#)
                == "lanes[0].cells.zz: no stage has the id \"zz\"")
        #expect(
            Self.decodeError(head + #""lanes": [{"id": "l", "kind": "feelings"}]}"#).hasPrefix(
                "lanes[0].kind: unknown lane kind \"feelings\""))
        #expect(Self.decodeError(head + #""colour": "red"}"#) == "colour: unknown field (this cjm would lose it on save)")
        #expect(Self.decodeError(#"{"format": "cjm"}"#) == "version: missing")
        #expect(Self.decodeError("[1, 2]") == "expected a JSON object at the top level, found a list")
        #expect(Self.decodeError(#"{"name": "x"}"#).contains("does not look like a cjm map"))
    }

    @Test func newerVersionIsRefused() {
        let message = Self.decodeError(#"{"format": "cjm", "version": 7}"#)
        #expect(message.contains("format version 7 is newer"))
    }

    @Test func emptyAndInvalidUTF8() {
        #expect(Self.decodeError("  \n") == "the file is empty")
        var bytes = Array(#"{"format": "cjm", "title": "ok"#.utf8)
        let offset = bytes.count
        bytes += [0xD0, 0x28] + Array("\"}".utf8)
        do {
            _ = try MapCodec.decode(bytes)
            Issue.record("no error")
        } catch {
            #expect(error == .invalidUTF8(offset: offset))
        }
    }
}

@Suite struct FastPathTests {
    /// A metric's line is taken without reading it back only when reading it back gives the metric.
    @Test func aMetricThatSurelyReadsBackDoes() {
        let names = ["CTR", "Заказы", "a = b", "x=", "", " ", "é", "e\u{301}", "\u{0600}x", "a\nb", "Средний чек", "1", "a "]
        let values: [String?] = [nil, "2.5", "-1", "0", "1200", "3.", "1e5", "x"]
        let units = [
            "", "%", "₽", "\u{301}", "шт", " ", "a\nb", "= 1", "\u{093E}", "x y", "€", "№", "\u{1F3FB}", "\u{FF9E}", "\u{0E33}",
        ]
        for name in names {
            for value in values {
                for unit in units {
                    let m = Metric(name: name, value: value, unit: unit)
                    if MapCodec.readsBack(m) { #expect(MapCodec.oneLineExactly(m) != nil, "\(m)") }
                    #expect(MapCodec.oneLine(m) == MapCodec.oneLineExactly(m), "\(m)")
                }
            }
        }
        #expect(MapCodec.readsBack(Metric(name: "Конверсия", value: "2.4", unit: "%")))
        #expect(MapCodec.readsBack(Metric(name: "Средний чек", value: "890", unit: "₽")))
    }

    /// `Metric.parse` reads bytes; the Character walk it replaced is the reference, also for
    /// combining marks next to its separators.
    @Test func metricParsingOnBytesAgreesWithTheCharacterWalk() {
        func reference(_ line: String) -> Metric {
            let chars = Array(line)
            guard
                let eq = (0..<max(0, chars.count - 2)).first(where: {
                    chars[$0] == " " && chars[$0 + 1] == "=" && chars[$0 + 2] == " "
                })
            else { return Metric(name: line, value: nil, unit: "") }
            let name = String(chars[..<eq])
            let parts = String(chars[(eq + 3)...]).split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
                .map(String.init)
            guard !name.isEmpty, let number = parts.first, Metric.isJSONNumber(number) else {
                return Metric(name: line, value: nil, unit: "")
            }
            let unit = parts.count > 1 ? parts[1] : ""
            if parts.count > 1 && unit.isEmpty { return Metric(name: line, value: nil, unit: "") }
            return Metric(name: name, value: number, unit: unit)
        }
        let pieces = [
            "CTR", " ", "=", "2.5", "-1", "0", "%", "₽", "Заказы", "\u{301}", "\u{200D}", "\u{FE0F}", "é", "a", "1e5", ".", " = ",
            // A spacing mark that joins and one that does not, Thai's SARA AM, a prepended mark, a skin tone.
            "\u{093E}", "\u{102B}", "\u{0E33}", "\u{0600}", "\u{1F3FB}", "\r", "\n",
        ]
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20000 {
            let s = (0..<Int.random(in: 0...7, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(Metric.parse(s) == reference(s), "\(Array(s.unicodeScalars))")
        }
        for s in ["CTR = 2.5 %", "Заказы = 1200", "Средний чек = 890 ₽", "x = 1 ", " = 1", "a = \u{301}1", "a =\u{301} 1"] {
            #expect(Metric.parse(s) == reference(s), "\(s)")
        }
    }

    /// The byte-at-a-time UTF-8 check finds the same first bad offset as the standard library's
    /// scalar parser, on random bytes around every boundary of the encoding.
    @Test func utf8CheckAgreesWithTheScalarParser() {
        func reference(_ bytes: [UInt8]) -> Int? {
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
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF,
            0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF, 0xD0, 0xB9,
        ]
        var rng = SplitMix64(seed: 5)
        for _ in 0..<20000 {
            let bytes = (0..<Int.random(in: 0...6, using: &rng)).map { _ in interesting.randomElement(using: &rng)! }
            #expect(MapCodec.firstInvalidUTF8(bytes) == reference(bytes), "\(bytes)")
        }
        let text = Array("Клиент ищет фильм 🎬 漢字".utf8)
        #expect(MapCodec.firstInvalidUTF8(text) == nil)
    }

    /// A list item may hold CR LF (one character, not a line feed): such a cell is written as
    /// one item and read back, as before the reader went byte-level.
    @Test func aListItemWithCRLFReadsBack() throws {
        var map = JourneyMap(title: "t", stages: [Stage(id: StageID("s"), name: "s")])
        map.lanes = [Lane(id: LaneID("l"), title: "l", kind: .barriers, content: .list, cells: [StageID("s"): "a\r\nb"])]
        let ws = Workspace(single: map)
        #expect(try MapCodec.decode(MapCodec.encode(ws)) == ws)
        #expect("a\r\nb".hasLoneLineFeed == false && "a\nb".hasLoneLineFeed && "\r\n\n".hasLoneLineFeed)
    }

    /// The one-pass writer lays out as `JSONWriter` does (which writes the history file, and
    /// the maps it embeds, read back from the writer's bytes as `MapCodec.json`): its bytes,
    /// parsed and written again by `JSONWriter`, are the same bytes: indentation, key order,
    /// escapes and numbers. Every template, a thousand random edits of a Russian workspace
    /// (cells of every content, names with escapes, personas, stages, lanes, scores), and a
    /// workspace with conflicts. (What the bytes hold is the round trips' to check.)
    @Test func theStreamingWriterLaysOutAsJSONWriterDoes() throws {
        func check(_ ws: Workspace, _ note: String) {
            let streamed = MapCodec.encode(ws)
            let tree = JSONWriter.write(MapCodec.json(ws))
            #expect(streamed == tree, "\(note): \(String(decoding: streamed.prefix(300), as: UTF8.self))")
        }
        for t in Templates.all { check(t.workspace, t.name) }
        check(Workspace(channels: [], personas: [], maps: [JourneyMap()]), "an empty map")
        var rng = SplitMix64(seed: 21)
        var session = EditSession(workspace: Templates.named("cinema-ru")!.workspace)
        for step in 0..<1000 {
            guard let t = randomEdit(session.workspace, &rng) else { continue }
            try? session.perform(t)
            if step % 10 == 0 { check(session.workspace, "step \(step)") }
        }
        var conflicted = session.workspace
        let map = conflicted.maps[0]
        conflicted.conflicts = [
            Conflict(.title(map.id), base: "было", ours: "наше", theirs: nil),
            Conflict(.cell(map.id, map.lanes[0].id, map.stages[0].id), base: nil, ours: "a\nb", theirs: "\"c\""),
        ]
        check(conflicted, "conflicts")
    }

    /// A map encoded in pieces (as a save writes it) is the same bytes, and the same
    /// fingerprint, as one encoded whole.
    @Test func piecesMakeTheSameBytes() throws {
        var ws = Templates.named("cinema-ru")!.workspace
        for _ in 0..<6 {
            ws.maps += ws.maps.map {
                var m = $0
                m.id = MapID(m.id.raw + "x")
                return m
            }
        }
        let whole = MapCodec.encode(ws)
        var joined: [UInt8] = []
        var sizes: [Int] = []
        var f = Fingerprint()
        MapCodec.encode(ws) { piece in
            joined += piece
            sizes.append(piece.count)
            f.add(piece)
        }
        #expect(sizes.count > 3, "\(whole.count) bytes in \(sizes)")
        #expect(sizes.dropLast().allSatisfy { $0 >= 1 << 16 && $0 < 1 << 17 }, "\(sizes)")
        #expect(joined == whole)
        #expect(f.value == fingerprint(whole))
    }

    /// The fingerprint is XXH64 (values from the reference implementation, Python's
    /// `xxhash`), the same however the bytes come in pieces.
    @Test func theFingerprintIsXXH64InAnyPieces() {
        let known: [([UInt8], String)] = [
            ([], "ef46db3751d8e999"), (Array("a".utf8), "d24ec4f1a98c6e5b"), (Array("abc".utf8), "44bc2cf5ad770999"),
            (Array("cjm".utf8), "671610f52c280973"),
            ((0..<768).map { UInt8($0 % 256) }, "8e03c838c596036f"),
            (Array("Клиент ищет фильм на вечер для всей семьи.".utf8), "64ede213a4d12ca6"),
        ]
        // Around a stripe of 32 bytes: (i * 7 + 3) % 256 for i in 0..<n.
        let edges: [(Int, String)] = [
            (31, "a2aa5f33cc4a6119"), (32, "23c3c17ef790fd97"), (33, "50a7cfc7ba588784"), (64, "0eb64b3ef6eeb01f"),
            (100, "a61f8d4c170fe531"),
        ]
        let all = known + edges.map { n, hex in ((0..<n).map { UInt8(($0 * 7 + 3) % 256) }, hex) }
        var rng = SplitMix64(seed: 4)
        for (bytes, hex) in all {
            #expect(fingerprint(bytes) == "xxh64:\(hex):\(bytes.count)")
            for _ in 0..<50 {
                var f = Fingerprint()
                var at = 0
                while at < bytes.count {
                    let n = min(bytes.count - at, Int.random(in: 0...40, using: &rng))
                    f.add(bytes[at..<(at + n)])
                    at += n
                }
                #expect(f.value == fingerprint(bytes))
            }
        }
        #expect(Fingerprint.legacy(Array("a".utf8)) == "fnv1a64:af63dc4c8601ec8c:1")
    }

    /// The byte-level item split and string writer say exactly what the Character-level ones
    /// did, for texts built of every troublesome piece.
    @Test func bytePathsAgreeWithTheCharacterPaths() throws {
        let pieces = ["a", "й", "\n", "\r", "\r\n", "\"", "\\", "\u{1B}", "\u{85}", "©", " ", "ё", "\t", "漢"]
        var rng = SplitMix64(seed: 9)
        for _ in 0..<3000 {
            let s = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let slow = s.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            #expect(s.items == slow, "\(Array(s.unicodeScalars))")
            #expect(s.isPlainItems == (slow.joined(separator: "\n") == s), "\(Array(s.unicodeScalars))")
            #expect(try JSONParser.parse(JSONWriter.write(.string(s))) == .string(s), "\(Array(s.unicodeScalars))")
        }
    }
}
