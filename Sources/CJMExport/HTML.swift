import CJMCore
import CJMStyle

/// One self-contained HTML page (nothing loaded from the network): each map's grid, its
/// personas and its emotion curves as inline SVG. Well-formed XHTML, so it also parses as XML.
public enum HTMLPage {
    static func e(_ s: String) -> String { CurveSVG.escape(s) }

    /// Text with its line breaks kept.
    static func lines(_ s: String) -> String {
        s.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).map { e(String($0)) }.joined(
            separator: "<br/>")
    }

    /// The lane titles' column, in per cent of the grid; the curve row uses the same.
    static let laneColumn = 14.0

    static let style = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; color: #222; margin: 2em; background: #fff; }
        h1 { font-size: 1.6em; margin: 0 0 .2em; }
        h2 { font-size: 1.3em; margin: 1.2em 0 .3em; border-bottom: 2px solid #333; }
        .meta { color: #444; margin: .2em 0; }
        .scroll { overflow-x: auto; }
        table.map { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .8em 0; }
        table.map th, table.map td { border: 1px solid #999; padding: .35em .45em; vertical-align: top; font-size: .9em;
          overflow-wrap: anywhere; hyphens: auto; }
        table.map thead th { background: #eef; }
        table.map th.lane { background: #f6f6f6; text-align: left; position: sticky; left: 0; z-index: 1; }
        table.map thead th.lane { background: #eef; }
        td ul { margin: 0; padding-left: 1.1em; }
        td.metric { text-align: right; }
        .q { white-space: nowrap; }
        .score { font-weight: bold; }
        tr.curve td { padding: 0; }
        tr.curve td > svg { display: block; }
        .legend { padding: .2em .45em .4em; font-size: .85em; }
        .key { white-space: nowrap; margin-right: 1.2em; }
        .key svg { vertical-align: middle; }
        .personas { display: flex; flex-wrap: wrap; gap: .8em; }
        .persona { border: 1px solid #999; border-radius: 6px; padding: .5em .8em; flex: 1 1 18em; }
        .persona h3 { margin: 0 0 .3em; font-size: 1.05em; }
        .persona dl { margin: 0; }
        .persona dt { font-weight: bold; font-size: .85em; color: #444; }
        .persona dd { margin: 0 0 .3em; }
        footer { margin-top: 2em; color: #777; font-size: .8em; }
        @page { size: A4 landscape; margin: 8mm; }
        @media print {
          body { margin: 0; font-size: 8pt; }
          h2 { margin-top: 0; }
          .scroll { overflow: visible; }
          table.map { min-width: 0 !important; }
          table.map th.lane { position: static; }
          section.map { zoom: var(--print-zoom, 1); }
          section.map + section.map { break-before: page; }
          tr, .persona { break-inside: avoid; }
          .persona { font-size: .85em; }
          footer { display: none; }
        }
        """

    /// How much a map is shrunk in print so that it fits one A4 landscape page: its lines
    /// estimated from the text in each row's fullest cell at the printed column width.
    static func printZoom(_ map: JourneyMap, _ ws: Workspace) -> Double {
        let pageLines = 52.0  // 8 pt text on A4 landscape, less the margins
        let columnChars = max(6, (277 * (1 - laneColumn / 100) / Double(max(1, map.stages.count))) / 1.7)
        func lines(_ text: String) -> Double {
            text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) {
                $0 + max(1, (Double($1.count) / columnChars).rounded(.up))
            }
        }
        var total = 6.0 + lines(map.goal)  // title, segment, personas, goal
        total += map.stages.map { lines($0.name) }.max() ?? 1
        for lane in map.lanes { total += 0.6 + (map.stages.map { lines(lane.cell($0.id)) }.max() ?? 1) }
        total += Double(map.curves.count) * 1.6 + 12  // score rows, the curve and its legend
        let personas = map.personas.compactMap { ws.persona($0) }
        if !personas.isEmpty {
            let fields = personas.map { p in Persona.fields.dropFirst().filter { !p[keyPath: $0.path].isEmpty }.count }
            total += Double(fields.max() ?? 0) * 1.5 + 2
        }
        return min(1, max(0.4, pageLines / total))
    }

    /// Each map's fixed words are in the map's own language, or in `language` when it does
    /// not say; the page's in the first map's.
    public static func export(
        _ ws: Workspace, theme: Theme, only: Int? = nil, title: String? = nil, language fallback: Language = .en
    ) -> String {
        var out: [String] = []
        let single = only.map { ws.maps[$0].title } ?? (ws.maps.count == 1 ? ws.maps[0].title : nil)
        let first = only.map { ws.maps[$0] } ?? ws.maps.first
        let page = first.flatMap { Language.of($0) } ?? fallback
        let pageTitle = title ?? single ?? page.t(.exportTitle)
        out.append("<!DOCTYPE html>")
        out.append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(page.rawValue)\">")
        out.append("<head><meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        out.append("<title>\(e(pageTitle))</title><style>\n\(style)\n</style></head>")
        out.append("<body>")
        out.append("<h1>\(e(pageTitle))</h1>")
        for (i, map) in ws.maps.enumerated() where only == nil || only == i {
            let t = Language.of(map) ?? fallback
            out.append("<section class=\"map\" lang=\"\(t.rawValue)\" style=\"--print-zoom: \(CurveSVG.f(printZoom(map, ws)))\">")
            out.append("<h2>\(e(map.title.isEmpty ? t.t(.untitledMap) : map.title))</h2>")
            if !map.segment.isEmpty { out.append("<p class=\"meta\"><b>\(t.t(.labelSegment)):</b> \(e(map.segment))</p>") }
            let personas = map.personas.compactMap { ws.persona($0) }
            if !personas.isEmpty {
                out.append(
                    "<p class=\"meta\"><b>\(t.t(.labelPersonas)):</b> \(personas.map { e($0.name) }.joined(separator: ", "))</p>")
            }
            if !map.goal.isEmpty { out.append("<p class=\"meta\"><b>\(t.t(.labelGoal)):</b> \(lines(map.goal))</p>") }
            // Wide maps scroll on screen with the lane titles kept in sight; in print they fit the page.
            let minWidth = 10 + 9 * map.stages.count
            out.append("<div class=\"scroll\"><table class=\"map\" style=\"min-width: \(minWidth)em\">")
            out.append(
                "<colgroup><col style=\"width: \(CurveSVG.f(laneColumn))%\"/>"
                    + String(repeating: "<col/>", count: map.stages.count) + "</colgroup>")
            out.append("<thead><tr><th class=\"lane\"></th>")
            for (j, st) in map.stages.enumerated() { out.append("<th>\(j + 1). \(e(st.name))</th>") }
            out.append("</tr></thead><tbody>")
            for lane in map.lanes {
                out.append("<tr><th class=\"lane\">\(e(lane.title))</th>")
                for st in map.stages {
                    let text = lane.cell(st.id)
                    switch lane.content {
                    case .text: out.append("<td>\(lines(text))</td>")
                    case .list, .channels:
                        out.append(
                            text.isEmpty ? "<td></td>" : "<td><ul>\(text.items.map { "<li>\(e($0))</li>" }.joined())</ul></td>")
                    case .metrics:
                        let items = text.items.map { line -> String in
                            let m = Metric.parse(line)
                            guard let q = m.quantity(t) else { return e(line) }
                            // A number and its unit never part.
                            return "\(e(m.name)) <b class=\"q\">\(e(q))</b>"
                        }
                        out.append("<td class=\"metric\">\(items.joined(separator: "<br/>"))</td>")
                    }
                }
                out.append("</tr>")
            }
            for (name, p) in Markdown.curves(map, ws, t) {
                out.append("<tr><th class=\"lane\">\(t.t(.labelEmotion))\(p == nil ? "" : ": " + e(name))</th>")
                for st in map.stages { out.append("<td class=\"score\">\(Markdown.score(st.score(for: p)))</td>") }
                out.append("</tr>")
            }
            // The curve is the grid's last row, its points under their stages' columns.
            let curve = CurveSVG.columns(map, in: ws, theme: theme, language: t, first: laneColumn, id: "c\(i)")
            out.append("<tr class=\"curve\"><td colspan=\"\(map.stages.count + 1)\">\(curve.svg)")
            out.append("<div class=\"legend\">\(curve.legend)</div></td></tr>")
            out.append("</tbody></table></div>")
            if !personas.isEmpty {
                out.append("<div class=\"personas\">")
                for p in personas {
                    out.append("<div class=\"persona\"><h3>\(e(p.name))</h3><dl>")
                    for f in Persona.fields.dropFirst() where !p[keyPath: f.path].isEmpty {
                        out.append("<dt>\(e(t.t(f.phrase)))</dt><dd>\(lines(p[keyPath: f.path]))</dd>")
                    }
                    out.append("</dl></div>")
                }
                out.append("</div>")
            }
            out.append("</section>")
        }
        out.append("<footer>\(e(page.t(.madeWith))) \(e(page.t(.scaleNote)))</footer>")
        out.append("</body></html>")
        return out.joined(separator: "\n") + "\n"
    }
}
