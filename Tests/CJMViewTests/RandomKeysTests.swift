import Glibc
import Testing

@testable import CJMCore
@testable import CJMView

/// Thousands of random keys, in every mode, on screens of every size: nothing crashes, the
/// cursor stays on the map, and undoing everything gives the start back.
@Suite struct RandomKeysTests {
    /// Every key of every mode's table, so a new binding is fuzzed without anyone adding it
    /// here; each command letter also as the Cyrillic letter on its key; and text, controls,
    /// a paste and a resize.
    static let keys: [Key] = {
        var all = Keymap.all.flatMap { $0.bindings.flatMap(\.keys) }
        all += all.compactMap { key -> Key? in
            if case .char(let c) = key, let r = KeyboardLayout.russian(c) { return .char(r) }
            return nil
        }
        all += [.resize, .paste("вставка\nв две строки"), .char("\u{1B}"), .char("\u{07}"), .char("\u{9B}"), .char("\u{7F}")]
        all += "Ожи漢🎬 ".map { Key.char($0) }
        var seen = Set<Key>()
        return all.filter { seen.insert($0).inserted }
    }()

    /// Walking the grid, as people mostly do between edits: every screen patched from the
    /// last frame is, cell by cell, the screen drawn from scratch, and most of them are patched.
    @Test(arguments: [(120, 40), (80, 24), (60, 20)])
    func movesPatchTheLastFrameExactly(width: Int, height: Int) {
        var rng = SplitMix64(seed: UInt64(width))
        var e = editor(russianWorkspace)
        e.resize(width: width, height: height)
        let moves: [Key] = [.right, .left, .up, .down, .tab, .backTab, .home, .end, .char("g"), .char("G"), .pageDown, .pageUp]
        // Now and then something else: a score, an undo, a lane's kind, a message to clear.
        let others: [Key] = [.char("4"), .char("u"), .char("c"), .escape, .char("x"), .char("]")]
        var frame = EditorView.render(e, after: nil)
        var patched = 0
        for step in 0..<600 {
            let key =
                rng.next() % 8 == 0
                ? others[Int(rng.next() % UInt64(others.count))] : moves[Int(rng.next() % UInt64(moves.count))]
            _ = e.handle(key)
            // The scroll the editor kept (often without a layout) is the one a layout gives.
            let settled = GridLayout(e, scrolling: true)
            #expect((settled.geometry.firstStage, settled.firstLane) == (e.firstStage, e.firstLane), "step \(step)")
            let before = frame.screen
            frame = EditorView.render(e, after: frame)
            if frame.patched {
                patched += 1
                // The terminal looks only at the columns touched: nothing else may have changed.
                let s = frame.screen
                let untouchedChange = (0..<s.height).first { y in
                    (0..<s.width).contains { x in !s.touched[y].contains(x) && s[x, y] != before[x, y] }
                }
                #expect(untouchedChange == nil, "step \(step): row \(untouchedChange ?? -1) changed outside its touched columns")
            }
            #expect(frame.screen == EditorView.render(e), "step \(step): the patched frame differs after \(key)")
            if frame.screen != EditorView.render(e) { return }
        }
        #expect(patched > 200, "only \(patched) of 600 screens were patched")
    }

    /// A framed cursor's stage name and lane title are marked over plainly drawn ones (so a
    /// move marks them again and draws nothing else): cell by cell, that is the screen with
    /// them drawn current from the start, on every cell of a map with scores, a notes lane,
    /// lanes below the screen and a merge's marks on the rules, at three sizes.
    @Test(arguments: [(120, 40), (80, 24), (60, 20)])
    func markingTheCursorDrawsWhatDrawingItCurrentDoes(width: Int, height: Int) {
        for (n, original) in [russianWorkspace, ConflictEditorTests.merged].enumerated() {
            var start = original
            start.maps[0].lanes[1].kind = .notes
            var e = editor(start)
            e.resize(width: width, height: height)
            e.cursor = .cell(lane: 0, stage: 0)
            // What the marks must leave or change: scores on the stage names, a merge's marks.
            let levels: [Role] = [.veryNegative, .negative, .neutral, .positive, .veryPositive]
            let first = EditorView.drawn(e).screen
            #expect(width < 80 || (0..<first.width).contains { x in (1..<5).contains { levels.contains(first[x, $0].role) } })
            #expect(n == 0 || !e.conflictMarks.isEmpty)
            var checked = Set<GridPlace>()
            for l in 0..<e.map.lanes.count {
                for j in 0..<e.map.stages.count {
                    e.cursor = .cell(lane: l, stage: j)
                    e.keepCursorInView()
                    let (marked, plain) = (EditorView.drawn(e).screen, EditorView.drawn(e, marks: false).screen)
                    #expect(marked == plain, "at \(e.cursor), \(width)×\(height)")
                    if marked != plain { return }
                    checked.insert(e.cursor)
                }
            }
            #expect(checked.count == e.map.lanes.count * e.map.stages.count)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func randomKeysNeverBreakTheEditor(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let start = seed % 2 == 0 ? russianWorkspace : Templates.named("blank")!.workspace
        var e = editor(start)
        var frame: Frame?
        let sizes = [(120, 40), (60, 20), (30, 8), (20, 6), (200, 60), (45, 12)]
        for step in 0..<3000 {
            var key = Self.keys[Int(rng.next() % UInt64(Self.keys.count))]
            if rng.next() % 20 == 0 {
                // A click, double click or wheel turn anywhere on the last screen.
                let kinds: [Mouse.Kind] = [.click, .doubleClick, .wheelUp, .wheelDown]
                key = .mouse(
                    Mouse(kinds[Int(rng.next() % 4)], x: Int(rng.next() % UInt64(e.width)), y: Int(rng.next() % UInt64(e.height)))
                )
            }
            // q and Ctrl-C ask to quit; the front would stop, the test goes on.
            // CJM_TRACE=1 prints each step, to find the key that broke something.
            if getenv("CJM_TRACE") != nil {
                print("seed \(seed) step \(step) key \(key) mode \(e.mode) at \(e.cursor) map \(e.mapIndex)")
            }
            _ = e.handle(key)
            let (w, h) = sizes[Int(rng.next() % UInt64(sizes.count))]
            // The same state laid out from scratch, with no wrapped cell remembered.
            var fresh = e
            fresh.wrapCache = WrapCache()
            let s = EditorView.render(&e, width: w, height: h)
            #expect(s == EditorView.render(&fresh, width: w, height: h), "step \(step): the cached layout differs")
            // The screen patched from the last frame (when only the cursor moved) is the same.
            frame = EditorView.render(e, after: frame)
            #expect(frame?.screen == s, "step \(step): the patched frame differs after \(key)")
            // Whatever was typed (escapes, bells, C1 controls), no control character reaches the screen.
            let raw = s.cells.first { $0.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } }
            #expect(raw == nil, "step \(step): \(raw.map { Array($0.text.unicodeScalars) } ?? [])")
            #expect(e.mapIndex >= 0 && e.mapIndex < e.workspace.maps.count, "step \(step)")
            #expect(e.cursor == e.cursor.clamped(lanes: e.map.lanes.count, stages: e.map.stages.count), "step \(step)")
            if let c = s.cursor { #expect(c.x >= 0 && c.x < w && c.y >= 0 && c.y < h, "step \(step)") }
            // The document always survives a save and a read.
            if step % 500 == 0 { #expect(try MapCodec.decode(MapCodec.encode(e.workspace)) == e.workspace) }
        }
        e.mode = .normal
        undoEverything(&e)
        #expect(e.workspace == start)
    }
}
