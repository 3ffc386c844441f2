import CJMCore
import Foundation
import Testing

@testable import CJMExport

/// Mermaid's `journey` diagram: what it writes follows the grammar Mermaid's parser reads, and
/// reading it back gives the stages, the tasks and the scores.
@Suite struct MermaidTests {
    /// The journey grammar's lexer (mermaid's `journey.jison`): after `journey`, every line is a
    /// title, a section or a task `name: score: actors`, with `#` and `;` nowhere, `:` not in a
    /// section or a task's name; the score a whole number from 1 to 5; actors split by commas.
    static func followsTheGrammar(_ diagram: String) -> [String] {
        var problems: [String] = []
        let lines = diagram.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.first != "journey" { problems.append("first line: \(lines.first ?? "")") }
        let title = try! NSRegularExpression(pattern: #"^\s*title\s[^#\n;]+$"#)
        let section = try! NSRegularExpression(pattern: #"^\s*section\s[^#:\n;]+$"#)
        let task = try! NSRegularExpression(pattern: #"^\s*[^#:\n;\s][^#:\n;]*:\s*([1-5])\s*(:\s*[^#:\n;,]+(,\s*[^#:\n;,]+)*)?$"#)
        for line in lines.dropFirst() where !line.isEmpty {
            let range = NSRange(line.startIndex..., in: line)
            let ok = [title, section, task].contains { $0.firstMatch(in: line, range: range) != nil }
            if !ok { problems.append(line) }
            // The lexer tries its keywords first, in any case, and `%%` starts a comment anywhere.
            let head = line.trimmingCharacters(in: .whitespaces).lowercased()
            let keyword = ["journey", "title", "section", "acctitle", "accdescr"].first { head.hasPrefix($0) }
            if task.firstMatch(in: line, range: range) != nil, keyword != nil { problems.append("keyword first: " + line) }
            if line.contains("%%") { problems.append("comment: " + line) }
        }
        return problems
    }

    @Test func theCinemaTemplateFollowsTheGrammarAndComesBack() throws {
        let ws = Templates.named("cinema-ru")!.workspace
        for map in ws.maps {
            let diagram = Mermaid.export(map, in: ws)
            #expect(Self.followsTheGrammar(diagram).isEmpty, "\(Self.followsTheGrammar(diagram))\n\(diagram)")
            var rng = SplitMix64(seed: 1)
            let backWS = try Mermaid.read(diagram, ids: &rng)
            let back = backWS.maps[0]
            #expect(back.title == map.title)
            #expect(back.stages.map(\.name) == map.stages.map(\.name))
            let actions = map.lanes.first { $0.kind == .actions }!
            for (a, b) in zip(map.stages, back.stages) {
                #expect(back.lanes[0].cell(b.id) == actions.cell(a.id))
                for p in map.personas {
                    let name = ws.persona(p)!.name
                    let q = try #require(backWS.personas.first { $0.name == name }?.id)
                    #expect(b.emotions[q] == a.emotions[p], "\(name) at \(a.name)")
                }
                #expect(b.emotion == a.emotion)
            }
        }
    }

    @Test func reservedCharactersAndUnscoredStagesComeBack() throws {
        var map = JourneyMap(id: MapID("m"), title: "Plan #1; a: b")
        let anna = PersonaID("anna")
        map.personas = [anna]
        map.stages = [
            Stage(id: StageID("a"), name: "Need: first; #1", emotion: 2, emotions: [anna: 2]),
            Stage(id: StageID("b"), name: "Later"),
            Stage(id: StageID("c"), name: "Buy", emotion: -1, emotions: [anna: 1]),
        ]
        map.lanes = [
            Lane(
                id: LaneID("act"), title: "Actions", kind: .actions, content: .list,
                cells: [StageID("a"): "Ask: friends; #tag\nSearch", StageID("c"): "Pay"])
        ]
        let ws = Workspace(personas: [Persona(id: anna, name: "Anna, mother: two")], maps: [map])
        let diagram = Mermaid.export(map, in: ws)
        #expect(Self.followsTheGrammar(diagram).isEmpty, "\(Self.followsTheGrammar(diagram))\n\(diagram)")
        #expect(
            diagram == """
                journey
                    title Plan ＃1； a: b
                    section Need： first； ＃1
                      Ask： friends； ＃tag: 5: map
                      Ask： friends； ＃tag: 5: Anna， mother： two
                      Search: 5: map
                      Search: 5: Anna， mother： two
                    section Later
                      Later: 3
                    section Buy
                      Pay: 2: map
                      Pay: 4: Anna， mother： two

                """)
        var rng = SplitMix64(seed: 2)
        let back = try Mermaid.read(diagram, ids: &rng)
        let m = back.maps[0]
        #expect(m.title == "Plan #1; a: b")
        #expect(m.stages.map(\.name) == ["Need: first; #1", "Later", "Buy"])
        #expect(m.stages.map(\.emotion) == [2, nil, -1])
        #expect(back.personas.map(\.name) == ["Anna, mother: two"])
        let p = back.personas[0].id
        #expect(m.stages.map { $0.emotions[p] } == [2, nil, 1])
        #expect(m.lanes[0].cell(m.stages[0].id) == "Ask: friends; #tag\nSearch")
        // The task export writes for a stage with no items carries its scores, and is no item.
        #expect(m.lanes[0].cell(m.stages[1].id) == "")
        #expect(m.problem == nil)
    }

    /// Items that start with Mermaid's keywords, and text holding `%%`, come back as they were.
    @Test func keywordsAndCommentMarksInTextComeBack() throws {
        var map = JourneyMap(id: MapID("m"), title: "100%% sure")
        map.stages = [
            Stage(id: StageID("a"), name: "50%% off", emotion: 1), Stage(id: StageID("b"), name: "Section 9", emotion: 0),
        ]
        map.lanes = [
            Lane(
                id: LaneID("act"), title: "Actions", kind: .actions, content: .list,
                cells: [StageID("a"): "title search\nSection 2\naccTitle x\nJourney planner", StageID("b"): "x %% y"])
        ]
        let ws = Workspace(maps: [map])
        let diagram = Mermaid.export(map, in: ws)
        #expect(Self.followsTheGrammar(diagram).isEmpty, "\(Self.followsTheGrammar(diagram))\n\(diagram)")
        var rng = SplitMix64(seed: 4)
        let back = try Mermaid.read(diagram, ids: &rng).maps[0]
        #expect(back.title == "100%% sure")
        #expect(back.stages.map(\.name) == ["50%% off", "Section 9"])
        #expect(back.stages.map(\.emotion) == [1, 0])
        #expect(back.lanes[0].cell(back.stages[0].id) == "title search\nSection 2\naccTitle x\nJourney planner")
        #expect(back.lanes[0].cell(back.stages[1].id) == "x %% y")
    }

    @Test func badDiagramsAreNamedByLine() {
        var rng = SplitMix64(seed: 3)
        #expect(throws: Mermaid.SyntaxError(line: 1, message: "a Mermaid journey starts with the word journey")) {
            try Mermaid.read("graph TD\n", ids: &rng)
        }
        #expect(throws: Mermaid.SyntaxError(line: 4, message: "a task's score is a whole number from 1 to 5, found «9»")) {
            try Mermaid.read("journey\n  %% a comment\n  section A\n  Task: 9: Me\n", ids: &rng)
        }
    }

    @Test func markdownEmbedsTheDiagram() {
        let ws = Templates.named("cinema")!.workspace
        let md = Markdown.export(ws, only: 0, mermaid: true)
        #expect(md.contains("```mermaid\njourney\n    title \(ws.maps[0].title)\n"))
        #expect(!Markdown.export(ws, only: 0).contains("```mermaid"))
    }
}
