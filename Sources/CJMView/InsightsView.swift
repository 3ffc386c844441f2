import CJMCore

/// The insights overlay: the core's rows (`Insights.rows`) in a box; rows with a target jump
/// to their place.
public enum InsightsView {
    public static func rows(_ e: Editor) -> [Insights.Row] {
        Insights(e.map, in: e.workspace, language: e.language).rows(
            of: e.map, language: e.language, numbers: e.mapLanguage, scoreKey: Keymap.grid.key(.score))
    }

    static func role(_ tone: Insights.Row.Tone) -> Role {
        switch tone {
        case .title: return .helpTitle
        case .plain: return .help
        case .missing: return .negative
        }
    }

    /// The rows that lead somewhere: the only ones the selection stops on.
    static func targets(_ rows: [Insights.Row]) -> [Int] { rows.indices.filter { rows[$0].target != nil } }

    /// The selected row: the one asked for when it leads somewhere, else the first that does.
    static func selectable(_ rows: [Insights.Row], _ selected: Int) -> Int? {
        let targets = targets(rows)
        return targets.contains(selected) ? selected : targets.first
    }

    static func draw(_ e: Editor, selected: Int, into s: inout Screen) -> Overlays.Box {
        let rows = rows(e)
        return Overlays.drawBox(
            title: e.language.t(.insightsTitle, e.map.title), rows: rows.map { ($0.text, role($0.tone)) },
            selected: selectable(rows, selected), width: 104, into: &s)
    }
}
