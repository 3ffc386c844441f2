import CJMCore

/// Where the columns of the grid stand: a frozen lane-title column, then stage columns
/// separated by one-column borders.
public struct GridGeometry: Equatable, Sendable {
    public var titleWidth: Int
    public var columnWidth: Int
    public var firstStage: Int
    public var visibleStages: Int
    /// The language of the fixed words (kind names, curve labels).
    public var language: Language = .en
    /// The language numbers are written in: the map's own.
    public var numbers: Language = .en
    /// Where wrapped cells are remembered between frames (the editor's); nil wraps afresh.
    public var cache: WrapCache?

    public static func == (a: GridGeometry, b: GridGeometry) -> Bool {
        (a.titleWidth, a.columnWidth, a.firstStage, a.visibleStages, a.language, a.numbers)
            == (b.titleWidth, b.columnWidth, b.firstStage, b.visibleStages, b.language, b.numbers) && a.cache === b.cache
    }

    /// A cell's lines at this geometry's column width, from the cache when there is one.
    func lines(_ text: String, _ content: LaneContent) -> [(String, Int)] {
        guard let cache else { return GridPainter.cellLines(text, columnWidth: columnWidth, content: content, numbers: numbers) }
        return cache.lines(text, columnWidth: columnWidth, content: content, numbers: numbers)
    }

    /// A lane title's lines in the title column, from the cache when there is one.
    func titleLines(_ title: String) -> [String] {
        let width = max(1, titleWidth - 1)
        return cache?.titleLines(title, width: width) ?? TextLayout.wrap(title, width: width)
    }

    public init(
        titleWidth: Int, columnWidth: Int, firstStage: Int, visibleStages: Int, language: Language = .en,
        numbers: Language = .en, cache: WrapCache? = nil
    ) {
        self.cache = cache
        self.titleWidth = titleWidth
        self.columnWidth = columnWidth
        self.firstStage = firstStage
        self.visibleStages = visibleStages
        self.language = language
        self.numbers = numbers
    }

    /// The x of the first content column of stage `j` (which may be off screen).
    public func columnX(_ j: Int) -> Int { titleWidth + 1 + (j - firstStage) * (columnWidth + 1) }
    public var lastStage: Int { firstStage + visibleStages - 1 }
    public func isVisible(_ j: Int) -> Bool { j >= firstStage && j < firstStage + visibleStages }
    /// The x just past the last visible column's right border.
    public var gridRight: Int { columnX(firstStage + visibleStages) }

    /// The width of the lane-title column for this map and screen width.
    public static func titleWidth(for map: JourneyMap, screenWidth: Int) -> Int {
        let widest = map.lanes.reduce(DisplayWidth.of("Emotion +2")) { max($0, DisplayWidth.of($1.title) + 1) }
        let cap = screenWidth < 60 ? 10 : 18
        return min(cap, max(8, widest))
    }

    /// How many stage columns fit and how wide they are: all stages when they fit at a
    /// comfortable width (then they share the space), else as many as fit at `preferred`.
    public static func columns(stageCount: Int, available: Int, minimum: Int, preferred: Int, maximum: Int)
        -> (count: Int, width: Int)
    {
        let n = max(1, stageCount)
        if n * (minimum + 1) <= available {
            return (n, min(maximum, available / n - 1))
        }
        let k = max(1, available / (preferred + 1))
        return (k, max(1, available / k - 1))
    }
}

/// One emotion curve on a map: the map's own or a persona's.
public struct CurveSeries: Equatable, Sendable {
    public var name: String
    public var persona: PersonaID?
    public var marker: String
    /// The colour of the line and markers; nil colours each marker by its level (one curve).
    public var role: Role?
    public var active: Bool

    /// Markers told apart without colour.
    public static let markers = ["●", "◆", "▲", "■", "★", "◇", "△", "□"]

    /// The curves to draw: the map's own (when it has no personas, or scores of its own) and
    /// one per linked persona, in legend order.
    public static func all(for map: JourneyMap, in ws: Workspace, active: PersonaID?, language: Language = .en)
        -> [CurveSeries]
    {
        let ids = map.curves
        return ids.enumerated().map { k, id in
            CurveSeries(
                name: id.flatMap { ws.persona($0)?.name } ?? language.t(.mapCurve), persona: id,
                marker: markers[k % markers.count],
                role: ids.count > 1 ? Role.series(k) : nil, active: id == active)
        }
    }
}

/// Draws the parts of a map grid into a `Screen`. Shared by the editor and `cjm show`.
public enum GridPainter {
    static let vertical = "│"
    static let horizontal = "─"

    /// Wrapped lines of a cell for a column of `columnWidth` (one column of left padding), each
    /// with the item it shows (-1 for free text): bullets for lists, tags run together for
    /// channels, values right-aligned for metrics.
    public static func cellLines(_ text: String, columnWidth: Int, content: LaneContent = .text, numbers: Language = .en)
        -> [(String, Int)]
    {
        guard !text.isEmpty else { return [] }
        let width = max(1, columnWidth - 1)
        switch content {
        case .text:
            return TextLayout.wrap(text, width: width).map { ($0, -1) }
        case .list:
            var out: [(String, Int)] = []
            for (i, item) in text.items.enumerated() {
                for (k, line) in TextLayout.wrap(item, width: max(1, width - 2)).enumerated() {
                    out.append(((k == 0 ? "• " : "  ") + line, i))
                }
            }
            return out
        case .channels:
            // Compact: tags run on, separated by a middle dot; a tag never splits across lines.
            var out: [(String, Int)] = []
            var line = ""
            var first = -1
            for (i, tag) in text.items.enumerated() {
                let piece = line.isEmpty ? "◦ " + tag : " ◦ " + tag
                if !line.isEmpty, DisplayWidth.of(line + piece) > width {
                    out.append((line, first))
                    line = "◦ " + tag
                    first = i
                } else {
                    if line.isEmpty { first = i }
                    line += piece
                }
            }
            if !line.isEmpty { out.append((line, first)) }
            return out.flatMap { l in TextLayout.wrap(l.0, width: width).map { ($0, l.1) } }
        case .metrics:
            var out: [(String, Int)] = []
            for (i, item) in text.items.enumerated() {
                let m = Metric.parse(item)
                guard let number = m.quantity(numbers) else {
                    out += TextLayout.wrap(item, width: width).map { ($0, i) }
                    continue
                }
                let nameWidth = width - DisplayWidth.of(number) - 1
                if nameWidth >= 4, DisplayWidth.of(m.name) <= nameWidth {
                    out.append((TextLayout.pad(m.name, width: nameWidth) + " " + number, i))
                } else {
                    out += TextLayout.wrap(m.name, width: width).map { ($0, i) }
                    out.append((TextLayout.pad(number, width: width, alignRight: true), i))
                }
            }
            return out
        }
    }

    /// The height in rows of lane `l` over the visible stages, at least 1, at most `maxLines`.
    public static func laneHeight(
        _ map: JourneyMap, lane l: Int, geometry g: GridGeometry, maxLines: Int, override: (Int, [String])? = nil
    )
        -> Int
    {
        let lane = map.lanes[l]
        var h = max(1, g.titleLines(lane.title).count)
        for j in g.firstStage..<min(map.stages.count, g.firstStage + g.visibleStages) {
            if let (oj, lines) = override, oj == j {
                h = max(h, lines.count)
            } else {
                h = max(
                    h,
                    g.lines(lane.cell(map.stages[j].id), lane.content).count)
            }
        }
        return min(h, max(1, maxLines))
    }

    /// A stage's header text and score (`1 Need`, `+2`), and whether the text fits beside
    /// the score in one row of the column.
    static func headerParts(_ stage: Stage, _ j: Int, persona: PersonaID?, _ g: GridGeometry) -> (
        label: String, score: String, shown: Int?, fits: Bool
    ) {
        let shown = stage.score(for: persona)
        let label = "\(j + 1) \(stage.name)".oneLine
        let score = shown.map(Emotion.signed) ?? ""
        let room = g.columnWidth - 1 - (score.isEmpty ? 0 : DisplayWidth.of(score) + 1)
        return (label, score, shown, DisplayWidth.of(label) <= room)
    }

    /// The header's height: two rows when a visible stage's name does not fit beside its
    /// score in one, so that names are read whole where they can be.
    public static func headerRows(_ map: JourneyMap, _ g: GridGeometry, persona: PersonaID?) -> Int {
        guard !map.stages.isEmpty else { return 1 }
        for j in g.firstStage...min(g.lastStage, map.stages.count - 1)
        where !headerParts(map.stages[j], j, persona: persona, g).fits {
            return 2
        }
        return 1
    }

    /// The stage names over the columns, `rows` high (see `headerRows`). In two rows a name
    /// takes the whole width of its column, wrapped by words, and its score goes to the
    /// second row's end; only a name longer than two rows is cut.
    public static func drawHeader(
        _ map: JourneyMap, _ g: GridGeometry, y: Int, rows: Int = 1, corner: String, current: Int?, persona: PersonaID? = nil,
        into s: inout Screen
    ) {
        s.fill(x: 0, y: y, width: s.width, height: rows, role: .header)
        s.put(" " + corner, x: 0, y: y, role: .header, limit: g.titleWidth)
        for r in 0..<rows { s.put(vertical, x: g.titleWidth, y: y + r, role: .border) }
        let inner = g.columnWidth - 1
        for j in g.firstStage...g.lastStage {
            let x = g.columnX(j)
            let role: Role = current == j ? .headerCurrent : .header
            s.fill(x: x, y: y, width: g.columnWidth, height: rows, role: role)
            if j < map.stages.count {
                let p = headerParts(map.stages[j], j, persona: persona, g)
                let label = p.label
                let scoreWidth = p.score.isEmpty ? 0 : DisplayWidth.of(p.score) + 1
                let scoreRole: Role = current == j ? role : .level(p.shown ?? 0)
                if rows == 1 || p.fits {
                    let nameWidth = inner - scoreWidth
                    s.put(TextLayout.fit(label, width: max(1, nameWidth)), x: x + 1, y: y, role: role, limit: inner)
                    if !p.score.isEmpty, nameWidth >= 4 {
                        s.put(p.score, x: x + g.columnWidth - p.score.count, y: y + rows - 1, role: scoreRole)
                    }
                } else {
                    var lines = TextLayout.wrap(label, width: max(1, inner))
                    if lines.count > 1, lines[0] == "\(j + 1)" {
                        // A word longer than the column ("4 Пользовательский"): fill the first
                        // row and go on in the second rather than leave the first nearly empty.
                        var head = ""
                        var rest = Substring(label)
                        while let c = rest.first, DisplayWidth.of(head + String(c)) <= inner {
                            head.append(c)
                            rest = rest.dropFirst()
                        }
                        lines = [head, String(rest)]
                    }
                    s.put(lines[0], x: x + 1, y: y, role: role, limit: inner)
                    let rest = lines.dropFirst().joined(separator: " ")
                    let second = max(1, inner - scoreWidth)
                    s.put(TextLayout.fit(rest, width: second), x: x + 1, y: y + 1, role: role, limit: second)
                    if !p.score.isEmpty { s.put(p.score, x: x + g.columnWidth - p.score.count, y: y + 1, role: scoreRole) }
                }
            }
            for r in 0..<rows { s.put(vertical, x: x + g.columnWidth, y: y + r, role: .border) }
        }
    }

    /// A horizontal rule with crossings under the column borders.
    public static func drawRule(_ g: GridGeometry, y: Int, label: String = "", into s: inout Screen) {
        let right = min(s.width, g.gridRight)
        s.repeatNarrow(horizontal, x: 0, y: y, count: right, role: .border)
        s.put("┼", x: g.titleWidth, y: y, role: .border)
        for j in g.firstStage...g.lastStage {
            s.put(j == g.lastStage ? "┤" : "┼", x: g.columnX(j) + g.columnWidth, y: y, role: .border)
        }
        if !label.isEmpty { s.put(" " + label + " ", x: 0, y: y, role: .axis, limit: g.titleWidth) }
    }

    /// A lane's title column, `height` rows from `y`, and its kind under the title. `cursor` is
    /// the cursor's place when it is in this lane.
    public static func drawLaneTitle(
        _ map: JourneyMap, lane l: Int, _ g: GridGeometry, y: Int, height: Int, cursor: GridPlace?, into s: inout Screen
    ) {
        let lane = map.lanes[l]
        let titleRole: Role = cursor == .laneTitle(l) ? .cursor : (cursor != nil ? .laneTitleCurrent : .laneTitle)
        let titleLines = g.titleLines(lane.title)
        // The current lane's title stands out on the rows that hold it (and its kind); the
        // rows under it stay plain, so moving to another lane re-sends only those.
        let marked = titleRole == .laneTitleCurrent ? currentTitleRows(lane, lines: titleLines.count, height: height) : height
        s.fill(x: 0, y: y, width: g.titleWidth, height: marked, role: titleRole)
        s.fill(x: 0, y: y + marked, width: g.titleWidth, height: height - marked, role: .laneTitle)
        drawLines(titleLines, x: 1, y: y, width: g.titleWidth - 1, height: height, role: titleRole, into: &s)
        // The lane's kind, under its title where there is a row for it (it decides what
        // check and the insights count); the bottom bar names it for the current lane.
        if titleLines.count < height, lane.kind != .notes {
            s.put(
                lane.kind.name(g.language), x: 1, y: y + titleLines.count, role: titleRole == .cursor ? titleRole : .dim,
                limit: g.titleWidth - 1)
        }
    }

    /// The rows a current lane's title stands out on: its lines and its kind's.
    static func currentTitleRows(_ lane: Lane, lines: Int, height: Int) -> Int {
        min(height, lines + (lane.kind != .notes ? 1 : 0))
    }

    /// One lane, `height` rows from `y`. `cursor` is the cursor's place when it is in this
    /// lane (its title or a cell), `override` replaces one cell's lines (the text being edited).
    public static func drawLane(
        _ map: JourneyMap, lane l: Int, _ g: GridGeometry, y: Int, height: Int, cursor: GridPlace? = nil,
        fill: Bool = true, override: (Int, [String])? = nil, selectedItem: Int? = nil, into s: inout Screen
    ) {
        let lane = map.lanes[l]
        let cursorStage = cursor?.stage
        drawLaneTitle(map, lane: l, g, y: y, height: height, cursor: cursor, into: &s)
        for dy in 0..<height { s.put(vertical, x: g.titleWidth, y: y + dy, role: .border) }
        for j in g.firstStage...g.lastStage {
            let x = g.columnX(j)
            if j < map.stages.count {
                let isCursor = cursorStage == j
                // A framed cursor leaves the cell's text as it is; the view draws the frame.
                let role: Role =
                    isCursor ? (override != nil || selectedItem != nil ? .editing : (fill ? .cursor : .cell)) : .cell
                s.fill(x: x, y: y, width: g.columnWidth, height: height, role: role)
                if let (oj, o) = override, oj == j {
                    drawLines(o, x: x + 1, y: y, width: g.columnWidth - 1, height: height, role: role, into: &s)
                } else {
                    let lines = g.lines(lane.cell(map.stages[j].id), lane.content)
                    drawLines(lines.map(\.0), x: x + 1, y: y, width: g.columnWidth - 1, height: height, role: role, into: &s)
                    if isCursor, let item = selectedItem {
                        // The item being worked on stands out inside the cell.
                        for (k, line) in lines.prefix(height).enumerated() where line.1 == item {
                            s.paint(x: x, y: y + k, width: g.columnWidth, height: 1, role: .cursor)
                        }
                    }
                }
            }
            for dy in 0..<height { s.put(vertical, x: x + g.columnWidth, y: y + dy, role: .border) }
        }
    }

    /// Draws up to `height` lines; when some do not fit, the last shown line ends with `…`.
    static func drawLines(_ lines: [String], x: Int, y: Int, width: Int, height: Int, role: Role, into s: inout Screen) {
        guard width > 0 else { return }
        for (i, line) in lines.prefix(height).enumerated() {
            var text = line
            if i == height - 1, lines.count > height {
                text = TextLayout.fit(line + " …", width: width)  // more text than room: say so
            }
            s.put(text, x: x, y: y + i, role: role, limit: width)
        }
    }

    /// The emotion curves: five rows from `y` (+2 at the top), a marker per scored stage near
    /// its column's centre (each curve its own marker and place, so none hides another),
    /// neighbours joined with box-drawing steps; an unscored stage is a gap.
    public static func drawCurve(_ map: JourneyMap, _ g: GridGeometry, y: Int, series: [CurveSeries], into s: inout Screen) {
        let left = g.titleWidth + 1
        let right = min(s.width, g.gridRight)
        for level in stride(from: 2, through: -2, by: -1) {
            let row = y + (2 - level)
            let label = level > 0 ? "+\(level)" : (level == 0 ? " 0" : "\(level)")
            s.fill(x: 0, y: row, width: g.titleWidth, height: 1, role: .axis)
            s.put(label, x: max(0, g.titleWidth - 3), y: row, role: .level(level))
            s.put(vertical, x: g.titleWidth, y: row, role: .border)
            for j in g.firstStage...g.lastStage { s.put(vertical, x: g.columnX(j) + g.columnWidth, y: row, role: .border) }
        }
        // Name the extremes in words, so the band reads without colour.
        if g.titleWidth >= 13 {
            s.put(g.language.t(.curveGreat), x: 0, y: y, role: .axis, limit: g.titleWidth - 4)
            s.put(g.language.t(.curveAwful), x: 0, y: y + 4, role: .axis, limit: g.titleWidth - 4)
        }
        func plot(_ x: Int, _ yy: Int, _ glyph: String, _ role: Role) {
            guard x >= left, x < right else { return }
            s.put(glyph, x: x, y: yy, role: role)
        }
        func row(_ score: Int) -> Int { y + 2 - score }
        let from = max(0, g.firstStage - 1)
        let to = min(map.stages.count - 1, g.lastStage + 1)
        guard from <= to else { return }
        let n = series.count
        // The active curve is drawn last, on top.
        let order = series.indices.sorted { (series[$0].active ? 1 : 0, $0) < (series[$1].active ? 1 : 0, $1) }
        for k in order {
            let c = series[k]
            func center(_ j: Int) -> Int { g.columnX(j) + g.columnWidth / 2 - (n - 1) / 2 + k }
            let lineRole = c.role ?? .curve
            for j in from..<to {
                guard let a = map.stages[j].score(for: c.persona), let b = map.stages[j + 1].score(for: c.persona) else {
                    continue
                }
                let (x1, x2, y1, y2) = (center(j), center(j + 1), row(a), row(b))
                let mid = g.columnX(j) + g.columnWidth + (n > 1 ? k - (n - 1) / 2 : 0)
                for x in (x1 + 1)..<max(x1 + 1, mid) { plot(x, y1, horizontal, lineRole) }
                if y1 == y2 {
                    plot(mid, y1, horizontal, lineRole)
                } else {
                    let up = y2 < y1
                    plot(mid, y1, up ? "┘" : "┐", lineRole)
                    plot(mid, y2, up ? "┌" : "└", lineRole)
                    for yy in (min(y1, y2) + 1)..<max(y1, y2) { plot(mid, yy, vertical, lineRole) }
                }
                for x in (mid + 1)..<max(mid + 1, x2) { plot(x, y2, horizontal, lineRole) }
            }
            for j in from...to {
                guard let e = map.stages[j].score(for: c.persona) else { continue }
                plot(center(j), row(e), c.marker, c.role ?? .level(e))
            }
        }
    }

    /// The legend on the rule above the curves: each curve's marker and name; the active one
    /// (the one quick scoring sets) is marked with ▸.
    public static func drawLegend(_ series: [CurveSeries], _ g: GridGeometry, y: Int, into s: inout Screen) {
        guard series.count > 1 || series.first?.persona != nil else { return }
        var x = g.titleWidth + 2
        let right = min(s.width, g.gridRight) - 1
        for c in series {
            let text = (c.active ? "▸" : " ") + c.marker + " " + c.name + " "
            guard x < right else { break }
            x += s.put(text, x: x, y: y, role: c.role ?? .axis, limit: right - x)
        }
    }

    /// A one-row curve for short terminals: each stage's score in words' stead, or a gap.
    public static func drawCompactCurve(_ map: JourneyMap, _ g: GridGeometry, y: Int, series: [CurveSeries], into s: inout Screen)
    {
        s.fill(x: 0, y: y, width: g.titleWidth, height: 1, role: .axis)
        s.put(" " + g.language.t(.labelEmotion), x: 0, y: y, role: .axis, limit: g.titleWidth)
        s.put(vertical, x: g.titleWidth, y: y, role: .border)
        for j in g.firstStage...g.lastStage {
            let x = g.columnX(j)
            if j < map.stages.count {
                var cx = x + 1
                for c in series {
                    guard let e = map.stages[j].score(for: c.persona) else { continue }
                    let text = c.marker + " " + Emotion.signed(e) + " "
                    cx += s.put(text, x: cx, y: y, role: c.role ?? .level(e), limit: x + g.columnWidth - cx)
                }
            }
            s.put(vertical, x: x + g.columnWidth, y: y, role: .border)
        }
    }
}
