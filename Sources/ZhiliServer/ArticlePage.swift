import Hummingbird
import ZhiliCore

/// The article page: clean text with figures and programs marked, and lists of both beside it.
enum ArticlePage {
    /// Renders `view`; every piece of article text is escaped.
    static func response(_ view: ArticleView, state: ServerState) -> Response {
        let article = view.record.article
        var values: [String: Any] = [
            "title": article.title ?? "（无标题）",
            "textHTML": HighlightedText.html(text: article.text, spans: view.spans),
            "regions": view.record.regions.map(\.name),
            "figures": view.record.figures.map { figure -> [String: Any] in
                var item: [String: Any] = ["text": figure.text, "anchor": ArticleView.figureAnchor(start: figure.start)]
                if let label = figure.indicator ?? figure.metric { item["label"] = label }
                return item
            },
            "programs": uniqueNames(view.record.programs).map { name -> [String: Any] in
                ["name": name, "href": HTML.urlComponent(name)]
            },
            "source": article.source,
        ]
        if let subtitle = article.subtitle { values["subtitle"] = subtitle }
        var meta: [String] = []
        if let date = article.date { meta.append(date) }
        if let outlet = article.outlet { meta.append(outlet) }
        if !article.authors.isEmpty { meta.append(article.authors.joined(separator: "、")) }
        values["meta"] = meta.joined(separator: " · ")
        values["hasFigures"] = !view.record.figures.isEmpty
        values["hasPrograms"] = !view.record.programs.isEmpty
        return state.pages.page("article", values)
    }

    /// Program names in text order, each once.
    static func uniqueNames(_ mentions: [ProgramMention]) -> [String] {
        var seen = Set<String>()
        return mentions.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }
}
