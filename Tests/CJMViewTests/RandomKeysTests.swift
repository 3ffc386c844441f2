import Glibc
import Testing

@testable import CJMCore
@testable import CJMView

/// Thousands of random keys, in every mode, on screens of every size: nothing crashes, the
/// cursor stays on the map, and undoing everything gives the start back.
@Suite struct RandomKeysTests {
    static let keys: [Key] =
        [
            .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .altEnter, .tab, .backTab, .backspace, .delete,
            .escape, .ctrl("a"), .ctrl("e"), .ctrl("k"), .ctrl("u"), .ctrl("w"), .ctrl("j"), .ctrl("r"), .resize,
        ] + "hjklgGtTSaoxdcC<>KJ12345 0+-p[]mPIEuynlrs?qyОжи漢🎬\u{1B}\u{07}\u{9B}\u{7F}".map { Key.char($0) }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func randomKeysNeverBreakTheEditor(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let start = seed % 2 == 0 ? russianWorkspace : Templates.named("blank")!.workspace
        var e = editor(start)
        let sizes = [(120, 40), (60, 20), (30, 8), (20, 6), (200, 60), (45, 12)]
        for step in 0..<3000 {
            let key = Self.keys[Int(rng.next() % UInt64(Self.keys.count))]
            // q and Ctrl-C ask to quit; the front would stop, the test goes on.
            // CJM_TRACE=1 prints each step, to find the key that broke something.
            if getenv("CJM_TRACE") != nil {
                print("seed \(seed) step \(step) key \(key) mode \(e.mode) lane \(e.lane) stage \(e.stage) map \(e.mapIndex)")
            }
            _ = e.handle(key)
            let (w, h) = sizes[Int(rng.next() % UInt64(sizes.count))]
            let s = EditorView.render(&e, width: w, height: h)
            // Whatever was typed (escapes, bells, C1 controls), no control character reaches the screen.
            let raw = s.cells.first { $0.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } }
            #expect(raw == nil, "step \(step): \(raw.map { Array($0.text.unicodeScalars) } ?? [])")
            #expect(e.mapIndex >= 0 && e.mapIndex < e.workspace.maps.count, "step \(step)")
            #expect(e.stage >= -1 && e.stage < e.map.stages.count, "step \(step)")
            #expect(e.lane >= -1 && e.lane < e.map.lanes.count, "step \(step)")
            if let c = s.cursor { #expect(c.x >= 0 && c.x < w && c.y >= 0 && c.y < h, "step \(step)") }
            // The document always survives a save and a read.
            if step % 500 == 0 { #expect(try MapCodec.decode(MapCodec.encode(e.workspace)) == e.workspace) }
        }
        e.mode = .normal
        undoEverything(&e)
        #expect(e.workspace == start)
    }
}
