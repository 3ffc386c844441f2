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
