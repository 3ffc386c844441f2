/// What changed between two versions of a workspace, in the map's own words: things added,
/// removed, renamed or moved (matched by id, so a rename is not a removal), each changed cell
/// with its old and new text (items added and removed for lists and channels), score changes
/// per curve.
public struct DiffLine: Equatable, Sendable {
    public enum Kind: String, Sendable { case added, removed, renamed, moved, changed }
    public var kind: Kind
    /// What changed: map, persona, persona-field, channel, title, goal, segment, curve, stage,
    /// score, lane, lane-kind, lane-content, cell.
    public var what: String
    /// The title of the map it is on (the new one's), nil for personas and the palette.
    public var map: String?
    /// That map's id, which survives renames.
    public var mapID: String?
    /// The thing, in words: «Поиск», Мысли × Поиск, score at «Поиск» (Анна).
    public var place: String
    public var old: String?
    public var new: String?
    public var added: [String] = []
    public var removed: [String] = []
    /// Metrics whose value changed, as `name: old → new`.
    public var changed: [String] = []

    /// The line as people read it.
    public func text(_ t: Language) -> String {
        let place = self.place.oneLine
        if what == "conflict" { return t.t(kind == .added ? .diffConflictNew : .diffConflictDecided, place) }
        func q(_ s: String?) -> String { s.map { $0.isEmpty ? t.t(.conflictEmpty) : Diff.short($0) } ?? t.t(.diffNoScore) }
        switch kind {
        case .added: return "+ " + place
        case .removed: return "− " + place
        case .renamed: return "\(place) → \(Diff.short(new ?? ""))"
        case .moved: return t.t(.diffMoved, place, old ?? "", new ?? "")
        case .changed:
            if !added.isEmpty || !removed.isEmpty || !changed.isEmpty {
                let items = changed.map { Diff.cut($0) } + added.map { "+ " + Diff.cut($0) } + removed.map { "− " + Diff.cut($0) }
                return place.oneLine + ": " + items.joined(separator: ", ")
            }
            // Scores, kinds and contents are words of their own, not quoted text.
            if ["score", "lane-kind", "lane-content"].contains(what) {
                return "\(place): \(old ?? t.t(.diffNoScore)) → \(new ?? t.t(.diffNoScore))"
            }
            return "\(place): \(q(old)) → \(q(new))"
        }
    }
}

public enum Diff {
    /// Text on one line, in quotes: line breaks shown as ↵.
    public static func quote(_ s: String) -> String { "«" + s.oneLine + "»" }

    /// An item on one line, cut to `limit` characters.
    static func cut(_ s: String, limit: Int = 80) -> String {
        let line = s.oneLine
        return line.count > limit ? line.prefix(limit) + "…" : line
    }

    /// `quote`, cut to `limit` characters for people to read (a cell of megabytes is no line).
    public static func short(_ s: String, limit: Int = 200) -> String {
        let line = s.oneLine
        guard line.count > limit else { return "«" + line + "»" }
        return "«" + line.prefix(limit) + "…» (+\(line.count - limit))"
    }

    static func score(_ v: Int?) -> String? { v.map(Emotion.signed) }

    public static func lines(from a: Workspace, to b: Workspace, _ t: Language) -> [DiffLine] {
        var out: [DiffLine] = []
        func name(_ p: PersonaID) -> String { b.persona(p)?.name ?? a.persona(p)?.name ?? p.raw }

        // The palette and the personas: the workspace's own.
        let ac = Set(a.channels)
        let bc = Set(b.channels)
        for c in b.channels where !ac.contains(c) {
            out.append(DiffLine(kind: .added, what: "channel", place: t.t(.placeChannel, c)))
        }
        for c in a.channels where !bc.contains(c) {
            out.append(DiffLine(kind: .removed, what: "channel", place: t.t(.placeChannel, c)))
        }
        for p in b.personas where a.persona(p.id) == nil {
            out.append(DiffLine(kind: .added, what: "persona", place: t.t(.placePersona, p.name)))
        }
        for p in a.personas where b.persona(p.id) == nil {
            out.append(DiffLine(kind: .removed, what: "persona", place: t.t(.placePersona, p.name)))
        }
        for p in b.personas {
            guard let old = a.persona(p.id) else { continue }
            if old.name != p.name {
                out.append(
                    DiffLine(kind: .renamed, what: "persona", place: t.t(.placePersona, old.name), old: old.name, new: p.name))
            }
            for (i, f) in Persona.fields.enumerated() where f.key != "name" && old[keyPath: f.path] != p[keyPath: f.path] {
                out.append(
                    DiffLine(
                        kind: .changed, what: "persona-field", place: t.t(.placePersonaField, p.name, Persona.label(i, t)),
                        old: old[keyPath: f.path], new: p[keyPath: f.path]))
            }
        }
        out += moves(a.personas.map(\.id), b.personas.map(\.id)).map { id, from, to in
            DiffLine(kind: .moved, what: "persona", place: t.t(.placePersona, name(id)), old: "\(from)", new: "\(to)")
        }

        for m in a.maps where b.mapIndex(m.id) == nil {
            out.append(DiffLine(kind: .removed, what: "map", map: m.title, mapID: m.id.raw, place: t.t(.placeMap, m.title)))
        }
        out += moves(a.maps.map(\.id), b.maps.map(\.id)).map { id, from, to in
            DiffLine(
                kind: .moved, what: "map", map: b.maps[to - 1].title, mapID: b.maps[to - 1].id.raw,
                place: t.t(.placeMap, b.maps[to - 1].title), old: "\(from)",
                new: "\(to)")
        }
        // What a merge left to decide, and what was decided since.
        let before = Set(a.openConflicts.map(\.place))
        let after = Set(b.openConflicts.map(\.place))
        for c in b.openConflicts where !before.contains(c.place) {
            out.append(DiffLine(kind: .added, what: "conflict", place: b.describe(c.place, t), old: c.ours, new: c.theirs))
        }
        for c in a.openConflicts where !after.contains(c.place) {
            out.append(DiffLine(kind: .removed, what: "conflict", place: a.describe(c.place, t)))
        }
        for m in b.maps {
            guard let old = a.mapIndex(m.id).map({ a.maps[$0] }) else {
                out.append(DiffLine(kind: .added, what: "map", map: m.title, mapID: m.id.raw, place: t.t(.placeMap, m.title)))
                continue
            }
            out += map(old, m, t, name)
        }
        return out
    }

    /// The lines as people read them: each map's changes under its title, indented; a map
    /// added or removed is one line of its own.
    public static func report(_ lines: [DiffLine], _ t: Language) -> [String] {
        var out: [String] = []
        var map: String?
        for d in lines {
            let onMap = d.map != nil && d.what != "map"
            if let m = d.map, m != map, onMap || d.kind == .renamed || d.kind == .moved { out.append("«\(m.oneLine)»") }
            if d.map != nil || d.what != "map" { map = d.map }
            out.append((onMap ? "  " : "") + d.text(t))
        }
        return out
    }

    /// The ids that left the longest run kept in order: what was moved, with its old and new
    /// positions from 1.
    static func moves<ID: Hashable>(_ a: [ID], _ b: [ID]) -> [(ID, Int, Int)] {
        let inB = Set(b)
        let inA = Set(a)
        let x = a.filter { inB.contains($0) }
        let y = b.filter { inA.contains($0) }
        guard x != y else { return [] }
        let index = Dictionary(uniqueKeysWithValues: x.enumerated().map { ($1, $0) })
        let kept = Merge.matches(Array(x.indices), y.map { index[$0]! })
        let stay = Set(x.indices.filter { kept[$0] != nil }.map { x[$0] })
        return y.filter { !stay.contains($0) }.map { id in (id, a.firstIndex(of: id)! + 1, b.firstIndex(of: id)! + 1) }
    }

    static func map(_ a: JourneyMap, _ b: JourneyMap, _ t: Language, _ name: (PersonaID) -> String) -> [DiffLine] {
        var out: [DiffLine] = []
        func line(_ kind: DiffLine.Kind, _ what: String, _ place: String, _ old: String? = nil, _ new: String? = nil) {
            out.append(DiffLine(kind: kind, what: what, map: b.title, mapID: b.id.raw, place: place, old: old, new: new))
        }
        if a.title != b.title { line(.renamed, "map", t.t(.placeMap, a.title), a.title, b.title) }
        if a.goal != b.goal { line(.changed, "goal", t.t(.placeGoal), a.goal, b.goal) }
        if a.segment != b.segment { line(.changed, "segment", t.t(.placeSegment), a.segment, b.segment) }
        for p in b.personas where !a.personas.contains(p) { line(.added, "curve", t.t(.placeCurve, name(p))) }
        for p in a.personas where !b.personas.contains(p) { line(.removed, "curve", t.t(.placeCurve, name(p))) }

        func stageName(_ id: StageID) -> String {
            b.stageIndex(id).map { b.stages[$0].name } ?? a.stageIndex(id).map { a.stages[$0].name } ?? id.raw
        }
        for s in a.stages where b.stageIndex(s.id) == nil { line(.removed, "stage", t.t(.placeStage, s.name)) }
        for s in b.stages {
            guard let old = a.stageIndex(s.id).map({ a.stages[$0] }) else {
                line(.added, "stage", t.t(.placeStage, s.name))
                continue
            }
            if old.name != s.name { line(.renamed, "stage", t.t(.placeStage, old.name), old.name, s.name) }
            if old.emotion != s.emotion {
                line(.changed, "score", t.t(.placeScore, s.name), score(old.emotion), score(s.emotion))
            }
            for p in b.personas where old.emotions[p] != s.emotions[p] && a.personas.contains(p) {
                line(.changed, "score", t.t(.placeScoreFor, s.name, name(p)), score(old.emotions[p]), score(s.emotions[p]))
            }
        }
        for (id, from, to) in moves(a.stages.map(\.id), b.stages.map(\.id)) {
            line(.moved, "stage", t.t(.placeStage, stageName(id)), "\(from)", "\(to)")
        }

        for l in a.lanes where b.laneIndex(l.id) == nil { line(.removed, "lane", t.t(.placeLane, l.title)) }
        for l in b.lanes {
            guard let old = a.laneIndex(l.id).map({ a.lanes[$0] }) else {
                line(.added, "lane", t.t(.placeLane, l.title))
                for s in b.stages where !l.cell(s.id).isEmpty { out.append(cell(l, s.name, "", l.cell(s.id), b)) }
                continue
            }
            if old.title != l.title { line(.renamed, "lane", t.t(.placeLane, old.title), old.title, l.title) }
            if old.kind != l.kind { line(.changed, "lane-kind", t.t(.placeLaneKind, l.title), old.kind.name(t), l.kind.name(t)) }
            if old.content != l.content {
                line(.changed, "lane-content", t.t(.placeLaneContent, l.title), old.content.name(t), l.content.name(t))
            }
            // Cells of a stage that came or went are said by the stage, not once more per cell.
            for s in b.stages where a.stageIndex(s.id) != nil && old.cell(s.id) != l.cell(s.id) {
                out.append(cell(l, s.name, old.cell(s.id), l.cell(s.id), b))
            }
        }
        for (id, from, to) in moves(a.lanes.map(\.id), b.lanes.map(\.id)) {
            let title = b.laneIndex(id).map { b.lanes[$0].title } ?? id.raw
            line(.moved, "lane", t.t(.placeLane, title), "\(from)", "\(to)")
        }
        return out
    }

    /// A changed cell: its items added and removed when it holds items, else old → new.
    static func cell(_ lane: Lane, _ stage: String, _ old: String, _ new: String, _ map: JourneyMap) -> DiffLine {
        var d = DiffLine(
            kind: .changed, what: "cell", map: map.title, mapID: map.id.raw, place: "\(lane.title) × \(stage)", old: old, new: new
        )
        if lane.content != .text {
            let (o, n) = (old.items, new.items)
            if old.isPlainItems, new.isPlainItems, Set(o).count == o.count, Set(n).count == n.count, Set(o) != Set(n) {
                d.added = n.filter { !o.contains($0) }
                d.removed = o.filter { !n.contains($0) }
                // A metric with a new value is one change of that metric, not a removal and an addition.
                if lane.content == .metrics {
                    for line in d.added {
                        let m = Metric.parse(line)
                        guard let k = d.removed.firstIndex(where: { Metric.parse($0).name == m.name }) else { continue }
                        let was = Metric.parse(d.removed[k])
                        let t = Language.of(map) ?? .en
                        d.changed.append("\(m.name): \(was.quantity(t) ?? "—") → \(m.quantity(t) ?? "—")")
                        d.removed.remove(at: k)
                        d.added.removeAll { $0 == line }
                    }
                }
            }
        }
        return d
    }
}

extension Diff {
    /// The workspace as one line per place, for git's `textconv`: a line diff of two of these
    /// reads by place (`git log -p` uses it; `git diff` uses `cjm diff` itself).
    public static func flat(_ ws: Workspace, _ t: Language) -> [String] {
        var out: [String] = []
        if !ws.channels.isEmpty { out.append(t.t(.channelsWord) + ": " + ws.channels.joined(separator: ", ")) }
        for p in ws.personas {
            for (i, f) in Persona.fields.enumerated() where !p[keyPath: f.path].isEmpty {
                out.append(t.t(.placePersonaField, p.name, Persona.label(i, t)) + ": " + quote(p[keyPath: f.path]))
            }
        }
        for m in ws.maps {
            out.append("")
            out.append(t.t(.placeMap, m.title))
            func name(_ p: PersonaID) -> String { ws.persona(p)?.name ?? p.raw }
            if !m.goal.isEmpty { out.append(t.t(.placeGoal) + ": " + quote(m.goal)) }
            if !m.segment.isEmpty { out.append(t.t(.placeSegment) + ": " + quote(m.segment)) }
            for p in m.personas { out.append(t.t(.placeCurve, name(p))) }
            for (i, s) in m.stages.enumerated() {
                var scores: [String] = []
                if let e = s.emotion { scores.append(Emotion.signed(e)) }
                for p in m.personas { if let e = s.emotions[p] { scores.append("\(name(p)) \(Emotion.signed(e))") } }
                out.append(
                    "\(i + 1). " + t.t(.placeStage, s.name) + (scores.isEmpty ? "" : ": " + scores.joined(separator: ", ")))
            }
            for l in m.lanes {
                out.append(t.t(.placeLane, l.title) + " (\(l.kind.name(t)))")
                for s in m.stages where !l.cell(s.id).isEmpty {
                    if l.content == .text {
                        out.append("\(l.title) × \(s.name): " + quote(l.cell(s.id)))
                    } else {
                        for item in l.cell(s.id).items { out.append("\(l.title) × \(s.name): \(item)") }
                    }
                }
            }
        }
        for c in ws.openConflicts { out.append(ws.say(c, .mergeConflictLine, t)) }
        return out.map(\.oneLine)
    }
}

extension Workspace {
    /// A conflict said in `phrase` (`conflict at {1}: ours {2}, theirs {3}` and the like): its
    /// place, our value and theirs, in people's words.
    public func say(_ c: Conflict, _ phrase: Phrase, _ t: Language) -> String {
        t.t(phrase, describe(c.place, t), Conflict.show(c.ours, c.place, t), Conflict.show(c.theirs, c.place, t))
    }
}

extension Conflict {
    /// A side's value for people: quoted text, a score, or «deleted».
    public static func show(_ value: String?, _ place: Place, _ t: Language) -> String {
        guard let value else { return place.isPresence ? t.t(.conflictDeleted) : t.t(.conflictEmpty) }
        if case .score = place { return value }
        if place.isPresence { return t.t(.sideKept) }
        return value.isEmpty ? t.t(.conflictEmpty) : Diff.short(value)
    }
}
