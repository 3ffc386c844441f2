/// The built-in maps that `cjm new --template` starts from.
public struct Template: Sendable {
    public var name: String
    public var summary: String
    /// Built when asked for: opening a map names a template (for a missing file) but seldom
    /// builds one, and building them all was a tenth of opening a 2 MB map.
    let make: @Sendable () -> Workspace
    public var workspace: Workspace { make() }

    init(name: String, summary: String, workspace: @escaping @Sendable () -> Workspace) {
        self.name = name
        self.summary = summary
        make = workspace
    }
}

public enum Templates {
    /// What `cjm` with no file creates in the current folder.
    public static let defaultName = "cinema"

    /// The template a new file starts from when none is named: the default, in the interface's
    /// language where the templates have it (`cinema-ru` for a Russian interface).
    public static func defaultName(for language: Language) -> String {
        let translated = defaultName + "-" + language.rawValue
        return named(translated) != nil ? translated : defaultName
    }
    public static let defaultFileName = "journey.cjm.json"

    public static let all: [Template] = [
        Template(
            name: "cinema", summary: "Online cinema: two segments' maps with their personas, filled in (English)",
            workspace: { cinemaWorkspace(english) }),
        Template(
            name: "cinema-ru", summary: "Онлайн-кинотеатр: карты двух сегментов с персонами, заполнено (русский)",
            workspace: { cinemaWorkspace(russian) }),
        Template(
            name: "five-stage", summary: "Awareness, evaluation, deal, experience, trigger (English)",
            workspace: { Workspace(single: fiveStage(english)) }),
        Template(
            name: "five-stage-ru", summary: "Осмысление, оценка, сделка, опыт, триггер (русский)",
            workspace: { Workspace(channels: Workspace.defaultChannelsRussian, maps: [fiveStage(russian)]) }),
        Template(
            name: "blank", summary: "Three empty stages and the method's six lanes (English)",
            workspace: { Workspace(single: blank(english)) }),
        Template(
            name: "blank-ru", summary: "Три пустых этапа и шесть строк метода (русский)",
            workspace: { Workspace(channels: Workspace.defaultChannelsRussian, maps: [blank(russian)]) }),
    ]

    public static func named(_ name: String) -> Template? { all.first { $0.name == name } }

    // MARK: Lanes shared by the templates

    struct LaneNames: Sendable {
        var lanes: [(LaneKind, String)]
    }

    static let english = LaneNames(lanes: [
        (.thoughts, "Thoughts"), (.actions, "Actions"), (.touchpoints, "Touchpoints"),
        (.barriers, "Barriers"), (.opportunities, "Opportunities"), (.metrics, "Metrics"),
    ])
    static let russian = LaneNames(lanes: [
        (.thoughts, "Мысли"), (.actions, "Действия"), (.touchpoints, "Точки касания"),
        (.barriers, "Барьеры"), (.opportunities, "Возможности"), (.metrics, "Метрики"),
    ])

    static func isRussian(_ l: LaneNames) -> Bool { l.lanes[0].1 == "Мысли" }

    /// Builds a map from stage (id, name, score) and rows of cell text in lane order.
    static func build(
        _ lang: LaneNames, title: String, goal: String, stages: [(String, String, Int?)], rows: [LaneKind: [String]]
    ) -> JourneyMap {
        var map = JourneyMap(title: title, goal: goal)
        map.stages = stages.map { Stage(id: StageID($0.0), name: $0.1, emotion: $0.2) }
        for (kind, title) in lang.lanes {
            var lane = Lane(id: LaneID(kind.rawValue), title: title, kind: kind, content: kind.usualContent)
            for (i, text) in (rows[kind] ?? []).enumerated() where i < stages.count && !text.isEmpty {
                lane.cells[StageID(stages[i].0)] = text
            }
            map.lanes.append(lane)
        }
        return map
    }

    // MARK: The online cinema (000_…: the article's worked example)

    /// The article's channels per stage, as tags of `palette` (outdoor, audio and social; friends,
    /// bloggers, search and social ads; search, social ads and friends; website and app; email and social).
    static func touchpoints(_ palette: [String]) -> [String] {
        [[8, 9, 5], [3, 4, 1, 2], [0, 2, 3], [12, 13], [7, 5]].map { $0.map { palette[$0] }.joined(separator: "\n") }
    }

    static func cinema(_ lang: LaneNames) -> JourneyMap {
        if isRussian(lang) {
            return build(
                lang, title: "Онлайн-кинотеатр: путь подписчика",
                goal: "Узнать о потребностях аудитории для улучшения рекламных предложений",
                stages: [
                    ("need", "Потребность", 0), ("interest", "Интерес", 1), ("research", "Исследование", -1),
                    ("purchase", "Покупка", -2), ("return", "Возвращение", 1),
                ],
                rows: [
                    .thoughts: [
                        "Чем заняться вечером?", "Найти сервис с возможностью загрузки приложения на планшет",
                        "Где больше фильмов и сериалов на выбор?", "300 рублей в месяц: это выгодно?",
                        "Стоит ли продлевать подписку?",
                    ],
                    .actions: [
                        "Спрашивает семью, что посмотреть", "Совет друга или поиск фильма на вечер",
                        "Поиск вариантов из популярных сервисов на рынке", "Выбор лучшего предложения, оформление подписки",
                        "Оформление премиум-подписки, обновление прошлой или подключение дополнительных услуг",
                    ],
                    // Channels are tags from the palette, one per line.
                    .touchpoints: touchpoints(Workspace.defaultChannelsRussian),
                    .barriers: [
                        "Нет рекламы продукта: клиент нашёл сервис, но забыл через несколько дней",
                        "Агрессивная продажа или навязчивая реклама",
                        "Выбор между Okko и Netflix: у первого больше фильмов, у второго сериалы и фильмы собственного производства",
                        "Сложная форма заказа; нет привычных способов онлайн-оплаты",
                        "Негативные отзывы; нет ответа от колл-центра",
                    ],
                    .opportunities: [
                        "Провести маркетинговый анализ и запустить рекламу на потенциальных клиентов",
                        "Мягкий режим общения: рассылка на почту вместо частых звонков",
                        "Указать преимущества сервиса для быстрого решения; договор с конкурентом о доступе к обоим сервисам",
                        "Упростить форму заказа; подключить популярные способы оплаты",
                        "Работа с репутацией: отвечать на отзывы; бонус на просмотр любимых фильмов",
                    ],
                    .metrics: [
                        "Частотность поисковых запросов", "CTR", "Среднее время на сайте", "Конверсия в подписку",
                        "Повторные посещения",
                    ],
                ])
        }
        return build(
            lang, title: "Online cinema: a subscriber's journey",
            goal: "Learn the audience's needs to improve the advertising offers",
            stages: [
                ("need", "Need", 0), ("interest", "Interest", 1), ("research", "Research", -1),
                ("purchase", "Purchase", -2), ("return", "Return", 1),
            ],
            rows: [
                .thoughts: [
                    "What shall we do tonight?", "Find a service whose app I can install on my tablet",
                    "Where is the biggest choice of films and series?", "Is 300 roubles a month worth it?",
                    "Should I renew the subscription?",
                ],
                .actions: [
                    "Asks the family what to watch", "A friend's advice, or searching for a film for the evening",
                    "Compares the popular services on the market", "Picks the best offer and subscribes",
                    "Upgrades to premium, renews, or adds services",
                ],
                .touchpoints: touchpoints(Workspace.defaultChannels),
                .barriers: [
                    "No advertising: the customer found us and forgot a few days later", "Aggressive selling or intrusive ads",
                    "Okko or Netflix? One has more films, the other its own series and films",
                    "A complicated order form; no familiar online payment", "Negative reviews; the call centre does not answer",
                ],
                .opportunities: [
                    "Analyse the market and advertise to potential customers", "Soft contact: email instead of frequent calls",
                    "Show the service's advantages for a quick decision; a deal with the competitor for access to both",
                    "Simplify the order form; add popular payment methods",
                    "Work on reputation: answer reviews; a bonus for watching favourite films",
                ],
                .metrics: [
                    "Search query frequency", "CTR", "Average time on site", "Conversion to subscription", "Repeat visits",
                ],
            ])
    }

    // MARK: The cinema as a workspace: one map per segment, each with its persona

    /// Two segments from the article's list (families with children, single young men): the
    /// map is copied and adapted, touchpoints become channel tags, barriers a list, metrics numbers.
    static func cinemaWorkspace(_ lang: LaneNames) -> Workspace {
        let ru = isRussian(lang)
        let family = Persona(
            id: PersonaID("anna"), name: ru ? "Анна, мама двоих детей" : "Anna, mother of two",
            segment: ru ? "Семьи с детьми" : "Families with children",
            sociodemographic: ru
                ? "34 года, замужем, двое детей 6 и 9 лет, доход средний"
                : "34, married, two children aged 6 and 9, middle income",
            geographic: ru ? "Город-миллионник, спальный район" : "A big city, a residential district",
            behavioural: ru
                ? "Смотрит по вечерам и в выходные всей семьёй; решает, платить ли"
                : "Watches in the evenings and at weekends with the family; decides whether to pay",
            psychographic: ru
                ? "Ценит спокойный семейный вечер и безопасный контент для детей"
                : "Values a calm family evening and content that is safe for children",
            goals: ru ? "Быстро найти фильм, который понравится всем" : "Quickly find a film everybody will like",
            needs: ru
                ? "Детский профиль, мультфильмы, просмотр на планшете" : "A children's profile, cartoons, watching on a tablet",
            pains: ru
                ? "Долгий выбор, навязчивые звонки, сложная оплата" : "Choosing takes long, intrusive calls, complicated payment",
            quote: ru
                ? "«Хочу, чтобы вечером никто не спорил, что смотреть»" : "“I want nobody to argue about what to watch tonight”")
        let single = Persona(
            id: PersonaID("maks"), name: ru ? "Макс, 24 года" : "Max, 24",
            segment: ru ? "Молодые мужчины без семьи" : "Single young men",
            sociodemographic: ru
                ? "24 года, не женат, программист, доход выше среднего" : "24, single, a programmer, above-average income",
            geographic: ru ? "Снимает квартиру в центре" : "Rents a flat in the centre",
            behavioural: ru
                ? "Смотрит сериалы один, поздно вечером, часто на телефоне"
                : "Watches series alone, late at night, often on the phone",
            psychographic: ru ? "Следит за новинками, доверяет блогерам" : "Follows new releases, trusts bloggers",
            goals: ru ? "Смотреть новые сериалы в день выхода" : "Watch new series on the day they come out",
            needs: ru ? "Собственные сериалы сервиса, оригинальная озвучка" : "The service's own series, the original soundtrack",
            pains: ru ? "Нужного сериала нет в библиотеке" : "The series he wants is not in the library",
            quote: ru
                ? "«Друзья уже обсуждают серию, а я ещё не видел»"
                : "“My friends already discuss the episode and I haven't seen it”")
        var families = cinema(lang)
        families.id = MapID("families")
        families.title = ru ? "Онлайн-кинотеатр: семьи с детьми" : "Online cinema: families with children"
        families.segment = family.segment
        families.personas = [family.id]
        var singles = cinema(lang)
        singles.id = MapID("singles")
        singles.title = ru ? "Онлайн-кинотеатр: молодые мужчины без семьи" : "Online cinema: single young men"
        singles.segment = single.segment
        singles.personas = [single.id]
        let familyScores = [0, 1, -1, -2, 1]
        let singleScores = [1, 2, 0, -1, 0]
        for j in families.stages.indices {
            families.stages[j].emotion = nil
            families.stages[j].emotions = [family.id: familyScores[j]]
            singles.stages[j].emotion = nil
            singles.stages[j].emotions = [single.id: singleScores[j]]
        }
        let stageIDs = families.stages.map(\.id)
        func setLane(_ map: inout JourneyMap, _ kind: LaneKind, _ content: LaneContent, _ cells: [String]) {
            guard let l = map.lanes.firstIndex(where: { $0.kind == kind }) else { return }
            map.lanes[l].content = content
            map.lanes[l].cells = [:]
            for (j, text) in cells.enumerated() where !text.isEmpty { map.lanes[l].cells[stageIDs[j]] = text }
        }
        let ch = ru ? Workspace.defaultChannelsRussian : Workspace.defaultChannels
        // Channel tags come from the palette: search engines 0, search ads 1, social ads 2,
        // friends 3, bloggers 4, social networks 5, email 7, outdoor 8, audio 9, call centre 11, website 12, app 13.
        func tags(_ i: [Int]) -> String { i.map { ch[$0] }.joined(separator: "\n") }
        setLane(
            &families, .touchpoints, .channels,
            [tags([8, 9, 5]), tags([3, 1]), tags([0, 2, 3]), tags([12, 13]), tags([7, 11])])
        setLane(&singles, .touchpoints, .channels, [tags([5]), tags([4, 2]), tags([0, 4]), tags([13]), tags([7, 5])])
        setLane(
            &families, .barriers, .list,
            ru
                ? [
                    "Нет рекламы продукта\nКлиент забыл о сервисе через несколько дней", "Навязчивая реклама\nЧастые звонки",
                    "Выбор между Okko и Netflix", "Сложная форма заказа\nНет привычных способов оплаты", "Негативные отзывы",
                ]
                : [
                    "No advertising\nThe customer forgot us in a few days", "Intrusive ads\nFrequent calls", "Okko or Netflix?",
                    "A complicated order form\nNo familiar payment", "Negative reviews",
                ])
        let metricNames =
            ru
            ? ["Частотность запросов", "CTR", "Среднее время на сайте", "Конверсия в подписку", "Повторные посещения"]
            : ["Search frequency", "CTR", "Average time on site", "Conversion to subscription", "Repeat visits"]
        let units = ru ? ["в мес.", "%", "мин", "%", "%"] : ["a month", "%", "min", "%", "%"]
        setLane(
            &families, .metrics, .metrics,
            (0..<5).map { "\(metricNames[$0]) = \(["12000", "2.4", "3.5", "4.1", "38"][$0]) \(units[$0])" })
        setLane(
            &singles, .metrics, .metrics,
            (0..<5).map { "\(metricNames[$0]) = \(["8500", "3.1", "6", "5.2", "44"][$0]) \(units[$0])" })
        if let t = singles.lanes.firstIndex(where: { $0.kind == .thoughts }) {
            singles.lanes[t].cells[stageIDs[0]] = ru ? "Что посмотреть одному после работы?" : "What to watch alone after work?"
            singles.lanes[t].cells[stageIDs[1]] = ru ? "Блогер хвалит новый сериал" : "A blogger praises a new series"
        }
        return Workspace(channels: ch, personas: [family, single], maps: [families, singles])
    }

    // MARK: Five stages (002_…)

    static func fiveStage(_ lang: LaneNames) -> JourneyMap {
        if isRussian(lang) {
            return build(
                lang, title: "Путь клиента в пять этапов",
                goal: "Найти, на каких этапах у клиента возникают трудности, и улучшить пользовательский опыт",
                stages: [
                    ("awareness", "Осмысление", nil), ("evaluation", "Оценка", nil), ("deal", "Сделка", nil),
                    ("experience", "Пользовательский опыт", nil), ("trigger", "Триггер", nil),
                ],
                rows: [
                    .thoughts: [
                        "Это решение мне действительно нужно?", "Чем это лучше других возможностей?",
                        "Как именно пройдёт сделка?",
                        "Получил ли я то, что ожидал?", "Что напоминает мне о продукте?",
                    ],
                    .opportunities: [
                        "Информировать: донести, чем наше решение лучше", "Выделить ключевые особенности и ценности; бренд",
                        "Без навязанного апсейла", "Превзойти ожидания; научить пользоваться; не заставлять думать",
                        "Инструментальные и продуктовые триггеры",
                    ],
                ])
        }
        return build(
            lang, title: "A five-stage customer journey",
            goal: "Find where the customer struggles and improve the experience",
            stages: [
                ("awareness", "Awareness", nil), ("evaluation", "Evaluation", nil), ("deal", "Deal", nil),
                ("experience", "Customer experience", nil), ("trigger", "Trigger", nil),
            ],
            rows: [
                .thoughts: [
                    "Is this solution what I really need?", "How is it better than the alternatives?",
                    "How exactly will the deal go?",
                    "Did I get what I expected?", "What reminds me of the product?",
                ],
                .opportunities: [
                    "Inform: explain why our solution is better", "Stress the key features and values; the brand",
                    "No pushy upsell", "Exceed expectations; teach how to use it; never make the customer think",
                    "Instrumental and product triggers",
                ],
            ])
    }

    static func blank(_ lang: LaneNames) -> JourneyMap {
        let ru = isRussian(lang)
        return build(
            lang, title: ru ? "Новая карта пути клиента" : "New customer journey map", goal: "",
            stages: (1...3).map { ("stage-\($0)", (ru ? "Этап " : "Stage ") + "\($0)", nil) }, rows: [:])
    }
}
