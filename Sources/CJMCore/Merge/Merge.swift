/// A three-way merge of workspaces by id: what each side changed since their common base is
/// kept, at the finest grain the model has. A place both sides changed differently becomes a
/// `Conflict` in the result, which holds our value meanwhile (or, where one side deleted what
/// the other edited, the edited thing), so the merged document is always whole and valid.
///
/// - maps, personas, stages, lanes, linked personas and the channel palette merge as ordered
///   collections by id: insertions from both sides are kept (ours first where they compete),
///   a move on one side and an edit on the other both apply, a deletion on one side with no
///   change on the other deletes;
/// - every field merges on its own; a text cell is one value; a list cell merges item by item,
///   a channels cell as a set, a metrics cell by metric name; scores per stage per curve.
public enum Merge {
    public struct Result: Equatable, Sendable {
        public var workspace: Workspace
        /// The conflicts this merge found; `workspace.conflicts` also keeps older undecided ones.
        public var conflicts: [Conflict]
    }

    public static func workspaces(base: Workspace, ours: Workspace, theirs: Workspace) -> Result {
        var m = Merger(base: base, ours: ours, theirs: theirs)
        let ws = m.run()
        return Result(workspace: ws, conflicts: m.conflicts)
    }

    /// The order of a merged collection. Of the elements both sides still hold, those a side
    /// moved (that left the longest run it kept in the base's order) take their place on that
    /// side, after the nearest element before them that the other side did not move; ours
    /// wins an element both moved. Each side's other elements then go after the element that
    /// precedes them on that side, ours first where both put one at the same place. Only ids
    /// in `keep` are placed.
    static func order<ID: Hashable>(base: [ID], ours: [ID], theirs: [ID], keep: Set<ID>) -> [ID] {
        let b = Set(base)
        let o = Set(ours)
        let t = Set(theirs)
        func shared(_ list: [ID]) -> [ID] {
            list.filter { b.contains($0) && o.contains($0) && t.contains($0) && keep.contains($0) }
        }
        let (sb, so, st) = (shared(base), shared(ours), shared(theirs))
        func moved(_ side: [ID]) -> Set<ID> {
            let kept = matches(sb, side)
            return Set(sb.indices.filter { kept[$0] == nil }.map { sb[$0] })
        }
        let (movedO, movedT) = (moved(so), moved(st))
        var result = sb.filter { !movedO.contains($0) && !movedT.contains($0) }
        var placed = Set(result)
        func place(_ list: [ID], _ own: Set<ID>, _ others: Set<ID>) {
            for (i, id) in list.enumerated() where own.contains(id) && !placed.contains(id) {
                var at = 0
                if let anchor = list[..<i].last(where: { placed.contains($0) && !others.contains($0) }),
                    let a = result.firstIndex(of: anchor)
                {
                    at = a + 1
                }
                result.insert(id, at: at)
                placed.insert(id)
            }
        }
        place(so, movedO, movedT.subtracting(movedO))
        place(st, movedT, movedO)
        let oursNew = Set(ours.filter { !b.contains($0) })
        for (side, list) in [(Conflict.Side.ours, ours), (.theirs, theirs)] {
            for (i, id) in list.enumerated() where keep.contains(id) && !placed.contains(id) {
                var at = 0
                if let anchor = list[..<i].last(where: { placed.contains($0) }), let a = result.firstIndex(of: anchor) {
                    at = a + 1
                }
                if side == .theirs { while at < result.count, oursNew.contains(result[at]) { at += 1 } }
                result.insert(id, at: at)
                placed.insert(id)
            }
        }
        return result
    }

    /// An ordered set merged: what either side removed is gone, what either added is kept,
    /// in `order`'s order. The channel palette, a channels cell and the conflicts list.
    static func union<ID: Hashable>(base: [ID], ours: [ID], theirs: [ID]) -> [ID] {
        let keep = survivors(
            base: base, ours: ours, theirs: theirs, changedInOurs: { _ in false }, changedInTheirs: { _ in false },
            conflict: { _, _ in })
        return order(base: base, ours: ours, theirs: theirs, keep: keep)
    }

    /// What each side deleted and the other kept: `changed` says whether the keeping side
    /// edited it (then it is kept, and a conflict says so). Returns the ids to keep.
    static func survivors<ID: Hashable>(
        base: [ID], ours: [ID], theirs: [ID], changedInOurs: (ID) -> Bool, changedInTheirs: (ID) -> Bool,
        conflict: (ID, Conflict.Side) -> Void
    ) -> Set<ID> {
        let b = Set(base)
        let o = Set(ours)
        let t = Set(theirs)
        var keep = Set(ours.filter { !b.contains($0) }).union(theirs.filter { !b.contains($0) })
        for id in base {
            switch (o.contains(id), t.contains(id)) {
            case (true, true): keep.insert(id)
            case (true, false):
                if changedInOurs(id) {
                    keep.insert(id)
                    conflict(id, .ours)
                }
            case (false, true):
                if changedInTheirs(id) {
                    keep.insert(id)
                    conflict(id, .theirs)
                }
            case (false, false): break
            }
        }
        return keep
    }

    /// Lines merged as diff3 does: a run both sides changed differently is a conflict, except
    /// where both only inserted (both insertions are kept, ours first). Returns our choice and,
    /// when there is a conflict, their choice for the same runs.
    static func lines<T: Equatable>(_ base: [T], _ ours: [T], _ theirs: [T]) -> (ours: [T], theirs: [T]?) {
        let mo = matches(base, ours)
        let mt = matches(base, theirs)
        var (i, j, k) = (0, 0, 0)
        var outO: [T] = []
        var outT: [T] = []
        var conflicted = false
        func chunk(_ bb: ArraySlice<T>, _ oo: ArraySlice<T>, _ tt: ArraySlice<T>) {
            if oo == bb {
                outO += tt
                outT += tt
            } else if tt == bb || oo == tt {
                outO += oo
                outT += oo
            } else if bb.isEmpty {
                // Both inserted here: ours, then theirs less what ours inserted too (once per copy).
                var mine = Array(oo)
                var both = Array(oo)
                for x in tt {
                    if let k = mine.firstIndex(of: x) { mine.remove(at: k) } else { both.append(x) }
                }
                outO += both
                outT += both
            } else {
                conflicted = true
                outO += oo
                outT += tt
            }
        }
        while true {
            guard let ii = (i..<base.count).first(where: { mo[$0] != nil && mt[$0] != nil }) else {
                chunk(base[i...], ours[j...], theirs[k...])
                break
            }
            let (jj, kk) = (mo[ii]!, mt[ii]!)
            chunk(base[i..<ii], ours[j..<jj], theirs[k..<kk])
            outO.append(base[ii])
            outT.append(base[ii])
            (i, j, k) = (ii + 1, jj + 1, kk + 1)
        }
        return (outO, conflicted ? outT : nil)
    }

    /// A list cell's items, when each list holds each item once (else as lines): an item is
    /// kept, moved, removed or replaced on each side. An item replaced (a new item where it
    /// stood) on one side and kept on the other is replaced; removed on one side, removed;
    /// replaced differently on both sides, or replaced on one and removed on the other, is a
    /// conflict (the replacement is kept). Moves apply as in `order`, additions from both
    /// sides are kept. Returns our choice and, on a conflict, theirs, for the same items.
    static func items(_ base: [String], _ ours: [String], _ theirs: [String]) -> (ours: [String], theirs: [String]?) {
        guard [base, ours, theirs].allSatisfy({ Set($0).count == $0.count }) else { return lines(base, ours, theirs) }
        /// Base items a side replaced, by what took their place: within each run the two
        /// lists do not share, the items that left paired in order with the items that came.
        func replaced(_ side: [String]) -> [String: String] {
            let inSide = Set(side)
            let inBase = Set(base)
            let m = matches(base, side)
            var out: [String: String] = [:]
            var (i, j) = (0, 0)
            while i <= base.count {
                let next = (i..<base.count).first { m[$0] != nil }
                let (bi, sj) = next.map { ($0, m[$0]!) } ?? (base.count, side.count)
                let gone = base[i..<bi].filter { !inSide.contains($0) }
                let came = side[j..<sj].filter { !inBase.contains($0) }
                for (x, y) in zip(gone, came) { out[x] = y }
                guard let n = next else { break }
                (i, j) = (n + 1, m[n]! + 1)
            }
            return out
        }
        let (ro, rt) = (replaced(ours), replaced(theirs))
        let (o, t) = (Set(ours), Set(theirs))
        // Each item as the base item whose place it takes, so a replacement keeps the place.
        func slots(_ side: [String], _ r: [String: String]) -> [String] {
            let back = Dictionary(uniqueKeysWithValues: r.map { ($0.value, $0.key) })
            return side.map { back[$0] ?? $0 }
        }
        var value: [String: (ours: String?, theirs: String?)] = [:]
        var conflicted = false
        for x in base {
            switch (o.contains(x), t.contains(x)) {
            case (true, true): value[x] = (x, x)
            case (true, false): value[x] = (rt[x], rt[x])
            case (false, true): value[x] = (ro[x], ro[x])
            case (false, false):
                if ro[x] == rt[x] {
                    value[x] = (ro[x], ro[x])
                } else {
                    conflicted = true
                    // What one side deleted and the other replaced stays replaced until decided.
                    value[x] = (ro[x] ?? rt[x], rt[x])
                }
            }
        }
        let (so, st) = (slots(ours, ro), slots(theirs, rt))
        let keep = Set(base.filter { value[$0]?.ours != nil || value[$0]?.theirs != nil }).union(
            so.filter { !value.keys.contains($0) }
        )
        .union(st.filter { !value.keys.contains($0) })
        let order = Merge.order(base: base, ours: so, theirs: st, keep: keep)
        let oursChoice = order.compactMap { value[$0].map { $0.ours } ?? $0 }
        let theirsChoice = order.compactMap { value[$0].map { $0.theirs } ?? $0 }
        return (oursChoice, conflicted ? theirsChoice : nil)
    }

    /// For each element of `a`, the index of its partner in `b` in a longest common subsequence.
    static func matches<T: Equatable>(_ a: [T], _ b: [T]) -> [Int?] {
        let n = a.count
        let m = b.count
        var len = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for x in stride(from: n - 1, through: 0, by: -1) {
            for y in stride(from: m - 1, through: 0, by: -1) {
                len[x][y] = a[x] == b[y] ? len[x + 1][y + 1] + 1 : max(len[x + 1][y], len[x][y + 1])
            }
        }
        var out = [Int?](repeating: nil, count: n)
        var (x, y) = (0, 0)
        while x < n && y < m {
            if a[x] == b[y] {
                out[x] = y
                x += 1
                y += 1
            } else if len[x + 1][y] >= len[x][y + 1] {
                x += 1
            } else {
                y += 1
            }
        }
        return out
    }
}

/// One merge's state: the three sides and the conflicts met so far.
struct Merger {
    let base: Workspace
    let ours: Workspace
    let theirs: Workspace
    var conflicts: [Conflict] = []
    /// Personas one side deleted and the other edited: kept, with the editing side's links and scores.
    var keptPersonas: [PersonaID: Conflict.Side] = [:]

    init(base: Workspace, ours: Workspace, theirs: Workspace) {
        self.base = base
        self.ours = ours
        self.theirs = theirs
    }

    /// A value changed on one side is that side's; changed on both, the same way, is that;
    /// changed differently is a conflict that keeps ours.
    mutating func value<T: Equatable>(_ b: T?, _ o: T, _ t: T, _ place: Conflict.Place, _ text: (T) -> String?) -> T {
        if o == t || t == b { return o }
        if o == b { return t }
        conflicts.append(Conflict(place, base: b.flatMap(text), ours: text(o), theirs: text(t)))
        return o
    }

    mutating func run() -> Workspace {
        var ws = Workspace(channels: [])
        ws.channels = Merge.union(base: base.channels, ours: ours.channels, theirs: theirs.channels)

        let keepPersonas = Merge.survivors(
            base: base.personas.map(\.id), ours: ours.personas.map(\.id), theirs: theirs.personas.map(\.id),
            changedInOurs: { personaTouched($0, in: ours) }, changedInTheirs: { personaTouched($0, in: theirs) },
            conflict: { id, keeper in
                keptPersonas[id] = keeper
                let name = (keeper == .ours ? ours : theirs).persona(id)?.name ?? id.raw
                conflicts.append(.kept(.persona(id), base: base.persona(id)?.name, as: name, by: keeper))
            })
        for id in Merge.order(
            base: base.personas.map(\.id), ours: ours.personas.map(\.id), theirs: theirs.personas.map(\.id), keep: keepPersonas)
        {
            switch (ours.persona(id), theirs.persona(id)) {
            case (let o?, let t?): ws.personas.append(persona(base.persona(id), o, t))
            case (let o?, nil): ws.personas.append(o)
            case (nil, let t?): ws.personas.append(t)
            case (nil, nil): break
            }
        }

        let baseIDs = base.maps.map(\.id)
        let keepMaps = Merge.survivors(
            base: baseIDs, ours: ours.maps.map(\.id), theirs: theirs.maps.map(\.id),
            changedInOurs: { id in mapTouched(ours.maps[ours.mapIndex(id)!], base.maps[base.mapIndex(id)!]) },
            changedInTheirs: { id in mapTouched(theirs.maps[theirs.mapIndex(id)!], base.maps[base.mapIndex(id)!]) },
            conflict: { id, keeper in
                let title = (keeper == .ours ? ours : theirs).maps.first { $0.id == id }?.title ?? id.raw
                conflicts.append(.kept(.map(id), base: base.maps.first { $0.id == id }?.title, as: title, by: keeper))
            })
        var mapOrder = Merge.order(base: baseIDs, ours: ours.maps.map(\.id), theirs: theirs.maps.map(\.id), keep: keepMaps)
        if mapOrder.isEmpty, let first = ours.maps.first ?? theirs.maps.first {
            // Each side deleted the maps the other kept: a workspace keeps one, so ours stays, said as a conflict.
            mapOrder = [first.id]
            conflicts.append(
                .kept(.map(first.id), base: base.maps.first { $0.id == first.id }?.title, as: first.title, by: .ours))
        }
        for id in mapOrder {
            let b = base.mapIndex(id).map { base.maps[$0] }
            switch (ours.mapIndex(id).map { ours.maps[$0] }, theirs.mapIndex(id).map { theirs.maps[$0] }) {
            case (let o?, let t?): ws.maps.append(map(b, o, t))
            case (let o?, nil): ws.maps.append(o)
            case (nil, let t?): ws.maps.append(t)
            case (nil, nil): break
            }
        }
        ws.conflicts = mergedConflicts(into: ws)
        return ws.tidied()
    }

    /// Whether a side changed a persona since the base: its fields, a map it is newly linked
    /// to, or a score on its curve.
    func personaTouched(_ id: PersonaID, in side: Workspace) -> Bool {
        guard let p = side.persona(id) else { return false }
        if p != base.persona(id) { return true }
        for m in side.maps where m.personas.contains(id) {
            guard let b = base.mapIndex(m.id).map({ base.maps[$0] }), b.personas.contains(id) else { return true }
            for st in m.stages where st.emotions[id] != b.stageIndex(st.id).flatMap({ b.stages[$0].emotions[id] }) {
                return true
            }
        }
        return false
    }

    /// Whether a side edited a map since the base: its fields, a persona linked, its stages or
    /// lanes added, removed, moved or edited. Unlinking (as deleting a persona does) is no edit.
    func mapTouched(_ side: JourneyMap, _ bm: JourneyMap) -> Bool {
        if side.title != bm.title || side.goal != bm.goal || side.segment != bm.segment { return true }
        if !Set(side.personas).isSubset(of: bm.personas) { return true }
        if side.stages.map(\.id) != bm.stages.map(\.id) || side.lanes.map(\.id) != bm.lanes.map(\.id) { return true }
        return side.stages.contains { stageTouched($0.id, side, bm) } || side.lanes.contains { laneTouched($0.id, side, bm) }
    }

    mutating func persona(_ b: Persona?, _ o: Persona, _ t: Persona) -> Persona {
        var p = o
        for f in Persona.fields {
            p[keyPath: f.path] = value(
                b?[keyPath: f.path], o[keyPath: f.path], t[keyPath: f.path], .personaField(o.id, f.key), { $0 })
        }
        return p
    }

    mutating func map(_ b: JourneyMap?, _ o: JourneyMap, _ t: JourneyMap) -> JourneyMap {
        let id = o.id
        var m = JourneyMap(id: id)
        m.title = value(b?.title, o.title, t.title, .title(id), { $0 })
        m.segment = value(b?.segment, o.segment, t.segment, .segment(id), { $0 })
        m.goal = value(b?.goal, o.goal, t.goal, .goal(id), { $0 })
        let bm = b ?? JourneyMap(id: id)
        // A stage one side deleted and the other edited is kept with the editor's cells.
        var keptStages: [StageID: Conflict.Side] = [:]

        // Linked personas: an unlink applies unless the other side scored that curve meanwhile.
        func scoresChanged(_ p: PersonaID, _ side: JourneyMap) -> Bool {
            side.stages.contains { st in st.emotions[p] != bm.stageIndex(st.id).flatMap { bm.stages[$0].emotions[p] } }
        }
        // A persona kept through a conflict keeps the links of the side that kept it.
        var keptLinks: [PersonaID: Conflict.Side] = [:]
        let keepLinks = Merge.survivors(
            base: bm.personas, ours: o.personas, theirs: t.personas,
            changedInOurs: { scoresChanged($0, o) || keptPersonas[$0] == .ours },
            changedInTheirs: { scoresChanged($0, t) || keptPersonas[$0] == .theirs },
            conflict: { p, keeper in keptLinks[p] = keeper })
        m.personas = Merge.order(base: bm.personas, ours: o.personas, theirs: t.personas, keep: keepLinks)

        let keepStages = Merge.survivors(
            base: bm.stages.map(\.id), ours: o.stages.map(\.id), theirs: t.stages.map(\.id),
            changedInOurs: { stageTouched($0, o, bm) }, changedInTheirs: { stageTouched($0, t, bm) },
            conflict: { sid, keeper in
                keptStages[sid] = keeper
                let name = (keeper == .ours ? o : t).stages.first { $0.id == sid }?.name ?? sid.raw
                conflicts.append(.kept(.stage(id, sid), base: bm.stages.first { $0.id == sid }?.name, as: name, by: keeper))
            })
        for sid in Merge.order(base: bm.stages.map(\.id), ours: o.stages.map(\.id), theirs: t.stages.map(\.id), keep: keepStages)
        {
            let bs = bm.stageIndex(sid).map { bm.stages[$0] }
            switch (o.stageIndex(sid).map { o.stages[$0] }, t.stageIndex(sid).map { t.stages[$0] }) {
            case (let os?, let ts?): m.stages.append(stage(id, bs, os, ts, linked: m.personas, kept: keptLinks))
            case (let os?, nil): m.stages.append(os)
            case (nil, let ts?): m.stages.append(ts)
            case (nil, nil): break
            }
        }

        let keepLanes = Merge.survivors(
            base: bm.lanes.map(\.id), ours: o.lanes.map(\.id), theirs: t.lanes.map(\.id),
            changedInOurs: { laneTouched($0, o, bm) }, changedInTheirs: { laneTouched($0, t, bm) },
            conflict: { lid, keeper in
                let title = (keeper == .ours ? o : t).lanes.first { $0.id == lid }?.title ?? lid.raw
                conflicts.append(.kept(.lane(id, lid), base: bm.lanes.first { $0.id == lid }?.title, as: title, by: keeper))
            })
        let stageIDs = Set(m.stages.map(\.id))
        for lid in Merge.order(base: bm.lanes.map(\.id), ours: o.lanes.map(\.id), theirs: t.lanes.map(\.id), keep: keepLanes) {
            let bl = bm.laneIndex(lid).map { bm.lanes[$0] }
            switch (o.laneIndex(lid).map { o.lanes[$0] }, t.laneIndex(lid).map { t.lanes[$0] }) {
            case (let ol?, let tl?): m.lanes.append(lane(id, bl, ol, tl, stages: stageIDs, kept: keptStages))
            case (let ol?, nil): m.lanes.append(ol)
            case (nil, let tl?): m.lanes.append(tl)
            case (nil, nil): break
            }
        }
        return m
    }

    /// Whether a side changed a stage since the base: its name, a score, or a cell of it in
    /// a lane that side has.
    func stageTouched(_ sid: StageID, _ side: JourneyMap, _ bm: JourneyMap) -> Bool {
        guard let s = side.stageIndex(sid) else { return false }
        guard let b = bm.stageIndex(sid) else { return true }
        let (x, y) = (side.stages[s], bm.stages[b])
        // Scores of a persona this side unlinked went with the link: no edit of the stage.
        if x.name != y.name || x.emotion != y.emotion || side.personas.contains(where: { x.emotions[$0] != y.emotions[$0] }) {
            return true
        }
        return side.lanes.contains { $0.cell(sid) != bm.cell(lane: $0.id, stage: sid) }
    }

    /// Whether a side changed a lane since the base: its title, kind, content, or a cell at a
    /// stage that side still has (a stage it deleted took its cells with it).
    func laneTouched(_ lid: LaneID, _ side: JourneyMap, _ bm: JourneyMap) -> Bool {
        guard let l = side.laneIndex(lid) else { return false }
        guard let b = bm.laneIndex(lid) else { return true }
        let (x, y) = (side.lanes[l], bm.lanes[b])
        if x.title != y.title || x.kind != y.kind || x.content != y.content { return true }
        return side.stages.contains { x.cell($0.id) != y.cell($0.id) }
    }

    /// A stage's fields; `kept` are curves one side unlinked and the other scored meanwhile:
    /// they stay with the scoring side's scores, and each score it changed is a conflict.
    mutating func stage(
        _ map: MapID, _ b: Stage?, _ o: Stage, _ t: Stage, linked: [PersonaID], kept: [PersonaID: Conflict.Side]
    ) -> Stage {
        var s = o
        s.name = value(b?.name, o.name, t.name, .stageName(map, o.id), { $0 })
        func score(_ v: Int?) -> String? { v.map(Emotion.signed) }
        s.emotion = value(b?.emotion, o.emotion, t.emotion, .score(map, o.id, nil), score)
        s.emotions = [:]
        for p in linked {
            if let keeper = kept[p] {
                let v = keeper == .ours ? o.emotions[p] : t.emotions[p]
                s.emotions[p] = v
                if v != b?.emotions[p] {
                    conflicts.append(.kept(.score(map, o.id, p), base: score(b?.emotions[p]), as: score(v), by: keeper))
                }
                continue
            }
            s.emotions[p] = value(b?.emotions[p], o.emotions[p], t.emotions[p], .score(map, o.id, p), score)
        }
        return s
    }

    mutating func lane(_ map: MapID, _ b: Lane?, _ o: Lane, _ t: Lane, stages: Set<StageID>, kept: [StageID: Conflict.Side])
        -> Lane
    {
        var l = o
        l.title = value(b?.title, o.title, t.title, .laneTitle(map, o.id), { $0 })
        l.kind = value(b?.kind, o.kind, t.kind, .laneKind(map, o.id), { $0.rawValue })
        l.content = value(b?.content, o.content, t.content, .laneContent(map, o.id), { $0.rawValue })
        l.cells = [:]
        let keys = Set(o.cells.keys).union(t.cells.keys).union(b?.cells.keys ?? [:].keys)
        for sid in keys where stages.contains(sid) {
            if let keeper = kept[sid] {
                l.cells[sid] = (keeper == .ours ? o : t).cells[sid]
                continue
            }
            let text = cell(b?.cell(sid) ?? "", o.cell(sid), t.cell(sid), l.content, .cell(map, o.id, sid))
            if !text.isEmpty { l.cells[sid] = text }
        }
        return l
    }

    /// A cell: text is one value; a list merges item by item, channels as a set, metrics by name.
    mutating func cell(_ b: String, _ o: String, _ t: String, _ content: LaneContent, _ place: Conflict.Place) -> String {
        if o == t || t == b { return o }
        if o == b { return t }
        let merged: (ours: [String], theirs: [String]?)
        switch content {
        case .text: return value(b, o, t, place, { $0 })
        case .channels: return Merge.union(base: b.items, ours: o.items, theirs: t.items).joined(separator: "\n")
        case .list: merged = Merge.items(b.items, o.items, t.items)
        case .metrics: merged = metrics(b.items, o.items, t.items)
        }
        let text = merged.ours.joined(separator: "\n")
        if let theirs = merged.theirs {
            conflicts.append(Conflict(place, base: b, ours: text, theirs: theirs.joined(separator: "\n")))
        }
        return text
    }

    /// Metric lines by name: each merges as a value; a name both sides changed differently, or
    /// one deleted and the other changed, is a conflict. Lines that repeat a name merge as a list.
    func metrics(_ b: [String], _ o: [String], _ t: [String]) -> (ours: [String], theirs: [String]?) {
        func byName(_ lines: [String]) -> [String: String]? {
            var out: [String: String] = [:]
            for line in lines {
                let name = Metric.parse(line).name
                if out[name] != nil { return nil }
                out[name] = line
            }
            return out
        }
        guard let bn = byName(b), let on = byName(o), let tn = byName(t) else { return Merge.lines(b, o, t) }
        let names = { (lines: [String]) in lines.map { Metric.parse($0).name } }
        var conflicted = false
        let keep = Merge.survivors(
            base: names(b), ours: names(o), theirs: names(t), changedInOurs: { on[$0] != bn[$0] },
            changedInTheirs: { tn[$0] != bn[$0] }, conflict: { _, _ in conflicted = true })
        var outO: [String] = []
        var outT: [String] = []
        for name in Merge.order(base: names(b), ours: names(o), theirs: names(t), keep: keep) {
            let (bl, ol, tl) = (bn[name], on[name], tn[name])
            var pick: (ours: String?, theirs: String?)
            if ol == tl || tl == bl {
                pick = (ol, ol)
            } else if ol == bl {
                pick = (tl, tl)
            } else {
                // Where ours deleted what theirs changed, the changed line stays until decided.
                conflicted = true
                pick = (ol ?? tl, tl)
            }
            if let x = pick.ours { outO.append(x) }
            if let x = pick.theirs { outT.append(x) }
        }
        return (outO, conflicted ? outT : nil)
    }

    /// Undecided conflicts the sides brought along: kept unless a side decided one the other
    /// left alone; this merge's own conflicts replace older ones at the same place.
    func mergedConflicts(into ws: Workspace) -> [Conflict] {
        var byPlace: [Conflict.Place: Conflict] = [:]
        for c in ours.conflicts + theirs.conflicts + base.conflicts where byPlace[c.place] == nil { byPlace[c.place] = c }
        let fresh = Set(conflicts.map(\.place))
        let older = Merge.union(
            base: base.conflicts.map(\.place), ours: ours.conflicts.map(\.place), theirs: theirs.conflicts.map(\.place)
        ).filter { !fresh.contains($0) }.compactMap { byPlace[$0] }
        return older + conflicts
    }
}

extension Workspace {
    /// The same workspace with nothing pointing at what is gone: links to deleted personas,
    /// scores of unlinked ones, cells of deleted stages, and conflicts that are settled.
    func tidied() -> Workspace {
        var ws = self
        let known = Set(personas.map(\.id))
        for mi in ws.maps.indices {
            ws.maps[mi].personas = ws.maps[mi].personas.filter { known.contains($0) }
            let linked = Set(ws.maps[mi].personas)
            for si in ws.maps[mi].stages.indices {
                ws.maps[mi].stages[si].emotions = ws.maps[mi].stages[si].emotions.filter { linked.contains($0.key) }
            }
            let stages = Set(ws.maps[mi].stages.map(\.id))
            for li in ws.maps[mi].lanes.indices {
                ws.maps[mi].lanes[li].cells = ws.maps[mi].lanes[li].cells.filter { stages.contains($0.key) && !$0.value.isEmpty }
            }
        }
        ws.conflicts = ws.conflicts.filter { ws.holds($0.place) }
        return ws
    }
}
