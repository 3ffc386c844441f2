import CJMCore

/// Twelve stages with long Russian names, every lane filled: the map that broke the print.
public func longStagesWorkspace() -> Workspace {
    let names = [
        "Осознание потребности", "Поиск информации", "Сделка", "Пользовательский опыт (Customer Experience)", "Триггер",
        "Сравнение предложений конкурентов", "Консультация", "Оформление заказа и оплата", "Доставка", "Инструментальные сервисы",
        "Поддержка после покупки", "Повторная покупка и рекомендации",
    ]
    var ws = Templates.named("cinema-ru")!.workspace
    var map = ws.maps[0]
    let old = map.stages
    map.stages = names.enumerated().map { j, name in
        Stage(id: StageID("s\(j)"), name: name, emotions: [map.personas[0]: (j % 5) - 2])
    }
    for l in map.lanes.indices {
        var cells: [StageID: String] = [:]
        for j in names.indices { cells[StageID("s\(j)")] = map.lanes[l].cell(old[j % old.count].id) }
        map.lanes[l].cells = cells.filter { !$0.value.isEmpty }
    }
    ws.maps = [map]
    return ws
}
