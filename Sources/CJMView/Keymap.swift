import CJMCore

/// Everything a key can do. The tables below bind keys to actions; the editor performs them.
/// Help, the bottom-bar hints, `cjm keys` and the README's key tables are made from the tables,
/// so a binding is written in exactly one place.
public enum Action: Hashable, Sendable {
    // The grid: moving
    case left, right, up, down, nextStage, previousStage, firstStage, lastStage, firstLane, lastLane
    case lanesUp, lanesDown
    // The grid: editing
    case edit, editTitle, editGoal, editSegment, clear, addStage, addLane, delete, duplicate
    case moveStageLeft, moveStageRight, moveLaneUp, moveLaneDown, cycleKind, cycleContent, copy, paste, view
    // Emotions
    case score, unscore, nudgeUp, nudgeDown, cycleCurve, scoringRun
    // Maps, personas, overlays, finding
    case nextMap, previousMap, maps, personas, insights, exportMenu, search, searchNext, searchPrevious, command
    case nextConflict
    // A merge conflict
    case keepOurs, takeTheirs, editConflict
    // Anywhere
    case undo, redo, help, save, redraw, quit, quitAnyway, suspend
    // Lists: the maps, the personas, a cell's items, the channel palette, insights, help, a text pane
    case listUp, listDown, listTop, listBottom, listPageUp, listPageDown, open, close
    case add, addBefore, rename, remove, moveUp, moveDown, link, setSegment, duplicateMap, tick, newChannel
    // The export menu
    case exportMarkdown, exportCSV, exportHTML, exportSVG, exportMermaid
    // Confirming
    case yes, chooseStage, chooseLane
    // Editing text
    case commit, cancel, commitNext, commitPrevious, newline, commitAndQuit
    case cursorLeft, cursorRight, cursorUp, cursorDown, lineStart, lineEnd
    case deleteBack, deleteForward, killToEnd, killToStart, killWord
    // A scoring run
    case runScore, runUnscore, runNext, runPrevious, runEnd
}

/// The `:` line's commands. Completion, the help and the error for an unknown command are
/// made from this list; the first name is the one completed and shown.
public enum LineCommand: CaseIterable, Sendable {
    case write, quit, export, theme, help

    public var names: [String] {
        switch self {
        case .write: return ["w"]
        case .quit: return ["q", "wq", "x"]
        case .export: return ["export", "e"]
        case .theme: return ["theme"]
        case .help: return ["help", "h"]
        }
    }

    /// What the command takes after its name, if anything.
    public var argument: String? {
        switch self {
        case .export: return "FORMAT"
        case .theme: return "NAME"
        default: return nil
        }
    }

    public var help: String {
        switch self {
        case .write: return "saves"
        case .quit: return "quits (saving first)"
        case .export: return "exports (md, csv, html, svg, mermaid)"
        case .theme: return "changes the colours"
        case .help: return "shows the keys"
        }
    }

    public func help(_ language: Language) -> String { KeyWords.word(help, language) }

    /// The formats `:export` takes, as the export menu offers them.
    public static let exportFormats = ["md", "csv", "html", "svg", "mermaid"]

    public static func named(_ name: String) -> LineCommand? { allCases.first { $0.names.contains(name) } }

    /// How the command is written: `:export FORMAT`, `:q` (or `:wq`, `:x`).
    public func usage(_ language: Language) -> String {
        let head = ":" + names[0] + (argument.map { " " + $0 } ?? "")
        let or = language == .ru ? " (или " : " (or "
        return names.count > 1 ? head + or + names.dropFirst().map { ":" + $0 }.joined(separator: ", ") + ")" : head
    }

    /// Every command, for the help: `:N goes to stage N, :w saves, …`.
    public static func summary(_ language: Language) -> String {
        (language == .ru ? ":N переходит к этапу N, " : ":N goes to stage N, ")
            + allCases.map { "\($0.usage(language)) \($0.help(language))" }.joined(separator: ", ")
    }
}

/// One line of a key table: the keys, what they do, and the bottom bar's word for it.
public struct Binding: Sendable {
    public let keys: [Key]
    public let action: Action
    public let help: String
    /// The bottom-bar hint's word, when the binding is shown there.
    public let hint: String?
    /// How the keys are written when one label says it better than the list (`1–5`).
    public let label: String?

    public init(_ keys: [Key], _ action: Action, _ help: String, hint: String? = nil, label: String? = nil) {
        self.keys = keys
        self.action = action
        self.help = help
        self.hint = hint
        self.label = label
    }

    /// The description in `language`.
    public func help(_ language: Language) -> String { KeyWords.word(help, language) }

    /// The keys as help prints them.
    public var keysText: String { label ?? keys.map(\.label).joined(separator: " ") }
    /// The keys as the bottom bar prints them: a run of digits as `1–5`, else the first key.
    var hintKeys: String {
        if let label { return label }
        if keys.count > 2, case .char(let a) = keys.first!, case .char(let b) = keys.last!, a.isNumber, b.isNumber {
            return "\(a)–\(b)"
        }
        return keys.first?.label ?? ""
    }
}

/// One section of a mode's keys.
public struct KeySection: Sendable {
    public let title: String
    public let bindings: [Binding]
    public init(_ title: String, _ bindings: [Binding]) {
        self.title = title
        self.bindings = bindings
    }

    public func title(_ language: Language) -> String { KeyWords.word(title, language) }
}

/// The keys of one mode, in sections, and whether a Cyrillic letter typed on a command's key
/// does that command (off where letters are text, as in the channel palette's filter).
public struct Keymap: Sendable {
    public let name: String
    public let sections: [KeySection]
    public let layouts: Bool

    /// The bottom bar's hint in each language, made once: the bar is drawn after every key.
    let hints: [Language: String]

    public init(_ name: String, layouts: Bool = true, _ sections: [KeySection]) {
        self.name = name
        self.layouts = layouts
        self.sections = sections
        let all = sections.flatMap(\.bindings)
        bindings = all
        hints = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, Self.hint(all, $0)) })
    }

    /// Every binding in table order, gathered once: a key is looked up here after every press.
    public let bindings: [Binding]

    /// The action of a key: an exact binding, else (in modes that take commands) the Latin key
    /// under a Cyrillic letter of the ЙЦУКЕН layout.
    public func action(for key: Key) -> Action? {
        if let b = bindings.first(where: { $0.keys.contains(key) }) { return b.action }
        if layouts, case .char(let c) = key, let latin = KeyboardLayout.latin(c) {
            return bindings.first { $0.keys.contains(.char(latin)) }?.action
        }
        return nil
    }

    /// How messages name the key of an action in this mode ("u", "Ctrl-N", "1–5"), so no
    /// message writes a key by hand.
    public func key(_ action: Action) -> String {
        bindings.first { $0.action == action }?.hintKeys ?? "?"
    }

    /// Help comes first: on a narrow bar it is the hint that must not be cut.
    public var hint: String { hint(.en) }

    public func hint(_ language: Language) -> String { hints[language] ?? "" }

    /// The bottom bar's hint: the bindings marked for it, in table order.
    static func hint(_ bindings: [Binding], _ language: Language) -> String {
        let marked = bindings.filter { $0.hint != nil }
        let ordered = marked.filter { $0.action == .help } + marked.filter { $0.action != .help }
        return " " + ordered.map { "\($0.hintKeys) \(KeyWords.word($0.hint!, language))" }.joined(separator: " · ")
    }
}

/// ЙЦУКЕН ↔ QWERTY: the Latin key under a Cyrillic letter. Only characters that the Latin
/// layout cannot type are mapped, so nothing a Latin key means is ever changed.
public enum KeyboardLayout {
    static let pairs: [Character: Character] = {
        let russian = Array("йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ№")
        let latin = Array("qwertyuiop[]asdfghjkl;'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~#")
        return Dictionary(uniqueKeysWithValues: zip(russian, latin))
    }()

    public static func latin(_ c: Character) -> Character? { pairs[c] }

    static let reverse = Dictionary(uniqueKeysWithValues: pairs.map { ($0.value, $0.key) })
    /// The Cyrillic letter on a Latin key, if the key has one.
    public static func russian(_ c: Character) -> Character? { reverse[c] }
}

extension Key {
    /// How help and hints write the key.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + c.uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .altEnter: return "Alt-Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .escape: return "Esc"
        case .resize: return "(resize)"
        case .paste: return "(paste)"
        case .mouse: return "(mouse)"
        }
    }
}

private func chars(_ s: String) -> [Key] { s.map { Key.char($0) } }

extension Keymap {
    // MARK: Shared sets

    /// Moving in any list: the maps, the personas, a cell's items, the palette, insights.
    static let listMoves: [Binding] = [
        Binding([.up, .char("k")], .listUp, "previous row"),
        Binding([.down, .char("j")], .listDown, "next row"),
        Binding([.home, .char("g")], .listTop, "first row"),
        Binding([.end, .char("G")], .listBottom, "last row"),
        Binding([.pageUp], .listPageUp, "ten rows up"),
        Binding([.pageDown], .listPageDown, "ten rows down"),
    ]
    static let undoRedo: [Binding] = [
        Binding([.char("u")], .undo, "undo", hint: "undo"),
        Binding([.ctrl("r")], .redo, "redo"),
    ]
    static let quitKeys: [Key] = [.char("q"), .ctrl("c"), .ctrl("q")]

    // MARK: The grid

    public static let grid = Keymap(
        "The map",
        [
            KeySection(
                "Move",
                [
                    Binding([.left, .char("h")], .left, "left; from the first stage to the lane titles"),
                    Binding([.right, .char("l")], .right, "right"),
                    Binding([.up, .char("k")], .up, "up; from the first lane to the stage names"),
                    Binding([.down, .char("j")], .down, "down"),
                    Binding([.tab], .nextStage, "next stage"),
                    Binding([.backTab], .previousStage, "previous stage"),
                    Binding([.home], .firstStage, "first stage"),
                    Binding([.end], .lastStage, "last stage"),
                    Binding([.char("g")], .firstLane, "first lane"),
                    Binding([.char("G")], .lastLane, "last lane"),
                    Binding([.pageUp], .lanesUp, "five lanes up"),
                    Binding([.pageDown], .lanesDown, "five lanes down"),
                ]),
            KeySection(
                "Edit",
                [
                    Binding(
                        [.enter], .edit,
                        "edit the cell in place (a list or metrics cell opens its items, a channels cell the palette); on a stage name rename the stage; on a lane title rename the lane; in the corner edit the map's title",
                        hint: "edit"),
                    Binding([.char("t")], .editTitle, "edit the map's title"),
                    Binding([.char("T")], .editGoal, "edit the map's goal"),
                    Binding([.char("S")], .editSegment, "edit the map's segment"),
                    Binding([.char("x")], .clear, "clear the cell"),
                    Binding([.char("a")], .addStage, "add a stage after the current one (asks for its name)"),
                    Binding(
                        [.char("o")], .addLane,
                        "add a lane below the current one (asks for its title; a title that names a kind, such as Barriers or Метрики, gives the lane that kind)",
                    ),
                    Binding(
                        [.char("d")], .delete,
                        "delete the stage (on its name), the lane (on its title), or from a cell ask which; always asks, naming the filled cells that go"
                    ),
                    Binding(
                        [.char("D")], .duplicate, "duplicate the stage or the lane with its cells (from a cell: asks which)"),
                    Binding([.char("y")], .copy, "copy the cell"),
                    Binding([.ctrl("v")], .paste, "paste the copied cell here (also across maps)"),
                    Binding([.char("<")], .moveStageLeft, "move the stage left"),
                    Binding([.char(">")], .moveStageRight, "move the stage right"),
                    Binding([.char("K")], .moveLaneUp, "move the lane up"),
                    Binding([.char("J")], .moveLaneDown, "move the lane down"),
                    Binding(
                        [.char("c")], .cycleKind,
                        "change the lane's kind (thoughts → actions → touchpoints → barriers → opportunities → metrics → notes): it decides what check and the insights count"
                    ),
                    Binding(
                        [.char("C")], .cycleContent,
                        "change what the lane holds: text → list → channels → metrics (the text is kept)"),
                    Binding([.char("v")], .view, "read the whole text of the cell, stage name, lane title or title and goal"),
                ] + undoRedo),
            KeySection(
                "Emotions",
                [
                    Binding(
                        chars("12345"), .score, "score the current stage from any row: very negative (−2) … very positive (+2)",
                        hint: "score"),
                    Binding([.char("0")], .unscore, "clear the stage's score (no score is not zero)"),
                    Binding([.char("+"), .char("=")], .nudgeUp, "nudge the score up (an unscored stage starts at 0)"),
                    Binding([.char("-"), .char("_")], .nudgeDown, "nudge the score down"),
                    Binding([.char("s")], .scoringRun, "score stage after stage: 1–5 or 0 scores and moves on, Esc ends"),
                    Binding(
                        [.char("p")], .cycleCurve, "switch the curve that 1–5 score: each linked persona's, or the map's own"),
                ]),
            KeySection(
                "Maps, personas, finding",
                [
                    Binding([.char("[")], .previousMap, "previous map (the tabs)"),
                    Binding([.char("]")], .nextMap, "next map"),
                    Binding([.char("m")], .maps, "the maps: one per audience segment"),
                    Binding([.char("P")], .personas, "the personas: the library and the ones on this map"),
                    Binding(
                        [.char("I")], .insights,
                        "insights: weakest moments, drops, barriers and their opportunities, the metrics funnel"),
                    Binding([.char("E")], .exportMenu, "export beside the file (Markdown, CSV, HTML, SVG)"),
                    Binding(
                        [.char("/")], .search,
                        "find text anywhere on the map (cells, items, stage names, lane titles, title, goal); case and ё/е do not matter",
                        hint: "find"),
                    Binding([.char("n")], .searchNext, "next match"),
                    Binding([.char("N")], .searchPrevious, "previous match"),
                    Binding([.char(":")], .command, KeyWords.commandHelp),
                    Binding(
                        [.char("!")], .nextConflict,
                        "go to the next place a merge left undecided, and decide it: keep ours, take theirs, or edit"),
                ]),
            KeySection(
                "File",
                [
                    Binding([.ctrl("s")], .save, "save now (saving is automatic anyway: every change within a second)"),
                    Binding([.ctrl("l")], .redraw, "paint the screen again"),
                    Binding([.ctrl("z")], .suspend, "suspend to the shell; fg comes back"),
                    Binding(
                        quitKeys, .quit,
                        "quit; everything is saved first. If a save fails, cjm stays open and says why",
                        hint: "quit"),
                    Binding([.char("Q")], .quitAnyway, "after a save failed: quit anyway, losing the changes"),
                    Binding([.char("?"), .char("H")], .help, "this help", hint: "help"),
                ]),
        ])

    // MARK: Lists and overlays

    public static let maps = Keymap(
        "The maps (m)",
        [
            KeySection(
                "The maps (m)",
                listMoves + [
                    Binding([.enter], .open, "show the map", hint: "open"),
                    Binding([.char("o"), .char("a")], .add, "a new map with this map's stages and lanes, empty", hint: "new"),
                    Binding([.char("y")], .duplicateMap, "duplicate the map, to adapt it for another segment", hint: "duplicate"),
                    Binding([.char("r")], .rename, "rename the map", hint: "rename"),
                    Binding([.char("s")], .setSegment, "set the map's segment", hint: "segment"),
                    Binding([.char("d")], .remove, "delete the map (asks)", hint: "delete"),
                    Binding([.char("K")], .moveUp, "move the map up", hint: "move"),
                    Binding([.char("J")], .moveDown, "move the map down"),
                ] + undoRedo + [Binding([.escape, .char("m"), .char("q")], .close, "back to the map", hint: "back")])
        ])

    public static let personas = Keymap(
        "The personas (P)",
        [
            KeySection(
                "The personas (P)",
                listMoves + [
                    Binding([.enter, .right], .open, "walk the persona's fields", hint: "fields"),
                    Binding([.char("o"), .char("a")], .add, "a new persona", hint: "new"),
                    Binding([.char("l"), .char(" ")], .link, "link the persona to this map, or unlink it", hint: "link"),
                    Binding([.char("d")], .remove, "delete the persona from the library and every map (asks)", hint: "delete"),
                    Binding([.char("K")], .moveUp, "move the persona up", hint: "move"),
                    Binding([.char("J")], .moveDown, "move the persona down"),
                ] + undoRedo + [Binding([.escape, .char("P"), .char("q")], .close, "back to the map", hint: "back")])
        ])

    public static let personaFields = Keymap(
        "A persona's fields",
        [
            KeySection(
                "A persona's fields",
                listMoves + [
                    Binding([.enter], .open, "edit the field; Enter keeps it and goes on to the next field", hint: "edit")
                ] + undoRedo + [Binding([.escape, .left, .char("q")], .close, "back to the personas", hint: "back")])
        ])

    public static let items = Keymap(
        "List and metrics cells",
        [
            KeySection(
                "List and metrics cells",
                listMoves + [
                    Binding([.enter], .open, "edit the item (or add the first one)", hint: "edit"),
                    Binding([.char("o"), .char("a")], .add, "add an item after this one", hint: "add"),
                    Binding([.char("O")], .addBefore, "add an item before this one"),
                    Binding([.char("d"), .char("x"), .delete], .remove, "remove the item", hint: "remove"),
                    Binding([.char("K")], .moveUp, "move the item up", hint: "move"),
                    Binding([.char("J")], .moveDown, "move the item down"),
                    Binding([.char("y")], .copy, "copy the item"),
                    Binding([.ctrl("v")], .paste, "paste the copied item (or the copied cell's lines) after this one"),
                ] + undoRedo + [Binding([.escape, .char("q"), .left, .right], .close, "back to the map", hint: "back")])
        ])

    /// The palette: letters filter it, so its commands sit on keys that are not letters.
    public static let channels = Keymap(
        "The channel palette",
        layouts: false,
        [
            KeySection(
                "The channel palette (letters filter it, case and ё/е aside)",
                [
                    Binding([.up], .listUp, "previous channel"),
                    Binding([.down], .listDown, "next channel"),
                    Binding([.pageUp], .listPageUp, "ten up"),
                    Binding([.pageDown], .listPageDown, "ten down"),
                    Binding(
                        [.enter], .tick,
                        "tick or untick the channel (after typing a filter: and back to the map); when nothing matches, add the typed text as a channel and tick it",
                        hint: "tick"),
                    Binding([.ctrl("n")], .newChannel, "add a channel to the palette (asks)", hint: "new"),
                    Binding([.ctrl("e")], .rename, "rename the channel, in every cell too", hint: "rename"),
                    Binding([.delete], .remove, "remove the channel from the palette (cells keep their tags)", hint: "remove"),
                    Binding([.ctrl("k")], .moveUp, "move the channel up"),
                    Binding([.ctrl("j")], .moveDown, "move the channel down"),
                    Binding([.ctrl("u")], .undo, "undo"),
                    Binding([.ctrl("r")], .redo, "redo"),
                    Binding([.backspace], .deleteBack, "delete the filter's last letter"),
                    Binding([.escape], .close, "clear the filter; with none, back to the map", hint: "back"),
                ])
        ])

    public static let insights = Keymap(
        "Insights (I)",
        [
            KeySection(
                "Insights (I)",
                listMoves + [
                    Binding([.enter], .open, "jump to the insight's cell", hint: "jump"),
                    Binding([.escape, .char("I"), .char("q")], .close, "back to the map", hint: "back"),
                ])
        ])

    public static let exportMenu = Keymap(
        "Export (E)",
        [
            KeySection(
                "Export (E)",
                [
                    Binding([.char("m")], .exportMarkdown, "Markdown, every map", hint: "Markdown"),
                    Binding([.char("c")], .exportCSV, "CSV, the map on screen", hint: "CSV"),
                    Binding([.char("h")], .exportHTML, "an HTML page, every map", hint: "HTML"),
                    Binding([.char("s")], .exportSVG, "the SVG curve of the map on screen", hint: "SVG"),
                    Binding(
                        [.char("j")], .exportMermaid, "a Mermaid journey diagram of the map on screen (for a wiki)",
                        hint: "Mermaid"),
                    Binding([.escape], .close, "nothing (so does any other key)", hint: "nothing"),
                ])
        ])

    public static let confirm = Keymap(
        "Questions",
        [
            KeySection(
                "Questions (delete, duplicate)",
                [
                    Binding([.char("y")], .yes, "yes"),
                    Binding([.char("s")], .chooseStage, "the stage, when asked stage or lane"),
                    Binding([.char("l")], .chooseLane, "the lane, when asked stage or lane"),
                    Binding([.escape], .close, "no (so does any other key)"),
                ])
        ])

    public static let scoring = Keymap(
        "A scoring run (s)",
        [
            KeySection(
                "A scoring run (s)",
                [
                    Binding(chars("12345"), .runScore, "score the stage and move to the next", hint: "score"),
                    Binding([.char("0")], .runUnscore, "clear the score and move to the next", hint: "clear"),
                    Binding([.right, .tab, .char(" ")], .runNext, "skip to the next stage", hint: "skip"),
                    Binding([.left, .backTab], .runPrevious, "back to the previous stage"),
                    Binding([.char("p")], .cycleCurve, "switch the curve"),
                    Binding([.char("u")], .undo, "undo the last score"),
                    Binding([.escape, .enter, .char("q")], .runEnd, "end the run", hint: "end"),
                ])
        ])

    public static let conflict = Keymap(
        "A merge conflict (!)",
        [
            KeySection(
                "A merge conflict (!)",
                [
                    Binding([.char("o"), .char("<")], .keepOurs, "keep ours: what this file held", hint: "ours"),
                    Binding(
                        [.char("t"), .char(">")], .takeTheirs, "take theirs: what the other branch or editor wrote",
                        hint: "theirs"),
                    Binding(
                        [.char("e"), .enter], .editConflict,
                        "edit the place yourself, starting from ours: keeping the edit decides the conflict", hint: "edit"),
                    Binding([.char("!"), .char("n")], .nextConflict, "the next conflict", hint: "next"),
                    Binding([.escape, .char("q")], .close, "back to the map, deciding later", hint: "back"),
                ])
        ])

    /// Help and the text pane scroll alike.
    public static let pane = Keymap(
        "Help and text panes",
        [
            KeySection(
                "Help (?) and the text pane (v)",
                [
                    Binding([.down, .char("j")], .listDown, "scroll down a line", hint: "scroll"),
                    Binding([.up, .char("k")], .listUp, "scroll up a line"),
                    Binding([.pageDown, .char(" ")], .listPageDown, "a page down"),
                    Binding([.pageUp], .listPageUp, "a page up"),
                    Binding([.home, .char("g")], .listTop, "the top"),
                    Binding([.end, .char("G")], .listBottom, "the end"),
                    Binding([.escape, .char("q"), .char("?"), .enter], .close, "close (so does any other key)", hint: "close"),
                ])
        ])

    public static let text = Keymap(
        "Editing text",
        layouts: false,
        [
            KeySection(
                "While editing text (a cell, a name, a prompt)",
                [
                    Binding([.enter], .commit, "keep the text", hint: "keep"),
                    Binding([.tab], .commitNext, "keep and edit the next stage's cell (on the : line: complete)", hint: "next"),
                    Binding([.backTab], .commitPrevious, "keep and edit the previous stage's cell"),
                    Binding([.escape], .cancel, "throw the change away", hint: "cancel"),
                    Binding(
                        [.altEnter, .ctrl("j")], .newline, "new line inside a cell (a space in a one-line prompt)",
                        hint: "new line"),
                    Binding([.ctrl("c")], .commitAndQuit, "keep the text and quit"),
                    Binding([.ctrl("z")], .suspend, "suspend to the shell; fg comes back"),
                    Binding(
                        [.left], .cursorLeft, "left (a prompt opens with its text selected: typing replaces it, a move keeps it)"),
                    Binding([.right], .cursorRight, "right"),
                    Binding([.up], .cursorUp, "the line above (on the : and / lines: the earlier entry)"),
                    Binding([.down], .cursorDown, "the line below (on the : and / lines: the later entry)"),
                    Binding([.home, .ctrl("a")], .lineStart, "line start"),
                    Binding([.end, .ctrl("e")], .lineEnd, "line end"),
                    Binding([.backspace, .ctrl("h")], .deleteBack, "delete before the cursor"),
                    Binding([.delete, .ctrl("d")], .deleteForward, "delete under the cursor"),
                    Binding([.ctrl("k")], .killToEnd, "delete to the line's end"),
                    Binding([.ctrl("u")], .killToStart, "delete to the line's start"),
                    Binding([.ctrl("w")], .killWord, "delete the word before the cursor"),
                ])
        ])

    /// Every mode's keys, in the order help and the README show them.
    public static let all: [Keymap] = [
        grid, text, scoring, maps, personas, personaFields, items, channels, insights, exportMenu, confirm, conflict, pane,
    ]

    /// The key tables as Markdown, one table per section (the README's, `cjm keys --markdown`).
    public static func markdown() -> String {
        var out = ""
        for map in all {
            for section in map.sections {
                out += "\n### \(section.title)\n\n| keys | what they do |\n| --- | --- |\n"
                for b in section.bindings {
                    let keys = (b.label.map { [$0] } ?? b.keys.map(\.label)).map { "`\($0 == "|" ? "\\|" : $0)`" }
                    out += "| \(keys.joined(separator: " ")) | \(b.help.map { $0 == "|" ? "\\|" : String($0) }.joined()) |\n"
                }
            }
        }
        return out
    }
}
