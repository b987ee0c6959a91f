import Logging
import PostgresNIO
import ZhiliCore
import ZhiliExtract
import ZhiliStore

/// Runs a ``ZhiliStore/SearchPlan`` on one connection: the plan's ``ZhiliStore/FullTextQuery``
/// as a `tsquery` against `article_terms` (GIN index), the same filters, total order (score, then
/// key), keyset cursor, cluster collapsing and counting as the SQLite store (see
/// ``ZhiliStore/SearchExecutor``), then the page's hits built by the shared
/// ``ZhiliStore/SearchPlan/hit(articleID:title:date:outlet:body:regions:programs:score:sources:)``.
///
/// Ranking is `ts_rank_cd` (cover density) with title terms weighted 5× body terms and the score
/// divided by 1 + log(document length); see docs/postgres.md for why not BM25.
struct PostgresSearch {
    /// `ts_rank_cd` weights for D, C, B, A: body terms 0.2, title terms (weight A) 1.0.
    static let weights = "{0.2, 0.2, 0.2, 1.0}"
    /// `ts_rank_cd` normalization: divide by 1 + the logarithm of the document's length.
    static let normalization = 1

    let connection: PostgresConnection
    let logger: Logger
    let plan: SearchPlan
    let regionCode: String?
    let regions: RegionTable
    let countLimit: Int

    /// The filter conditions on the article key `key`, appended to `query` as ` AND …` each.
    private func appendFilters(on key: String, to query: SQLQuery) {
        if let years = plan.request.filters.years {
            query.append(" AND EXISTS (SELECT 1 FROM article_dates d WHERE d.key = \(key) AND d.year BETWEEN \(query.bind(years.lowerBound)) AND \(query.bind(years.upperBound)))")
        }
        if let regionCode {
            query.append(" AND EXISTS (SELECT 1 FROM region_articles ra WHERE ra.code = \(query.bind(regionCode)) AND ra.article = \(key))")
        }
        if let program = plan.request.filters.program, !program.isEmpty {
            query.append("""
                 AND EXISTS (SELECT 1 FROM program_mentions pm JOIN programs p ON p.key = pm.program
                             WHERE pm.article = \(key) AND strpos(p.name, \(query.bind(program))) > 0)
                """)
        }
        if let indicator = plan.request.filters.indicator, !indicator.isEmpty {
            query.append(" AND EXISTS (SELECT 1 FROM figures f WHERE f.article = \(key) AND f.indicator = \(query.bind(indicator)))")
        }
    }

    /// `FROM … WHERE …` of the matching articles, keyed by `key`.
    private func appendSource(to query: SQLQuery) -> String {
        if let fullText = plan.query {
            query.append(" FROM article_terms t WHERE t.terms @@ \(query.bind(fullText.tsquery))::tsquery")
            appendFilters(on: "t.key", to: query)
            return "t.key"
        }
        query.append(" FROM articles a WHERE a.duplicate_of IS NULL")
        appendFilters(on: "a.key", to: query)
        return "a.key"
    }

    func run() async throws -> SearchResults {
        let request = plan.request

        var ranked: [(key: Int64, score: Double, date: String?)] = []
        var total: Int?
        var more = true
        if let fullText = plan.query {
            // Every match is ranked and the best kept in one order, score then key (highest
            // first); a cluster of copies is one hit, its best-scoring matching copy. The
            // candidates are a prefix of the order (below the cursor), so copies ranked above a
            // candidate are candidates too; after a cursor, a cluster with a matching copy above
            // it was shown before.
            var window = CandidateWindow(request)
            passes: while true {
                let query = SQLQuery()
                let tsquery = query.bind(fullText.tsquery)
                let rank = "ts_rank_cd('\(Self.weights)'::float4[], t.terms, \(tsquery)::tsquery, \(Self.normalization))::float8"
                query.append("""
                    WITH candidates AS MATERIALIZED (
                        SELECT t.key, \(rank) AS score FROM article_terms t WHERE t.terms @@ \(tsquery)::tsquery
                    """)
                appendFilters(on: "t.key", to: query)
                var cursor: (score: String, key: String)?
                if let after = request.after {
                    guard case .score(let score) = after.order else {
                        throw StoreError.invalidQuery("the after token continues a list without words, not a search; start again without it")
                    }
                    cursor = (query.bind(score), query.bind(after.key))
                    query.append(" AND (\(rank), t.key) < (\(cursor!.score), \(cursor!.key))")
                }
                query.append("""
                     ORDER BY score DESC, t.key DESC LIMIT \(query.bind(window.size))
                    ), best AS (
                        SELECT key, score FROM (
                            SELECT c.key, c.score, a.cluster,
                                   row_number() OVER (PARTITION BY coalesce(a.cluster, a.id) ORDER BY c.score DESC, c.key DESC) AS copy
                            FROM candidates c JOIN articles a ON a.key = c.key
                        ) x WHERE copy = 1
                    """)
                if let cursor {
                    query.append("""
                         AND NOT EXISTS (
                            SELECT 1 FROM articles m JOIN article_terms t ON t.key = m.key
                            WHERE m.cluster = x.cluster AND m.key <> x.key AND t.terms @@ \(tsquery)::tsquery
                        """)
                    appendFilters(on: "m.key", to: query)
                    query.append(" AND (\(rank), m.key) > (\(cursor.score), \(cursor.key)))")
                }
                query.append("""
                    )
                    SELECT key, score, count(*) OVER () AS clusters, (SELECT count(*) FROM candidates) AS raw FROM best
                    ORDER BY score DESC, key DESC LIMIT \(query.bind(request.limit)) OFFSET \(query.bind(request.offset))
                    """)
                let rows = try await query.rows(on: connection, logger: logger)
                ranked = try rows.map { (try $0.value("key"), try $0.value("score"), nil) }
                var verdict = window.judge(hits: rows.count, clusters: try rows.first?.value("clusters") ?? 0,
                                           candidates: try rows.first?.value("raw") ?? 0)
                if verdict == .countMatches {
                    // No match, or the page lies past the candidates.
                    let matches = SQLQuery("SELECT count(*) AS n FROM (SELECT 1")
                    _ = appendSource(to: matches)
                    matches.append(" LIMIT \(matches.bind(window.size))) m")
                    verdict = window.judge(matches: try await matches.rows(on: connection, logger: logger).first?.value("n") ?? 0)
                }
                if let final = verdict.final {
                    (more, total) = final
                    break passes
                }
            }
        } else {
            let query = SQLQuery("SELECT a.key, a.date")
            _ = appendSource(to: query)
            if let after = request.after {
                guard case .date(let date) = after.order else {
                    throw StoreError.invalidQuery("the after token continues a search with words, not a list without them; start again without it")
                }
                // Newest first, undated last.
                if let date {
                    query.append(" AND (a.date < \(query.bind(date)) OR (a.date = \(query.bind(date)) AND a.key < \(query.bind(after.key))) OR a.date IS NULL)")
                } else {
                    query.append(" AND a.date IS NULL AND a.key < \(query.bind(after.key))")
                }
            }
            query.append(" ORDER BY a.date DESC NULLS LAST, a.key DESC LIMIT \(query.bind(request.limit)) OFFSET \(query.bind(request.offset))")
            ranked = try await query.rows(on: connection, logger: logger).map { (try $0.value("key"), 0, try $0.value("date")) }
        }

        // Unless ranking saw every match, count them, up to a limit.
        var exact = true
        if total == nil {
            let matches = SQLQuery("SELECT count(*) AS n FROM (SELECT 1")
            _ = appendSource(to: matches)
            matches.append(" LIMIT \(matches.bind(countLimit))) m")
            let count: Int = try await matches.rows(on: connection, logger: logger).first?.value("n") ?? 0
            let clusters = SQLQuery("SELECT count(DISTINCT coalesce(x.cluster, x.id)) AS n FROM (SELECT ")
            clusters.append(plan.query == nil ? "a.key AS key" : "t.key AS key")
            _ = appendSource(to: clusters)
            clusters.append(" LIMIT \(clusters.bind(countLimit))) m JOIN articles x ON x.key = m.key")
            total = try await clusters.rows(on: connection, logger: logger).first?.value("n") ?? 0
            if count >= countLimit { exact = false }
        }
        var next: SearchCursor?
        if more, ranked.count == request.limit, let last = ranked.last {
            next = SearchCursor(order: plan.query == nil ? .date(last.date) : .score(last.score), key: last.key)
        }
        let hits = try await loadHits(ranked.map { ($0.key, $0.score) })
        return SearchResults(
            interpretation: plan.expression ?? "",
            region: regionCode.flatMap { regions.region(code: $0)?.ref },
            total: total ?? 0, totalIsExact: exact, hits: hits, next: next)
    }

    /// Loads the page's hits with four queries (articles, regions, programs, sources) in rank order.
    private func loadHits(_ ranked: [(key: Int64, score: Double)]) async throws -> [SearchHit] {
        guard !ranked.isEmpty else { return [] }
        let keys = ranked.map(\.key)
        func keyed(_ sql: String, _ tail: String = "") async throws -> [PostgresRandomAccessRow] {
            let query = SQLQuery(sql)
            query.append(" = ANY(\(query.bind(keys))::bigint[])" + tail)
            return try await query.rows(on: connection, logger: logger)
        }
        var articles: [Int64: PostgresRandomAccessRow] = [:]
        for row in try await keyed("SELECT key, id, title, date, outlet, body FROM articles WHERE key") {
            articles[try row.value("key")] = row
        }
        var regionsByKey: [Int64: [RegionRef]] = [:]
        for row in try await keyed("SELECT article, name, code FROM article_regions WHERE article", " ORDER BY article, rank") {
            regionsByKey[try row.value("article"), default: []].append(RegionRef(name: try row.value("name"), code: try row.value("code")))
        }
        var programsByKey: [Int64: [String]] = [:]
        for row in try await keyed("""
            SELECT pm.article, p.name FROM program_mentions pm JOIN programs p ON p.key = pm.program WHERE pm.article
            """, " ORDER BY pm.article, pm.ordinal") {
            let key: Int64 = try row.value("article"), name: String = try row.value("name")
            if programsByKey[key]?.contains(name) != true { programsByKey[key, default: []].append(name) }
        }
        var sourcesByKey: [Int64: Int] = [:]
        for row in try await keyed("""
            SELECT a.key, count(DISTINCT s.source) AS n FROM articles a JOIN articles m ON m.cluster = a.cluster
            JOIN article_sources s ON s.id = m.id WHERE a.key
            """, " GROUP BY a.key") {
            sourcesByKey[try row.value("key")] = try row.value("n")
        }
        return try ranked.compactMap { key, score in
            guard let row = articles[key] else { return nil }
            return plan.hit(
                articleID: try row.value("id"), title: try row.value("title"), date: try row.value("date"), outlet: try row.value("outlet"),
                body: try row.value("body"), regions: regionsByKey[key] ?? [], programs: programsByKey[key] ?? [], score: score,
                sources: sourcesByKey[key] ?? 1)
        }
    }
}
