import Testing

@testable import CJMCore
@testable import CJMStorage

/// Damaged files: every mutation of a valid file either reads or gives an error, never a crash,
/// and whatever reads writes back to bytes that read the same.
@Suite(.temporaryFolders) struct FuzzTests {
    @Test func mutatedMapFilesReadOrFailCleanly() throws {
        var rng = Rng(seed: 99)
        let valid = MapCodec.encode(sampleWorkspace)
        let alphabet = Array("{}[]\",:0123456789-.etrufalsn \\u\nЖ🎬".utf8)
        var read = 0
        var failed = 0
        for _ in 0..<1500 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: i)
                default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: i)
                }
            }
            do {
                let ws = try MapCodec.decode(bytes)
                read += 1
                #expect(try MapCodec.decode(MapCodec.encode(ws)) == ws)
            } catch {
                expectItNamesAPlace(error, in: bytes)
                failed += 1
            }
        }
        #expect(read > 0)  // some mutations only change text, and still read
        #expect(failed > 0)
    }

    /// A file's error, as the user reads it, starts with the file's name.
    @Test func aDamagedFileIsNamedInItsError() {
        let dir = temporaryFolder()
        let path = dir + "/карта.json"
        var bytes = MapCodec.encode(sampleWorkspace)
        bytes.insert(UInt8(ascii: "}"), at: bytes.count / 2)
        writeBytes(path, bytes)
        do {
            _ = try MapStore.open(path)
            Issue.record("a damaged file opened")
        } catch {
            #expect(error.description.hasPrefix(path + ": "), "\(error)")
            #expect(error.description.contains(": not valid JSON: "), "\(error)")
        }
    }

    @Test func mutatedHistoriesReadOrFailCleanly() throws {
        var rng = Rng(seed: 7)
        var session = EditSession(workspace: sampleWorkspace)
        var n = 0
        while n < 40 {
            if let t = randomEdit(session.workspace, &rng) {
                try session.perform(t)
                n += 1
            }
        }
        let valid = HistoryCodec.encode(session.history, documentFingerprint: "x")
        for _ in 0..<800 {
            var bytes = valid
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[i] = UInt8.random(in: 0x20...0x7E, using: &rng)
            do {
                _ = try HistoryCodec.decode(bytes, firstMap: MapID("families"))
            } catch {
                expectItNamesAPlace(error, in: bytes)
            }
        }
    }
}

/// The error points at a real place in `bytes`: a line and column inside the text, a byte
/// offset where the UTF-8 really goes wrong, or a field path that exists in the document.
func expectItNamesAPlace(_ error: MapFormatError, in bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    switch error {
    case .syntax(let e):
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        #expect(e.line >= 1 && e.line <= lines.count, "\(error.message)", sourceLocation: sourceLocation)
        if e.line >= 1 && e.line <= lines.count {
            let length = String(decoding: lines[e.line - 1], as: UTF8.self).count
            #expect(e.column >= 1 && e.column <= length + 1, "\(error.message)", sourceLocation: sourceLocation)
        }
        #expect(!e.message.isEmpty, sourceLocation: sourceLocation)
    case .invalidUTF8(let offset):
        #expect(offset < bytes.count, sourceLocation: sourceLocation)
        #expect(String(validating: bytes[..<offset], as: UTF8.self) != nil, "the bytes before \(offset) are valid")
        // …and no valid character starts there: it is the first place the UTF-8 goes wrong.
        for k in 1...4 where offset + k <= bytes.count {
            #expect(String(validating: bytes[..<(offset + k)], as: UTF8.self) == nil, "offset \(offset) is where it goes wrong")
        }
    case .shape(let field, let problem):
        #expect(!problem.isEmpty, sourceLocation: sourceLocation)
        // The field exists in the document (an unknown one), or its parent does (a missing one).
        guard let root = try? JSONParser.parse(bytes) else {
            Issue.record("a shape error for a file that does not parse: \(error.message)", sourceLocation: sourceLocation)
            return
        }
        let steps = pathSteps(field)
        #expect(!steps.isEmpty, "\(error.message)", sourceLocation: sourceLocation)
        #expect(
            resolve(root, steps) != nil || resolve(root, Array(steps.dropLast())) != nil, "no \(field) in the document",
            sourceLocation: sourceLocation)
    case .newerVersion(let found, let supported):
        #expect(found > supported, sourceLocation: sourceLocation)
    case .notAMap(let why):
        #expect(why.hasPrefix("expected an object") || why.hasPrefix("not a cjm"), "\(why)", sourceLocation: sourceLocation)
    case .encoding:
        #expect(
            bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0 || bytes[0] >= 0xFE))
    case .empty:
        #expect(bytes.allSatisfy { [0x20, 0x0A, 0x0D, 0x09].contains($0) }, sourceLocation: sourceLocation)
    }
}

/// `maps[0].stages[2].emotion` → ["maps", 0, "stages", 2, "emotion"] (ids with dots stay whole
/// when the document has them).
enum PathStep: Equatable {
    case key(String)
    case index(Int)
}

func pathSteps(_ path: String) -> [PathStep] {
    var out: [PathStep] = []
    var name = ""
    var i = path.startIndex
    while i < path.endIndex {
        let c = path[i]
        if c == "[", let close = path[i...].firstIndex(of: "]"), let n = Int(path[path.index(after: i)..<close]) {
            if !name.isEmpty { out.append(.key(name)) }
            name = ""
            out.append(.index(n))
            i = path.index(after: close)
            continue
        }
        if c == "." {
            if !name.isEmpty { out.append(.key(name)) }
            name = ""
        } else {
            name.append(c)
        }
        i = path.index(after: i)
    }
    if !name.isEmpty { out.append(.key(name)) }
    return out
}

func resolve(_ value: JSONValue, _ steps: [PathStep]) -> JSONValue? {
    guard let step = steps.first else { return value }
    switch (step, value) {
    case (.index(let n), .array(let items)) where n < items.count: return resolve(items[n], Array(steps.dropFirst()))
    case (.key(let k), .object(let fields)):
        if let v = fields.first(where: { $0.0 == k })?.1 { return resolve(v, Array(steps.dropFirst())) }
        // An id with dots in it: join the following keys until one matches.
        var joined = k
        for (j, next) in steps.dropFirst().enumerated() {
            guard case .key(let more) = next else { break }
            joined += "." + more
            if let v = fields.first(where: { $0.0 == joined })?.1 { return resolve(v, Array(steps.dropFirst(j + 2))) }
        }
        return nil
    default: return nil
    }
}
