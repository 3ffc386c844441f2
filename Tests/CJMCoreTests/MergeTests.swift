import CJMStorage
import CJMTestSupport
import Foundation
import Synchronization
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

    @Test func deletingAPersonaIsNoEditOfTheStagesItWasScoredOn() {
        // The unlink takes the persona's scores from every stage and map: that is no edit.
        let r = merge(
            edited { act(&$0, Edits.deletePersona($0, PersonaID("p-anna"))) },
            edited { act(&$0, Edits.deleteStage($0.fam, StageID("s-need"))) })
        #expect(r.conflicts.isEmpty)
        #expect(r.workspace.fam.stages.map(\.id) == [StageID("s-search"), StageID("s-buy")])
        #expect(r.workspace.personas.map(\.name) == ["Борис"])
        let m = merge(
            edited { act(&$0, Edits.deletePersona($0, PersonaID("p-boris"))) }, edited { act(&$0, Edits.deleteMap($0, stu)) })
        #expect(m.conflicts.isEmpty)
        #expect(m.workspace.maps.map(\.id) == [fam])
    }

    @Test func aPersonaKeptThroughAConflictKeepsItsLinksAndScores() {
        let anna = PersonaID("p-anna")
        let r = merge(
            edited { act(&$0, Edits.deletePersona($0, anna)) },
            edited { act(&$0, Edits.setPersonaField($0, anna, field: 7, "Вечер с детьми")) })
        #expect(r.conflicts == [Conflict(.persona(anna), base: "Анна", ours: nil, theirs: "Анна")])
        #expect(r.workspace.fam.personas == [anna])
        #expect(r.workspace.fam.stages.map { $0.emotions[anna] } == [0, nil, -1])
        #expect(r.workspace.personas[0].goals == "Вечер с детьми")
    }

    @Test func anUnlinkOverAScoreIsKeptAsAConflictOnTheScore() {
        let anna = PersonaID("p-anna")
        let r = merge(
            edited { act(&$0, Edits.unlinkPersona($0, map: $0.fam, anna)) },
            edited { act(&$0, Edits.setEmotion($0.fam, StageID("s-search"), 2, persona: anna)) })
        #expect(r.workspace.fam.personas == [anna])
        #expect(r.workspace.fam.stages[1].emotions[anna] == 2)
        #expect(r.conflicts == [Conflict(.score(fam, StageID("s-search"), anna), base: nil, ours: nil, theirs: "+2")])
    }

    @Test func movesOnBothSidesBothApply() {
        #expect(
            Merge.order(
                base: ["A", "B", "C", "D"], ours: ["B", "A", "C", "D"], theirs: ["A", "B", "D", "C"], keep: ["A", "B", "C", "D"])
                == ["B", "A", "D", "C"])
        // With insertions on both sides at one place, ours first.
        #expect(
            Merge.order(base: ["A", "B"], ours: ["A", "X", "B"], theirs: ["A", "Y", "B"], keep: ["A", "B", "X", "Y"]) == [
                "A", "X", "Y", "B",
            ])
        var stages = mergeBase
        act(&stages, Edits.moveStage(stages.fam, StageID("s-need"), by: 2))
        var lanes = mergeBase
        act(&lanes, Edits.moveStage(lanes.fam, StageID("s-buy"), by: -1))
        act(&lanes, Edits.moveLane(lanes.fam, LaneID("l-think"), by: 1))
        let r = merge(stages, lanes).workspace.fam
        #expect(
            r.stages.map(\.name) == ["Покупка", "Поиск", "Потребность"]
                || r.stages.map(\.name) == ["Поиск", "Покупка", "Потребность"])
        #expect(r.lanes.map(\.title) == ["Барьеры", "Мысли", "Каналы", "Метрики"])
    }

    @Test func listItemsMoveAndChangeByIdentity() {
        let (a, b) = ("Сложная форма заказа", "Нет привычных способов оплаты")
        // Ours reversed the list, theirs removed an item: the removal applies to the new order.
        #expect(Merge.items([a, b], [b, a], [b]) == ([b], nil))
        // Ours reversed it, theirs renamed an item: the renamed item keeps ours' new place.
        #expect(Merge.items([a, b], [b, a], ["Форма проще", b]) == ([b, "Форма проще"], nil))
        // Renamed differently on both sides: a conflict about that item alone.
        let r = Merge.items([a, b], ["Форма 1", b, "Ещё"], ["Форма 2", b])
        #expect(r.ours == ["Форма 1", b, "Ещё"] && r.theirs == ["Форма 2", b, "Ещё"])
        // Removed on one side, renamed on the other: kept renamed until decided.
        let d = Merge.items([a, b], [b], ["Форма 2", b])
        #expect(d.ours == ["Форма 2", b] && d.theirs == ["Форма 2", b])
    }

    @Test func itemsBothSidesAddTwiceStayTwice() {
        #expect(Merge.lines(["C", "A"], ["C", "X", "A"], ["C", "X", "X", "A"]).ours == ["C", "X", "X", "A"])
        #expect(Merge.lines(["C", "A"], ["C", "X", "A"], ["C", "X", "A"]).ours == ["C", "X", "A"])
    }

    @Test func theLastMapCannotBeDecidedAway() {
        var ws = mergeBase
        ws.maps = [ws.maps[0]]
        ws.conflicts = [Conflict(.map(fam), base: "Семьи", ours: "Семьи", theirs: nil)]
        #expect(Edits.resolveConflict(ws, ws.conflicts[0], keeping: .theirs, .en) == nil)
        #expect(Edits.resolveConflict(ws, ws.conflicts[0], keeping: .ours, .en) != nil)
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
        let ours = withCell(cell.lane, cell.stage, "Дорого")
        let theirs = withCell(cell.lane, cell.stage, "Очередь\nДорого\nШумно")
        let expected = edited { $0.maps[0].lanes[1].cells[cell.stage] = "Дорого\nШумно" }
        expectMerge(ours, theirs, expected)
    }

    @Test func oneListItemEditedDifferentlyIsAConflictAboutThatItem() {
        let cell = (lane: LaneID("l-bar"), stage: StageID("s-buy"))
        let ours = withCell(cell.lane, cell.stage, "Очередь в кассу\nДорого\nШумно")
        let theirs = withCell(cell.lane, cell.stage, "Очередь у входа\nДорого")
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
        let ours = withCell(cell.lane, cell.stage, "CTR = 3.1 %\nЗаказы = 40")
        let theirs = withCell(cell.lane, cell.stage, "CTR = 2.5 %\nЗаказы = 40\nВозвраты = 2")
        let expected = edited { $0.maps[0].lanes[3].cells[cell.stage] = "CTR = 3.1 %\nЗаказы = 40\nВозвраты = 2" }
        expectMerge(ours, theirs, expected)
        // One metric changed differently: a conflict that names both whole cells.
        let other = withCell(cell.lane, cell.stage, "CTR = 4 %\nЗаказы = 41")
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
        let untouched = withCell(LaneID("l-think"), StageID("s-need"), "x")
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
        // Борис stays, on the new map and, as the side that kept him has it, on Студенты.
        let expected = edited {
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
        let editor = withCell(LaneID("l-think"), StageID("s-search"), "Изменено")
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
        // titles and kinds, half of the persona fields; side 0 alone deletes, adds and moves
        // stages, side 1 alone adds and moves lanes.
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
                switch Int.random(in: 0..<9, using: &rng) {
                case 8:
                    // Side 0 alone moves stages, side 1 alone moves lanes.
                    if n == 0 {
                        t = m.stages.randomElement(using: &rng).flatMap {
                            Edits.moveStage(m, $0.id, by: Int.random(in: -2...2, using: &rng))
                        }
                    } else {
                        t = m.lanes.randomElement(using: &rng).flatMap {
                            Edits.moveLane(m, $0.id, by: Int.random(in: -2...2, using: &rng))
                        }
                    }
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

/// An open editor's autosaver and what another program writes to its file meanwhile.
@Suite(.temporaryFolders) struct MergeFromDiskTests {
    /// The editor's periodic look never waits for a write under way (a large map's takes a
    /// while, and keys would wait with it): it returns at once and looks again later.
    @Test func aLookThatNeedNotWaitSkipsAWriteUnderWay() throws {
        let (_, path) = try savedMap(mergeBase)
        let opened = try MapStore.open(path)
        let clock = ManualClock()
        let fs = FaultyFileSystem()
        let saver = Autosaver(path: path, onDisk: opened.onDisk, base: opened.workspace, fs: fs, clock: clock)
        var session = EditSession(workspace: opened.workspace)
        try session.perform(Edits.setCell(session.workspace.fam, lane: LaneID("l-think"), stage: StageID("s-buy"), "Наше")!)
        let (_, theirs) = scenario("a stage renamed and scored")
        try MapStore.save(theirs, history: History(), to: path)
        let looked = Mutex<[Bool]>([])
        let current = session.workspace
        // Another program's version is on disk; while our write holds the file, a look that
        // must not wait gives up at once (a waiting one on this thread would never return).
        fs.duringNextWrite { looked.withLock { $0.append(saver.mergeFromDisk(current, waiting: false) == nil) } }
        saver.changed(session.workspace, history: session.history)
        saver.flush(overwrite: true)
        #expect(looked.withLock { $0 } == [true])
        // With the gate free again, the same look goes through: our write replaced theirs.
        #expect(saver.mergeFromDisk(current, waiting: false) == nil)
        try MapStore.save(theirs, history: History(), to: path)
        #expect(saver.mergeFromDisk(current, waiting: false) != nil)
    }

    @Test func anotherProgramsVersionIsMergedAndTheMergeIsSaved() throws {
        let (_, path) = try savedMap(mergeBase)
        let opened = try MapStore.open(path)
        let clock = ManualClock()
        let saver = Autosaver(path: path, onDisk: opened.onDisk, base: opened.workspace, quietDelay: 0.05, clock: clock)
        // Nothing changed on disk: one look, nothing to do.
        #expect(saver.mergeFromDisk(opened.workspace) == nil)
        // We typed (not yet saved); another program renamed a stage and saved.
        var session = EditSession(workspace: opened.workspace)
        try session.perform(Edits.setCell(session.workspace.fam, lane: LaneID("l-think"), stage: StageID("s-buy"), "Наше")!)
        saver.changed(session.workspace, history: session.history)
        let (_, theirs) = scenario("a stage renamed and scored")
        try MapStore.save(theirs, history: History(), to: path)
        // Our write would now be refused; the look merges first.
        let incoming = try #require(saver.mergeFromDisk(session.workspace))
        saver.accept(incoming)
        #expect(incoming.changes == 1)
        #expect(incoming.merged.conflicts.isEmpty)
        var expected = theirs
        act(&expected, Edits.setCell(expected.fam, lane: LaneID("l-think"), stage: StageID("s-buy"), "Наше"))
        #expect(incoming.merged.workspace == expected)
        // The snapshot waiting to be written was older than the merge: it is not written.
        clock.advance(by: 1)
        #expect(saver.writeCount == 0)
        saver.changed(incoming.merged.workspace, history: session.history)
        #expect(saver.flush() == .saved)
        #expect(try MapStore.read(path).0 == expected)
        // What we wrote ourselves is no news.
        #expect(saver.mergeFromDisk(expected) == nil)
    }

    /// An editor's autosaver on the merge base, with another program's version (of the
    /// scenario `name`) saved over it since.
    func theirsSaved(_ name: String) throws -> (Autosaver, String, ours: Workspace, theirs: Workspace) {
        let (_, path) = try savedMap(mergeBase)
        let opened = try MapStore.open(path)
        let saver = Autosaver(path: path, onDisk: opened.onDisk, base: opened.workspace, clock: ManualClock())
        let (ours, theirs) = scenario(name)
        try MapStore.save(theirs, history: History(), to: path)
        return (saver, path, ours, theirs)
    }

    /// A merge the editor could not take in is not read again at every look: only once our
    /// document or the file changes, or when a look waits (a save asked for, quitting), so
    /// that nothing overwrites it unsaid. Meanwhile a save on its own still refuses to.
    @Test func aDeclinedVersionIsMergedAgainOnlyWhenSomethingChanged() throws {
        let (saver, path, ours, theirs) = try theirsSaved("neighbouring cells of one lane")
        saver.decline(try #require(saver.mergeFromDisk(ours, waiting: false)))
        #expect(saver.mergeFromDisk(ours, waiting: false) == nil)
        // A look that waits merges it again.
        #expect(saver.mergeFromDisk(ours, waiting: true) != nil)
        #expect(saver.mergeFromDisk(ours, waiting: false) == nil)
        // Our document changed: looked at again (and a save still refuses to overwrite it).
        saver.changed(ours, history: History())
        #expect(saver.flush() == .failed(Autosaver.changedOnDisk))
        saver.decline(try #require(saver.mergeFromDisk(ours, waiting: false)))
        #expect(saver.mergeFromDisk(ours, waiting: false) == nil)
        // The file changed: looked at again.
        var again = theirs
        act(&again, Edits.setCell(again.fam, lane: LaneID("l-think"), stage: StageID("s-buy"), "Ещё"))
        try MapStore.save(again, history: History(), to: path)
        #expect(try #require(saver.mergeFromDisk(ours, waiting: false)).theirs == again)
    }

    @Test func aSaveRefusedBecauseOfAChangeIsMergedAndThenGoesThrough() throws {
        let (saver, path, ours, _) = try theirsSaved("neighbouring cells of one lane")
        saver.changed(ours, history: History())
        #expect(saver.flush() == .failed(Autosaver.changedOnDisk))
        let incoming = try #require(saver.mergeFromDisk(ours))
        // Until the merge is taken in, a save still refuses to overwrite their version.
        #expect(saver.flush() == .failed(Autosaver.changedOnDisk))
        saver.accept(incoming)
        // Nothing older waits to be written; the merge is handed in next.
        #expect(saver.saveState == .saved)
        saver.changed(incoming.merged.workspace, history: History())
        #expect(saver.flush() == .saved)
        let onDisk = try MapStore.read(path).0
        #expect(onDisk.fam.cell(lane: LaneID("l-think"), stage: StageID("s-need")) == "Чем занять детей?")
        #expect(onDisk.fam.cell(lane: LaneID("l-think"), stage: StageID("s-search")) == "Где отзывы?")
    }

    /// Another editor saving the very bytes we know (the merge we both made) stops our save
    /// for a moment; the next look sees no news and lets the save go ahead.
    @Test func theSameBytesWrittenAgainAreNoNewsAndTheSaveGoesAhead() throws {
        let (_, path) = try savedMap(mergeBase)
        let opened = try MapStore.open(path)
        let clock = ManualClock()
        let saver = Autosaver(path: path, onDisk: opened.onDisk, base: opened.workspace, quietDelay: 0.05, clock: clock)
        Thread.sleep(forTimeInterval: 0.01)  // a new modification time for the same bytes
        try AtomicFile.write(MapCodec.encode(mergeBase), to: path)
        let (ours, _) = scenario("different maps' goals")
        saver.changed(ours, history: History())
        #expect(saver.flush() == .failed(Autosaver.changedOnDisk))
        #expect(saver.mergeFromDisk(ours) == nil)
        #expect(saver.saveState == .unsaved)
        clock.advance(by: 0.05)
        #expect(saver.saveState == .saved)
        #expect(try MapStore.read(path).0 == ours)
    }

    @Test func aFileThatIsNotAMapIsNotMergedNorReadAgain() throws {
        let (_, path) = try savedMap(mergeBase)
        let opened = try MapStore.open(path)
        let fs = FaultyFileSystem()
        let saver = Autosaver(path: path, onDisk: opened.onDisk, base: opened.workspace, fs: fs, clock: ManualClock())
        try AtomicFile.write(Array("<<<<<<< HEAD\n{}\n=======\n>>>>>>> theirs\n".utf8), to: path)
        #expect(saver.mergeFromDisk(mergeBase) == nil)
        let read = fs.bytesRead
        #expect(saver.mergeFromDisk(mergeBase) == nil)
        #expect(fs.bytesRead == read)
        saver.changed(mergeBase, history: History())
        #expect(saver.flush() == .failed(Autosaver.changedOnDisk))
    }
}

@Suite struct DiffTests {
    func lines(_ a: Workspace, _ b: Workspace, _ t: Language = .en) -> [String] {
        Diff.lines(from: a, to: b, t).map { ($0.map.map { "«\($0)» " } ?? "") + $0.text(t) }
    }

    @Test func changesInTheMapsWords() {
        var b = mergeBase
        act(&b, Edits.renameStage(b.fam, StageID("s-search"), "Выбор"))
        act(&b, Edits.moveStage(b.fam, StageID("s-need"), by: 2))
        act(&b, Edits.setCell(b.fam, lane: LaneID("l-bar"), stage: StageID("s-buy"), "Дорого\nШумно"))
        act(&b, Edits.setCell(b.fam, lane: LaneID("l-think"), stage: StageID("s-need"), "Куда?\nС детьми"))
        act(&b, Edits.setEmotion(b.fam, StageID("s-buy"), nil, persona: PersonaID("p-anna")))
        act(&b, Edits.setLaneKind(b.fam, LaneID("l-met"), .notes))
        act(&b, Edits.insertPersona(b, Persona(id: PersonaID("p-v"), name: "Вера")))
        act(&b, Edits.deleteLane(b.stu, LaneID("l-a")))
        act(&b, Edits.setChannels(b, ["Сайт", "Магазин", "Telegram"]))
        #expect(
            lines(mergeBase, b) == [
                "+ channel «Telegram»", "− channel «Email»", "+ persona «Вера»",
                "«Семьи» stage «Поиск» → «Выбор»", "«Семьи» score at «Покупка» (Анна): -1 → no score",
                "«Семьи» stage «Потребность»: position 1 → 3",
                "«Семьи» Мысли × Потребность: «Куда сходить?» → «Куда? ↵ С детьми»",
                "«Семьи» Барьеры × Покупка: + Шумно, − Очередь", "«Семьи» kind of lane «Метрики»: metrics → notes",
                "«Студенты» − lane «Действия»",
            ])
        #expect(lines(mergeBase, mergeBase).isEmpty)
        #expect(lines(mergeBase, b, .ru)[3] == "«Семьи» этап «Поиск» → «Выбор»")
    }

    @Test func aMapAddedOrRemovedIsOneLine() {
        var b = mergeBase
        act(&b, Edits.deleteMap(b, stu))
        #expect(lines(mergeBase, b) == ["«Студенты» − map «Студенты»"])
        #expect(lines(b, mergeBase) == ["«Студенты» + map «Студенты»"])
    }
}

@Suite struct TeamEdgeTests {
    @Test func aConflictValueThePlaceCannotHoldIsRefused() throws {
        var ws = mergeBase
        ws.conflicts = [Conflict(.score(fam, StageID("s-need"), nil), base: nil, ours: "+1", theirs: "-2")]
        let good = String(decoding: MapCodec.encode(ws), as: UTF8.self)
        #expect(try MapCodec.decode(Array(good.utf8)) == ws)
        let bad = good.replacingFirst(#""theirs": "-2""#, with: #""theirs": "banana""#)
        #expect(throws: MapFormatError.shape(field: "conflicts[0].theirs", problem: "«banana» is no value of a score")) {
            try MapCodec.decode(Array(bad.utf8))
        }
    }

    @Test func namesWithLineBreaksStayOnOneLine() {
        var b = mergeBase
        act(&b, Edits.renameStage(b.fam, StageID("s-need"), "Этап\nfake: no changes"))
        let lines = Diff.lines(from: mergeBase, to: b, .en).map { $0.text(.en) }
        #expect(lines == ["stage «Потребность» → «Этап ↵ fake: no changes»"])
        #expect(Diff.flat(b, .en).allSatisfy { !$0.contains("\n") })
        var c = b
        c.conflicts = [Conflict(.cell(fam, LaneID("l-think"), StageID("s-need")), base: "a", ours: "b\nc", theirs: "d")]
        #expect(!c.describe(c.conflicts[0].place, .en).contains("\n"))
        #expect(c.describe(.map(fam), .en) == "map «Семьи»")
    }

    @Test func theDiffSaysMetricsChangedAndConflictsComeAndGo() {
        var b = mergeBase
        act(&b, Edits.setCell(b.fam, lane: LaneID("l-met"), stage: StageID("s-buy"), "CTR = 3.5 %\nЗаказы = 40"))
        b.conflicts = [Conflict(.goal(fam), base: "x", ours: "y", theirs: "z")]
        let lines = Diff.lines(from: mergeBase, to: b, .en).map { $0.text(.en) }
        #expect(lines == ["+ conflict at «Семьи» goal", "Метрики × Покупка: CTR: 2,5 % → 3,5 %"])
        #expect(Diff.lines(from: b, to: mergeBase, .en).first?.text(.en) == "− conflict at «Семьи» goal (decided)")
    }

    @Test func aHugeValueIsCutForPeople() {
        let huge = String(repeating: "слово ", count: 100_000)
        #expect(Diff.short(huge).count < 230)
        #expect(Diff.short(huge).hasSuffix("…» (+599800)"))
    }
}
