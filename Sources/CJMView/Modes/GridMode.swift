import CJMCore

/// The map itself: moving over the grid, editing in place, scoring, and the keys that open
/// every other mode.
struct GridMode: EditorMode {
    var keymap: Keymap { .grid }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        e.message = nil
        switch action {
        case .left?: e.stage = GridPlace.step(e.stage, by: -1, count: e.map.stages.count)
        case .right?: e.stage = GridPlace.step(e.stage, by: 1, count: e.map.stages.count)
        case .up?: e.lane = GridPlace.step(e.lane, by: -1, count: e.map.lanes.count)
        case .down?: e.lane = GridPlace.step(e.lane, by: 1, count: e.map.lanes.count)
        case .nextStage?: e.stage = GridPlace.step(e.stage, by: 1, count: e.map.stages.count)
        // Shift-Tab stops at the first stage, as Tab stops at the last.
        case .previousStage?: e.stage = GridPlace.step(e.stage, by: -1, count: e.map.stages.count, header: false)
        case .firstStage?: e.stage = e.map.stages.isEmpty ? nil : 0
        case .lastStage?: e.stage = e.map.stages.indices.last
        case .firstLane?: e.lane = e.map.lanes.isEmpty ? nil : 0
        case .lastLane?: e.lane = e.map.lanes.indices.last
        case .lanesDown?: e.lane = GridPlace.step(e.lane, by: 5, count: e.map.lanes.count)
        case .lanesUp?: e.lane = GridPlace.step(e.lane, by: -5, count: e.map.lanes.count)
        case .edit?: e.enter()
        case .editTitle?: e.startEditing(e.map.title, .title, selected: true)
        case .editGoal?: e.startEditing(e.map.goal, .goal, selected: true)
        case .editSegment?: e.startEditing(e.map.segment, .segment, selected: true)
        case .score?:
            if case .char(let c) = key, let n = c.wholeNumberValue { e.score(n - 3) }
        case .unscore?: e.score(nil)
        case .nudgeUp?: e.nudge(1)
        case .nudgeDown?: e.nudge(-1)
        case .cycleCurve?: e.cyclePersona()
        case .scoringRun?:
            guard !e.map.stages.isEmpty else {
                e.say(e.language.t(.noStagesToScore, Keymap.grid.key(.addStage)), error: true)
                break
            }
            if e.stage == nil { e.stage = 0 }
            e.mode = .scoring
            let run = Keymap.scoring
            e.say(
                e.language.t(.scoringRun, e.activeCurveName, run.key(.runScore), run.key(.runUnscore), run.key(.runEnd))
            )
        case .addStage?: e.startEditing("", .newStage(at: e.stage.map { $0 + 1 } ?? 0))
        case .addLane?: e.startEditing("", .newLane(at: e.lane.map { $0 + 1 } ?? 0))
        case .clear?:
            if let l = e.currentLaneID, let s = e.currentStageID {
                if e.map.cell(lane: l, stage: s).isEmpty { e.say(e.language.t(.cellAlreadyEmpty)) }
                e.perform(Edits.setCell(e.map, lane: l, stage: s, ""))
            }
        case .delete?:
            switch (e.currentLaneID, e.currentStageID) {
            case (nil, let s?): e.mode = .confirm(.deleteStage(s), back: .normal)
            case (let l?, nil): e.mode = .confirm(.deleteLane(l), back: .normal)
            case (let l?, let s?): e.mode = .confirm(.deleteWhich(s, l), back: .normal)
            default: break
            }
        case .duplicate?:
            switch (e.currentLaneID, e.currentStageID) {
            case (nil, let s?): e.duplicateStage(s)
            case (let l?, nil): e.duplicateLane(l)
            case (let l?, let s?): e.mode = .confirm(.duplicateWhich(s, l), back: .normal)
            default: break
            }
        case .copy?:
            guard case .cell(let l, let s) = e.cursor else {
                e.say(e.language.t(.moveToCellToCopy), error: true)
                break
            }
            e.clipboard = .cell(e.map.lanes[l].cell(e.map.stages[s].id))
            e.say(e.language.t(.copiedCell, e.map.lanes[l].title, e.map.stages[s].name))
        case .paste?: e.pasteCell()
        case .view?: e.openView()
        case .moveStageLeft?: e.moveStage(-1)
        case .moveStageRight?: e.moveStage(1)
        case .moveLaneUp?: e.moveLane(-1)
        case .moveLaneDown?: e.moveLane(1)
        case .cycleKind?:
            if let l = e.currentLaneID, let i = e.map.laneIndex(l) {
                let next = e.map.lanes[i].kind.following
                e.perform(Edits.setLaneKind(e.map, l, next))
                e.say(e.language.t(.laneKindNow, e.map.lanes[i].title, next.name(e.language)))
            } else {
                e.say(e.language.t(.moveToLaneForKind), error: true)
            }
        case .cycleContent?:
            if let l = e.currentLaneID, let i = e.map.laneIndex(l) {
                let next = e.map.lanes[i].content.following
                e.perform(Edits.setLaneContent(e.map, l, next))
                e.say(e.language.t(.laneContentNow, e.map.lanes[i].title, next.name(e.language)))
            }
        case .nextMap?: e.switchMap(to: (e.mapIndex + 1) % e.workspace.maps.count)
        case .previousMap?: e.switchMap(to: (e.mapIndex + e.workspace.maps.count - 1) % e.workspace.maps.count)
        case .maps?: e.mode = .maps(selected: e.mapIndex)
        case .personas?: e.mode = .personas(selected: 0, field: nil)
        case .insights?: e.mode = .insights(selected: 0)
        case .exportMenu?: e.mode = .exportMenu
        case .search?:
            e.historyIndex = e.searchHistory.count
            e.startEditing("", .search)
        case .nextConflict?: e.goToConflict(after: nil)
        case .searchNext?: e.findNext(forward: true)
        case .searchPrevious?: e.findNext(forward: false)
        case .command?:
            e.historyIndex = e.commandHistory.count
            e.startEditing("", .command)
        case .undo?: e.undo()
        case .redo?: e.redo()
        case .help?: e.mode = .help(scroll: 0)
        case .save?: return .saveNow
        case .redraw?: return .redraw
        case .suspend?: return .suspend
        case .quit?: return .quit
        case .close?:
            if !e.searchQuery.isEmpty {
                e.searchQuery = ""
                e.say(e.language.t(.searchCleared))
            }
        default:
            if case .paste(let text) = key {
                // Pasting on a text cell opens it with the text added; Enter keeps it.
                if case .cell(let i, let j) = e.cursor, e.map.lanes[i].content == .text {
                    let (l, s) = (e.map.lanes[i].id, e.map.stages[j].id)
                    e.startEditing(e.map.cell(lane: l, stage: s), .cell(l, s), multiline: true)
                    if case .editing(var le, let t, let back) = e.mode {
                        le.insert(text)
                        e.mode = .editing(le, t, back: back)
                    }
                } else {
                    e.say(e.language.t(.moveToTextCellToPaste), error: true)
                }
            }
        }
        return .none
    }

    func click(_ m: Mouse, _ e: inout Editor) -> Editor.Effect {
        Self.click(m, &e)
        return .none
    }

    /// A click on the map: the wheel scrolls the lanes, a tab shows its map, the curve band
    /// scores its stage at the level clicked, a place takes the cursor (a double click edits it).
    static func click(_ m: Mouse, _ e: inout Editor) {
        let r = e.regions
        if wheel(m) != nil {
            e.lane = GridPlace.step(e.lane, by: m.kind == .wheelUp ? -3 : 3, count: e.map.lanes.count)
            return
        }
        if m.y == r.tabsRow, let i = r.tabs.firstIndex(where: { $0.contains(m.x) }) {
            e.switchMap(to: i)
            return
        }
        if let (j, level) = r.curveLevel(x: m.x, y: m.y) {
            e.stage = j
            e.score(level)
            return
        }
        guard let place = r.place(x: m.x, y: m.y) else { return }
        e.cursor = place
        e.mode = .normal
        e.message = nil
        if m.kind == .doubleClick { e.enter() }
    }

    /// The lane kind with the widest name in each language (the bar is drawn after every key).
    static let widestKind: [Language: LaneKind] = Dictionary(
        uniqueKeysWithValues: Language.allCases.map { t in
            (t, LaneKind.allCases.max { DisplayWidth.of($0.name(t)) < DisplayWidth.of($1.name(t)) }!)
        })

    /// The position and the lane's kind on the right; what just happened, else the hints.
    func drawBar(_ e: Editor, into s: inout Screen) {
        let y = s.height - 1
        let t = e.language
        let position = Self.position(e, width: s.width)
        let room = s.width - DisplayWidth.of(position)
        let mode = " \(t.t(.modeMap)) "
        s.put(mode, x: 0, y: y, role: .headerCurrent)
        let x = DisplayWidth.of(mode)
        if let m = e.message {
            let text = TextLayout.fit(" " + m.replacingNewlines, width: room - x)
            s.put(text, x: x, y: y, role: e.messageIsError ? .error : .message, limit: room - x)
        } else {
            s.put(TextLayout.fit(keymap.hint(t), width: room - x - 1), x: x, y: y, role: .bottomBar)
        }
        if !position.isEmpty { s.put(position, x: room, y: y, role: .bottomBar) }
    }

    /// Only the position, where `drawBar` put it: a move that patches the last frame changes
    /// nothing else on the bar. `form`: the frame's, worked out at its first patch.
    static func drawPosition(_ e: Editor, form: inout PositionForm?, into s: inout Screen) {
        if form == nil { form = PositionForm(e, width: s.width) }
        form!.draw(e, into: &s)
    }

    static func position(_ e: Editor, width: Int) -> String { PositionForm(e, width: width).text(e) }
}

/// The bottom bar's position: the stage, the lane and its kind (which decides what check and
/// the insights count, so it is always in sight), and the curve that digits score. Each part
/// is padded to its widest (the last stage, the last lane of the longest kind's name), so the
/// whole keeps its width and columns while the cursor moves from cell to cell: a move re-sends
/// only what changed. (On a stage name or lane title the frame is drawn anew.) What does not
/// depend on the cursor is worked out once per frame (`init`), the rest after each move (`text`).
struct PositionForm: Sendable {
    let language: Language
    let stages, lanes: Int
    /// The widest stage and lane parts.
    let stageWidth, laneWidth: Int
    /// The stage part around its number and the lane part around its number and its kind,
    /// counts filled in ("lane ", "/15 ", ""), with their widths: a move then puts a number
    /// and a name between them and asks no phrase table. Nil for a phrase not of that shape.
    let stagePieces: Pieces?
    let lanePieces: Pieces?
    /// Each lane kind's name, and its width.
    let kinds: [(kind: LaneKind, name: String, width: Int)]
    let curve: String
    let curveWidth: Int
    /// The columns the message (else the hints) keeps.
    let need: Int
    let width: Int

    struct Pieces: Sendable {
        var texts: [String]
        var width: Int

        /// `text` cut where each of `marks` stands, when it holds each once and in that order
        /// (a translation may put the kind before the number: then nil, and the text is asked whole).
        init?(_ text: String, marks: [Character]) {
            var rest = Substring(text)
            texts = []
            for mark in marks {
                guard let at = rest.firstIndex(of: mark) else { return nil }
                texts.append(String(rest[..<at]))
                rest = rest[rest.index(after: at)...]
            }
            texts.append(String(rest))
            guard !texts.contains(where: { piece in piece.contains { marks.contains($0) } }) else { return nil }
            width = texts.reduce(0) { $0 + DisplayWidth.of($1) }
        }
    }

    /// Where a phrase's arguments go, the number's and the kind's: bytes no phrase holds.
    static let number: Character = "\u{1}"
    static let kind: Character = "\u{2}"

    init(_ e: borrowing Editor, width: Int) {
        let t = e.language
        language = t
        stages = e.map.stages.count
        lanes = e.map.lanes.count
        stageWidth = DisplayWidth.of(t.t(.posStage, stages, stages))
        laneWidth = DisplayWidth.of(t.t(.posLane, lanes, lanes, GridMode.widestKind[t]!.name(t)))
        stagePieces = Pieces(t.t(.posStage, String(Self.number), stages), marks: [Self.number])
        lanePieces = Pieces(t.t(.posLane, String(Self.number), lanes, String(Self.kind)), marks: [Self.number, Self.kind])
        kinds = LaneKind.allCases.map { ($0, $0.name(t), DisplayWidth.of($0.name(t))) }
        curve = e.map.personas.isEmpty ? "" : t.t(.posScoring, TextLayout.fit(e.activeCurveName, width: 16))
        curveWidth = DisplayWidth.of(curve)
        // Chosen by the width, the counts and the message alone (see `form`), so a move
        // between cells keeps the same form.
        need = e.message.map { DisplayWidth.of($0) + 8 } ?? 20
        self.width = width
    }

    /// The stage part, in runs, and its width.
    func stagePart(_ e: Editor) -> ([String], Int) {
        guard let j = e.stage else { return Self.measured(language.t(.posLaneTitles)) }
        guard let p = stagePieces else { return Self.measured(language.t(.posStage, j + 1, stages)) }
        let n = String(j + 1)
        return ([p.texts[0], n, p.texts[1]], p.width + n.utf8.count)
    }

    /// The lane part, in runs, and its width.
    func lanePart(_ e: Editor) -> ([String], Int) {
        guard let l = e.lane else { return Self.measured(language.t(.posStageNames)) }
        let kind = kind(e.map.lanes[l].kind)
        guard let p = lanePieces else { return Self.measured(language.t(.posLane, l + 1, lanes, kind.name)) }
        let n = String(l + 1)
        return ([p.texts[0], n, p.texts[1], kind.name, p.texts[2]], p.width + n.utf8.count + kind.width)
    }

    static func measured(_ text: String) -> ([String], Int) { ([text], DisplayWidth.of(text)) }

    /// The position in runs that join into its text, and its width.
    func runs(_ e: Editor) -> ([String], Int) {
        let (stage, stageShown) = stagePart(e)
        let (lane, laneShown) = lanePart(e)
        if let (width, withCurve) = form(stageShown: stageShown, laneShown: laneShown) {
            let parts =
                [" "] + stage + [Self.spaces(stageWidth - stageShown), " · "] + lane + [Self.spaces(laneWidth - laneShown)]
            return (parts + (withCurve ? [curve, " "] : [" "]), width)
        }
        // Digits and spaces only: counts are widths.
        let widest = " \(stages)/\(stages) · \(lanes)/\(lanes) "
        let short = " \(e.stage.map { $0 + 1 } ?? 0)/\(stages) · \(e.lane.map { $0 + 1 } ?? 0)/\(lanes) "
        let padded = short + Self.spaces(widest.count - short.count)
        return padded.count + 6 <= width ? ([padded], padded.count) : ([], 0)
    }

    /// The long form's width and whether the curve fits in it, for parts of these widths; nil
    /// when only the short form fits. The longest that fits: what just happened matters more
    /// than the position (a message keeps its width, else it is cut with the figures beside
    /// it), and the hints keep 20 columns.
    func form(stageShown: Int, laneShown: Int) -> (width: Int, withCurve: Bool)? {
        let parts = 1 + max(stageShown, stageWidth) + 3 + max(laneShown, laneWidth)
        if parts + curveWidth + 1 + need <= width { return (parts + curveWidth + 1, true) }
        if parts + 1 + need <= width { return (parts + 1, false) }
        return nil
    }

    func text(_ e: Editor) -> String { runs(e).0.joined() }

    func kind(_ k: LaneKind) -> (kind: LaneKind, name: String, width: Int) { kinds.first { $0.kind == k }! }

    /// Puts the position at the bar's right end, as `text` would be put. On a cell, when the
    /// long form fits, piece by piece where the widths say, so that a move puts nothing together.
    /// This repeats `runs`' long form on purpose: laid out once for both (through `stagePart`
    /// and `lanePart`, or through closures), a cold move fetched 43 to 146 more code lines
    /// (callgrind --cache-sim, `cjm-bench moves 100 cold`). `PositionTests` holds the two equal.
    func draw(_ e: Editor, into s: inout Screen) {
        let y = s.height - 1
        if case .cell(let l, let j) = e.cursor, let sp = stagePieces, let lp = lanePieces {
            let kind = kind(e.map.lanes[l].kind)
            let (stageNumber, laneNumber) = (String(j + 1), String(l + 1))
            let stageShown = sp.width + stageNumber.utf8.count
            let laneShown = lp.width + laneNumber.utf8.count + kind.width
            if let (shown, withCurve) = form(stageShown: stageShown, laneShown: laneShown) {
                var x = s.width - shown
                func put(_ text: String) { x += s.put(text, x: x, y: y, role: .bottomBar) }
                func pad(_ n: Int) {
                    guard n > 0 else { return }
                    s.fill(x: x, y: y, width: n, height: 1, role: .bottomBar)
                    x += n
                }
                // One put each, not a loop over an array: a move builds no array.
                put(" ")
                put(sp.texts[0])
                put(stageNumber)
                put(sp.texts[1])
                pad(stageWidth - stageShown)
                put(" · ")
                put(lp.texts[0])
                put(laneNumber)
                put(lp.texts[1])
                put(kind.name)
                put(lp.texts[2])
                pad(laneWidth - laneShown)
                if withCurve { put(curve) }
                put(" ")
                return
            }
        }
        let text = text(e)
        s.put(text, x: s.width - DisplayWidth.of(text), y: y, role: .bottomBar)
    }

    static func spaces(_ n: Int) -> String { n > 0 ? String(repeating: " ", count: n) : "" }
}

/// A scoring run (`s`): each digit scores the stage for the active curve and moves on.
struct ScoringMode: EditorMode {
    var keymap: Keymap { .scoring }

    func act(_ action: Action?, _ key: Key, _ e: inout Editor) -> Editor.Effect {
        switch action {
        case .runScore?, .runUnscore?:
            var value: Int?
            if case .char(let c) = key, let n = c.wholeNumberValue, n > 0 { value = n - 3 }
            e.score(value)
            // From the lane titles (an undo can put the cursor there) the run goes on at stage 1.
            let next = e.stage.map { $0 + 1 } ?? 0
            if next < e.map.stages.count {
                e.stage = next
            } else {
                e.mode = .normal
                e.say(e.language.t(.scoredEvery, e.activeCurveName))
            }
        case .runNext?: e.stage = GridPlace.step(e.stage, by: 1, count: e.map.stages.count, header: false)
        case .runPrevious?: e.stage = GridPlace.step(e.stage, by: -1, count: e.map.stages.count, header: false)
        case .cycleCurve?: e.cyclePersona()
        case .undo?: e.undo()
        case .runEnd?:
            e.mode = .normal
            e.say(e.language.t(.scoringEnded))
        default: break
        }
        return .none
    }

    func click(_ m: Mouse, _ e: inout Editor) -> Editor.Effect {
        GridMode.click(m, &e)
        return .none
    }

    func drawBar(_ e: Editor, into s: inout Screen) {
        EditorView.modeBar(e.language.t(.modeScoring, e.activeCurveName), keymap.hint(e.language), e, &s)
    }
}
