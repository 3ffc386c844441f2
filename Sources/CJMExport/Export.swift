import CJMCore
import CJMStyle

/// The export formats, shared by `cjm export` and the editor.
public enum ExportFormat: String, CaseIterable, Sendable {
    case md, csv, html, svg, mermaid

    /// Formats of one table, one curve or one diagram take one map.
    public var oneMap: Bool { self == .csv || self == .svg || self == .mermaid }

    /// The file name's ending: Mermaid's diagrams are `.mmd`.
    public var fileExtension: String { self == .mermaid ? "mmd" : rawValue }

    /// The export; fixed words follow each map's language, or `language` where a map does not say.
    /// `lane` chooses the lane whose items are Mermaid's tasks; `mermaid` puts a diagram under
    /// each map of a Markdown export.
    public func render(
        _ ws: Workspace, only: Int?, theme: Theme, language: Language = .en, lane: String? = nil, mermaid: Bool = false
    ) -> String {
        switch self {
        case .mermaid: return Mermaid.export(ws.maps[only ?? 0], in: ws, lane: lane, language: language)
        case .md: return Markdown.export(ws, only: only, language: language, mermaid: mermaid, lane: lane)
        case .csv: return MapTable.csv(ws.maps[only ?? 0], in: ws)
        case .html: return HTMLPage.export(ws, theme: theme, only: only, language: language)
        case .svg: return CurveSVG.render(ws.maps[only ?? 0], in: ws, theme: theme, language: language)
        }
    }

    /// Where an export goes by default: beside the map, `name.FORMAT` (with the map's number
    /// for one-map formats of a workspace with several maps).
    /// `ending` replaces the format's own (a PDF printed from the HTML ends in `pdf`).
    public func defaultPath(for mapPath: String, only: Int?, mapCount: Int, ending: String? = nil) -> String {
        var base = mapPath
        for suffix in [".cjm.json", ".json"] where base.hasSuffix(suffix) {
            base.removeLast(suffix.count)
            break
        }
        if let only, mapCount > 1 { base += "-\(only + 1)" }
        return base + "." + (ending ?? fileExtension)
    }
}
