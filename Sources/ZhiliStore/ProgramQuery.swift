import GRDB
import ZhiliCore
import ZhiliExtract

/// Groups program mentions by name, with their regions, years, articles and nearby figures.
///
/// A mention belongs to a region filter when its own region lies in the region's subtree, or, when
/// the extractor gave it no region, when its article is about the region.
struct ProgramQuery {
    let db: Database
    let request: ProgramsRequest
    let regionCode: String?
    let regions: RegionTable

    /// SQL condition on `pm` (a program_mentions row) for the region filter; binds the region code twice.
    private var mentionFilter: String {
        regionCode == nil ? "1" : """
            (pm.region_code IN (SELECT code FROM region_tree WHERE ancestor = ?)
             OR (pm.region_code IS NULL AND EXISTS (SELECT 1 FROM region_articles ra WHERE ra.code = ? AND ra.article = pm.article)))
            """
    }

    private var mentionArguments: [(any DatabaseValueConvertible)?] {
        regionCode.map { [$0, $0] } ?? []
    }

    func run() throws -> [ProgramGroup] {
        let query = request.query?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let limit = min(max(request.limit, 1), ProgramsRequest.maximumLimit)
        let nameFilter = query.isEmpty ? "1" : "instr(p.name, ?) > 0"
        let nameArguments: [(any DatabaseValueConvertible)?] = query.isEmpty ? [] : [query]
        let groups = try Row.fetchAll(db, sql: """
            SELECT p.key, p.name, count(DISTINCT pm.article) AS articles, count(*) AS mentions, min(a.date) AS first, max(a.date) AS last
            FROM program_mentions pm JOIN programs p ON p.key = pm.program JOIN articles a ON a.key = pm.article
            WHERE \(nameFilter) AND \(mentionFilter)
            GROUP BY p.key ORDER BY articles DESC, mentions DESC, p.name LIMIT ?
            """, arguments: StatementArguments(nameArguments + mentionArguments + [limit]))
        return try groups.map { row in
            let key: Int64 = row["key"]
            return ProgramGroup(
                name: row["name"], regions: try regionsOf(program: key), years: try yearsOf(program: key),
                articleCount: row["articles"], mentionCount: row["mentions"], firstSeen: row["first"], lastSeen: row["last"],
                articles: try articlesOf(program: key), figures: try figuresNear(program: key))
        }
    }

    private func regionsOf(program: Int64) throws -> [RegionRef] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT coalesce(pm.region_code, ar.code) AS code, coalesce(pm.region_name, ar.name) AS name, count(*) AS n
            FROM program_mentions pm LEFT JOIN article_regions ar ON ar.article = pm.article AND ar.rank = 0
            WHERE pm.program = ? AND \(mentionFilter)
            GROUP BY 1 HAVING code IS NOT NULL ORDER BY n DESC, code
            """, arguments: StatementArguments([program] + mentionArguments))
        return rows.map { RegionRef(name: $0["name"], code: $0["code"]) }
    }

    private func yearsOf(program: Int64) throws -> [Int] {
        try Int.fetchAll(db, sql: """
            SELECT DISTINCT a.year FROM program_mentions pm JOIN articles a ON a.key = pm.article
            WHERE pm.program = ? AND a.year IS NOT NULL AND \(mentionFilter) ORDER BY a.year
            """, arguments: StatementArguments([program] + mentionArguments))
    }

    private func articlesOf(program: Int64) throws -> [ArticleRef] {
        try Row.fetchAll(db, sql: """
            SELECT DISTINCT a.id, a.title, a.date, a.key FROM program_mentions pm JOIN articles a ON a.key = pm.article
            WHERE pm.program = ? AND \(mentionFilter) ORDER BY a.date DESC, a.key DESC LIMIT 20
            """, arguments: StatementArguments([program] + mentionArguments))
            .map { ArticleRef(id: $0["id"], title: $0["title"], date: $0["date"]) }
    }

    private func figuresNear(program: Int64) throws -> [ProgramFigure] {
        let limit = max(0, request.figuresPerProgram)
        guard limit > 0 else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.*, a.id AS article_id, min(CASE WHEN f.sentence = pm.sentence THEN 0 ELSE 1 END) AS distance
            FROM program_mentions pm
            JOIN figures f ON f.article = pm.article AND f.paragraph = pm.paragraph
            JOIN articles a ON a.key = pm.article
            WHERE pm.program = ? AND \(mentionFilter)
            GROUP BY f.article, f.ordinal
            ORDER BY distance, a.date DESC, f.article DESC, f.ordinal LIMIT ?
            """, arguments: StatementArguments([program] + mentionArguments + [limit]))
        return rows.map { row in
            ProgramFigure(
                figure: RecordReader.figure(row), proximity: (row["distance"] as Int) == 0 ? .sentence : .paragraph,
                articleID: row["article_id"])
        }
    }
}
