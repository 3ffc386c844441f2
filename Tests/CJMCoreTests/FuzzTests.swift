import Testing

@testable import CJMCore

/// Damaged files: every mutation of a valid file either reads or gives an error, never a crash,
/// and whatever reads writes back to bytes that read the same.
@Suite struct FuzzTests {
    @Test func mutatedMapFilesReadOrFailCleanly() throws {
        var rng = Rng(state: 99)
        let valid = MapCodec.encode(sampleWorkspace)
        let alphabet = Array("{}[]\",:0123456789-.etrufalsn \\u\nЖ🎬".utf8)
        var read = 0
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
                #expect(!error.message.isEmpty)
            }
        }
        #expect(read > 0)  // some mutations only change text, and still read
    }

    @Test func mutatedHistoriesReadOrFailCleanly() throws {
        var rng = Rng(state: 7)
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
                #expect(!error.message.isEmpty)
            }
        }
    }
}
