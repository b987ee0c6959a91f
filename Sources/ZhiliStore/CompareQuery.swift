import GRDB
import ZhiliCore
import ZhiliExtract

/// One indicator across the divisions of one level below a region, every value with its source.
struct CompareQuery {
    let db: Database
    let request: CompareRequest
    let withinCode: String
    let regions: RegionTable

    func run() throws -> Comparison {
        guard let summary = try IndicatorQuery.summary(db, id: request.indicator) else {
            throw StoreError.invalidQuery("unknown indicator '\(request.indicator)'; `zhili indicators` lists the ids in this index")
        }
        let within = regions.region(code: withinCode)?.ref ?? RegionRef(name: withinCode, code: withinCode)
        let divisions = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.code, r.name FROM region_tree t JOIN regions r ON r.code = t.code
            WHERE t.ancestor = ? AND r.level = ? ORDER BY r.code
            """), arguments: [withinCode, request.level.rawValue])
            .map { RegionRef(name: $0["name"], code: $0["code"]) }

        // Per division: how many values, then the newest few with their sources; both walk the
        // (indicator, region, year, article) index. A cluster of copies counts once: only its
        // representative's figures are read.
        let yearCondition = request.year == nil ? "" : " AND f.period_year = ?"
        let yearArguments: [(any DatabaseValueConvertible)?] = request.year.map { [$0] } ?? []
        let perRegion = request.rowsPerRegion <= 0 ? Int(Int32.max) : request.rowsPerRegion
        var rows: [ComparisonRow] = []
        var missing: [RegionRef] = []
        var omitted: [String: Int] = [:]
        for division in divisions {
            let base: [(any DatabaseValueConvertible)?] = [request.indicator, division.code]
            let count = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM figures f JOIN articles a ON a.key = f.article
                WHERE f.indicator = ? AND f.region_code = ?\(yearCondition) AND a.duplicate_of IS NULL
                """), arguments: StatementArguments(base + yearArguments)) ?? 0
            guard count > 0 else {
                missing.append(division)
                continue
            }
            if count > perRegion { omitted[division.code] = count - perRegion }
            rows += try Row.fetchAll(db.cachedStatement(sql: """
                SELECT f.value, f.value_max, f.unit, f.qualifier, f.period_year, f.text, a.id, a.title, a.date, f.sentence, f.start, f."end"
                FROM figures f JOIN articles a ON a.key = f.article
                WHERE f.indicator = ? AND f.region_code = ?\(yearCondition) AND a.duplicate_of IS NULL
                ORDER BY f.period_year DESC, f.article DESC LIMIT ?
                """), arguments: StatementArguments(base + yearArguments + [perRegion]))
                .map { row in
                    ComparisonRow(
                        region: division, value: row["value"], valueMax: row["value_max"], unit: row["unit"],
                        qualifier: row["qualifier"], year: row["period_year"], text: row["text"], articleID: row["id"],
                        title: row["title"], date: row["date"], sentence: row["sentence"], start: row["start"], end: row["end"])
                }
        }
        return Comparison(
            indicator: summary, level: request.level, within: within, year: request.year,
            rows: rows, missing: missing, omitted: omitted)
    }
}

/// Reads the indicator catalog.
enum IndicatorQuery {
    /// Every indicator with at least one figure, most reported first.
    static func all(_ db: Database) throws -> [IndicatorSummary] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM indicators WHERE figure_count > 0 ORDER BY figure_count DESC, id
            """)).map(summary)
    }

    /// The indicator `id`, or nil when it was never reported.
    static func summary(_ db: Database, id: String) throws -> IndicatorSummary? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM indicators WHERE id = ? AND figure_count > 0"), arguments: [id]).map(summary)
    }

    private static func summary(_ row: Row) -> IndicatorSummary {
        IndicatorSummary(
            id: row["id"], label: row["label"], unit: row["unit"],
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
