import Logging
import PostgresNIO
import ZhiliCore
import ZhiliExtract
import ZhiliStore

/// Runs a ``ZhiliStore/SearchPlan`` on one connection: the plan's ``ZhiliStore/FullTextQuery``
/// as a `tsquery` against `article_terms` (GIN index), the same filters, ranking window, cluster
/// collapsing and counting as the SQLite store, then the page's hits built by the shared
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
    let rankingWindow: Int
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
        let page = plan.request.limit + plan.request.offset
        let window = rankingWindow <= 0 ? Int(Int32.max) : max(rankingWindow, page)

        var ranked: [(key: Int64, score: Double, clusters: Int, candidates: Int)] = []
        if let fullText = plan.query {
            let query = SQLQuery()
            let tsquery = query.bind(fullText.tsquery)
            // The newest `window` matches are ranked, as in SQLite; a cluster of copies is one hit:
            // its best-scoring matching copy (`raw` counts matches before collapsing).
            // The window is chosen first and only its rows are ranked: ranking reads each row's
            // whole tsvector, which for a common word would otherwise happen for every match.
            query.append("""
                WITH window_keys AS MATERIALIZED (
                    SELECT t.key FROM article_terms t WHERE t.terms @@ \(tsquery)::tsquery
                """)
            appendFilters(on: "t.key", to: query)
            // `t.key + 0`: the matches come from the GIN index and the newest are sorted out of
            // them; ordered by the primary key, the planner would walk the table backwards testing
            // (and decompressing) every tsvector, for seconds when a word is rare.
            query.append("""
                 ORDER BY t.key + 0 DESC LIMIT \(query.bind(window))
                ), candidates AS MATERIALIZED (
                    SELECT w.key, ts_rank_cd('\(Self.weights)'::float4[], t.terms, \(tsquery)::tsquery, \(Self.normalization))::float8 AS score
                    FROM window_keys w JOIN article_terms t ON t.key = w.key
                ), collapsed AS (
                    SELECT c.key, c.score, row_number() OVER (PARTITION BY coalesce(a.cluster, a.id) ORDER BY c.score DESC, c.key DESC) AS copy
                    FROM candidates c JOIN articles a ON a.key = c.key
                )
                SELECT key, score, count(*) OVER () AS clusters, (SELECT count(*) FROM candidates) AS raw FROM collapsed WHERE copy = 1
                ORDER BY score DESC, key DESC LIMIT \(query.bind(plan.request.limit)) OFFSET \(query.bind(plan.request.offset))
                """)
            ranked = try await query.rows(on: connection, logger: logger).map {
                (try $0.value("key"), try $0.value("score"), try $0.value("clusters"), try $0.value("raw"))
            }
        } else {
            let query = SQLQuery("SELECT a.key")
            _ = appendSource(to: query)
            query.append(" ORDER BY a.date DESC NULLS LAST, a.key DESC LIMIT \(query.bind(plan.request.limit)) OFFSET \(query.bind(plan.request.offset))")
            ranked = try await query.rows(on: connection, logger: logger).map { (try $0.value("key"), 0, 0, 0) }
        }

        // Fewer candidates than the window means they were all the matches; else count, up to a limit.
        var total: Int
        var exact = true
        if plan.query != nil, let first = ranked.first, first.candidates < window {
            total = first.clusters
        } else {
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
        let hits = try await loadHits(ranked.map { ($0.key, $0.score) })
        return SearchResults(
            interpretation: plan.expression ?? "",
            region: regionCode.flatMap { regions.region(code: $0)?.ref },
            total: total, totalIsExact: exact, hits: hits)
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
