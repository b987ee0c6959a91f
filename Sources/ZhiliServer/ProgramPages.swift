import Hummingbird
import ZhiliStore

/// The program list (`/programs?q=&region=`) and one program's page (`/programs/{name}`).
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
