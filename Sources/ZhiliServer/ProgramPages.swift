import Hummingbird
import ZhiliCore
import ZhiliStore

/// The program list (`/programs?q=&region=`), one program's page (`/programs/{name}`) and its
/// diffusion timeline (`/programs/{name}/timeline?until=`).
enum ProgramPages {
    /// Lists programs whose names contain `q`, optionally within a league or city.
    static func list(_ query: QueryParameters, state: ServerState) async throws -> Response {
        var values: [String: Any] = ["navPrograms": true]
        let text: String?, region: String?
        do {
            text = try query.string("q", maxLength: APIRoutes.maxNameLength)
            region = try SearchPage.regionCode(query, "region", state: state)
        } catch let error as APIError {
            values["error"] = error.message
            values["prefectures"] = prefectureOptions(selected: nil, state: state)
            return state.pages.page("programs", values, status: error.status)
        }
        values["q"] = text ?? ""
        values["prefectures"] = prefectureOptions(selected: region, state: state)
        let groups = try await storeCall {
            try await state.store.programs(ProgramsRequest(query: text, region: region, limit: 200, figuresPerProgram: 0))
        }
        values["summary"] = "\(groups.count) 个项目 programs"
        values["programs"] = groups.map { group -> [String: Any] in
            [
                "name": group.name, "href": HTML.urlComponent(group.name),
                "regions": group.regions.map(\.name), "years": years(group.years),
                "articleCount": group.articleCount, "firstSeen": group.firstSeen.map { String($0.prefix(10)) } ?? "",
                "lastSeen": group.lastSeen.map { String($0.prefix(10)) } ?? "",
            ]
        }
        return state.pages.page("programs", values)
    }

    /// One program: where and when it was reported, its articles and the figures near its mentions.
    static func detail(name: String?, state: ServerState) async throws -> Response {
        guard let name, !name.isEmpty, name.unicodeScalars.count <= APIRoutes.maxNameLength else {
            throw APIError.badParameter("name", "expected a program name of at most \(APIRoutes.maxNameLength) characters")
        }
        let groups = try await storeCall {
            try await state.store.programs(ProgramsRequest(query: name, limit: ProgramsRequest.maximumLimit, figuresPerProgram: 50))
        }
        guard let group = groups.first(where: { $0.name == name }) else { throw APIError.notFound("program '\(name)'") }
        let values: [String: Any] = [
            "navPrograms": true,
            "name": group.name,
            "timelineHref": "/programs/\(HTML.urlComponent(group.name))/timeline",
            "regions": group.regions.map(\.name),
            "years": years(group.years),
            "articleCount": group.articleCount,
            "mentionCount": group.mentionCount,
            "firstSeen": group.firstSeen.map { String($0.prefix(10)) } ?? "—",
            "lastSeen": group.lastSeen.map { String($0.prefix(10)) } ?? "—",
            "articles": group.articles.map { article -> [String: Any] in
                ["id": HTML.urlComponent(article.id), "title": article.title ?? "（无标题）", "date": article.date.map { String($0.prefix(10)) } ?? ""]
            },
            "hasFigures": !group.figures.isEmpty,
            "figures": group.figures.map { item -> [String: Any] in
                [
                    "text": item.figure.text, "label": item.figure.indicator ?? item.figure.metric ?? "",
                    "sentence": item.figure.sentence,
                    "proximity": item.proximity == .sentence ? "同句" : "同段",
                    "href": ArticleView.figureLink(articleID: item.articleID, start: item.figure.start),
                ]
            },
        ]
        return state.pages.page("program", values)
    }

    /// One program's diffusion: a map of first-mention years (as of the end of `until` when given),
    /// the first and latest mention per county, league or city and province, and text reuse.
    static func timeline(name: String?, query: QueryParameters, state: ServerState) async throws -> Response {
        guard let name, !name.isEmpty, name.unicodeScalars.count <= APIRoutes.maxNameLength else {
            throw APIError.badParameter("name", "expected a program name of at most \(APIRoutes.maxNameLength) characters")
        }
        let until = try query.int("until", in: 1900...2100)
        let timelines = try await storeCall {
            try await state.store.programTimelines(ProgramTimelineRequest(query: name, exactName: true, limit: 1))
        }
        guard let timeline = timelines.first else { throw APIError.notFound("program '\(name)'") }
        let programHref = "/programs/\(HTML.urlComponent(timeline.program))"
        let years = TimelineMap.years(of: timeline)
        var values: [String: Any] = [
            "navPrograms": true, "name": timeline.program, "programHref": programHref,
            "aliases": timeline.aliases.joined(separator: "、"), "hasAliases": !timeline.aliases.isEmpty,
            "datedArticles": timeline.datedArticles, "undatedArticles": timeline.undatedArticles,
            "hasUndated": timeline.undatedArticles > 0, "until": until.map(String.init) ?? "", "hasUntil": until != nil,
        ]
        if let years {
            var steps: [[String: Any]] = [["label": "全部 All", "href": programHref + "/timeline", "current": until == nil]]
            steps += years.map { year in
                ["label": String(year), "href": programHref + "/timeline?until=\(year)", "current": until == year]
            }
            values["steps"] = steps
            values["legend"] = Set(timeline.regions.filter { $0.level != .province }.map(\.first.year)).sorted().map { year in
                ["year": year, "class": TimelineMap.yearClass(year, in: years)]
            }
            let asOf = until.map { "（截至\($0)年底 as of the end of \($0)）" } ?? ""
            values["mapSVG"] = TimelineMap.svg(timeline, until: until, regions: state.regions, title: "\(timeline.program)：首次报道年份\(asOf)")
        }
        let levels: [(RegionLevel, String)] = [(.county, "旗县区 Banners, counties and districts"), (.prefecture, "盟市 Leagues and cities"), (.province, "省级 Provinces")]
        values["levels"] = levels.compactMap { level, title -> [String: Any]? in
            let entries = timeline.regions(at: level)
            guard !entries.isEmpty else { return nil }
            return [
                "title": title, "count": entries.count, "showLeague": level == .county,
                "rows": entries.map { entry -> [String: Any] in
                    [
                        "region": entry.region.name, "code": entry.region.code, "league": entry.prefecture?.name ?? "",
                        "showLeague": level == .county, "clusters": entry.clusters,
                        "class": years.map { TimelineMap.yearClass(entry.first.year, in: $0) } ?? "",
                        "first": articleCell(entry.first), "latest": articleCell(entry.latest),
                    ]
                },
            ]
        }
        values["hasReuse"] = !timeline.reuse.isEmpty
        values["reuse"] = timeline.reuse.map { link -> [String: Any] in
            ["source": articleCell(link.source), "target": articleCell(link.target)]
        }
        return state.pages.page("timeline", values)
    }

    /// A table cell's values for a timeline article: date, title, link and the region the mention
    /// came from (a county's, for a league's first mention reported by one of its banners).
    static func articleCell(_ article: TimelineArticle) -> [String: Any] {
        [
            "date": String(article.date.prefix(10)), "title": article.title ?? "（无标题）",
            "href": "/articles/" + HTML.urlComponent(article.id), "region": article.region.name,
        ]
    }

    /// `2021–2023` style years, or `2021, 2023`.
    static func years(_ years: [Int]) -> String {
        guard let first = years.first, let last = years.last else { return "—" }
        if years.count == last - first + 1 { return first == last ? "\(first)" : "\(first)–\(last)" }
        return years.map(String.init).joined(separator: ", ")
    }

    /// The league and city options, `selected` marked.
    static func prefectureOptions(selected: String?, state: ServerState) -> [[String: Any]] {
        state.prefectures.map { ["code": $0.code, "name": $0.name, "selected": $0.code == selected] }
    }
}
