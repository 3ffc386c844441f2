import CJMCore

// The merge's fixture and the concurrent edits it is tested on: the core's unit tests assert
// the exact merged documents, the end-to-end tests run the same pairs through git.

/// A small workspace whose every id is known: two maps, two personas, a lane of each content.
public let mergeBase: Workspace = {
    let p1 = PersonaID("p-anna")
    let p2 = PersonaID("p-boris")
    let (s1, s2, s3) = (StageID("s-need"), StageID("s-search"), StageID("s-buy"))
    var m1 = JourneyMap(id: MapID("m-fam"), title: "Семьи", segment: "Семьи с детьми", goal: "Понять путь", personas: [p1])
    m1.stages = [
        Stage(id: s1, name: "Потребность", emotion: nil, emotions: [p1: 0]), Stage(id: s2, name: "Поиск"),
        Stage(id: s3, name: "Покупка", emotions: [p1: -1]),
    ]
    m1.lanes = [
        Lane(id: LaneID("l-think"), title: "Мысли", kind: .thoughts, cells: [s1: "Куда сходить?", s2: "Что идёт?"]),
        Lane(id: LaneID("l-bar"), title: "Барьеры", kind: .barriers, content: .list, cells: [s3: "Очередь\nДорого"]),
        Lane(id: LaneID("l-ch"), title: "Каналы", kind: .touchpoints, content: .channels, cells: [s2: "Сайт"]),
        Lane(id: LaneID("l-met"), title: "Метрики", kind: .metrics, content: .metrics, cells: [s3: "CTR = 2.5 %\nЗаказы = 40"]),
    ]
    var m2 = JourneyMap(id: MapID("m-stu"), title: "Студенты", goal: "Найти барьеры", personas: [p2])
    m2.stages = [Stage(id: StageID("s-a"), name: "Интерес"), Stage(id: StageID("s-b"), name: "Покупка")]
    m2.lanes = [Lane(id: LaneID("l-a"), title: "Действия", kind: .actions)]
    return Workspace(
        channels: ["Сайт", "Email", "Магазин"],
        personas: [
            Persona(id: p1, name: "Анна", segment: "Семьи с детьми"), Persona(id: p2, name: "Борис", segment: "Студенты"),
        ],
        maps: [m1, m2])
}()

public let fam = MapID("m-fam")
public let stu = MapID("m-stu")

/// Applies a user's action to a workspace, as the editor would.
public func act(_ ws: inout Workspace, _ t: Transaction?) {
    let t = t!
    for op in t.operations { try! ws.apply(op) }
}

/// `mergeBase` with one cell of the families' map set, as the editor would set it.
public func withCell(_ lane: LaneID, _ stage: StageID, _ text: String) -> Workspace {
    edited { act(&$0, Edits.setCell($0.fam, lane: lane, stage: stage, text)) }
}

public func edited(_ change: (inout Workspace) -> Void) -> Workspace {
    var ws = mergeBase
    change(&ws)
    return ws
}

extension Workspace {
    public var fam: JourneyMap { maps[mapIndex(MapID("m-fam"))!] }
    public var stu: JourneyMap { maps[mapIndex(MapID("m-stu"))!] }
}

/// The pairs of concurrent edits issue 10 names, from `mergeBase`: a name, our side, their
/// side, and whether the places collide (a conflict is right).
public let mergeScenarios: [(name: String, ours: Workspace, theirs: Workspace, conflict: Bool)] = [
    (
        "neighbouring cells of one lane",
        withCell(LaneID("l-think"), StageID("s-need"), "Чем занять детей?"),
        withCell(LaneID("l-think"), StageID("s-search"), "Где отзывы?"), false
    ),
    (
        "both add a stage at the end",
        edited { act(&$0, Edits.insertStage($0.fam, Stage(id: StageID("s-return"), name: "Возврат"), at: 3)) },
        edited { act(&$0, Edits.insertStage($0.fam, Stage(id: StageID("s-loyal"), name: "Лояльность"), at: 3)) }, false
    ),
    (
        "a lane moved, its cell edited",
        edited { act(&$0, Edits.moveLane($0.fam, LaneID("l-met"), by: -3)) },
        withCell(LaneID("l-met"), StageID("s-need"), "Визиты = 100"), false
    ),
    (
        "a stage renamed and scored",
        edited { act(&$0, Edits.renameStage($0.fam, StageID("s-search"), "Выбор фильма")) },
        edited { act(&$0, Edits.setEmotion($0.fam, StageID("s-search"), 2, persona: PersonaID("p-anna"))) }, false
    ),
    (
        "items added to one list cell on both sides",
        withCell(LaneID("l-bar"), StageID("s-buy"), "Очередь\nДорого\nНет парковки"),
        withCell(LaneID("l-bar"), StageID("s-buy"), "Нет мест\nОчередь\nДорого\nШумно"), false
    ),
    (
        "channels ticked in one cell on both sides",
        withCell(LaneID("l-ch"), StageID("s-search"), "Сайт\nEmail"),
        withCell(LaneID("l-ch"), StageID("s-search"), "Магазин"), false
    ),
    (
        "different maps' goals",
        edited { act(&$0, Edits.setGoal($0.fam, "Снизить отток семей")) },
        edited { act(&$0, Edits.setGoal($0.stu, "Поднять дневные продажи")) }, false
    ),
    (
        "the same change on both sides",
        withCell(LaneID("l-think"), StageID("s-buy"), "Успеем ли?"),
        withCell(LaneID("l-think"), StageID("s-buy"), "Успеем ли?"), false
    ),
    (
        "the same cell changed differently",
        withCell(LaneID("l-think"), StageID("s-need"), "Куда пойти в субботу?"),
        withCell(LaneID("l-think"), StageID("s-need"), "Чем занять вечер?"), true
    ),
    (
        "a stage deleted, its cell edited",
        edited { act(&$0, Edits.deleteStage($0.fam, StageID("s-search"))) },
        withCell(LaneID("l-think"), StageID("s-search"), "Что идёт в IMAX?"), true
    ),
    (
        "personas added on both sides",
        edited { act(&$0, Edits.insertPersona($0, Persona(id: PersonaID("p-vera"), name: "Вера", segment: "Пенсионеры"))) },
        edited { act(&$0, Edits.insertPersona($0, Persona(id: PersonaID("p-gleb"), name: "Глеб", segment: "Пары"))) }, false
    ),
    (
        "a persona deleted, linked to a new map",
        edited { act(&$0, Edits.deletePersona($0, PersonaID("p-boris"))) },
        edited {
            act(
                &$0,
                Edits.insertMap(
                    $0,
                    JourneyMap(
                        id: MapID("m-night"), title: "Ночные сеансы", goal: "Понять", personas: [PersonaID("p-boris")],
                        stages: [Stage(id: StageID("s-n"), name: "Интерес", emotions: [PersonaID("p-boris"): 1])]), at: 2))
        }, true
    ),
]

/// One of `mergeScenarios`, by name.
public func scenario(_ name: String) -> (ours: Workspace, theirs: Workspace) {
    let s = mergeScenarios.first { $0.name == name }!
    return (s.ours, s.theirs)
}
