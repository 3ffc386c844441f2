import CJMCore

/// `cjm show`: each map as a plain text grid, stages as columns, lanes as rows, the emotion
/// curves under it with their legend. When the stages do not fit the width they continue in
/// further blocks below. Everything is measured in display columns.
public enum MapPrinter {
    /// Each map's fixed words in its own language, or in `language` when it does not say.
    public static func render(_ ws: Workspace, width: Int, only: Int? = nil, language: Language = .en) -> String {
        var parts: [String] = []
        for (i, map) in ws.maps.enumerated() where only == nil || only == i {
            parts.append(render(map, in: ws, width: width, language: language))
        }
        return parts.joined(separator: "\n")
    }

    public static func render(_ map: JourneyMap, in ws: Workspace, width: Int, language fallback: Language = .en) -> String {
        let width = max(30, width)
        let t = Language.of(map) ?? fallback
        var out: [String] = []
        out.append(contentsOf: TextLayout.wrap(map.title.isEmpty ? t.t(.untitledShort) : map.title, width: width))
        if !map.segment.isEmpty { out.append(contentsOf: TextLayout.wrap(t.t(.labelSegment) + ": " + map.segment, width: width)) }
        let names = map.personas.compactMap { ws.persona($0)?.name }
        if !names.isEmpty {
            out.append(contentsOf: TextLayout.wrap(t.t(.labelPersonas) + ": " + names.joined(separator: ", "), width: width))
        }
        if !map.goal.isEmpty { out.append(contentsOf: TextLayout.wrap(t.t(.labelGoal) + ": " + map.goal, width: width)) }
        let series = CurveSeries.all(for: map, in: ws, active: nil, language: t)
        let titleWidth = GridGeometry.titleWidth(for: map, screenWidth: width)
        let available = width - titleWidth - 1
        let (perBlock, columnWidth) = GridGeometry.columns(
            stageCount: map.stages.count, available: available, minimum: 12, preferred: 16, maximum: 32)
        var first = 0
        repeat {
            let count = max(1, min(perBlock, map.stages.count - first))
            let g = GridGeometry(
                titleWidth: titleWidth, columnWidth: columnWidth, firstStage: first, visibleStages: count, language: t, numbers: t
            )
            out.append("")
            out.append(contentsOf: block(map, g, series: series))
            first += count
        } while first < map.stages.count
        return out.joined(separator: "\n") + "\n"
    }

    static func block(_ map: JourneyMap, _ g: GridGeometry, series: [CurveSeries]) -> [String] {
        let heights = map.lanes.indices.map { GridPainter.laneHeight(map, lane: $0, geometry: g, maxLines: Int.max) }
        let header = GridPainter.headerRows(map, g, persona: series.first?.persona)
        let total = header + 1 + heights.reduce(0) { $0 + $1 + 1 } + 5
        var s = Screen(width: g.gridRight, height: total)
        GridPainter.drawHeader(
            map, g, y: 0, rows: header, corner: "", current: nil, persona: series.first?.persona, into: &s)
        GridPainter.drawRule(g, y: header, into: &s)
        var y = header + 1
        for (l, h) in heights.enumerated() {
            GridPainter.drawLane(map, lane: l, g, y: y, height: h, into: &s)
            y += h
            GridPainter.drawRule(g, y: y, label: l == map.lanes.count - 1 ? g.language.t(.labelEmotion) : "", into: &s)
            y += 1
        }
        if map.lanes.isEmpty {
            GridPainter.drawRule(g, y: y - 1, label: g.language.t(.labelEmotion), into: &s)
        }
        GridPainter.drawLegend(series, g, y: y - 1, into: &s)
        GridPainter.drawCurve(map, g, y: y, series: series, into: &s)
        return s.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
