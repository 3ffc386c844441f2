import CJMCore
import Testing

/// Every rule of the methodology check fires on its mistake and stays quiet without it.
@Suite struct CheckTests {
    static let good = Templates.named("cinema")!.workspace

    static func rules(_ ws: Workspace) -> [String] { MethodCheck.run(ws).map(\.rule) }

    @Test func theCinemaTemplateIsClean() {
        #expect(MethodCheck.run(Self.good).isEmpty)
    }

    @Test func noGoal() {
        var ws = Self.good
        ws.maps[1].goal = "  "
        let f = MethodCheck.run(ws)
        #expect(f.map(\.rule) == ["no-goal"])
        #expect(f[0].severity == .error)
        #expect(f[0].map == "Online cinema: single young men")
        #expect(f[0].hint.contains("first"))
    }

    @Test func noPersona() {
        var ws = Self.good
        ws.maps[0].personas = []
        for j in ws.maps[0].stages.indices {
            ws.maps[0].stages[j].emotions = [:]
            ws.maps[0].stages[j].emotion = 1
        }
        #expect(Self.rules(ws) == ["no-persona"])
    }

    @Test func onePersonaOnEveryMap() {
        var ws = Self.good
        ws.maps[1].personas = [PersonaID("anna")]
        for j in ws.maps[1].stages.indices { ws.maps[1].stages[j].emotions = [PersonaID("anna"): 0] }
        // Anna also belongs to another segment than the second map's.
        #expect(Self.rules(ws) == ["one-persona-everywhere", "segment-mismatch"])
        // Whoever else is on the maps: Anna beside Max on the second map is still one portrait for all.
        var shared = Self.good
        shared.maps[1].personas.append(PersonaID("anna"))
        shared.personas[0].segment = ""  // no segment, so only the rule under test speaks
        for j in shared.maps[1].stages.indices { shared.maps[1].stages[j].emotions[PersonaID("anna")] = 0 }
        #expect(Self.rules(shared) == ["one-persona-everywhere"])
        // Two maps with different personas are fine (the template), and so is one map.
        var single = Self.good
        single.maps.removeLast()
        #expect(Self.rules(single).isEmpty)
    }

    @Test func aStageWithoutChannels() {
        var ws = Self.good
        let touch = ws.maps[0].lanes.firstIndex { $0.kind == .touchpoints }!
        ws.maps[0].lanes[touch].cells[StageID("research")] = nil
        let f = MethodCheck.run(ws)
        #expect(f.map(\.rule) == ["no-channels"])
        #expect(f[0].stage == "Research")
        #expect(f[0].stageIndex == 2 && f[0].laneIndex == touch)
    }

    /// A map with no touchpoints lane at all leaves every channel out.
    @Test func aMapWithoutATouchpointsLane() {
        var ws = Self.good
        ws.maps[0].lanes.removeAll { $0.kind == .touchpoints }
        let f = MethodCheck.run(ws)
        #expect(f.map(\.rule) == ["no-channels"])
        #expect(f[0].stage == nil && f[0].mapIndex == 0)
        #expect(f[0].message.contains("no touchpoints lane"))
        let ru = MethodCheck.run(ws, language: .ru)
        #expect(ru[0].message.contains("нет строки точек касания"))
    }

    /// A persona linked to a map of another segment (a warning); the same segment in another
    /// case or with ё for е is the same segment.
    @Test func aPersonaOfAnotherSegment() {
        let ws = Self.otherSegment
        let f = MethodCheck.run(ws)
        #expect(f.map(\.rule) == ["segment-mismatch"])
        #expect(f[0].severity == .warning)
        #expect(f[0].message.contains("«Oleg»") && f[0].message.contains("«Pensioners»"))
        #expect(MethodCheck.run(ws, language: .ru)[0].message.contains("из сегмента"))
        var same = Self.good
        same.maps[0].segment = same.maps[0].segment.uppercased()
        #expect(Self.rules(same).isEmpty)
        // ё typed as е (and back) is the same segment.
        func olegMismatch(_ persona: String, _ map: String) -> Bool {
            var ws = Self.otherSegment
            ws.personas[ws.personaIndex(PersonaID("oleg"))!].segment = persona
            ws.maps[0].segment = map
            return MethodCheck.run(ws).contains { $0.rule == "segment-mismatch" && $0.message.contains("Oleg") }
        }
        #expect(!olegMismatch("Семьи, всё включено", "семьи, все включено"))
        #expect(olegMismatch("Семьи, всё включено", "Семьи, всё выключено"))
    }

    /// The first map also drawn for a persona of another segment.
    static var otherSegment: Workspace {
        var ws = good
        ws.personas.append(Persona(id: PersonaID("oleg"), name: "Oleg", segment: "Pensioners"))
        ws.maps[0].personas.append(PersonaID("oleg"))
        for j in ws.maps[0].stages.indices { ws.maps[0].stages[j].emotions[PersonaID("oleg")] = 0 }
        return ws
    }

    /// Every rule speaks Russian too, and says the same places.
    @Test func findingsInRussian() {
        for ws in Self.mistakes {
            let en = MethodCheck.run(ws)
            let ru = MethodCheck.run(ws, language: .ru)
            #expect(!en.isEmpty, "a mistake that finds nothing")
            #expect(en.map(\.rule) == ru.map(\.rule))
            #expect(en.map(\.stageIndex) == ru.map(\.stageIndex))
            for (a, b) in zip(en, ru) {
                #expect(a.message != b.message && a.hint != b.hint, "\(a.rule)")
                #expect(b.message.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) }, "\(b.message)")
            }
        }
        var ws = Self.good
        ws.maps[0].stages[3].emotions = [:]
        #expect(MethodCheck.run(ws, language: .ru)[0].message == "нет оценки эмоций для «Anna, mother of two»")
    }

    @Test func aStageNotScoredForALinkedPersona() {
        var ws = Self.good
        ws.maps[0].stages[3].emotions = [:]
        let f = MethodCheck.run(ws)
        #expect(f.map(\.rule) == ["unscored-stage"])
        #expect(f[0].message == "no emotion score for «Anna, mother of two»")
    }

    @Test func aBarrierWithoutAnOpportunity() {
        var ws = Self.good
        let ops = ws.maps[0].lanes.firstIndex { $0.kind == .opportunities }!
        ws.maps[0].lanes[ops].cells[StageID("need")] = nil
        let f = MethodCheck.run(ws)
        #expect(f.map(\.rule) == ["barrier-without-opportunity"])
        #expect(f[0].severity == .warning)
    }

    @Test func emptyStagesAndLanes() {
        var ws = Self.good
        ws.maps[0].stages.append(Stage(id: StageID("later"), name: "Later", emotions: [PersonaID("anna"): 0]))
        ws.maps[0].lanes.append(Lane(id: LaneID("feelings"), title: "Feelings", kind: .notes))
        let rules = Self.rules(ws)
        #expect(rules.contains("empty-stage"))
        #expect(rules.contains("empty-lane"))
        #expect(rules.contains("no-channels"))  // the new stage has no touchpoints either
        #expect(!rules.contains("unscored-stage"))
    }

    /// One workspace per mistake the method names, made as in the tests above.
    static var mistakes: [Workspace] {
        var noGoal = good
        noGoal.maps[0].goal = ""
        var noPersona = good
        noPersona.maps[0].personas = []
        var everywhere = good
        everywhere.maps[1].personas = [PersonaID("anna")]
        for j in everywhere.maps[1].stages.indices { everywhere.maps[1].stages[j].emotions = [PersonaID("anna"): 0] }
        var noChannels = good
        let touch = noChannels.maps[0].lanes.firstIndex { $0.kind == .touchpoints }!
        noChannels.maps[0].lanes[touch].cells[StageID("research")] = nil
        var unscored = good
        unscored.maps[0].stages[3].emotions = [:]
        var lonelyBarrier = good
        let ops = lonelyBarrier.maps[0].lanes.firstIndex { $0.kind == .opportunities }!
        lonelyBarrier.maps[0].lanes[ops].cells[StageID("need")] = nil
        var empty = good
        empty.maps[0].stages.append(Stage(id: StageID("later"), name: "Later", emotions: [PersonaID("anna"): 0]))
        empty.maps[0].lanes.append(Lane(id: LaneID("feelings"), title: "Feelings", kind: .notes))
        return [noGoal, noPersona, everywhere, noChannels, unscored, lonelyBarrier, empty, otherSegment]
    }

    /// The rule list (which `check --json` and the README's severities come from) is exactly
    /// the rules that fire, each with the severity it declares: no dead rule, no undeclared one.
    @Test func theRuleListIsWhatFires() {
        let declared = Dictionary(uniqueKeysWithValues: MethodCheck.rules.map { ($0.0, $0.1) })
        var conflicted = Self.mistakes[0]
        conflicted.conflicts = [Conflict(.goal(conflicted.maps[0].id), base: "", ours: "a", theirs: "b")]
        let findings =
            Self.mistakes.flatMap { MethodCheck.run($0) }
            + MethodCheck.conflicts(conflicted, language: .en, keys: ("!", "o", "t"))
        #expect(Set(findings.map(\.rule)) == Set(declared.keys))
        for f in findings { #expect(declared[f.rule] == f.severity, "\(f.rule)") }
        #expect(declared.count == MethodCheck.rules.count)  // no rule listed twice
    }
}
