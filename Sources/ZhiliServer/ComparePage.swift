import Hummingbird
import ZhiliStore

/// The comparison page: one indicator across the 12 leagues and cities as a table, a bar chart and a
/// map, every value linking to the sentence it was read from.
enum ComparePage {
    /// Renders the indicator picker and, when an indicator is chosen, its comparison.
    static func response(_ query: QueryParameters, state: ServerState) async throws -> Response {
        var values: [String: Any] = ["navCompare": true]
        let indicators = try await storeCall { try await state.store.indicators() }
        let request: CompareRequest?
        do {
            request = try APIRoutes.compareRequest(query, required: false).map {
                CompareRequest(indicator: $0.indicator, level: .prefecture, within: nil, year: $0.year)
            }
        } catch let error as APIError {
            values["error"] = error.message
            values["indicators"] = options(indicators, selected: nil)
            return state.pages.page("compare", values, status: error.status)
        }
        values["indicators"] = options(indicators, selected: request?.indicator)
        values["year"] = request?.year.map(String.init) ?? ""
        guard let request else { return state.pages.page("compare", values) }

        let comparison: Comparison
        do {
            comparison = try await storeCall { try await state.store.compare(request) }
        } catch let error as APIError {
            values["error"] = error.message
            return state.pages.page("compare", values, status: error.status)
        }
        let name = comparison.indicator.label.map { "\($0)（\(comparison.indicator.id)）" } ?? comparison.indicator.id
        values["compared"] = true
        values["indicatorName"] = name
        values["rows"] = tableRows(comparison, state: state)
        let data = chartData(comparison, state: state)
        let yearNote = request.year.map { " · \($0)年" } ?? ""
        values["chartSVG"] = BarChart.svg(data, title: "\(name)：12个盟市\(yearNote)")
        values["mapSVG"] = RegionMap.svg(data, regions: state.regions, title: "\(name)：内蒙古地图\(yearNote)")
        values["summary"] = "\(comparison.rows.count) 个数值，\(Set(comparison.rows.map(\.region.code)).count) 个盟市有数据，\(comparison.missing.count) 个无数据"
        return state.pages.page("compare", values)
    }

    /// One table row per reported value, then one per region without a value, in region-code order.
    static func tableRows(_ comparison: Comparison, state: ServerState) -> [[String: Any]] {
        var rows: [(code: String, values: [String: Any])] = comparison.rows.map { row in
            (row.region.code, [
                "region": row.region.name, "value": format(row.value), "text": row.text,
                "year": row.year.map(String.init) ?? "—", "title": row.title ?? "（无标题）",
                "href": ArticleView.figureLink(articleID: row.articleID, start: row.start), "sentence": row.sentence,
            ])
        }
        rows += comparison.missing.map { region in
            (region.code, ["region": region.name, "missing": true])
        }
        return rows.enumerated().sorted { ($0.element.code, $0.offset) < ($1.element.code, $1.offset) }.map(\.element.values)
    }

    /// One bar per league and city: its most recent value (the store orders each region's rows newest first).
    static func chartData(_ comparison: Comparison, state: ServerState) -> [ChartDatum] {
        var first: [String: ComparisonRow] = [:]
        var count: [String: Int] = [:]
        for row in comparison.rows {
            if first[row.region.code] == nil { first[row.region.code] = row }
            count[row.region.code, default: 0] += 1
        }
        return state.prefectures.map { node in
            guard let row = first[node.code] else {
                return ChartDatum(region: node.name, code: node.code, value: nil, label: "", href: nil, sentence: nil)
            }
            var label = row.text + (row.year.map { " (\($0))" } ?? "")
            if let more = count[node.code], more > 1 { label += " +\(more - 1)" }
            return ChartDatum(
                region: node.name, code: node.code, value: row.value, label: label,
                href: ArticleView.figureLink(articleID: row.articleID, start: row.start), sentence: row.sentence)
        }
    }

    /// Indicator options with counts, `selected` marked.
    static func options(_ indicators: [IndicatorSummary], selected: String?) -> [[String: Any]] {
        indicators.map { indicator in
            [
                "id": indicator.id, "label": indicator.label ?? "", "hasLabel": indicator.label != nil,
                "figures": indicator.figureCount, "articles": indicator.articleCount, "selected": indicator.id == selected,
            ]
        }
    }

    /// A value without a trailing `.0`.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
