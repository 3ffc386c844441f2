// Counts the command keys each common action costs, by driving the editor model with the
// keys a user would press and checking that the action really happened. Text typed into a
// cell or prompt is not counted; every other key is. `--old` plays the key sequences of the
// hand-wired editor before the keymap (scripts/keycount.sh builds that commit to run them).
import CJMCore
import CJMView
import Glibc

enum Step {
    case key(Key)
    case text(String)
}

struct Scenario {
    let name: String
    let target: String
    let units: Int
    let start: Workspace
    /// Where the cursor stands before the keys are counted (lane, stage).
    var at = (0, 0)
    let steps: [Step]
    let done: (Editor) -> Bool
}

func k(_ keys: Key...) -> [Step] { keys.map { .key($0) } }
func t(_ s: String) -> [Step] { [.text(s)] }

let old = CommandLine.arguments.contains("--old")
let cinema = Templates.named("cinema-ru")!.workspace
let blank = Templates.named("five-stage-ru")!.workspace

/// A 25-stage map, for reaching stage 13.
let wide: Workspace = {
    var ws = blank
    var map = ws.maps[0]
    map.stages = (1...25).map { Stage(id: StageID("s\($0)"), name: "Этап \($0)") }
    ws.maps[0] = map
    return ws
}()

let fillFive: [Step] =
    old
    ? (1...5).flatMap { i in k(.enter) + t("текст \(i)") + k(.enter) + (i < 5 ? k(.tab) : []) }
    : k(.enter) + (1...5).flatMap { i in t("текст \(i)") + k(i < 5 ? .tab : .enter) }

let scenarios: [Scenario] = [
    Scenario(
        name: "fill a cell (five in a row)", target: "≤ 2", units: 5, start: blank, at: (1, 0), steps: fillFive,
        done: { e in (0..<5).allSatisfy { e.map.lanes[1].cell(e.map.stages[$0].id) == "текст \($0 + 1)" } }),
    Scenario(
        name: "tick a channel (Сайт)", target: "≤ 2 + letters", units: 1, start: cinema, at: (2, 0),
        steps: k(.enter)
            + (old
                ? Array(repeating: .key(.down), count: cinema.channels.firstIndex(of: "Сайт")!) + k(.char(" "), .escape)
                : t("Сай") + k(.enter)),
        done: { e in e.map.lanes[2].cell(e.map.stages[0].id).hasSuffix("Сайт") && e.mode == .normal }),
    Scenario(
        name: "rename a stage (from a cell)", target: "", units: 1, start: blank,
        steps: k(.up, .enter) + (old ? k(.ctrl("u")) : []) + t("Потребность") + k(.enter),
        done: { e in e.map.stages[0].name == "Потребность" }),
    Scenario(
        name: "score five stages", target: "≤ 6", units: 1, start: blank,
        steps: old
            ? k(.char("5"), .tab, .char("4"), .tab, .char("3"), .tab, .char("2"), .tab, .char("1"))
            : k(.char("s"), .char("5"), .char("4"), .char("3"), .char("2"), .char("1")),
        done: { e in e.map.stages.prefix(5).map(\.emotion) == [2, 1, 0, -1, -2] }),
    Scenario(
        name: "reach stage 13 of 25", target: "≤ 4", units: 1, start: wide,
        steps: old ? Array(repeating: .key(.tab), count: 12) : k(.char(":"), .char("1"), .char("3"), .enter),
        done: { e in e.stage == 12 }),
]

var failed = false
print("command keys per action (\(old ? "before: the hand-wired keys" : "now: the keymap tables"))")
print("action                          keys  per unit  target")
for s in scenarios {
    var e = Editor(session: EditSession(workspace: s.start), fileName: "keys.json", seed: 1)
    e.cursor = .cell(lane: s.at.0, stage: s.at.1)
    var count = 0
    for step in s.steps {
        switch step {
        case .key(let key):
            count += 1
            _ = e.handle(key)
        case .text(let text):
            for c in text { _ = e.handle(.char(c)) }
        }
    }
    let ok = s.done(e)
    failed = failed || !ok
    let per = Double(count) / Double(s.units)
    let name = s.name.padding(32)
    print("\(name)\(String(count).leftPad(4))  \(String(format1(per)).leftPad(8))  \(s.target)\(ok ? "" : "  (DID NOT HAPPEN)")")
}
if failed { exit(1) }

func format1(_ x: Double) -> String {
    let tenths = Int((x * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

extension String {
    func padding(_ n: Int) -> String { self + String(repeating: " ", count: max(0, n - count)) }
    func leftPad(_ n: Int) -> String { String(repeating: " ", count: max(0, n - count)) + self }
}
