import Glibc
import Testing

@testable import CJMCore
@testable import CJMStorage
@testable import CJMView

/// Compares `text` with the stored snapshot `name`. A missing snapshot (or CJM_RECORD=1)
/// is written and the test fails once, so that new snapshots are always looked at.
func assertSnapshot(
    _ text: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let dir = AtomicFile.folder(of: filePath) + "/__Snapshots__"
    let path = dir + "/" + name + ".txt"
    let record = getenv("CJM_RECORD") != nil
    if !record, AtomicFile.exists(path), let stored = try? AtomicFile.read(path) {
        let expected = String(decoding: stored, as: UTF8.self)
        if expected != text + "\n" {
            let got = text.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff =
                zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
            Issue.record(
                "snapshot \(name) differs at line \(firstDiff + 1):\n got: \(firstDiff < got.count ? String(got[firstDiff]) : "<none>")\nwant: \(firstDiff < want.count ? String(want[firstDiff]) : "<none>")",
                sourceLocation: sourceLocation)
        }
        return
    }
    try? AtomicFile.write(Array((text + "\n").utf8), to: path)
    Issue.record("recorded snapshot \(name); check it and run again", sourceLocation: sourceLocation)
}

func editor(_ map: JourneyMap, file: String = "карта.json") -> Editor {
    Editor(
        session: EditSession(workspace: Workspace(channels: Workspace.defaultChannelsRussian, maps: [map])), fileName: file,
        seed: 42)
}

func editor(_ ws: Workspace, file: String = "карта.json") -> Editor {
    Editor(session: EditSession(workspace: ws), fileName: file, seed: 42)
}

extension Editor {
    mutating func press(_ keys: Key...) { for k in keys { _ = handle(k) } }
    mutating func type(_ text: String) { for c in text { _ = handle(.char(c)) } }
}

/// A map of `stages` × `lanes` with text in every cell.
func bigMap(stages: Int, lanes: Int, text: (Int, Int) -> String = { "Ячейка \($0).\($1) с текстом" }) -> JourneyMap {
    var map = JourneyMap(title: "Большая карта", goal: "проверка")
    for j in 0..<stages {
        map.stages.append(Stage(id: StageID("s\(j)"), name: "Этап \(j + 1)", emotion: j % 6 == 5 ? nil : (j % 5) - 2))
    }
    for l in 0..<lanes {
        var lane = Lane(id: LaneID("l\(l)"), title: "Строка \(l + 1)", kind: .notes)
        for j in 0..<stages { lane.cells[StageID("s\(j)")] = text(j, l) }
        map.lanes.append(lane)
    }
    return map
}

/// Where the cursor shows: a filled place, or the frame round a cell.
func cursorCells(_ s: Screen) -> [(Int, Int)] { cells(s, role: .cursor) + cells(s, role: .cursorFrame) }

/// Cells with the given role, as (x, y).
func cells(_ s: Screen, role: Role) -> [(Int, Int)] {
    var out: [(Int, Int)] = []
    for y in 0..<s.height { for x in 0..<s.width where s[x, y].role == role { out.append((x, y)) } }
    return out
}

/// One Russian map of plain text lanes and the map's own curve, as files before workspaces held.
let russian = Templates.cinema(Templates.russian)
/// The Russian cinema workspace: two segment maps with their personas, channels, a list, metrics.
let russianWorkspace = Templates.named("cinema-ru")!.workspace

/// Presses `u` once per step of the history. A step that fails to undo fails the test instead
/// of looping for ever.
func undoEverything(_ e: inout Editor, sourceLocation: SourceLocation = #_sourceLocation) {
    e.resize(width: 120, height: 40)  // behind a too-small notice no key acts
    for _ in 0..<e.session.history.undoStack.count where e.session.history.canUndo { e.press(.char("u")) }
    #expect(!e.session.history.canUndo, "an undo did not go through: \(e.message ?? "")", sourceLocation: sourceLocation)
}

extension EditorView {
    /// As the front does: tell the editor the window's size, draw, and keep where the screen
    /// put things for the next click.
    static func render(_ e: inout Editor, width: Int, height: Int) -> Screen {
        // Only a new size is news: the scroll must already be settled by the keys.
        if (e.width, e.height) != (width, height) { e.resize(width: width, height: height) }
        let s = render(e)
        e.regions = s.regions
        return s
    }
}
