/// What a map says once filled in: its weakest moments, its barriers with their answers, and
/// the funnel its metrics draw.
public struct Insights: Equatable, Sendable {
    public struct Moment: Equatable, Sendable {
        public var curve: String
        public var stageIndex: Int
        public var text: String
    }

    public struct BarrierAnswer: Equatable, Sendable {
        public var stageIndex: Int
        public var barrierLane: Int
        public var barrier: String
        public var opportunities: [String]
    }

    public struct FunnelStep: Equatable, Sendable {
        public var stageIndex: Int
        public var laneIndex: Int
        public var name: String
        public var value: Double
        public var unit: String
    }

    /// The lowest-scoring stages of each curve, then the largest drops between neighbours.
    public var weakest: [Moment] = []
    public var drops: [Moment] = []
    public var barriers: [BarrierAnswer] = []
    public var funnel: [FunnelStep] = []

    public init(_ map: JourneyMap, in ws: Workspace, language: Language = .en) {
        for p in map.curves {
            let name = p.map { ws.persona($0)?.name ?? $0.raw } ?? language.t(.mapCurve)
            let scored = map.stages.indices.compactMap { j in map.stages[j].score(for: p).map { (j, $0) } }
            guard let low = scored.map(\.1).min() else { continue }
            for (j, v) in scored where v == low {
                weakest.append(Moment(curve: name, stageIndex: j, text: "\(map.stages[j].name): \(Emotion.signed(v))"))
            }
            var worst = 0
            var at: [(Int, Int, Int)] = []
            for k in 1..<max(1, map.stages.count) {
                guard let a = map.stages[k - 1].score(for: p), let b = map.stages[k].score(for: p), b < a else { continue }
                if a - b > worst {
                    worst = a - b
                    at = [(k, a, b)]
                } else if a - b == worst {
                    at.append((k, a, b))
                }
            }
            for (k, a, b) in at {
                drops.append(
                    Moment(
                        curve: name, stageIndex: k,
                        text: "\(map.stages[k - 1].name) → \(map.stages[k].name): \(a) → \(b) (−\(a - b))"))
            }
        }
        for (j, st) in map.stages.enumerated() {
            let ops = map.lanes.filter { $0.kind == .opportunities }.flatMap { lane -> [String] in
                let c = lane.cell(st.id)
                return c.isEmpty ? [] : (lane.content == .text ? [c] : c.items)
            }
            for (l, lane) in map.lanes.enumerated() where lane.kind == .barriers && !lane.cell(st.id).isEmpty {
                let items = lane.content == .text ? [lane.cell(st.id)] : lane.cell(st.id).items
                for b in items { barriers.append(BarrierAnswer(stageIndex: j, barrierLane: l, barrier: b, opportunities: ops)) }
            }
        }
        // The funnel: per stage, a conversion metric (by name), else the first percentage.
        for (j, st) in map.stages.enumerated() {
            var best: FunnelStep?
            for (l, lane) in map.lanes.enumerated() where lane.content == .metrics {
                for line in lane.cell(st.id).items {
                    let m = Metric.parse(line)
                    guard let v = m.value.flatMap(Double.init) else { continue }
                    let step = FunnelStep(stageIndex: j, laneIndex: l, name: m.name, value: v, unit: m.unit)
                    let lower = m.name.lowercased()
                    if lower.contains("conver") || lower.contains("конверс") {
                        best = step
                        break
                    }
                    if best == nil, m.unit.hasPrefix("%") { best = step }
                }
            }
            if let best { funnel.append(best) }
        }
    }
}

extension Insights {
    /// One line of the insights as a person reads them, and the place it leads to.
    public struct Row: Equatable, Sendable {
        public enum Tone: Equatable, Sendable {
            case title, plain
            /// Something missing that the method asks for (a barrier with no opportunity).
            case missing
        }

        public var text: String
        public var tone: Tone
        /// A cell, or a stage's column (`.stageName`: the stage, whatever the lane).
        public var target: GridPlace?

        public init(_ text: String, _ tone: Tone = .plain, target: GridPlace? = nil) {
            self.text = text
            self.tone = tone
            self.target = target
        }
    }

    /// The insights as sections of rows: weakest moments, drops, barriers beside their
    /// opportunities, and the funnel as bars. `numbers` writes values as the map's language
    /// does; `scoreKey` names the key that scores, for the hint when nothing is scored.
    public func rows(of map: JourneyMap, language t: Language, numbers: Language, scoreKey: String) -> [Row] {
        var rows: [Row] = []
        func title(_ phrase: Phrase) {
            if !rows.isEmpty { rows.append(Row("")) }
            rows.append(Row(t.t(phrase), .title))
        }
        title(.weakest)
        if weakest.isEmpty { rows.append(Row(t.t(.noScoresYet, scoreKey))) }
        for m in weakest { rows.append(Row("  \(m.curve): \(m.text)", target: .stageName(m.stageIndex))) }
        title(.drops)
        if drops.isEmpty { rows.append(Row(t.t(.noDrops))) }
        for m in drops { rows.append(Row("  \(m.curve): \(m.text)", target: .stageName(m.stageIndex))) }
        title(.barriersTitle)
        if barriers.isEmpty { rows.append(Row(t.t(.noBarriers))) }
        for b in barriers {
            let stage = map.stages[b.stageIndex].name
            rows.append(
                Row("  \(stage): ✗ \(b.barrier.replacingNewlines)", target: .cell(lane: b.barrierLane, stage: b.stageIndex)))
            if b.opportunities.isEmpty { rows.append(Row(t.t(.noOpportunityYet), .missing)) }
            for o in b.opportunities { rows.append(Row("      → \(o.replacingNewlines)")) }
        }
        title(.funnel)
        if funnel.isEmpty { rows.append(Row(t.t(.noMetrics))) }
        // Bars of twenty blocks, the largest value full.
        let top = funnel.map(\.value).max() ?? 1
        let nameWidth = min(24, funnel.map { DisplayWidth.of(map.stages[$0.stageIndex].name) }.max() ?? 0)
        for f in funnel {
            let filled = max(0, min(20, top > 0 ? Int((f.value / top * 20).rounded()) : 0))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
            let value = Metric(
                name: f.name, value: String(f.value).hasSuffix(".0") ? String(Int(f.value)) : String(f.value), unit: f.unit)
            let label = TextLayout.pad(map.stages[f.stageIndex].name, width: nameWidth)
            rows.append(
                Row(
                    "  \(label) \(bar) \(value.quantity(numbers) ?? "") · \(f.name)",
                    target: .cell(lane: f.laneIndex, stage: f.stageIndex)))
        }
        return rows
    }
}
