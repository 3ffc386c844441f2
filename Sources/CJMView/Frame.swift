import CJMCore
import CJMStorage

/// A drawn screen and what it was drawn from. When the next key only moved the cursor from
/// cell to cell (the commonest key), the next screen is this one patched: the cursor's marks
/// (its stage's name and its lane's title in the current colours, its frame on a rule) taken
/// off and put on at the new place, and the position on the bottom bar; nothing else on
/// screen can differ, and the terminal compares only what was drawn.
public struct Frame: Sendable {
    public internal(set) var screen: Screen
    var basis: Basis?
    /// Where the cursor is marked.
    var cursor: GridPlace
    var layout: GridLayout?
    /// The bottom bar's position as this frame shows it, for the moves that patch it.
    var position: PositionForm?
    /// The rows each shown lane's title stands out on, as moves work them out.
    var titleRows: [Int?] = []
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

        // Borrowed: an initializer takes its arguments owned, and the editor would be copied.
        init?(_ e: borrowing Editor) {
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
        if let basis, frame?.patch(e, basis) == true { return }
        let (screen, layout) = drawn(e)
        frame = Frame(screen: screen, basis: basis, cursor: e.cursor, layout: layout)
    }
}

extension Frame {
    /// This screen with the cursor moved, in place, when `basis` is the one it was drawn
    /// from: the marks of the last place taken off, the new place's put on, and the position
    /// on the bottom bar; nothing else on screen can differ. False when it must be drawn anew.
    /// (A method, so that nothing of the frame is copied.)
    mutating func patch(_ e: Editor, _ basis: Basis) -> Bool {
        guard self.basis == basis,
            let (g, top, rows, bottom) = layout.map({ ($0.geometry, $0.top, $0.headerRows, $0.gridBottom) })
        else { return false }
        screen.untouch()
        if cursor.stage != e.stage {
            screen.unmark(.stage)
            EditorView.markStage(e, g, y: top, rows: rows, &screen)
        }
        screen.unmark(.frame)
        EditorView.drawFrame(e, g, top: top + rows, bottom: bottom, override: false, &screen)
        if cursor.lane != e.lane {
            screen.unmark(.title)
            EditorView.markLaneTitle(e, g, &screen, known: &titleRows)
        }
        cursor = e.cursor
        // The bar's hint and message are as they were (the basis holds the message and mode).
        GridMode.drawPosition(e, form: &position, into: &screen)
        patched = true
        return true
    }
}
