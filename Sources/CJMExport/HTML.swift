import CJMCore
import CJMView

/// One self-contained HTML page (nothing loaded from the network): each map's grid, its
/// personas and its emotion curves as inline SVG. Well-formed XHTML, so it also parses as XML.
public enum HTMLPage {
    static func e(_ s: String) -> String { CurveSVG.escape(s) }

    /// Text with its line breaks kept.
    static func lines(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { e(String($0)) }.joined(separator: "<br/>")
    }

    static let style = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; color: #222; margin: 2em; background: #fff; }
        h1 { font-size: 1.6em; margin: 0 0 .2em; }
        h2 { font-size: 1.3em; margin: 1.6em 0 .3em; border-bottom: 2px solid #333; }
        .meta { color: #444; margin: .2em 0; }
        table.map { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .8em 0; }
        table.map th, table.map td { border: 1px solid #999; padding: .35em .45em; vertical-align: top; font-size: .9em; }
        table.map thead th { background: #eef; }
        table.map tbody th { background: #f6f6f6; text-align: left; width: 10em; }
        td ul { margin: 0; padding-left: 1.1em; }
        td.metric { text-align: right; }
        .score { font-weight: bold; }
        .curve { margin: .5em 0 1em; }
        .personas { display: flex; flex-wrap: wrap; gap: 1em; }
        .persona { border: 1px solid #999; border-radius: 6px; padding: .6em .9em; flex: 1 1 20em; }
        .persona h3 { margin: 0 0 .3em; font-size: 1.05em; }
        .persona dt { font-weight: bold; font-size: .85em; color: #444; }
        .persona dd { margin: 0 0 .35em; }
        footer { margin-top: 2em; color: #777; font-size: .8em; }
        @media print { body { margin: 0; } section.map { page-break-after: always; } table.map, .persona, .curve { page-break-inside: avoid; } }
        """

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
            out.append("<section class=\"map\" lang=\"\(t.rawValue)\">")
            out.append("<h2>\(e(map.title.isEmpty ? t.t(.untitledMap) : map.title))</h2>")
            if !map.segment.isEmpty { out.append("<p class=\"meta\"><b>\(t.t(.labelSegment)):</b> \(e(map.segment))</p>") }
            let personas = map.personas.compactMap { ws.persona($0) }
            if !personas.isEmpty {
                out.append(
                    "<p class=\"meta\"><b>\(t.t(.labelPersonas)):</b> \(personas.map { e($0.name) }.joined(separator: ", "))</p>")
            }
            if !map.goal.isEmpty { out.append("<p class=\"meta\"><b>\(t.t(.labelGoal)):</b> \(lines(map.goal))</p>") }
            out.append("<table class=\"map\"><thead><tr><th></th>")
            for (j, st) in map.stages.enumerated() { out.append("<th>\(j + 1). \(e(st.name))</th>") }
            out.append("</tr></thead><tbody>")
            for lane in map.lanes {
                out.append("<tr><th>\(e(lane.title))</th>")
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
                            return "\(e(m.name)) <b>\(e(q))</b>"
                        }
                        out.append("<td class=\"metric\">\(items.joined(separator: "<br/>"))</td>")
                    }
                }
                out.append("</tr>")
            }
            for (name, p) in Markdown.curves(map, ws, t) {
                out.append("<tr><th>\(t.t(.labelEmotion))\(p == nil ? "" : ": " + e(name))</th>")
                for st in map.stages { out.append("<td class=\"score\">\(Markdown.score(st.score(for: p)))</td>") }
                out.append("</tr>")
            }
            out.append("</tbody></table>")
            out.append("<div class=\"curve\">")
            out.append(CurveSVG.render(map, in: ws, theme: theme, standalone: false, language: t))
            out.append("</div>")
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
