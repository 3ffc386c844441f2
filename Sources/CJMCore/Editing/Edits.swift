/// Builds the transaction for each user action from the current map. Each returns nil
/// when the action would change nothing (so no empty step lands in the history).
public enum Edits {
    public static func setTitle(_ map: JourneyMap, _ text: String) -> Transaction? {
        map.title == text ? nil : Transaction("edit title", [.setTitle(old: map.title, new: text)])
    }

    public static func setGoal(_ map: JourneyMap, _ text: String) -> Transaction? {
        map.goal == text ? nil : Transaction("edit goal", [.setGoal(old: map.goal, new: text)])
    }

    public static func setCell(_ map: JourneyMap, lane: LaneID, stage: StageID, _ text: String) -> Transaction? {
        let old = map.cell(lane: lane, stage: stage)
        guard old != text, let l = map.laneIndex(lane), let s = map.stageIndex(stage) else { return nil }
        let what = text.isEmpty ? "clear" : "edit"
        return Transaction(
            "\(what) cell \(map.stages[s].name) × \(map.lanes[l].title)",
            [.setCell(lane: lane, stage: stage, old: old, new: text)])
    }

    public static func renameStage(_ map: JourneyMap, _ id: StageID, _ name: String) -> Transaction? {
        guard let s = map.stageIndex(id), map.stages[s].name != name else { return nil }
        return Transaction("rename stage \(map.stages[s].name) → \(name)", [.renameStage(id, old: map.stages[s].name, new: name)])
    }

    public static func renameLane(_ map: JourneyMap, _ id: LaneID, _ title: String) -> Transaction? {
        guard let l = map.laneIndex(id), map.lanes[l].title != title else { return nil }
        return Transaction("rename lane \(map.lanes[l].title) → \(title)", [.renameLane(id, old: map.lanes[l].title, new: title)])
    }

    public static func setEmotion(_ map: JourneyMap, _ id: StageID, _ score: Int?) -> Transaction? {
        guard let s = map.stageIndex(id), map.stages[s].emotion != score else { return nil }
        if let score, !Emotion.range.contains(score) { return nil }
        let label =
            score.map { "score \(map.stages[s].name) \($0 > 0 ? "+" : "")\($0)" } ?? "clear score of \(map.stages[s].name)"
        return Transaction(label, [.setEmotion(id, old: map.stages[s].emotion, new: score)])
    }

    /// Moves the score by `delta`, within -2…+2; an unscored stage starts from 0.
    public static func nudgeEmotion(_ map: JourneyMap, _ id: StageID, by delta: Int) -> Transaction? {
        guard let s = map.stageIndex(id) else { return nil }
        let current = map.stages[s].emotion
        let next = current.map { min(2, max(-2, $0 + delta)) } ?? 0
        return setEmotion(map, id, next)
    }

    public static func setLaneKind(_ map: JourneyMap, _ id: LaneID, _ kind: LaneKind) -> Transaction? {
        guard let l = map.laneIndex(id), map.lanes[l].kind != kind else { return nil }
        return Transaction(
            "lane \(map.lanes[l].title) is \(kind.rawValue)", [.setLaneKind(id, old: map.lanes[l].kind, new: kind)])
    }

    public static func insertStage(_ map: JourneyMap, _ stage: Stage, at index: Int) -> Transaction? {
        guard index >= 0, index <= map.stages.count, map.stageIndex(stage.id) == nil else { return nil }
        return Transaction("add stage \(stage.name)", [.insertStage(stage, index: index, cells: [:])])
    }

    /// Removes a stage with its score and all its cells, as one step.
    public static func deleteStage(_ map: JourneyMap, _ id: StageID) -> Transaction? {
        guard let s = map.stageIndex(id) else { return nil }
        var cells: [LaneID: String] = [:]
        for lane in map.lanes {
            let text = lane.cell(id)
            if !text.isEmpty { cells[lane.id] = text }
        }
        return Transaction("delete stage \(map.stages[s].name)", [.removeStage(map.stages[s], index: s, cells: cells)])
    }

    public static func insertLane(_ map: JourneyMap, _ lane: Lane, at index: Int) -> Transaction? {
        guard index >= 0, index <= map.lanes.count, map.laneIndex(lane.id) == nil else { return nil }
        return Transaction("add lane \(lane.title)", [.insertLane(lane, index: index)])
    }

    public static func deleteLane(_ map: JourneyMap, _ id: LaneID) -> Transaction? {
        guard let l = map.laneIndex(id) else { return nil }
        return Transaction("delete lane \(map.lanes[l].title)", [.removeLane(map.lanes[l], index: l)])
    }

    public static func moveStage(_ map: JourneyMap, _ id: StageID, by delta: Int) -> Transaction? {
        guard let s = map.stageIndex(id) else { return nil }
        let to = s + delta
        guard to >= 0, to < map.stages.count, to != s else { return nil }
        return Transaction("move stage \(map.stages[s].name)", [.moveStage(id, from: s, to: to)])
    }

    public static func moveLane(_ map: JourneyMap, _ id: LaneID, by delta: Int) -> Transaction? {
        guard let l = map.laneIndex(id) else { return nil }
        let to = l + delta
        guard to >= 0, to < map.lanes.count, to != l else { return nil }
        return Transaction("move lane \(map.lanes[l].title)", [.moveLane(id, from: l, to: to)])
    }
}
