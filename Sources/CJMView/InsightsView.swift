import CJMCore

/// The insights overlay: the weakest moments, the largest drops, each barrier beside its
/// opportunities, and the metrics funnel as a bar chart. Rows with a target jump to a cell.
public enum InsightsView {
    public struct Row: Equatable, Sendable {
        public var text: String
        public var role: Role
        public var target: (stage: Int?, lane: Int?)?

        public static func == (a: Row, b: Row) -> Bool {
            a.text == b.text && a.role == b.role && a.target?.stage == b.target?.stage && a.target?.lane == b.target?.lane
        }
    }

    public static func rows(_ e: Editor) -> [Row] {
        let map = e.map
        let ins = Insights(map, in: e.workspace, language: e.language)
        var rows: [Row] = []
        let t = e.language
        func title(_ t: String) {
            if !rows.isEmpty { rows.append(Row(text: "", role: .help, target: nil)) }
            rows.append(Row(text: t, role: .helpTitle, target: nil))
        }
        title(t.t(.weakest))
        if ins.weakest.isEmpty {
            rows.append(Row(text: t.t(.noScoresYet, Keymap.grid.key(.score)), role: .help, target: nil))
        }
        for m in ins.weakest {
            rows.append(Row(text: "  \(m.curve): \(m.text)", role: .help, target: (m.stageIndex, nil)))
        }
        title(t.t(.drops))
        if ins.drops.isEmpty { rows.append(Row(text: t.t(.noDrops), role: .help, target: nil)) }
        for m in ins.drops { rows.append(Row(text: "  \(m.curve): \(m.text)", role: .help, target: (m.stageIndex, nil))) }
        title(t.t(.barriersTitle))
        if ins.barriers.isEmpty { rows.append(Row(text: t.t(.noBarriers), role: .help, target: nil)) }
        for b in ins.barriers {
            let stage = map.stages[b.stageIndex].name
            rows.append(
                Row(text: "  \(stage): ✗ \(b.barrier.replacingNewlines)", role: .help, target: (b.stageIndex, b.barrierLane)))
            if b.opportunities.isEmpty {
                rows.append(Row(text: t.t(.noOpportunityYet), role: .negative, target: nil))
            }
            for o in b.opportunities { rows.append(Row(text: "      → \(o.replacingNewlines)", role: .help, target: nil)) }
        }
        title(t.t(.funnel))
        if ins.funnel.isEmpty {
            rows.append(
                Row(text: t.t(.noMetrics), role: .help, target: nil))
        }
        let top = ins.funnel.map(\.value).max() ?? 1
        let nameWidth = min(24, ins.funnel.map { DisplayWidth.of(map.stages[$0.stageIndex].name) }.max() ?? 0)
        for f in ins.funnel {
            let filled = top > 0 ? Int((f.value / top * 20).rounded()) : 0
            let bar = String(repeating: "█", count: max(0, min(20, filled))) + String(repeating: "░", count: max(0, 20 - filled))
            let value = Metric(
                name: f.name, value: String(f.value).hasSuffix(".0") ? String(Int(f.value)) : String(f.value), unit: f.unit)
            let label = TextLayout.pad(map.stages[f.stageIndex].name, width: nameWidth)
            rows.append(
                Row(
                    text: "  \(label) \(bar) \(value.quantity(e.mapLanguage) ?? "") · \(f.name)", role: .help,
                    target: (f.stageIndex, f.laneIndex)))
        }
        return rows
    }

    static func draw(_ e: Editor, selected: Int, into s: inout Screen) -> Overlays.Box {
        let rows = rows(e)
        let targets = rows.indices.filter { rows[$0].target != nil }
        let sel = targets.contains(selected) ? selected : targets.first
        return Overlays.drawBox(
            title: e.language.t(.insightsTitle, e.map.title), rows: rows.map { ($0.text, $0.role) }, selected: sel, width: 104,
            into: &s)
    }
}
