import CJMTestSupport
import Testing

@testable import CJMCore

@Suite struct MergeTests {
    func merge(_ ours: Workspace, _ theirs: Workspace) -> Merge.Result {
        Merge.workspaces(base: mergeBase, ours: ours, theirs: theirs)
    }

    /// The merged document is the expected one, and what it holds reads back from the file.
    func expectMerge(_ ours: Workspace, _ theirs: Workspace, _ expected: Workspace, conflicts: [Conflict] = []) {
        let r = merge(ours, theirs)
        #expect(r.workspace == expected)
        #expect(r.conflicts == conflicts)
        #expect(r.workspace.conflicts == conflicts)
        #expect(try! MapCodec.decode(MapCodec.encode(r.workspace)) == r.workspace)
    }

    @Test func everyScenarioConflictsExactlyWhereThePlacesCollide() {
        for s in mergeScenarios { #expect(merge(s.ours, s.theirs).conflicts.isEmpty != s.conflict, "\(s.name)") }
    }

    @Test func neighbouringCellsOfOneLane() {
        let (ours, theirs) = scenario("neighbouring cells of one lane")
        let expected = edited {
            $0.maps[0].lanes[0].cells = [StageID("s-need"): "Чем занять детей?", StageID("s-search"): "Где отзывы?"]
        }
        expectMerge(ours, theirs, expected)
    }

    @Test func bothAddAStageAtTheEnd() {
        let (ours, theirs) = scenario("both add a stage at the end")
        let (a, b) = (Stage(id: StageID("s-return"), name: "Возврат"), Stage(id: StageID("s-loyal"), name: "Лояльность"))
        let expected = edited { $0.maps[0].stages += [a, b] }
        expectMerge(ours, theirs, expected)
        // The other way round, theirs still follow ours.
        let swapped = Merge.workspaces(base: mergeBase, ours: theirs, theirs: ours).workspace
        #expect(swapped.fam.stages.map(\.name) == ["Потребность", "Поиск", "Покупка", "Лояльность", "Возврат"])
    }

    @Test func laneMovedOnOneSideAndItsCellEditedOnTheOther() {
        let (mover, editor) = scenario("a lane moved, its cell edited")
        let expected = edited {
            $0.maps[0].lanes.insert($0.maps[0].lanes.removeLast(), at: 0)
            $0.maps[0].lanes[0].cells[StageID("s-need")] = "Визиты = 100"
        }
        expectMerge(mover, editor, expected)
        expectMerge(editor, mover, expected)
    }

    @Test func stageRenamedAndScored() {
        let (ours, theirs) = scenario("a stage renamed and scored")
        let expected = edited {
            $0.maps[0].stages[1].name = "Выбор фильма"
            $0.maps[0].stages[1].emotions[PersonaID("p-anna")] = 2
        }
        expectMerge(ours, theirs, expected)
    }

    @Test func itemsAddedToOneListCellOnBothSides() {
        let cell = (lane: LaneID("l-bar"), stage: StageID("s-buy"))
        let (ours, theirs) = scenario("items added to one list cell on both sides")
        let expected = edited { $0.maps[0].lanes[1].cells[cell.stage] = "Нет мест\nОчередь\nДорого\nНет парковки\nШумно" }
        expectMerge(ours, theirs, expected)
    }

    @Test func listItemRemovedOnOneSideAndAddedOnTheOther() {
        let cell = (lane: LaneID("l-bar"), stage: StageID("s-buy"))
        let ours = edited { act(&$0, Edits.setCell($0.fam, lane: cell.lane, stage: cell.stage, "Дорого")) }
        let theirs = edited { act(&$0, Edits.setCell($0.fam, lane: cell.lane, stage: cell.stage, "Очередь\nДорого\nШумно")) }
        let expected = edited { $0.maps[0].lanes[1].cells[cell.stage] = "Дорого\nШумно" }
        expectMerge(ours, theirs, expected)
    }

    @Test func oneListItemEditedDifferentlyIsAConflictAboutThatItem() {
        let cell = (lane: LaneID("l-bar"), stage: StageID("s-buy"))
        let ours = edited {
            act(&$0, Edits.setCell($0.fam, lane: cell.lane, stage: cell.stage, "Очередь в кассу\nДорого\nШумно"))
        }
        let theirs = edited { act(&$0, Edits.setCell($0.fam, lane: cell.lane, stage: cell.stage, "Очередь у входа\nДорого")) }
        // The clean addition (Шумно) is in both choices; only the edited item differs.
        let expected = edited {
            $0.maps[0].lanes[1].cells[cell.stage] = "Очередь в кассу\nДорого\nШумно"
            $0.conflicts = [
                Conflict(
                    .cell(fam, cell.lane, cell.stage), base: "Очередь\nДорого", ours: "Очередь в кассу\nДорого\nШумно",
                    theirs: "Очередь у входа\nДорого\nШумно")
            ]
        }
        expectMerge(ours, theirs, expected, conflicts: expected.conflicts)
    }

    @Test func channelsTickedInOneCellOnBothSides() {
        let cell = (lane: LaneID("l-ch"), stage: StageID("s-search"))
        let (ours, theirs) = scenario("channels ticked in one cell on both sides")
        // Theirs unticked Сайт, ours ticked Email: both apply, and theirs' Магазин joins.
        let expected = edited { $0.maps[0].lanes[2].cells[cell.stage] = "Email\nМагазин" }
        expectMerge(ours, theirs, expected)
    }

    @Test func metricsMergeByName() {
        let cell = (lane: LaneID("l-met"), stage: StageID("s-buy"))
        let ours = edited { act(&$0, Edits.setCell($0.fam, lane: cell.lane, stage: cell.stage, "CTR = 3.1 %\nЗаказы = 40")) }
        let theirs = edited {
            act(&$0, Edits.setCell($0.fam, lane: cell.lane, stage: cell.stage, "CTR = 2.5 %\nЗаказы = 40\nВозвраты = 2"))
        }
        let expected = edited { $0.maps[0].lanes[3].cells[cell.stage] = "CTR = 3.1 %\nЗаказы = 40\nВозвраты = 2" }
        expectMerge(ours, theirs, expected)
        // One metric changed differently: a conflict that names both whole cells.
        let other = edited { act(&$0, Edits.setCell($0.fam, lane: cell.lane, stage: cell.stage, "CTR = 4 %\nЗаказы = 41")) }
        let r = merge(ours, other)
        #expect(r.workspace.fam.cell(lane: cell.lane, stage: cell.stage) == "CTR = 3.1 %\nЗаказы = 41")
        #expect(
            r.conflicts == [
                Conflict(
                    .cell(fam, cell.lane, cell.stage), base: "CTR = 2.5 %\nЗаказы = 40", ours: "CTR = 3.1 %\nЗаказы = 41",
                    theirs: "CTR = 4 %\nЗаказы = 41")
            ])
    }

    @Test func differentMapsGoals() {
        let (ours, theirs) = scenario("different maps' goals")
        let expected = edited {
            $0.maps[0].goal = "Снизить отток семей"
            $0.maps[1].goal = "Поднять дневные продажи"
        }
        expectMerge(ours, theirs, expected)
    }

    @Test func theSameChangeOnBothSides() {
        let (ours, theirs) = scenario("the same change on both sides")
        #expect(ours == theirs)
        expectMerge(ours, theirs, ours)
    }

    @Test func theSameCellChangedDifferentlyIsAConflict() {
        let place = (lane: LaneID("l-think"), stage: StageID("s-need"))
        let (ours, theirs) = scenario("the same cell changed differently")
        let c = Conflict(
            .cell(fam, place.lane, place.stage), base: "Куда сходить?", ours: "Куда пойти в субботу?", theirs: "Чем занять вечер?"
        )
        let expected = edited {
            $0.maps[0].lanes[0].cells[place.stage] = "Куда пойти в субботу?"
            $0.conflicts = [c]
        }
        expectMerge(ours, theirs, expected, conflicts: [c])
        #expect(expected.describe(c.place, .ru) == "«Семьи» Мысли × Потребность")
    }

    @Test func aStageDeletedOnOneSideAndItsCellEditedOnTheOtherIsAConflictThatKeepsTheEdit() {
        let (deleter, editor) = scenario("a stage deleted, its cell edited")
        let c = Conflict(.stage(fam, StageID("s-search")), base: "Поиск", ours: nil, theirs: "Поиск")
        let expected = edited {
            $0.maps[0].lanes[0].cells[StageID("s-search")] = "Что идёт в IMAX?"
            $0.conflicts = [c]
        }
        expectMerge(deleter, editor, expected, conflicts: [c])
        // The other way round, ours kept it.
        let back = Merge.workspaces(base: mergeBase, ours: editor, theirs: deleter)
        #expect(back.workspace.fam == expected.fam)
        #expect(back.conflicts == [Conflict(.stage(fam, StageID("s-search")), base: "Поиск", ours: "Поиск", theirs: nil)])
        // A stage deleted where the other side changed nothing of it is simply deleted.
        let untouched = edited { act(&$0, Edits.setCell($0.fam, lane: LaneID("l-think"), stage: StageID("s-need"), "x")) }
        #expect(merge(deleter, untouched).workspace.fam.stages.map(\.name) == ["Потребность", "Покупка"])
        #expect(merge(deleter, untouched).conflicts.isEmpty)
    }

    @Test func personasAddedOnBothSides() {
        let v = Persona(id: PersonaID("p-vera"), name: "Вера", segment: "Пенсионеры")
        let g = Persona(id: PersonaID("p-gleb"), name: "Глеб", segment: "Пары")
        let (ours, theirs) = scenario("personas added on both sides")
        expectMerge(ours, theirs, edited { $0.personas += [v, g] })
    }

    @Test func aPersonaDeletedOnOneSideAndLinkedToANewMapOnTheOtherIsAConflict() {
        let boris = PersonaID("p-boris")
        let (deleter, linker) = scenario("a persona deleted, linked to a new map")
        let newMap = linker.maps[2]
        let c = Conflict(.persona(boris), base: "Борис", ours: nil, theirs: "Борис")
        // Борис stays, on the new map; the unlink from Студенты (untouched there) applies.
        let expected = edited {
            $0.maps[1].personas = []
            $0.maps.append(newMap)
            $0.conflicts = [c]
        }
        expectMerge(deleter, linker, expected, conflicts: [c])
    }

    @Test func aPersonaDeletedOnOneSideAndUntouchedOnTheOtherIsDeleted() {
        let deleter = edited { act(&$0, Edits.deletePersona($0, PersonaID("p-boris"))) }
        let other = edited { act(&$0, Edits.setGoal($0.fam, "Цель")) }
        let r = merge(deleter, other)
        #expect(r.conflicts.isEmpty)
        #expect(r.workspace.personas.map(\.name) == ["Анна"])
        #expect(r.workspace.stu.personas.isEmpty)
    }

    @Test func fieldsOfOnePersonaMergeOnTheirOwn() {
        let anna = PersonaID("p-anna")
        let ours = edited { act(&$0, Edits.setPersonaField($0, anna, field: 7, "Выходные с детьми")) }
        let theirs = edited { act(&$0, Edits.setPersonaField($0, anna, field: 9, "Дорого")) }
        let expected = edited {
            $0.personas[0].goals = "Выходные с детьми"
            $0.personas[0].pains = "Дорого"
        }
        expectMerge(ours, theirs, expected)
    }

    @Test func conflictsReadBackAndDecideAsOneUndoableStep() throws {
        let place = (lane: LaneID("l-think"), stage: StageID("s-need"))
        let ours = edited {
            act(&$0, Edits.setCell($0.fam, lane: place.lane, stage: place.stage, "Наше"))
            act(&$0, Edits.renameStage($0.fam, StageID("s-search"), "Выбор"))
        }
        let theirs = edited {
            act(&$0, Edits.setCell($0.fam, lane: place.lane, stage: place.stage, "Их"))
            act(&$0, Edits.renameStage($0.fam, StageID("s-search"), "Сравнение"))
        }
        let merged = merge(ours, theirs).workspace
        #expect(merged.conflicts.count == 2)
        let bytes = MapCodec.encode(merged)
        #expect(try MapCodec.decode(bytes) == merged)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""what": "stage-name""#))

        let cellConflict = merged.conflicts.first { $0.place == .cell(fam, place.lane, place.stage) }!
        let nameConflict = merged.conflicts.first { $0.place == .stageName(fam, StageID("s-search")) }!
        var session = EditSession(workspace: merged)
        try session.perform(Edits.resolveConflict(merged, cellConflict, keeping: .theirs, .ru)!)
        #expect(session.workspace.fam.cell(lane: place.lane, stage: place.stage) == "Их")
        #expect(session.workspace.conflicts.map(\.place) == [.stageName(fam, StageID("s-search"))])
        #expect(session.history.undoStack.last?.label(.ru) == "конфликт: «Семьи» Мысли × Потребность: их")
        _ = try session.undo()
        #expect(session.workspace == merged)

        // Kept as it is now: the conflict goes, the map stays.
        let kept = Edits.resolveConflict(merged, nameConflict, keeping: nil, .en)!
        try session.perform(kept)
        #expect(session.workspace.fam.stages[1].name == "Выбор")
        #expect(session.workspace.conflicts.count == 1)
        // The step goes through the history file too.
        let history = HistoryCodec.encode(session.history, documentFingerprint: "x")
        let (back, _) = try HistoryCodec.decode(history, firstMap: fam)
        #expect(back == session.history)
    }

    @Test func decidingToDeleteTakesTheConflictsInsideAlong() throws {
        let deleter = edited { act(&$0, Edits.deleteStage($0.fam, StageID("s-search"))) }
        let editor = edited {
            act(&$0, Edits.setCell($0.fam, lane: LaneID("l-think"), stage: StageID("s-search"), "Изменено"))
        }
        var both = mergeBase
        act(&both, Edits.setCell(both.fam, lane: LaneID("l-ch"), stage: StageID("s-search"), "Email"))
        let merged = Merge.workspaces(base: mergeBase, ours: deleter, theirs: editor).workspace
        let presence = merged.conflicts[0]
        var session = EditSession(workspace: merged)
        try session.perform(Edits.resolveConflict(merged, presence, keeping: .ours, .en)!)
        #expect(session.workspace.fam.stageIndex(StageID("s-search")) == nil)
        #expect(session.workspace.conflicts.isEmpty)
        #expect(try MapCodec.decode(MapCodec.encode(session.workspace)) == session.workspace)
    }

    @Test func aBadConflictInTheFileIsNamed() {
        var text = String(
            decoding: MapCodec.encode(
                merge(
                    edited { act(&$0, Edits.setTitle($0.fam, "А")) }, edited { act(&$0, Edits.setTitle($0.fam, "Б")) }
                ).workspace), as: UTF8.self)
        text = text.replacingFirst(#""what": "title""#, with: #""what": "cell""#)
        #expect(
            throws: MapFormatError.shape(field: "conflicts[0].what", problem: "\"cell\" with these ids names no place of a map")
        ) {
            try MapCodec.decode(Array(text.utf8))
        }
    }

    /// Edits of disjoint places, one side's after the other's, give what the merge gives, in either order.
    @Test(arguments: 0..<60) func disjointEditsMergeAsIfMadeOneAfterTheOther(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        let base = sampleWorkspace
        let map = base.maps[0]
        // Each side owns half of the stages (and their cells and scores), half of the lanes'
        // titles and kinds, half of the persona fields.
        let stages = map.stages.map(\.id).shuffled(using: &rng)
        let lanes = map.lanes.map(\.id).shuffled(using: &rng)
        let fields = Array(0..<Persona.fields.count).shuffled(using: &rng)
        func side(_ n: Int) -> ([StageID], [LaneID], [Int]) {
            func half<T>(_ a: [T]) -> [T] { a.enumerated().filter { $0.offset % 2 == n }.map(\.element) }
            return (half(stages), half(lanes), half(fields))
        }
        let words = ["Мысль", "ёлка", "новое", "CTR = 2 %", "Сайт", "x\ny"]
        func steps(_ n: Int, _ rng: inout SplitMix64) -> [Transaction] {
            let (myStages, myLanes, myFields) = side(n)
            var ws = base
            var out: [Transaction] = []
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                let m = ws.maps[0]
                let live = myStages.filter { m.stageIndex($0) != nil }
                let t: Transaction?
                switch Int.random(in: 0..<8, using: &rng) {
                case 0, 1:
                    guard let s = live.randomElement(using: &rng) else { continue }
                    t = Edits.setCell(
                        m, lane: m.lanes.randomElement(using: &rng)!.id, stage: s, words.randomElement(using: &rng)!)
                case 2:
                    t = live.randomElement(using: &rng).flatMap { Edits.renameStage(m, $0, words.randomElement(using: &rng)!) }
                case 3:
                    t = live.randomElement(using: &rng).flatMap {
                        Edits.setEmotion(m, $0, Int.random(in: -2...2, using: &rng), persona: m.personas.first)
                    }
                case 4:
                    t = myLanes.randomElement(using: &rng).flatMap { Edits.renameLane(m, $0, words.randomElement(using: &rng)!) }
                case 5:
                    t = myLanes.randomElement(using: &rng).flatMap {
                        Edits.setLaneKind(m, $0, LaneKind.allCases.randomElement(using: &rng)!)
                    }
                case 6:
                    // A persona is one step in the history: each side edits its own.
                    t = Edits.setPersonaField(
                        ws, base.personas[n].id, field: myFields.randomElement(using: &rng)!, words.randomElement(using: &rng)!)
                default:
                    // Only side 0 deletes stages and adds one at the end; only side 1 adds lanes at the end.
                    if n == 0 {
                        if Bool.random(using: &rng), live.count > 1 {
                            t = Edits.deleteStage(m, live.randomElement(using: &rng)!)
                        } else {
                            t = Edits.insertStage(m, Stage(id: StageID("s-new-\(out.count)"), name: "Новый"), at: m.stages.count)
                        }
                    } else {
                        t = Edits.insertLane(
                            m, Lane(id: LaneID("l-new-\(out.count)"), title: "Новая", kind: .notes), at: m.lanes.count)
                    }
                }
                guard let t else { continue }
                for op in t.operations { try! ws.apply(op) }
                out.append(t)
            }
            return out
        }
        func applied(_ ts: [Transaction], to ws: Workspace) throws -> Workspace {
            var w = ws
            for t in ts { for op in t.operations { try w.apply(op) } }
            return w
        }
        let a = steps(0, &rng)
        let b = steps(1, &rng)
        let ours = try applied(a, to: base)
        let theirs = try applied(b, to: base)
        let merged = Merge.workspaces(base: base, ours: ours, theirs: theirs)
        #expect(merged.conflicts.isEmpty)
        #expect(merged.workspace == (try applied(b, to: ours)))
        #expect(merged.workspace == (try applied(a, to: theirs)))
    }

    /// Whatever two people do from one base, the merge is a document that saves and reads back.
    @Test(arguments: 0..<40) func anyTwoHistoriesMergeIntoAValidDocument(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(1000 + seed))
        func history() -> Workspace {
            var ws = sampleWorkspace
            for _ in 0..<Int.random(in: 1...25, using: &rng) {
                if let t = randomEdit(ws, &rng) { for op in t.operations { try! ws.apply(op) } }
            }
            return ws
        }
        let (ours, theirs) = (history(), history())
        let r = Merge.workspaces(base: sampleWorkspace, ours: ours, theirs: theirs)
        #expect(r.workspace.maps.allSatisfy { $0.problem == nil })
        #expect(try MapCodec.decode(MapCodec.encode(r.workspace)) == r.workspace)
        #expect(r.workspace.openConflicts == r.workspace.conflicts)
        // Merging a side with itself changes nothing; with the base, gives that side.
        #expect(Merge.workspaces(base: sampleWorkspace, ours: ours, theirs: sampleWorkspace).workspace == ours)
        #expect(Merge.workspaces(base: sampleWorkspace, ours: sampleWorkspace, theirs: theirs).workspace == theirs)
        // Every conflict can be decided either way, and the document stays whole.
        for side in [Conflict.Side.ours, .theirs] {
            var ws = r.workspace
            while let c = ws.conflicts.first {
                let t = Edits.resolveConflict(ws, c, keeping: side, .en)!
                for op in t.operations { try ws.apply(op) }
            }
            #expect(try MapCodec.decode(MapCodec.encode(ws)) == ws)
        }
    }
}
