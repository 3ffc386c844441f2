import Testing

@testable import CJMCore

/// The grid's places: one enum for the cursor, search hits, conflict marks, insights and clicks.
@Suite struct GridPlaceTests {
    @Test func aPlaceIsItsRowAndColumn() {
        #expect(GridPlace(lane: nil, stage: nil) == .corner)
        #expect(GridPlace(lane: nil, stage: 3) == .stageName(3))
        #expect(GridPlace(lane: 2, stage: nil) == .laneTitle(2))
        #expect(GridPlace(lane: 2, stage: 3) == .cell(lane: 2, stage: 3))
        #expect(GridPlace.cell(lane: 2, stage: 3).with(lane: nil) == .stageName(3))
        #expect(GridPlace.laneTitle(1).with(stage: 0) == .cell(lane: 1, stage: 0))
    }

    @Test func stepsStopAtTheEndsAndTheHeader() {
        // An axis of 3: the header, then 0, 1, 2.
        #expect(GridPlace.step(0, by: -1, count: 3) == nil)
        #expect(GridPlace.step(nil, by: -1, count: 3) == nil)
        #expect(GridPlace.step(nil, by: 1, count: 3) == 0)
        #expect(GridPlace.step(2, by: 1, count: 3) == 2)
        #expect(GridPlace.step(1, by: 5, count: 3) == 2)
        #expect(GridPlace.step(2, by: -5, count: 3) == nil)
        // Off the header: Shift-Tab and a scoring run stop at the first stage.
        #expect(GridPlace.step(0, by: -1, count: 3, header: false) == 0)
        #expect(GridPlace.step(nil, by: -1, count: 3, header: false) == 0)
        // An empty axis has only its header.
        #expect(GridPlace.step(nil, by: 1, count: 0) == nil)
        #expect(GridPlace.step(nil, by: 1, count: 0, header: false) == nil)
    }

    @Test func clampingKeepsThePlaceOnTheMap() {
        #expect(GridPlace.cell(lane: 9, stage: 9).clamped(lanes: 3, stages: 2) == .cell(lane: 2, stage: 1))
        #expect(GridPlace.cell(lane: 1, stage: 1).clamped(lanes: 0, stages: 2) == .stageName(1))
        #expect(GridPlace.cell(lane: 1, stage: 1).clamped(lanes: 3, stages: 0) == .laneTitle(1))
        #expect(GridPlace.corner.clamped(lanes: 3, stages: 3) == .corner)
    }

    @Test func readingOrderIsCornerNamesThenLaneByLane() {
        let places: [GridPlace] = [
            .corner, .stageName(0), .stageName(1), .laneTitle(0), .cell(lane: 0, stage: 0), .cell(lane: 0, stage: 1),
            .laneTitle(1),
        ]
        let orders = places.map { $0.order(stageCount: 2) }
        #expect(orders == orders.sorted() && Set(orders).count == orders.count)
    }

    @Test func insightsRowsComeFromTheCoreWithTheirPlaces() throws {
        let ws = Templates.named("cinema-ru")!.workspace
        let map = ws.maps[0]
        let rows = Insights(map, in: ws, language: .ru).rows(of: map, language: .ru, numbers: .ru, scoreKey: "1-5")
        #expect(rows.first == Insights.Row(Language.ru.t(.weakest), .title))
        // A weakest moment leads to its stage's column; a barrier to its own cell.
        let weakest = try #require(rows.first { $0.text.contains(": -2") })
        #expect(weakest.target == .stageName(3))
        let barrier = try #require(rows.first { $0.text.contains("✗ Выбор между Okko и Netflix") })
        guard case .cell(let l, _) = barrier.target else {
            Issue.record("a barrier row leads to a cell")
            return
        }
        #expect(map.lanes[l].kind == .barriers)
        // The funnel's bars are written in the map's numbers.
        #expect(rows.contains { $0.text.contains("████████████████████ 38 %") })
        // Nothing scored: the hint names the key it was given.
        var blank = map
        for j in blank.stages.indices {
            blank.stages[j].emotion = nil
            blank.stages[j].emotions = [:]
        }
        let none = Insights(blank, in: ws, language: .en).rows(of: blank, language: .en, numbers: .en, scoreKey: "1-5")
        #expect(none[1].text.contains("1-5"))
    }
}
