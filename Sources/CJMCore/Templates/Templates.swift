/// The built-in maps that `cjm new --template` starts from.
public struct Template: Sendable {
    public var name: String
    public var summary: String
    public var map: JourneyMap
}

public enum Templates {
    /// What `cjm` with no file creates in the current folder.
    public static let defaultName = "cinema"
    public static let defaultFileName = "journey.cjm.json"

    public static let all: [Template] = [
        Template(name: "cinema", summary: "Online cinema subscription: need → return, filled in (English)", map: cinema(english)),
        Template(
            name: "cinema-ru", summary: "Онлайн-кинотеатр: от потребности до возвращения, заполнено (русский)",
            map: cinema(russian)),
        Template(
            name: "five-stage", summary: "Awareness, evaluation, deal, experience, trigger (English)", map: fiveStage(english)),
        Template(name: "five-stage-ru", summary: "Осмысление, оценка, сделка, опыт, триггер (русский)", map: fiveStage(russian)),
        Template(name: "blank", summary: "Three empty stages and the method's six lanes (English)", map: blank(english)),
        Template(name: "blank-ru", summary: "Три пустых этапа и шесть строк метода (русский)", map: blank(russian)),
    ]

    public static func named(_ name: String) -> Template? { all.first { $0.name == name } }

    // MARK: Lanes shared by the templates

    struct Language: Sendable {
        var lanes: [(LaneKind, String)]
    }

    static let english = Language(lanes: [
        (.thoughts, "Thoughts"), (.actions, "Actions"), (.touchpoints, "Touchpoints"),
        (.barriers, "Barriers"), (.opportunities, "Opportunities"), (.metrics, "Metrics"),
    ])
    static let russian = Language(lanes: [
        (.thoughts, "Мысли"), (.actions, "Действия"), (.touchpoints, "Точки касания"),
        (.barriers, "Барьеры"), (.opportunities, "Возможности"), (.metrics, "Метрики"),
    ])

    static func isRussian(_ l: Language) -> Bool { l.lanes[0].1 == "Мысли" }

    /// Builds a map from stage (id, name, score) and rows of cell text in lane order.
    static func build(
        _ lang: Language, title: String, goal: String, stages: [(String, String, Int?)], rows: [LaneKind: [String]]
    ) -> JourneyMap {
        var map = JourneyMap(title: title, goal: goal)
        map.stages = stages.map { Stage(id: StageID($0.0), name: $0.1, emotion: $0.2) }
        for (kind, title) in lang.lanes {
            var lane = Lane(id: LaneID(kind.rawValue), title: title, kind: kind)
            for (i, text) in (rows[kind] ?? []).enumerated() where i < stages.count && !text.isEmpty {
                lane.cells[StageID(stages[i].0)] = text
            }
            map.lanes.append(lane)
        }
        return map
    }

    // MARK: The online cinema (000_…: the article's worked example)

    static func cinema(_ lang: Language) -> JourneyMap {
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
                    .touchpoints: [
                        "Наружная реклама, аудиореклама, социальные сети",
                        "Рекомендации друзей или блогеров, реклама на поиске или в сетях",
                        "Поисковые системы, реклама в интернете, рекомендации друзей", "Сайт, мобильное приложение",
                        "Email рассылка, социальные сети",
                    ],
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
                .touchpoints: [
                    "Outdoor ads, audio ads, social networks", "Friends' or bloggers' recommendations, search and social ads",
                    "Search engines, online ads, friends' recommendations", "Website, mobile app", "Email, social networks",
                ],
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

    // MARK: Five stages (002_…)

    static func fiveStage(_ lang: Language) -> JourneyMap {
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

    static func blank(_ lang: Language) -> JourneyMap {
        let ru = isRussian(lang)
        return build(
            lang, title: ru ? "Новая карта пути клиента" : "New customer journey map", goal: "",
            stages: (1...3).map { ("stage-\($0)", (ru ? "Этап " : "Stage ") + "\($0)", nil) }, rows: [:])
    }
}
