import CJMTestSupport
import Testing

@testable import CJMCore
@testable import CJMView

/// Deciding what a merge left undecided, in the editor: marks, the count, `!`, ours, theirs, edit.
@Suite struct ConflictEditorTests {
    /// A cell and a stage name both sides changed differently.
    static let merged: Workspace = {
        let place = (lane: LaneID("l-think"), stage: StageID("s-need"))
        var ours = mergeBase
        act(&ours, Edits.setCell(ours.fam, lane: place.lane, stage: place.stage, "Наше"))
        act(&ours, Edits.renameStage(ours.fam, StageID("s-buy"), "Оплата"))
        var theirs = mergeBase
        act(&theirs, Edits.setCell(theirs.fam, lane: place.lane, stage: place.stage, "Их"))
        act(&theirs, Edits.renameStage(theirs.fam, StageID("s-buy"), "Касса"))
        act(&theirs, Edits.setEmotion(theirs.fam, StageID("s-buy"), 1, persona: PersonaID("p-anna")))
        return Merge.workspaces(base: mergeBase, ours: ours, theirs: theirs).workspace
    }()

    func cell(_ e: Editor) -> String { e.map.cell(lane: LaneID("l-think"), stage: StageID("s-need")) }

    @Test func conflictsAreCountedAndMarked() {
        var e = editor(Self.merged)
        let s = EditorView.render(&e, width: 120, height: 40)
        #expect(s.line(0).hasPrefix(" ‼ 2 conflicts · Семьи"), "\(s.line(0))")
        // ‼ at the stage name's header and at the cell, in the error colour.
        let marks = cells(s, role: .error).filter { s[$0.0, $0.1].text == "‼" }
        #expect(marks.count == 3, "the top bar's, the header's and the cell's: \(marks)")
    }

    @Test func walkAndDecideOursAndTheirs() throws {
        var e = editor(Self.merged)
        e.resize(width: 120, height: 40)
        // The cursor starts on the conflicted cell: ! opens that one.
        e.press(.char("!"))
        let place = Conflict.Place.cell(fam, LaneID("l-think"), StageID("s-need"))
        #expect(e.mode == .conflict(place))
        #expect(e.conflictPane(place).title == "conflict 2 of 2: «Семьи» Мысли × Потребность")
        let s = EditorView.render(&e, width: 120, height: 40)
        #expect(s.text.contains("ours (o): «Наше»") && s.text.contains("theirs (t): «Их»"), "\(s.text)")
        // Theirs: the cell is theirs, and the next conflict opens, with the cursor on it.
        e.press(.char("t"))
        #expect(cell(e) == "Их")
        #expect(e.mode == .conflict(.stageName(fam, StageID("s-buy"))))
        #expect(e.cursor == .stageName(2))
        #expect(e.message == "conflict at «Семьи» Мысли × Потребность: theirs · 1 conflict left")
        // Ours, typed in the Russian layout (щ is on o): the last one.
        e.press(.char("щ"))
        #expect(e.map.stages[2].name == "Оплата")
        #expect(e.mode == .normal)
        #expect(e.workspace.conflicts.isEmpty)
        #expect(e.message?.hasSuffix("every conflict is decided") == true)
        e.press(.char("!"))
        #expect(e.message == "no merge conflicts to decide")
        // Each decision is one step back.
        e.press(.char("u"), .char("u"))
        #expect(e.workspace == Self.merged)
    }

    @Test func anEditDecidesItAndEscapeDoesNot() {
        var e = editor(Self.merged)
        e.resize(width: 120, height: 40)
        e.press(.char("!"))
        #expect(e.mode == .conflict(.cell(fam, LaneID("l-think"), StageID("s-need"))))
        e.press(.char("e"))
        guard case .editing = e.mode else {
            Issue.record("e did not open the cell: \(e.mode)")
            return
        }
        e.press(.escape)
        #expect(e.workspace.conflicts.count == 2)
        e.press(.char("!"), .char("e"), .ctrl("u"))
        e.type("Своё")
        e.press(.enter)
        #expect(cell(e) == "Своё")
        #expect(e.workspace.conflicts.map(\.place) == [.stageName(fam, StageID("s-buy"))])
        #expect(e.message == "conflict at «Семьи» Мысли × Потребность: as it is now · 1 conflict left")
    }

    @Test func aScoreIsDecidedByTheNextScoreThere() {
        var ours = mergeBase
        act(&ours, Edits.setEmotion(ours.fam, StageID("s-search"), -1, persona: PersonaID("p-anna")))
        var theirs = mergeBase
        act(&theirs, Edits.setEmotion(theirs.fam, StageID("s-search"), 2, persona: PersonaID("p-anna")))
        var e = editor(Merge.workspaces(base: mergeBase, ours: ours, theirs: theirs).workspace)
        e.resize(width: 120, height: 40)
        e.press(.char("!"))
        #expect(e.mode == .conflict(.score(fam, StageID("s-search"), PersonaID("p-anna"))))
        e.press(.char("e"))
        #expect(e.mode == .normal && e.message == "change it on the map: your next change there decides the conflict")
        e.press(.char("4"))
        #expect(e.map.stages[1].emotions[PersonaID("p-anna")] == 1)
        #expect(e.workspace.conflicts.isEmpty)
    }

    @Test func aMergeFromDiskIsOneStepAndSaysWhatCameIn() {
        var e = editor(mergeBase)
        let (_, theirs) = scenario("a stage renamed and scored")
        e.adopt(Merge.workspaces(base: mergeBase, ours: mergeBase, theirs: theirs), changes: 1)
        #expect(e.workspace == theirs)
        #expect(e.message == "merged 1 change from disk")
        e.press(.char("u"))
        #expect(e.workspace == mergeBase)
        #expect(e.message == "undone: merge 1 change from disk")
    }
}
