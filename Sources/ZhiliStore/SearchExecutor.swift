import GRDB
import ZhiliCore
import ZhiliExtract

/// Runs a ``SearchPlan`` on one read connection: ranks with BM25 (title weighted), applies the
/// filters, then loads snippets, regions and programs for the page.
///
/// Ranking cost grows with the number of matches, so only the newest ``rankingWindow`` matches
/// (most recently indexed, filters applied) are scored: exact BM25 order whenever fewer articles
/// match, a recency-bounded ranking for very common words. Scores come from `zhili_rank`
/// (CZhiliSQLite), FTS5's BM25 with each phrase's document frequency read once from the vocabulary
/// table and remembered (``DocumentFrequencies``), where FTS5's own `bm25()` counts every match of
/// every phrase on each query.
struct SearchExecutor {
    /// Weight of a title match relative to a body match in BM25.
    static let titleWeight = 5.0
    /// The per-connection fts5vocab table over `article_fts` (see ``SQLiteStore/registerRanking(_:)``).
    static let vocabularyTable = "zhili_vocab"

    let db: Database
    let plan: SearchPlan
    let regionCode: String?
    let regions: RegionTable
    /// Article counts of the query's terms, for the ranking.
    let documentFrequencies: DocumentFrequencies

    /// How many of the newest matches are ranked by BM25 (at least one page); 0 ranks every match.
    let rankingWindow: Int
    /// Matches are counted up to this number; beyond it the total is a lower bound.
    let countLimit: Int

    func run() throws -> SearchResults {
        // Filters on the article key `K`; each is one index lookup per candidate.
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let years = plan.request.filters.years {
            conditions.append("EXISTS (SELECT 1 FROM article_dates d WHERE d.key = K AND d.year BETWEEN ? AND ?)")
            arguments += [years.lowerBound, years.upperBound]
        }
        if let regionCode {
            conditions.append("EXISTS (SELECT 1 FROM region_articles ra WHERE ra.code = ? AND ra.article = K)")
            arguments.append(regionCode)
        }
        if let program = plan.request.filters.program, !program.isEmpty {
            conditions.append("""
                EXISTS (SELECT 1 FROM program_mentions pm JOIN programs p ON p.key = pm.program
                        WHERE pm.article = K AND instr(p.name, ?) > 0)
                """)
            arguments.append(program)
        }
        if let indicator = plan.request.filters.indicator, !indicator.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM figures f WHERE f.article = K AND f.indicator = ?)")
            arguments.append(indicator)
        }
        let page = plan.request.limit + plan.request.offset
        let window = rankingWindow <= 0 ? Int(Int32.max) : max(rankingWindow, page)

        let ranked: [(key: Int64, score: Double, clusters: Int, candidates: Int)]
        let source: String
        var sourceArguments: [(any DatabaseValueConvertible)?] = []
        if let expression = plan.expression {
            let filter = conditions.map { " AND " + $0.replacingOccurrences(of: "= K", with: "= article_fts.rowid") }.joined()
            source = "FROM article_fts WHERE article_fts MATCH ?\(filter)"
            sourceArguments = [expression] + arguments
            // FTS5 walks matches in rowid order for free, so the newest `window` matches are taken
            // first and only they are scored; the rank function must run in the query that scans the FTS5 table.
            let frequencies = try documentFrequencies.phraseCounts(of: plan.phrases, in: db)
            // A cluster of copies is one hit: its best-scoring matching copy (`raw` counts the
            // matches before collapsing, to know whether the window held them all).
            let sql = """
                WITH candidates AS MATERIALIZED (
                    SELECT article_fts.rowid AS key,
                           zhili_rank(article_fts, \(Self.titleWeight)\(String(repeating: ", ?", count: frequencies.count))) AS score
                    \(source) ORDER BY article_fts.rowid DESC LIMIT ?
                ), collapsed AS (
                    SELECT c.key, c.score, row_number() OVER (PARTITION BY coalesce(a.cluster, a.id) ORDER BY c.score DESC, c.key DESC) AS copy
                    FROM candidates c JOIN articles a ON a.key = c.key
                )
                SELECT key, score, count(*) OVER (), (SELECT count(*) FROM candidates) AS raw FROM collapsed WHERE copy = 1
                ORDER BY score DESC, key DESC LIMIT ? OFFSET ?
                """
            do {
                ranked = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(
                    frequencies + sourceArguments + [window, plan.request.limit, plan.request.offset])).map { ($0[0], $0[1], $0[2], $0[3]) }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
                // The expression is built from quoted strings only; reaching this means a bug, reported as such.
                throw StoreError.invalidQuery("the full-text engine rejected the query (\(error.message ?? "no message")); please report it")
            }
        } else {
            // Without words, each cluster of copies is listed once, by its representative.
            let filter = " WHERE " + (conditions.map { $0.replacingOccurrences(of: "= K", with: "= a.key") } + ["a.duplicate_of IS NULL"])
                .joined(separator: " AND ")
            source = "FROM articles a\(filter)"
            sourceArguments = arguments
            ranked = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.key, 0.0, 0, 0 \(source) ORDER BY a.date DESC, a.key DESC LIMIT ? OFFSET ?
                """), arguments: StatementArguments(sourceArguments + [plan.request.limit, plan.request.offset]))
                .map { ($0[0], $0[1], $0[2], $0[3]) }
        }

        // Fewer candidates than the window means they were all the matches; else count, up to a limit.
        var total: Int
        var exact = true
        if plan.expression != nil, let first = ranked.first, first.candidates < window {
            total = first.clusters
        } else {
            // Clusters among the first `countLimit` matches.
            let key = plan.expression == nil ? "a.key" : "article_fts.rowid"
            let matches = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM (SELECT 1 \(source) LIMIT ?)"),
                                           arguments: StatementArguments(sourceArguments + [countLimit])) ?? 0
            total = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(DISTINCT coalesce(x.cluster, x.id)) FROM (SELECT \(key) AS key \(source) LIMIT ?) m JOIN articles x ON x.key = m.key
                """), arguments: StatementArguments(sourceArguments + [countLimit])) ?? 0
            if matches >= countLimit { exact = false }
        }
        let hits = try loadHits(ranked.map { ($0.key, $0.score) })
        return SearchResults(
            interpretation: plan.expression ?? "",
            region: regionCode.flatMap { regions.region(code: $0)?.ref },
            total: total, totalIsExact: exact, hits: hits)
    }

    /// Loads the page's hits with three queries (articles, regions, programs) in rank order.
    private func loadHits(_ ranked: [(key: Int64, score: Double)]) throws -> [SearchHit] {
        guard !ranked.isEmpty else { return [] }
        let keys = ranked.map(\.key)
        let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ",")
        let arguments = StatementArguments(keys)
        var articles: [Int64: Row] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT key, id, title, date, outlet, body FROM articles WHERE key IN (\(placeholders))"), arguments: arguments) {
            articles[row[0]] = row
        }
        var regionsByKey: [Int64: [RegionRef]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT article, name, code FROM article_regions WHERE article IN (\(placeholders)) ORDER BY article, rank
            """), arguments: arguments) {
            regionsByKey[row[0], default: []].append(RegionRef(name: row[1], code: row[2]))
        }
        var programsByKey: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT pm.article, p.name FROM program_mentions pm JOIN programs p ON p.key = pm.program
            WHERE pm.article IN (\(placeholders)) ORDER BY pm.article, pm.ordinal
            """), arguments: arguments) {
            let key: Int64 = row[0], name: String = row[1]
            if programsByKey[key]?.contains(name) != true { programsByKey[key, default: []].append(name) }
        }
        // Sources of every copy in each hit's cluster (one article indexed from several paths counts its paths).
        var sourcesByKey: [Int64: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT a.key, count(DISTINCT s.source) FROM articles a JOIN articles m ON m.cluster = a.cluster
            JOIN article_sources s ON s.id = m.id WHERE a.key IN (\(placeholders)) GROUP BY a.key
            """), arguments: arguments) {
            sourcesByKey[row[0]] = row[1]
        }
        return ranked.compactMap { key, score in
            // An article deleted between the two reads of one transaction cannot happen (same snapshot).
            guard let row = articles[key] else { return nil }
            return plan.hit(
                articleID: row["id"], title: row["title"], date: row["date"], outlet: row["outlet"], body: row["body"],
                regions: regionsByKey[key] ?? [], programs: programsByKey[key] ?? [], score: score, sources: sourcesByKey[key] ?? 1)
        }
    }
}
