import CJMCore
import CJMTestSupport
import Foundation
import Testing

/// cjm writes each frame's changes itself (the `Painter`): what a real terminal shows after
/// many keys must be what a repaint from scratch shows, colours and attributes included.
@Suite(.serialized, .temporaryFolders) struct PaintingEndToEndTests {
    /// The screen's rows, without the empty line after the last.
    func rows(_ screen: String) -> [Substring] {
        var rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        while rows.last?.isEmpty == true { rows.removeLast() }
        return rows
    }

    /// The bottom bar: the screen's last row.
    func bar(_ screen: String) -> String { String(rows(screen).last ?? "") }

    /// Random moves, scrolls and a resize, each round ending in a save so that the screen is
    /// known to be settled; then text is written to the terminal behind cjm's back, and Ctrl-L
    /// paints everything anew (and `u`, with nothing to undo, says so once it has): the two
    /// screens, as tmux holds them with their colours, are the same but for the bar's message.
    @Test(arguments: [(120, 40, UInt64(1)), (80, 24, UInt64(2)), (100, 30, UInt64(3))])
    func whatIsPaintedIsWhatARepaintShows(width: Int, height: Int, seed: UInt64) throws {
        let t = try TmuxSession()
        let file = t.folder + "/map.json"
        try t.start(["--template", "cinema-ru", file], width: width, height: height)
        try t.waitFor("the first screen") { $0.containsWhole("1/5 · lane 1/6") || $0.containsWhole("1/5 · 1/6") }
        // The bar's messages as the phrase table words them ("saved FILE" may be cut on a narrow bar).
        let saved = Language.en.t(.savedFile, "").trimmingCharacters(in: .whitespaces)
        let nothingToUndo = Language.en.t(.nothingToUndo)
        var rng = SplitMix64(seed: seed)
        let keys = ["Left", "Right", "Up", "Down", "Tab", "BTab", "Home", "End", "PPage", "NPage"]
        for round in 0..<4 {
            for _ in 0..<30 { try t.keys(keys.randomElement(using: &rng)!) }
            if round == 2 { try t.tmux("resize-window", "-t", "t", "-x", "\(width - 17)", "-y", "\(height - 5)") }
            try t.keys("C-s")
            try t.waitFor("round \(round): \(saved)") { bar($0).containsWhole(saved) }
            let painted = try t.tmux("capture-pane", "-p", "-e", "-t", "t")
            // Text cjm did not write, over the grid: only a repaint of everything takes it away.
            let tty = try t.tmux("display", "-p", "-t", "t", "#{pane_tty}").trimmingCharacters(in: .whitespacesAndNewlines)
            _ = try run(["sh", "-c", "printf '\\033[4;3HNOT-CJM NOT-CJM' > \(tty)"])
            try t.keys("C-l", "u")  // Ctrl-L: .redraw, u: .undo in the grid's table
            try t.waitFor("round \(round): \(nothingToUndo)") { bar($0).containsWhole(nothingToUndo) }
            let repainted = try t.tmux("capture-pane", "-p", "-e", "-t", "t")
            let a = rows(painted).dropLast()
            let b = rows(repainted).dropLast()
            #expect(a.count == b.count, "round \(round): the screens' heights")
            for (i, (x, y)) in zip(a, b).enumerated() where x != y {
                Issue.record("round \(round), row \(i):\npainted:   \(x.debugDescription)\nrepainted: \(y.debugDescription)")
                break
            }
        }
    }
}
