import CJMCore

/// A map as the stage-by-lane table of the method's spreadsheet workflow, and back.
///
/// Layout: row 1 is the map's title, then the stage names; each lane is a row (its title,
/// then its cells: list items and metrics one per line); `cjm:segment` and `cjm:goal` rows
/// (value in column 2); then the emotion rows, `Emotion`
/// for the map's own curve and `Emotion: NAME` per persona, with numbers from -2 to 2; and a
/// last `cjm:lanes` row giving each lane's kind and content, so an import gives back the same
/// map. A sheet made by hand in the same layout imports too (kinds are guessed from titles).
public enum MapTable {
    public static let emotionLabel = "Emotion"
    public static let lanesLabel = "cjm:lanes"
    public static let segmentLabel = "cjm:segment"
    public static let goalLabel = "cjm:goal"

    public static func rows(_ map: JourneyMap, in ws: Workspace) -> [[String]] {
        var rows: [[String]] = [[map.title] + map.stages.map(\.name)]
        for lane in map.lanes { rows.append([lane.title] + map.stages.map { lane.cell($0.id) }) }
        let pad = Array(repeating: "", count: max(0, map.stages.count - 1))
        if !map.stages.isEmpty {
            if !map.segment.isEmpty { rows.append([segmentLabel, map.segment] + pad) }
            if !map.goal.isEmpty { rows.append([goalLabel, map.goal] + pad) }
        }
        func score(_ v: Int?) -> String { v.map(String.init) ?? "" }
        for p in map.curves {
            let label = p.map { "\(emotionLabel): \(ws.persona($0)?.name ?? $0.raw)" } ?? emotionLabel
            rows.append([label] + map.stages.map { score($0.score(for: p)) })
        }
        // Lanes are rows, so their kinds ride in one row under the stage columns, one per lane,
        // padded (or continued) to the table's width.
        guard !map.stages.isEmpty else { return rows }
        let kinds = map.lanes.map { "\($0.kind.rawValue)/\($0.content.rawValue)" }
        rows.append([lanesLabel, kinds.joined(separator: " ")] + pad)
        return rows
    }

    public static func csv(_ map: JourneyMap, in ws: Workspace) -> String { CSV.write(rows(map, in: ws)) }

    /// Guesses a lane's kind from its title, in English or Russian.
    static func guessKind(_ title: String) -> LaneKind { LaneKind.guess(fromTitle: title) ?? .notes }

    public struct ImportError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Reads a table back into a workspace of one map. Personas named in emotion rows are
    /// created and linked.
    public static func workspace(fromCSV text: String, ids rng: inout some RandomNumberGenerator) throws -> Workspace {
        let rows: [[String]]
        do {
            rows = try CSV.parse(text)
        } catch {
            throw ImportError(description: error.description)
        }
        guard let header = rows.first, rows.contains(where: { $0.contains { !$0.isEmpty } }) else {
            throw ImportError(description: "the file is empty: the first row must name the stages")
        }
        let width = header.count
        guard width >= 2 else { throw ImportError(description: "row 1 has no stages: put the stage names from column 2 on") }
        for (r, row) in rows.enumerated() where row.count != width {
            // A completely empty line at the end (or between tables) is not a row of the map.
            if row.count == 1 && row[0].isEmpty { continue }
            throw ImportError(
                description:
                    "row \(r + 1), column \(min(row.count, width) + 1): the row has \(row.count) fields, but row 1 has \(width)")
        }
        var map = JourneyMap(id: MapID("map-1"), title: CSV.restore(header[0]))
        for (c, name) in header.enumerated().dropFirst() {
            let stageName = CSV.restore(name)
            if stageName.isEmpty { throw ImportError(description: "row 1, column \(c + 1): a stage needs a name") }
            map.stages.append(Stage(id: StageID("stage-\(c)"), name: stageName))
        }
        var ws = Workspace(maps: [])
        var kinds: [(LaneKind, LaneContent)]?
        for (r, row) in rows.enumerated().dropFirst() where row.count == width {
            let first = CSV.restore(row[0])
            if first == lanesLabel {
                kinds = try row.dropFirst().joined(separator: " ").split(separator: " ").enumerated().map { k, pair in
                    let parts = pair.split(separator: "/").map(String.init)
                    guard parts.count == 2, let kind = LaneKind(rawValue: parts[0]), let content = LaneContent(rawValue: parts[1])
                    else {
                        throw ImportError(description: "row \(r + 1), column 2: \"\(pair)\" is not kind/content (lane \(k + 1))")
                    }
                    return (kind, content)
                }
                continue
            }
            if first == segmentLabel || first == goalLabel {
                let value = CSV.restore(row[1])
                if first == segmentLabel { map.segment = value } else { map.goal = value }
                continue
            }
            if first == emotionLabel || first.hasPrefix(emotionLabel + ": ") || first == "Эмоции" || first.hasPrefix("Эмоции: ") {
                var persona: PersonaID?
                if let colon = first.firstIndex(of: ":") {
                    let name = String(first[first.index(after: colon)...]).trimmingCharacters(in: " ")
                    if let existing = ws.personas.first(where: { $0.name == name }) {
                        persona = existing.id
                    } else {
                        let p = Persona(id: ws.freshPersonaID(using: &rng), name: name, segment: map.segment)
                        ws.personas.append(p)
                        persona = p.id
                    }
                    if let persona, !map.personas.contains(persona) { map.personas.append(persona) }
                }
                for (c, raw) in row.enumerated().dropFirst() {
                    let cell = CSV.restore(raw).trimmingCharacters(in: " ")
                    if cell.isEmpty { continue }
                    guard let v = Int(cell.hasPrefix("+") ? String(cell.dropFirst()) : cell), Emotion.range.contains(v) else {
                        throw ImportError(description: "row \(r + 1), column \(c + 1): \"\(cell)\" is not a score from -2 to 2")
                    }
                    if let persona {
                        map.stages[c - 1].emotions[persona] = v
                    } else {
                        map.stages[c - 1].emotion = v
                    }
                }
                continue
            }
            var lane = Lane(id: LaneID("lane-\(map.lanes.count + 1)"), title: first, kind: guessKind(first))
            for (c, raw) in row.enumerated().dropFirst() {
                let text = CSV.restore(raw).replacingAll("\r\n", with: "\n")
                if !text.isEmpty { lane.cells[map.stages[c - 1].id] = text }
            }
            map.lanes.append(lane)
        }
        if let kinds {
            guard kinds.count == map.lanes.count else {
                throw ImportError(
                    description: "the \(lanesLabel) row names \(kinds.count) lanes, the table has \(map.lanes.count)")
            }
            for (l, (kind, content)) in kinds.enumerated() {
                map.lanes[l].kind = kind
                map.lanes[l].content = content
            }
        }
        ws.maps = [map]
        return ws
    }
}
