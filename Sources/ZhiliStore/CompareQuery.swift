import GRDB
import ZhiliCore
import ZhiliExtract

/// One indicator across the divisions of one level below a region: fetches the indicator's figures
/// located in the region (representatives of clusters of copies only) and leaves grouping and
/// choosing to ``ComparisonBuilder``.
struct CompareQuery {
    let db: Database
    let request: CompareRequest
    let withinCode: String
    let regions: RegionTable
    let indicators: IndicatorTable

    func run() throws -> Comparison {
        guard let summary = try IndicatorQuery.summary(db, name: request.indicator, table: indicators) else {
            throw StoreError.invalidQuery(
                "unknown indicator '\(request.indicator)'; `zhili indicators` lists the ids and labels in this index")
        }
        let indicator = indicators.indicator(id: summary.id)
            ?? Indicator(id: summary.id, label: summary.label ?? summary.id, unit: summary.unit ?? "", patterns: [])
        let within = regions.region(code: withinCode)?.ref ?? RegionRef(name: withinCode, code: withinCode)
        let candidates = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT f.*, a.id AS article_id, a.title AS article_title, a.date AS article_date
            FROM figures f
            JOIN region_tree t ON t.code = f.region_code AND t.ancestor = ?
            JOIN articles a ON a.key = f.article
            WHERE f.indicator = ? AND a.duplicate_of IS NULL
            """), arguments: [withinCode, summary.id])
            .map { row -> ComparisonCandidate in
                var figure = RecordReader.figure(row)
                if figure.year == nil, let year: Int = row["period_year"] { figure.year = year }
                return ComparisonCandidate(
                    region: figure.region ?? within, figure: figure,
                    articleID: row["article_id"], title: row["article_title"], date: row["article_date"])
            }
        let builder = ComparisonBuilder(
            request: request, indicator: indicator, counts: (summary.figureCount, summary.articleCount),
            within: within, regions: regions)
        return builder.build(candidates)
    }
}

/// Reads the indicator catalog: counts from the index, Chinese labels and units from the indicator table.
enum IndicatorQuery {
    /// Every indicator with at least one figure, most reported first.
    static func all(_ db: Database, table: IndicatorTable) throws -> [IndicatorSummary] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM indicators WHERE figure_count > 0 ORDER BY figure_count DESC, id
            """)).map { summary($0, table: table) }
    }

    /// The indicator whose id or Chinese label is `name`, or nil when it was never reported.
    static func summary(_ db: Database, name: String, table: IndicatorTable) throws -> IndicatorSummary? {
        let id = table.indicator(named: name)?.id ?? name
        return try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM indicators WHERE id = ? AND figure_count > 0"), arguments: [id])
            .map { summary($0, table: table) }
    }

    private static func summary(_ row: Row, table: IndicatorTable) -> IndicatorSummary {
        let id: String = row["id"]
        let known = table.indicator(id: id)
        return IndicatorSummary(
            id: id, label: known?.label ?? row["label"], unit: known?.unit ?? row["unit"],
            figureCount: row["figure_count"], articleCount: row["article_count"])
    }
}

/// Builds the division tree for a picker, with article counts from `region_articles`.
package struct RegionTreeQuery {
    let db: Database
    let regions: RegionTable

    func tree(under code: String) throws -> RegionNode {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT ra.code, count(*) AS n FROM region_tree t JOIN region_articles ra ON ra.code = t.code
            WHERE t.ancestor = ? GROUP BY ra.code
            """), arguments: [code]) {
            counts[row["code"]] = row["n"]
        }
        return Self.node(code, counts: counts, regions: regions)
    }

    /// The tree below `code` from the division table, with the article count of each division in `counts`.
    package static func node(_ code: String, counts: [String: Int], regions: RegionTable) -> RegionNode {
        let region = regions.region(code: code)
        let children = (regions.children[code] ?? []).sorted().map { node($0, counts: counts, regions: regions) }
        return RegionNode(
            code: code, name: region?.name ?? code, level: region?.level ?? .county,
            longitude: region?.longitude ?? 0, latitude: region?.latitude ?? 0,
            articleCount: counts[code] ?? 0, children: children)
    }
}
