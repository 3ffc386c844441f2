import CJMCore

/// A map as Mermaid's `journey` diagram, which GitHub, GitLab, Notion and Obsidian draw, and
/// back: the title, a `section` per stage, a task per item of one lane (the actions, else the
/// touchpoints, or the lane named), each with the stage's score mapped from −2…+2 to
/// Mermaid's 1…5 and the curves that gave it as actors.
///
/// Mermaid's grammar forbids `#` and `;` in every text, `:` in sections, tasks and actors,
/// and `,` in actors: they are written as their fullwidth twins (＃ ； ： ，), which the
/// import turns back.
public enum Mermaid {
    static let twins: [(Character, Character)] = [("#", "＃"), (";", "；"), (":", "："), (",", "，"), ("%", "％")]

    /// Words Mermaid's lexer reads first, in any case, at the start of a line.
    static let keywords = ["journey", "title", "section", "acctitle", "accdescr"]

    /// What a text may not hold where it stands.
    enum Slot {
        case title, name, actor
        var reserved: Set<Character> {
            switch self {
            case .title: return ["#", ";"]
            case .name: return ["#", ";", ":"]
            case .actor: return ["#", ";", ":", ","]
            }
        }
    }

    /// Text as Mermaid takes it: one line, no character its grammar reserves there, no control.
    static func text(_ s: String, _ slot: Slot = .name) -> String {
        var out = ""
        var reserved = slot.reserved
        // `%%` starts a comment anywhere: a text that holds one writes its `%`s as twins.
        if s.contains("%%") { reserved.insert("%") }
        for ch in TerminalText.safe(s.joiningLines(" ")) {
            if reserved.contains(ch), let twin = twins.first(where: { $0.0 == ch }) { out.append(twin.1) } else { out.append(ch) }
        }
        out = out.trimmingSpaces
        // A task or section that starts with a keyword would be read as one: its first
        // letter becomes its fullwidth twin.
        if slot != .title, keywords.contains(where: { out.lowercased().hasPrefix($0) }), let first = out.first,
            let scalar = first.unicodeScalars.first, first.isASCII, first.isLetter
        {
            out = String(Character(Unicode.Scalar(scalar.value - 0x21 + 0xFF01)!)) + out.dropFirst()
        }
        return out
    }

    static func untwin(_ s: String) -> String {
        String(
            s.enumerated().map { i, ch in
                if let t = twins.first(where: { $0.1 == ch }) { return t.0 }
                // The first letter of a text that would have read as a keyword.
                if i == 0, let v = ch.unicodeScalars.first?.value, v >= 0xFF21, v <= 0xFF5A,
                    keywords.contains(where: {
                        (String(Character(Unicode.Scalar(v - 0xFF01 + 0x21)!)) + s.dropFirst()).lowercased().hasPrefix($0)
                    })
                {
                    return Character(Unicode.Scalar(v - 0xFF01 + 0x21)!)
                }
                return ch
            })
    }

    /// The lane whose items become tasks: the one titled `name`, else the first actions lane,
    /// else the first touchpoints lane, else none (each stage is then one task).
    public static func taskLane(_ map: JourneyMap, named name: String?) -> Lane? {
        if let name { return map.lanes.first { Search.fold($0.title) == Search.fold(name) } }
        return map.lanes.first { $0.kind == .actions } ?? map.lanes.first { $0.kind == .touchpoints }
    }

    /// The diagram of one map. `lane` names the lane whose items become tasks.
    public static func export(_ map: JourneyMap, in ws: Workspace, lane: String? = nil, language fallback: Language = .en)
        -> String
    {
        let t = Language.of(map) ?? fallback
        let tasks = taskLane(map, named: lane)
        var out = ["journey", "    title " + text(map.title.isEmpty ? t.t(.untitledMap) : map.title, .title)]
        let curves = Markdown.curves(map, ws, t)
        for (j, stage) in map.stages.enumerated() {
            let name = text(stage.name)
            out.append("    section " + (name.isEmpty ? "\(j + 1)" : name))
            var items = tasks.map { $0.cell(stage.id).items.map { text($0) }.filter { !$0.isEmpty } } ?? []
            if items.isEmpty { items = [name.isEmpty ? "\(j + 1)" : name] }
            // One line per score: the curves that agree share it as actors. Mermaid needs a
            // score, so a stage no curve scored says 3 (neutral) with no actor.
            var groups: [(score: Int, actors: [String])] = []
            for (actor, p) in curves {
                guard let v = stage.score(for: p) else { continue }
                // A persona without a name is its id: an empty actor would be no actor.
                let said = text(actor, .actor)
                let name = said.isEmpty ? text(p?.raw ?? actor, .actor) : said
                // At the first stage each curve has its own line, so that reading the diagram
                // back meets the personas in the legend's order.
                if j > 0, let k = groups.firstIndex(where: { $0.score == v }) {
                    groups[k].actors.append(name)
                } else {
                    groups.append((v, [name]))
                }
            }
            for item in items {
                if groups.isEmpty { out.append("      \(item): 3") }
                for g in groups { out.append("      \(item): \(g.score + 3): " + g.actors.joined(separator: ", ")) }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    public struct SyntaxError: Error, CustomStringConvertible, Sendable, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Reads a `journey` diagram into a workspace of one map: sections become stages, tasks the
    /// items of an actions lane, scores the curves of the actors (the map's own for an actor
    /// named like it, a persona each for the others; a task without actors scores nothing).
    public static func read(_ source: String, ids rng: inout some RandomNumberGenerator, language: Language = .en)
        throws(SyntaxError) -> Workspace
    {
        var map = JourneyMap(id: MapID("map-1"))
        var ws = Workspace(channels: [])
        var lane = Lane(id: LaneID("actions"), title: "", kind: .actions, content: .list)
        var sawJourney = false
        var current: Int?
        var items: [StageID: [String]] = [:]
        var scored: Set<String> = []
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for (n, raw) in lines.enumerated() {
            var line = String(raw).trimmingSpaces
            if line.hasPrefix("%%") || line.isEmpty { continue }
            if let r = line.firstRange(of: "%%") { line = String(line[..<r.lowerBound]).trimmingSpaces }
            let lower = line.lowercased()
            func fail(_ m: String) -> SyntaxError { SyntaxError(line: n + 1, message: m) }
            if !sawJourney {
                guard lower == "journey" else { throw fail("a Mermaid journey starts with the word journey") }
                sawJourney = true
                continue
            }
            if lower.hasPrefix("title ") || lower == "title" {
                map.title = untwin(String(line.dropFirst(5)).trimmingCharacters(in: " "))
            } else if lower.hasPrefix("acctitle") || lower.hasPrefix("accdescr") {
                continue
            } else if lower.hasPrefix("section ") || lower == "section" {
                let name = untwin(String(line.dropFirst(7)).trimmingCharacters(in: " "))
                map.stages.append(Stage(id: map.freshStageID(using: &rng), name: name))
                current = map.stages.count - 1
            } else {
                let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map {
                    String($0).trimmingCharacters(in: " ")
                }
                guard parts.count >= 2, !parts[0].isEmpty else {
                    throw fail("expected a task as `name: score: actors`, found «\(line)»")
                }
                guard let score = Int(parts[1]), (1...5).contains(score) else {
                    throw fail("a task's score is a whole number from 1 to 5, found «\(parts[1])»")
                }
                if current == nil {
                    // Tasks before any section belong to one unnamed stage.
                    map.stages.append(Stage(id: map.freshStageID(using: &rng), name: ""))
                    current = 0
                }
                let stage = map.stages[current!]
                let task = untwin(parts[0])
                if !(items[stage.id]?.contains(task) ?? false) { items[stage.id, default: []].append(task) }
                let actors =
                    parts.count > 2 ? parts[2].split(separator: ",").map { untwin(String($0).trimmingCharacters(in: " ")) } : []
                for actor in actors where !actor.isEmpty {
                    // The first score an actor gets at a stage is its score there.
                    let key = stage.id.raw + "\u{0}" + actor
                    guard scored.insert(key).inserted else { continue }
                    if Search.fold(actor) == Search.fold(Language.en.t(.mapCurve))
                        || Search.fold(actor) == Search.fold(Language.ru.t(.mapCurve))
                    {
                        map.stages[current!].emotion = score - 3
                        continue
                    }
                    let pid: PersonaID
                    if let p = ws.personas.first(where: { $0.name == actor }) {
                        pid = p.id
                    } else {
                        pid = ws.freshPersonaID(using: &rng)
                        ws.personas.append(Persona(id: pid, name: actor))
                        map.personas.append(pid)
                    }
                    map.stages[current!].emotions[pid] = score - 3
                }
            }
        }
        guard sawJourney else { throw SyntaxError(line: 1, message: "the file is empty: a Mermaid journey starts with journey") }
        let t = Language.of(map) ?? language
        lane.title = t.t(.kindActions).capitalizedFirst
        for (sid, list) in items {
            // A stage's one task named as the stage carries its scores only (what export
            // writes for a stage with no items): no item.
            if list.count == 1, let st = map.stageIndex(sid), list[0] == map.stages[st].name { continue }
            lane.cells[sid] = list.joined(separator: "\n")
        }
        map.lanes = [lane]
        ws.channels = t == .ru ? Workspace.defaultChannelsRussian : Workspace.defaultChannels
        ws.maps = [map]
        return ws
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
