import Hummingbird
import ZhiliCore
import ZhiliStore

/// The comparison page: one indicator and one kind of value (levels, changes, rates or targets)
/// across the 12 leagues and cities as a table, a bar chart and a map, every value linking to the
/// sentence it was read from; the chart marks falls and rises.
enum ComparePage {
    /// Renders the indicator picker and, when an indicator is chosen, its comparison.
    static func response(_ query: QueryParameters, state: ServerState) async throws -> Response {
        var values: [String: Any] = ["navCompare": true]
        let indicators = try await storeCall { try await state.store.indicators() }
        let request: CompareRequest?
        do {
            request = try APIRoutes.compareRequest(query, required: false).map {
                CompareRequest(
                    indicator: $0.indicator, level: .prefecture, within: nil, years: $0.years, kind: $0.kind,
                    selection: $0.selection, rollup: $0.rollup)
            }
        } catch let error as APIError {
            values["error"] = error.message
            values["indicators"] = options(indicators, selected: nil)
            values["kinds"] = kindOptions(selected: nil)
            return state.pages.page("compare", values, status: error.status)
        }
        values["indicators"] = options(indicators, selected: request?.indicator)
        values["kinds"] = kindOptions(selected: request?.kind)
        values["year"] = request?.years.map(yearText) ?? ""
        values["all"] = request?.selection == .all
        guard let request else { return state.pages.page("compare", values) }

        let comparison: Comparison
        do {
            comparison = try await storeCall { try await state.store.compare(request) }
        } catch let error as APIError {
            values["error"] = error.message
            return state.pages.page("compare", values, status: error.status)
        }
        values["indicators"] = options(indicators, selected: comparison.indicator.id)
        values["kinds"] = kindOptions(selected: comparison.kind)
        let indicator = comparison.indicator
        let name = indicator.label.map { "\($0)（\(indicator.id)）" } ?? indicator.id
        let kindName = kindNames[comparison.kind] ?? comparison.kind.rawValue
        values["compared"] = true
        values["indicatorName"] = name
        values["kindName"] = kindName
        values["isChange"] = comparison.kind == .change
        values["rows"] = tableRows(comparison)
        let data = chartData(comparison, state: state)
        let yearNote = request.years.map { " · \(yearText($0))年" } ?? ""
        values["chartSVG"] = BarChart.svg(data, title: "\(name)·\(kindName)：12个盟市\(yearNote)", signed: comparison.kind == .change)
        // The map sizes circles by magnitude: a fall of 30% draws as large as a rise of 30%.
        let magnitudes = data.map { datum in
            var datum = datum
            datum.value = datum.value.map(abs)
            return datum
        }
        values["mapSVG"] = RegionMap.svg(magnitudes, regions: state.regions, title: "\(name)·\(kindName)：内蒙古地图\(yearNote)")
        values["summary"] = summary(comparison)
        let notes = notes(comparison)
        values["notes"] = notes
        values["hasNotes"] = !notes.isEmpty
        return state.pages.page("compare", values)
    }

    /// Chinese names of the kinds of value.
    static let kindNames: [FigureRole: String] = [.level: "数量", .change: "增减变化", .rate: "比率", .target: "目标"]

    /// `2022` or `2021..2023`.
    static func yearText(_ years: ClosedRange<Int>) -> String {
        years.lowerBound == years.upperBound ? String(years.lowerBound) : "\(years.lowerBound)..\(years.upperBound)"
    }

    /// One table row per value, then one per region without a value, in region-code order.
    static func tableRows(_ comparison: Comparison) -> [[String: Any]] {
        var rows: [(code: String, values: [String: Any])] = comparison.rows.map { row in
            (row.region.code, [
                "region": row.region.name, "reportedBy": row.reportedBy?.name ?? "", "hasReportedBy": row.reportedBy != nil,
                "value": row.label, "text": row.text, "change": row.change.map { "\($0.mark) \($0.rawValue)" } ?? "",
                "changeClass": row.change == .下降 ? "fall" : row.change == .上升 ? "rise" : "",
                "valueClass": row.change == .下降 ? "num fall" : row.change == .上升 ? "num rise" : "num",
                "basis": row.basis?.rawValue ?? "", "metric": row.metric ?? "",
                "year": row.year.map(String.init) ?? "—", "title": row.title ?? "（无标题）", "articleID": row.articleID,
                "href": ArticleView.figureLink(articleID: row.articleID, start: row.start), "sentence": row.sentence,
            ])
        }
        rows += comparison.missing.map { region in
            (region.code, ["region": region.name, "missing": true])
        }
        return rows.enumerated().sorted { ($0.element.code, $0.offset) < ($1.element.code, $1.offset) }.map(\.element.values)
    }

    /// One bar per league and city: its most recent value (the first row of the region), signed
    /// for a change (a fall below zero), labelled with its direction and basis (`同比↓31.7%`).
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
            var label = row.label + (row.year.map { " (\($0))" } ?? "")
            if let reportedBy = row.reportedBy { label += " ← \(reportedBy.name)" }
            if let more = count[node.code], more > 1 { label += " +\(more - 1)" }
            return ChartDatum(
                region: node.name, code: node.code, value: row.signedValue, label: label,
                href: ArticleView.figureLink(articleID: row.articleID, start: row.start), sentence: row.sentence)
        }
    }

    /// `N 个数值，M 个盟市有数据，K 个无数据`.
    static func summary(_ comparison: Comparison) -> String {
        let regions = Set(comparison.rows.map(\.region.code)).count
        return "\(comparison.rows.count) 个数值，\(regions) 个盟市有数据，\(comparison.missing.count) 个无数据"
    }

    /// What the page leaves out or shows through counties, one sentence each.
    static func notes(_ comparison: Comparison) -> [String] {
        var notes: [String] = []
        let names = Dictionary(comparison.rows.map { ($0.region.code, $0.region.name) }, uniquingKeysWith: { first, _ in first })
        for (code, count) in comparison.reportedBelow.sorted(by: { $0.key < $1.key }) {
            notes.append("\(names[code] ?? code)：本级无数据，来自 \(count) 个旗县区的报道 from \(count) county report\(count == 1 ? "" : "s")")
        }
        for rollup in comparison.rollups {
            if let value = rollup.value {
                notes.append("\(rollup.region.name)：全部 \(rollup.counties) 个旗县区合计 \(ComparisonRow.format(value))\(rollup.unit ?? "") sum of all counties")
            } else {
                notes.append("\(rollup.region.name)：\(rollup.counties) 个旗县区中 \(rollup.reporting) 个有数据，不合计 no sum")
            }
        }
        if comparison.undatedLeftOut > 0 {
            notes.append("\(comparison.undatedLeftOut) 个无年份的数值未列入 undated values left out")
        }
        if comparison.aboveLevel > 0 {
            notes.append("另有 \(comparison.aboveLevel) 个关于\(comparison.within.name)全区的数值，不属于任何盟市 values about the whole region")
        }
        for kind in FigureRole.allCases {
            if let count = comparison.otherKinds[kind] {
                notes.append("另有 \(count) 个\(kindNames[kind] ?? kind.rawValue)数值，选“\(kindNames[kind] ?? kind.rawValue)”查看 (\(kind.rawValue))")
            }
        }
        if comparison.kind == .change {
            notes.append("地图圆圈面积表示增减幅度，升降见条形图 The map sizes circles by the size of each change; the chart shows its direction")
        }
        let omitted = comparison.omitted.values.reduce(0, +)
        if omitted > 0 && comparison.selection != .all {
            notes.append("每个盟市只列最新数值，另有 \(omitted) 个较早或同年的数值，勾选“全部数值”查看")
        }
        return notes
    }

    /// Indicator options with counts, `selected` (an id) marked.
    static func options(_ indicators: [IndicatorSummary], selected: String?) -> [[String: Any]] {
        indicators.map { indicator in
            [
                "id": indicator.id, "label": indicator.label ?? "", "hasLabel": indicator.label != nil,
                "unit": indicator.unit ?? "", "figures": indicator.figureCount, "articles": indicator.articleCount,
                "selected": indicator.id == selected || indicator.label == selected,
            ]
        }
    }

    /// The kinds of value as options; none selected means the indicator's own.
    static func kindOptions(selected: FigureRole?) -> [[String: Any]] {
        FigureRole.allCases.map { kind in
            ["value": kind.rawValue, "name": kindNames[kind] ?? kind.rawValue, "selected": kind == selected]
        }
    }
}
