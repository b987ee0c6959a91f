import GRDB
import ZhiliCore
import ZhiliExtract

/// Runs a ``SearchPlan`` on one read connection: ranks with BM25 (title weighted), applies the
/// filters, then loads snippets, regions and programs for the page.
///
/// Every match is scored; SQLite's sorter keeps only the best `offset + limit` (and a margin for
/// copies) in one total order, score then key, both highest first, so pages never overlap and the
/// first hits do not depend on the page size. A cluster of copies is one hit, its best-scoring
/// matching copy: the candidates are a prefix of the order, so every copy ranked above a
/// candidate is a candidate too and collapsing among them is collapsing the whole ranking. With
/// ``SearchRequest/after`` the sorter keeps only hits below the cursor (keyset pagination), so a
/// deep page costs what the first page does; a candidate whose cluster has a matching copy above
/// the cursor was shown before and is dropped. Scores come from `zhili_rank`
/// (CZhiliSQLite), FTS5's BM25 with each phrase's document frequency read once from the vocabulary
/// table and remembered (``DocumentFrequencies``), where FTS5's own `bm25()` counts every match of
/// every phrase on each query.
///
/// - Complexity: one score per match (a row-size lookup and the row's phrase instances), a sort
///   bounded by the page depth; after a cursor, a lookup per copy of each candidate's cluster.
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
        func filters(on key: String) -> String {
            conditions.map { " AND " + $0.replacingOccurrences(of: "= K", with: "= \(key)") }.joined()
        }
        let request = plan.request

        var ranked: [(key: Int64, score: Double, date: String?)] = []
        var total: Int?
        var more = true
        let source: String
        var sourceArguments: [(any DatabaseValueConvertible)?] = []
        if let expression = plan.expression {
            source = "FROM article_fts WHERE article_fts MATCH ?\(filters(on: "article_fts.rowid"))"
            sourceArguments = [expression] + arguments
            let frequencies = try documentFrequencies.phraseCounts(of: plan.phrases, in: db)
            // The rank function must run in a query that scans the FTS5 table.
            let rank = "zhili_rank(article_fts, \(Self.titleWeight)\(String(repeating: ", ?", count: frequencies.count)))"
            var keyset = "", shown = ""
            var keysetArguments: [(any DatabaseValueConvertible)?] = [], shownArguments: [(any DatabaseValueConvertible)?] = []
            if let after = request.after {
                guard case .score(let score) = after.order else {
                    throw StoreError.invalidQuery("the after token continues a list without words, not a search; start again without it")
                }
                keyset = " AND (score, article_fts.rowid) < (?, ?)"
                keysetArguments = [score, after.key]
                // A cluster with a matching copy above the cursor was shown on an earlier page.
                // (CROSS JOIN: each copy is looked up in the full-text index by rowid, not the other way round.)
                shown = """
                     AND NOT EXISTS (
                        SELECT 1 FROM articles m CROSS JOIN article_fts
                        WHERE m.cluster = x.cluster AND m.key <> x.key AND article_fts.rowid = m.key
                          AND article_fts MATCH ?\(filters(on: "m.key")) AND (\(rank), m.key) > (?, ?))
                    """
                shownArguments = [expression] + arguments + frequencies + [score, after.key]
            }
            // Candidates are a prefix of the order (below the cursor), so a copy ranked above a
            // candidate is a candidate too: collapsing among them is collapsing the whole ranking.
            let sql = """
                WITH candidates AS MATERIALIZED (
                    SELECT article_fts.rowid AS key, \(rank) AS score
                    \(source)\(keyset) ORDER BY score DESC, key DESC LIMIT ?
                ), best AS (
                    SELECT key, score FROM (
                        SELECT c.key, c.score, a.cluster,
                               row_number() OVER (PARTITION BY coalesce(a.cluster, a.id) ORDER BY c.score DESC, c.key DESC) AS copy
                        FROM candidates c JOIN articles a ON a.key = c.key
                    ) x WHERE copy = 1\(shown)
                )
                SELECT key, score, count(*) OVER () AS clusters, (SELECT count(*) FROM candidates) AS raw FROM best
                ORDER BY score DESC, key DESC LIMIT ? OFFSET ?
                """
            var window = CandidateWindow(request)
            passes: while true {
                let rows: [Row]
                do {
                    rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(
                        frequencies + sourceArguments + keysetArguments + [window.size] + shownArguments + [request.limit, request.offset]))
                } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
                    // The expression is built from quoted strings only; reaching this means a bug, reported as such.
                    throw StoreError.invalidQuery("the full-text engine rejected the query (\(error.message ?? "no message")); please report it")
                }
                ranked = rows.map { ($0["key"], $0["score"], nil) }
                var verdict = window.judge(hits: rows.count, clusters: rows.first?["clusters"] ?? 0, candidates: rows.first?["raw"] ?? 0)
                if verdict == .countMatches {
                    // No match, or the page lies past the candidates (or behind the cursor only
                    // copies of hits already shown were ranked).
                    let matches = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM (SELECT 1 \(source) LIMIT ?)"),
                                                   arguments: StatementArguments(sourceArguments + [window.size])) ?? 0
                    verdict = window.judge(matches: matches)
                }
                if let final = verdict.final {
                    (more, total) = final
                    break passes
                }
            }
        } else {
            // Without words, each cluster of copies is listed once, by its representative.
            var keyset = ""
            var keysetArguments: [(any DatabaseValueConvertible)?] = []
            if let after = request.after {
                guard case .date(let date) = after.order else {
                    throw StoreError.invalidQuery("the after token continues a search with words, not a list without them; start again without it")
                }
                // Newest first, undated last (SQLite sorts NULL lowest).
                if let date {
                    keyset = " AND (a.date < ? OR (a.date = ? AND a.key < ?) OR a.date IS NULL)"
                    keysetArguments = [date, date, after.key]
                } else {
                    keyset = " AND a.date IS NULL AND a.key < ?"
                    keysetArguments = [after.key]
                }
            }
            let filter = " WHERE " + (conditions.map { $0.replacingOccurrences(of: "= K", with: "= a.key") } + ["a.duplicate_of IS NULL"])
                .joined(separator: " AND ")
            source = "FROM articles a\(filter)"
            sourceArguments = arguments
            ranked = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.key, a.date \(source)\(keyset) ORDER BY a.date DESC, a.key DESC LIMIT ? OFFSET ?
                """), arguments: StatementArguments(sourceArguments + keysetArguments + [request.limit, request.offset]))
                .map { ($0[0], 0.0, $0[1]) }
        }

        // Unless ranking saw every match, count them, up to a limit.
        var exact = true
        if total == nil {
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
        var next: SearchCursor?
        if more, ranked.count == request.limit, let last = ranked.last {
            next = SearchCursor(order: plan.expression == nil ? .date(last.date) : .score(last.score), key: last.key)
        }
        return SearchResults(
            interpretation: plan.expression ?? "",
            region: regionCode.flatMap { regions.region(code: $0)?.ref },
            total: total ?? 0, totalIsExact: exact, hits: hits, next: next)
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
