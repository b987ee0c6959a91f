import Hummingbird
import ZhiliStore

/// The home page: the search form (query, league or city, county, years) and ranked results.
///
/// A plain GET form, so searching works without JavaScript; the script only narrows the county list.
enum SearchPage {
    /// Results per page.
    static let pageSize = 20

    /// Renders the form and, when a query or filter is given, one page of results.
    static func response(_ query: QueryParameters, state: ServerState) async throws -> Response {
        var values: [String: Any] = ["navSearch": true, "maxQueryLength": state.configuration.maxQueryLength]
        var text: String?, region: String?, county: String?, from: Int?, to: Int?, page = 1
        do {
            text = try query.string("q", maxLength: state.configuration.maxQueryLength)
            region = try regionCode(query, "region", state: state)
            county = try regionCode(query, "county", state: state)
            from = try query.int("from", in: 1900...2100)
            to = try query.int("to", in: 1900...2100)
            page = try query.int("page", in: 1...(SearchRequest.maximumOffset / pageSize), default: 1)!
            if let from, let to, from > to { throw APIError.badParameter("from", "year \(from) is after \(to)") }
        } catch let error as APIError {
            values["error"] = error.message
            fillForm(&values, text: text, region: region, county: county, from: from, to: to, state: state)
            return state.pages.page("search", values, status: error.status)
        }
        fillForm(&values, text: text, region: region, county: county, from: from, to: to, state: state)

        var years: ClosedRange<Int>?
        if from != nil || to != nil { years = (from ?? 1900)...(to ?? 2100) }
        let filters = SearchFilters(region: county ?? region, years: years)
        guard text != nil || !filters.isEmpty else { return state.pages.page("search", values) }

        let request = SearchRequest(query: text ?? "", filters: filters, limit: pageSize, offset: (page - 1) * pageSize)
        let results: SearchResults
        do {
            results = try await storeCall { try await state.store.search(request) }
        } catch let error as APIError {
            values["error"] = error.message
            return state.pages.page("search", values, status: error.status)
        }
        values["searched"] = true
        values["firstRank"] = request.offset + 1
        let last = request.offset + results.hits.count
        var summary = results.total == 0 ? "没有找到结果 No results" : "共 \(results.total) 篇，第 \(request.offset + 1)–\(last) 篇 · \(results.total) results"
        if let name = results.region?.name { summary += " · 地区 \(name)" }
        if let years { summary += " · \(years.lowerBound)–\(years.upperBound)" }
        values["summary"] = summary
        values["results"] = results.hits.map(hit)
        var link = [("q", text), ("region", region), ("county", county), ("from", from.map(String.init)), ("to", to.map(String.init))]
        if page > 1 { values["prevHref"] = href(link + [("page", String(page - 1))]) }
        if last < results.total {
            link.append(("page", String(page + 1)))
            values["nextHref"] = href(link)
        }
        return state.pages.page("search", values)
    }

    /// One result for the template; the snippet and title are escaped HTML with matches marked.
    static func hit(_ hit: SearchHit) -> [String: Any] {
        let snippet = hit.snippet
        var snippetHTML = HighlightedText.marked(snippet.text, ranges: snippet.highlights.map { ($0.start, $0.end) })
        if snippet.truncatedStart { snippetHTML = "…" + snippetHTML }
        if snippet.truncatedEnd { snippetHTML += "…" }
        let matched = Set(hit.matchedPrograms)
        let programs = hit.matchedPrograms + hit.programs.filter { !matched.contains($0) }
        var values: [String: Any] = [
            "id": HTML.urlComponent(hit.articleID),
            "titleHTML": HighlightedText.marked(hit.title ?? "（无标题）", ranges: hit.titleHighlights.map { ($0.start, $0.end) }),
            "snippetHTML": snippetHTML,
            "regions": hit.regions.map(\.name),
            "programs": programs.prefix(8).map { ["name": $0, "href": HTML.urlComponent($0), "matched": matched.contains($0)] as [String: Any] },
        ]
        if let date = hit.date { values["date"] = String(date.prefix(10)) }
        if let outlet = hit.outlet { values["outlet"] = outlet }
        if hit.copies > 0 { values["copies"] = "另见 \(hit.copies) 个网站 (also on \(hit.copies) site\(hit.copies == 1 ? "" : "s"))" }
        return values
    }

    /// A region code from the picker: empty means none; anything but a known code is a 400.
    static func regionCode(_ query: QueryParameters, _ name: String, state: ServerState) throws -> String? {
        guard let code = try query.string(name, maxLength: 12) else { return nil }
        guard state.regions.region(code: code) != nil else { throw APIError.badParameter(name, "unknown region code '\(code)'") }
        return code
    }

    /// The form's current values and the region picker's options.
    static func fillForm(_ values: inout [String: Any], text: String?, region: String?, county: String?, from: Int?, to: Int?, state: ServerState) {
        values["q"] = text ?? ""
        values["hasQuery"] = text != nil
        values["from"] = from.map(String.init) ?? ""
        values["to"] = to.map(String.init) ?? ""
        values["prefectures"] = state.prefectures.map { node -> [String: Any] in
            ["code": node.code, "name": node.name, "count": node.articleCount, "selected": node.code == region]
        }
        values["countyGroups"] = state.prefectures.map { node -> [String: Any] in
            ["code": node.code, "name": node.name,
             "counties": node.children.map { child -> [String: Any] in
                 ["code": child.code, "name": child.name, "count": child.articleCount, "selected": child.code == county]
             }]
        }
    }

    /// `/?name=value&…` for the non-empty pairs.
    static func href(_ pairs: [(String, String?)]) -> String {
        "/?" + pairs.compactMap { name, value in value.map { "\(name)=\(HTML.urlComponent($0))" } }.joined(separator: "&")
    }
}
