import CJMCore
import CJMStorage

/// A drawn screen and what it was drawn from. When the next key only moved the cursor from
/// cell to cell (the commonest key), the next screen is this one patched: the two stages'
/// names, the two lanes' titles, the rule that carried the old frame, the new frame and the
/// position on the bottom bar; nothing else on screen can differ, and the terminal compares
/// only what was drawn.
public struct Frame: Sendable {
    public internal(set) var screen: Screen
    var basis: Basis?
    var cursor: GridPlace
    var layout: GridLayout?
    /// Whether this screen was patched from the one before (what the tests count).
    var patched = false

    /// Everything a screen shows but the cursor: equal bases, equal screens but for the
    /// cursor's marks. Nil when the screen has more than the grid to patch (a mode, a search,
    /// a filled cursor, a too small window).
    struct Basis: Equatable, Sendable {
        /// What the grid's layout comes from: the document, the map, the size, the scroll.
        var layout: Editor.ScrollBasis
        var language: Language
        var message: String?
        var messageIsError: Bool
        var saveState: SaveState
        var fileName: String

        init?(_ e: Editor) {
            guard case .normal = e.mode, e.cursorStyle == .frame, e.searchQuery.isEmpty, !e.isTooSmall,
                case .cell = e.cursor, let layout = Editor.ScrollBasis(e)
            else { return nil }
            self.layout = layout
            language = e.language
            (message, messageIsError) = (e.message, e.messageIsError)
            saveState = e.saveState
            fileName = e.fileName
        }
    }
}

extension EditorView {
    /// The editor's screen, patched from `previous` when only the cursor moved between cells.
    public static func render(_ e: Editor, after previous: Frame?) -> Frame {
        var frame = previous
        render(e, into: &frame)
        return frame!
    }

    /// The editor's screen in `frame`: the frame patched in place when only the cursor moved
    /// between cells (the front keeps one frame and nothing else holds its cells, so the patch
    /// copies nothing), else drawn anew.
    public static func render(_ e: Editor, into frame: inout Frame?) {
        let basis = Frame.Basis(e)
        if let basis, frame?.basis == basis, let layout = frame?.layout, let from = frame?.cursor {
            frame!.screen.untouch()
            patch(&frame!.screen, e, moving: from, layout)
            frame!.cursor = e.cursor
            frame!.patched = true
            return
        }
        let (screen, layout) = drawn(e)
        frame = Frame(screen: screen, basis: basis, cursor: e.cursor, layout: layout)
    }

    /// The screen with the cursor moved from `from` to the editor's cursor: what `render`
    /// would draw, redrawing only what the cursor marks.
    static func patch(_ s: inout Screen, _ e: Editor, moving from: GridPlace, _ layout: GridLayout) {
        let map = e.map
        let g = layout.geometry
        let rule = layout.top + layout.headerRows
        let marks = e.conflictMarks
        // The names of the stage left and the stage reached, when the move changed the stage.
        if from.stage != e.stage {
            GridPainter.drawHeader(
                map, g, y: layout.top, rows: layout.headerRows, corner: "", current: e.stage, persona: e.activePersona,
                only: Set([from.stage, e.stage].compactMap { $0 }), into: &s)
        }
        let lanes = s.regions.lanes
        for l in Set([from.lane, e.lane].compactMap { $0 }) {
            guard let i = lanes.firstIndex(where: { $0.lane == l }) else { continue }
            let rows = lanes[i].y
            if from.lane != e.lane {
                GridPainter.drawLaneTitle(
                    map, lane: l, g, y: rows.lowerBound, height: rows.count, cursor: e.lane == l ? e.cursor : nil, into: &s)
            }
            // The rule that carried the old frame, drawn plain again; the new frame is drawn over its own.
            guard l == from.lane, let y = frameRow(rows, top: rule, bottom: layout.gridBottom) else { continue }
            if y == rows.upperBound {
                drawRule(under: l, g, y: y, marks: marks, &s)
            } else if i > 0 {
                drawRule(under: lanes[i - 1].lane, g, y: y, marks: marks, &s)
            } else {
                drawHeaderRule(map, g, y: y, marks: marks, &s)
            }
        }
        drawFrame(e, g, top: rule, bottom: layout.gridBottom, override: false, &s)
        drawMoreBelow(e, layout, &s)
        // The bar's hint and message are as they were (the basis holds the message and mode).
        GridMode.drawPosition(e, into: &s)
    }
}
