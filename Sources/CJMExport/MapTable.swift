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
    public static let emotionLabelRussian = "Эмоции"
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
            // A Russian map's sheet says so in its own words; import reads both.
            let word = Language.of(map) == .ru ? emotionLabelRussian : emotionLabel
            let label = p.map { "\(word): \(ws.persona($0)?.name ?? $0.raw)" } ?? word
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

    /// What an import made, and what the reader should know about how it read the sheet.
    public struct Imported: Sendable {
        public var workspace: Workspace
        /// The field separator found: `,`, `;` or a tab.
        public var separator: Unicode.Scalar
        /// Things read on trust that a person may want to look at: short rows padded, metric
        /// lines kept without a value. Each names its row and column.
        public var notes: [String]
    }

    /// Reads a table back into a workspace of one map. Personas named in emotion rows are
    /// created and linked.
    public static func workspace(fromCSV text: String, ids rng: inout some RandomNumberGenerator) throws -> Workspace {
        try read(csv: text, ids: &rng).workspace
    }

    /// Reads a table: comma, semicolon or tab separated; short rows are padded with empty
    /// cells (spreadsheets drop trailing empty fields); lanes without a `cjm:lanes` row get
    /// their kind and content from their titles in English or Russian; the channel palette
    /// is the sheet language's own, plus every channel its cells name. Notes are worded in `language`.
    public static func read(csv text: String, ids rng: inout some RandomNumberGenerator, language t: Language = .en) throws
        -> Imported
    {
        let separator = CSV.separator(of: text)
        var rows: [[String]]
        do {
            rows = try CSV.parse(text, separator: separator)
        } catch {
            throw ImportError(description: error.description(t))
        }
        guard let header = rows.first, rows.contains(where: { $0.contains { !$0.isEmpty } }) else {
            throw ImportError(description: t.t(.importEmpty))
        }
        var notes: [String] = []
        // Trailing empty fields in the header are not stages (a sheet's unused columns).
        var width = header.count
        while width > 2, header[width - 1].isEmpty { width -= 1 }
        guard width >= 2 else { throw ImportError(description: t.t(.importNoStages)) }
        var padded = 0
        for r in rows.indices {
            if rows[r].count > width {
                guard rows[r][width...].allSatisfy(\.isEmpty) else {
                    throw ImportError(description: t.t(.importTooWide, r + 1, width + 1, rows[r].count, width - 1))
                }
                rows[r].removeLast(rows[r].count - width)
            } else if rows[r].count < width, !(rows[r].count == 1 && rows[r][0].isEmpty) {
                rows[r] += Array(repeating: "", count: width - rows[r].count)
                padded += 1
            }
        }
        if padded > 0 { notes.append(t.t(.importPadded, t.count(padded, .shortRow))) }
        var map = JourneyMap(id: MapID("map-1"), title: CSV.restore(header[0]))
        for (c, name) in header.prefix(width).enumerated().dropFirst() {
            let stageName = CSV.restore(name)
            if stageName.isEmpty { throw ImportError(description: t.t(.importStageName, c + 1)) }
            map.stages.append(Stage(id: StageID("stage-\(c)"), name: stageName))
        }
        var ws = Workspace(maps: [])
        var kinds: [(LaneKind, LaneContent)]?
        var laneRows: [Int] = []
        for (r, row) in rows.enumerated().dropFirst() where row.count == width {
            let first = CSV.restore(row[0])
            if first == lanesLabel {
                kinds = try row.dropFirst().joined(separator: " ").split(separator: " ").enumerated().map { k, pair in
                    let parts = pair.split(separator: "/").map(String.init)
                    guard parts.count == 2, let kind = LaneKind(rawValue: parts[0]), let content = LaneContent(rawValue: parts[1])
                    else {
                        throw ImportError(description: t.t(.importKindContent, r + 1, pair, k + 1))
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
            if let curve = emotionRow(first) {
                var persona: PersonaID?
                if let name = curve {
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
                    guard let v = Numbers.integer(cell), Emotion.range.contains(v) else {
                        throw ImportError(description: t.t(.importScore, r + 1, c + 1, cell))
                    }
                    if let persona {
                        map.stages[c - 1].emotions[persona] = v
                    } else {
                        map.stages[c - 1].emotion = v
                    }
                }
                continue
            }
            let kind = guessKind(first)
            var lane = Lane(id: LaneID("lane-\(map.lanes.count + 1)"), title: first, kind: kind, content: kind.usualContent)
            for (c, raw) in row.enumerated().dropFirst() {
                let text = CSV.restore(raw).replacingAll("\r\n", with: "\n")
                if !text.isEmpty { lane.cells[map.stages[c - 1].id] = text }
            }
            map.lanes.append(lane)
            laneRows.append(r)
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
        // The sheet's own language reads its numbers and picks its palette.
        let sheetLanguage = Language.of(map)
        // Metric lines as people write them (`Заявки: 1 234 567`) become canonical lines; a
        // line whose number cannot be read for sure stays a name, and a note says where.
        for l in map.lanes.indices where map.lanes[l].content == .metrics {
            for (c, stage) in map.stages.enumerated() {
                let items = map.lanes[l].cell(stage.id).items
                guard !items.isEmpty else { continue }
                let read = items.map { line -> String in
                    let (metric, problem) = Metric.read(line, language: sheetLanguage)
                    if let problem, problem != .noNumber {
                        let place = t.t(.importPlace, laneRows[l] + 1, c + 2)
                        notes.append(place + t.t(.metricNoValue, line, problem.message(t)))
                    }
                    return metric.line
                }
                map.lanes[l].cells[stage.id] = read.joined(separator: "\n")
            }
        }
        // The palette: the sheet language's channels, then the ones its cells name.
        var channels = sheetLanguage == .ru ? Workspace.defaultChannelsRussian : Workspace.defaultChannels
        for lane in map.lanes where lane.content == .channels {
            for stage in map.stages {
                for item in lane.cell(stage.id).items where !channels.contains(item) { channels.append(item) }
            }
        }
        ws.channels = channels
        ws.maps = [map]
        return Imported(workspace: ws, separator: separator, notes: notes)
    }

    /// Whether a first column names an emotion row: nil when it does not, `.some(nil)` for
    /// the map's own curve, `.some(name)` for a persona's (`Emotion: Anna`, `Эмоции: Анна`).
    static func emotionRow(_ first: String) -> String?? {
        for label in [emotionLabel, emotionLabelRussian] {
            if first == label { return .some(nil) }
            if first.hasPrefix(label + ":") {
                return .some(String(first.dropFirst(label.count + 1)).trimmingCharacters(in: " "))
            }
        }
        return nil
    }
}
