import Logging
import PostgresNIO
import ZhiliCore
import ZhiliExtract
import ZhiliStore

/// Program lookup on PostgreSQL: the same aggregates (`programs`, `program_regions`,
/// `program_years`) and the same orderings as the SQLite store's program query, returning the
/// shared ``ZhiliStore/ProgramGroup`` values.
struct PostgresProgramQuery {
    /// Mentions scanned, newest first, for the figures near a program.
    static let mentionsForFigures = 50

    let connection: PostgresConnection
    let logger: Logger
    let request: ProgramsRequest
    let regionCode: String?

    private func rows(_ query: SQLQuery) async throws -> [PostgresRandomAccessRow] {
        try await query.rows(on: connection, logger: logger)
    }

    func run() async throws -> [ProgramGroup] {
        let text = request.query?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let limit = min(max(request.limit, 1), ProgramsRequest.maximumLimit)
        let query = SQLQuery()
        if let regionCode {
            query.append("""
                SELECT p.key, p.name, sum(pr.article_count)::bigint AS articles, sum(pr.mention_count)::bigint AS mentions,
                       min(pr.first_seen) AS first, max(pr.last_seen) AS last
                FROM region_tree t JOIN program_regions pr ON pr.code = t.code JOIN programs p ON p.key = pr.program
                WHERE t.ancestor = \(query.bind(regionCode)) AND pr.article_count > 0
                """)
            if !text.isEmpty { query.append(" AND strpos(p.name, \(query.bind(text))) > 0") }
            query.append(" GROUP BY p.key ORDER BY articles DESC, mentions DESC, p.name LIMIT \(query.bind(limit))")
        } else {
            query.append("""
                SELECT p.key, p.name, p.article_count AS articles, p.mention_count AS mentions, p.first_seen AS first, p.last_seen AS last
                FROM programs p WHERE p.article_count > 0
                """)
            if !text.isEmpty { query.append(" AND strpos(p.name, \(query.bind(text))) > 0") }
            query.append(" ORDER BY p.article_count DESC, p.mention_count DESC, p.name LIMIT \(query.bind(limit))")
        }
        var groups: [ProgramGroup] = []
        for row in try await rows(query) {
            let key: Int64 = try row.value("key")
            groups.append(ProgramGroup(
                name: try row.value("name"), regions: try await regionsOf(program: key), years: try await yearsOf(program: key),
                articleCount: try row.value("articles"), mentionCount: try row.value("mentions"),
                firstSeen: try row.value("first"), lastSeen: try row.value("last"),
                articles: try await articlesOf(program: key), figures: try await figuresNear(program: key)))
        }
        return groups
    }

    /// ` AND <column> in the filter region`.
    private func appendRegionCondition(_ column: String, to query: SQLQuery) {
        guard let regionCode else { return }
        query.append(" AND \(column) IN (SELECT code FROM region_tree WHERE ancestor = \(query.bind(regionCode)))")
    }

    private func regionsOf(program: Int64) async throws -> [RegionRef] {
        let query = SQLQuery("SELECT code, name FROM program_regions WHERE program = ")
        query.append(query.bind(program) + " AND code <> '' AND article_count > 0")
        appendRegionCondition("code", to: query)
        query.append(" ORDER BY mention_count DESC, code")
        return try await rows(query).map { RegionRef(name: try $0.value("name"), code: try $0.value("code")) }
    }

    private func yearsOf(program: Int64) async throws -> [Int] {
        let query = SQLQuery("SELECT DISTINCT year FROM program_years WHERE program = ")
        query.append(query.bind(program) + " AND article_count > 0")
        appendRegionCondition("code", to: query)
        query.append(" ORDER BY year")
        return try await rows(query).map { try $0.value("year") }
    }

    /// The newest mentions of `program` in the filter region, as a subquery selecting `article`
    /// (and, when `details`, `paragraph` and `sentence`).
    private func appendNewestMentions(of program: Int64, limit: Int, details: Bool, to query: SQLQuery) {
        let columns = details ? "m.article, m.paragraph, m.sentence" : "DISTINCT m.article"
        if let regionCode {
            query.append("""
                SELECT \(columns) FROM region_tree t CROSS JOIN program_mentions m
                WHERE t.ancestor = \(query.bind(regionCode)) AND m.program = \(query.bind(program)) AND m.effective_code = t.code
                ORDER BY m.article DESC LIMIT \(limit)
                """)
        } else {
            query.append("""
                SELECT \(columns) FROM program_mentions m WHERE m.program = \(query.bind(program))
                ORDER BY m.article DESC LIMIT \(limit)
                """)
        }
    }

    private func articlesOf(program: Int64) async throws -> [ArticleRef] {
        let query = SQLQuery("SELECT a.id, a.title, a.date FROM articles a WHERE a.key IN (")
        appendNewestMentions(of: program, limit: 20, details: false, to: query)
        query.append(") AND a.duplicate_of IS NULL ORDER BY a.date DESC NULLS LAST, a.key DESC")
        return try await rows(query).map { ArticleRef(id: try $0.value("id"), title: try $0.value("title"), date: try $0.value("date")) }
    }

    private func figuresNear(program: Int64) async throws -> [ProgramFigure] {
        let limit = max(0, request.figuresPerProgram)
        guard limit > 0 else { return [] }
        let query = SQLQuery("""
            SELECT f.*, a.id AS article_id, min(CASE WHEN f.sentence = pm.sentence THEN 0 ELSE 1 END) AS distance
            FROM (
            """)
        appendNewestMentions(of: program, limit: Self.mentionsForFigures, details: true, to: query)
        query.append("""
            ) pm
            JOIN figures f ON f.article = pm.article AND f.paragraph = pm.paragraph
            JOIN articles a ON a.key = pm.article AND a.duplicate_of IS NULL
            GROUP BY f.article, f.ordinal, a.id
            ORDER BY distance, f.article DESC, f.ordinal LIMIT \(query.bind(limit))
            """)
        return try await rows(query).map { row in
            ProgramFigure(
                figure: try PostgresRecordReader.figure(row), proximity: try row.value("distance", as: Int.self) == 0 ? .sentence : .paragraph,
                articleID: try row.value("article_id"))
        }
    }
}

/// One indicator across the divisions of one level below a region, on PostgreSQL: fetches the
/// same rows as the SQLite store's comparison query (the indicator's figures located in the
/// region, representatives of clusters of copies only) and leaves grouping and choosing to the
/// shared ``ZhiliStore/ComparisonBuilder``.
struct PostgresCompareQuery {
    let connection: PostgresConnection
    let logger: Logger
    let request: CompareRequest
    let withinCode: String
    let regions: RegionTable
    let indicators: IndicatorTable

    func run() async throws -> Comparison {
        guard let summary = try await PostgresIndicatorQuery.summary(connection, logger: logger, name: request.indicator, table: indicators) else {
            throw StoreError.invalidQuery(
                "unknown indicator '\(request.indicator)'; `zhili indicators` lists the ids and labels in this index")
        }
        let indicator = indicators.indicator(id: summary.id)
            ?? Indicator(id: summary.id, label: summary.label ?? summary.id, unit: summary.unit ?? "", patterns: [])
        let within = regions.region(code: withinCode)?.ref ?? RegionRef(name: withinCode, code: withinCode)
        let query = SQLQuery("""
            SELECT f.*, a.id AS article_id, a.title AS article_title, a.date AS article_date
            FROM figures f
            JOIN region_tree t ON t.code = f.region_code AND t.ancestor =
            """)
        query.append(" \(query.bind(withinCode)) JOIN articles a ON a.key = f.article")
        query.append(" WHERE f.indicator = \(query.bind(summary.id)) AND a.duplicate_of IS NULL")
        let candidates = try await query.rows(on: connection, logger: logger).map { row -> ComparisonCandidate in
            var figure = try PostgresRecordReader.figure(row)
            if figure.year == nil, let year = try row.value("period_year", as: Int?.self) { figure.year = year }
            return ComparisonCandidate(
                region: figure.region ?? within, figure: figure,
                articleID: try row.value("article_id"), title: try row.value("article_title"), date: try row.value("article_date"))
        }
        let builder = ComparisonBuilder(
            request: request, indicator: indicator, counts: (summary.figureCount, summary.articleCount),
            within: within, regions: regions)
        return builder.build(candidates)
    }
}

/// Reads the indicator catalog on PostgreSQL: counts from the index, Chinese labels and units
/// from the indicator table (as the SQLite store's).
enum PostgresIndicatorQuery {
    /// Every indicator with at least one figure, most reported first.
    static func all(_ connection: PostgresConnection, logger: Logger, table: IndicatorTable) async throws -> [IndicatorSummary] {
        try await SQLQuery("SELECT * FROM indicators WHERE figure_count > 0 ORDER BY figure_count DESC, id")
            .rows(on: connection, logger: logger).map { try summary($0, table: table) }
    }

    /// The indicator whose id or Chinese label is `name`, or nil when it was never reported.
    static func summary(_ connection: PostgresConnection, logger: Logger, name: String, table: IndicatorTable) async throws -> IndicatorSummary? {
        let id = table.indicator(named: name)?.id ?? name
        let query = SQLQuery("SELECT * FROM indicators WHERE figure_count > 0 AND id = ")
        query.append(query.bind(id))
        return try await query.rows(on: connection, logger: logger).first.map { try summary($0, table: table) }
    }

    private static func summary(_ row: PostgresRandomAccessRow, table: IndicatorTable) throws -> IndicatorSummary {
        let id: String = try row.value("id")
        let known = table.indicator(id: id)
        return IndicatorSummary(
            id: id, label: try known?.label ?? row.value("label"), unit: try known?.unit ?? row.value("unit"),
            figureCount: try row.value("figure_count"), articleCount: try row.value("article_count"))
    }
}

/// The diffusion timelines of the programs a ``ZhiliStore/ProgramTimelineRequest`` names, on
/// PostgreSQL: fetches the same programs and mentions as the SQLite store's timeline query and
/// builds with the shared ``ZhiliStore/ProgramTimeline/build(program:mentions:regions:within:)``.
struct PostgresProgramTimelineQuery {
    let connection: PostgresConnection
    let logger: Logger
    let request: ProgramTimelineRequest
    /// The resolved region filter, if any.
    let regionCode: String?
    let regions: RegionTable

    func run() async throws -> [ProgramTimeline] {
        let text = request.query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [] }
        let limit = min(max(request.limit, 1), ProgramsRequest.maximumLimit)
        let query = SQLQuery()
        if request.exactName {
            query.append("SELECT key, name FROM programs WHERE name = \(query.bind(text))")
        } else {
            let needle = query.bind(text)
            query.append("""
                SELECT key, name FROM programs
                WHERE strpos(name, \(needle)) > 0
                   OR key IN (SELECT DISTINCT program FROM program_mentions WHERE aliases IS NOT NULL AND strpos(aliases, \(needle)) > 0)
                ORDER BY article_count DESC, mention_count DESC, name LIMIT \(query.bind(limit))
                """)
        }
        var timelines: [ProgramTimeline] = []
        for row in try await query.rows(on: connection, logger: logger) {
            let key: Int64 = try row.value("key")
            timelines.append(ProgramTimeline.build(
                program: try row.value("name"), mentions: try await mentions(of: key), regions: regions, within: regionCode))
        }
        return timelines
    }

    /// Every mention of `program` with its article's date and cluster, one row per article and region.
    private func mentions(of program: Int64) async throws -> [ProgramTimelineMention] {
        let query = SQLQuery("""
            SELECT a.id, a.title, a.date, coalesce(a.cluster, a.id) AS cluster, pm.effective_code,
                   string_agg(pm.aliases, chr(31) ORDER BY pm.ordinal) AS aliases
            FROM program_mentions pm JOIN articles a ON a.key = pm.article
            WHERE pm.program =
            """)
        query.append(" \(query.bind(program)) GROUP BY a.key, pm.effective_code")
        return try await query.rows(on: connection, logger: logger).map { row in
            let joined: String? = try row.value("aliases")
            let aliases = joined.map { $0.split(separator: "\u{1F}").flatMap { JSONText.strings(String($0)) } } ?? []
            return ProgramTimelineMention(
                articleID: try row.value("id"), title: try row.value("title"), date: try row.value("date"),
                cluster: try row.value("cluster"), regionCode: try row.value("effective_code"), aliases: aliases)
        }
    }
}

/// Rebuilds stored ``ZhiliCore/ArticleRecord``s from their PostgreSQL rows.
struct PostgresRecordReader {
    let connection: PostgresConnection
    let logger: Logger

    /// The record with `id`, or nil.
    func record(id: String) async throws -> ArticleRecord? {
        let lookup = SQLQuery("SELECT * FROM articles WHERE id = ")
        lookup.append(lookup.bind(id))
        guard let row = try await lookup.rows(on: connection, logger: logger).first else { return nil }
        let key: Int64 = try row.value("key")
        let body: String = try row.value("body")
        let storedParagraphs: String? = try row.value("paragraphs")
        let paragraphs = storedParagraphs.map { JSONText.strings($0) }
            ?? body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let article = Article(
            id: try row.value("id"), source: try row.value("source"), index: try row.value("position"), url: try row.value("url"),
            title: try row.value("title"),
            subtitle: try row.value("subtitle"), date: try row.value("date"), outlet: try row.value("outlet"),
            authors: JSONText.strings(try row.value("authors")), editors: JSONText.strings(try row.value("editors")), paragraphs: paragraphs,
            captions: JSONText.strings(try row.value("captions")), warnings: JSONText.strings(try row.value("warnings")))

        func keyed(_ sql: String, _ tail: String) async throws -> [PostgresRandomAccessRow] {
            let query = SQLQuery(sql)
            query.append(" " + query.bind(key) + tail)
            return try await query.rows(on: connection, logger: logger)
        }
        let regions = try await keyed("SELECT * FROM article_regions WHERE article =", " ORDER BY rank").map { row in
            let prefectureCode: String? = try row.value("prefecture_code")
            let prefectureName: String? = try row.value("prefecture_name")
            return RegionMention(
                name: try row.value("name"), code: try row.value("code"), level: RegionLevel(rawValue: try row.value("level")) ?? .county,
                prefecture: prefectureCode.map { RegionRef(name: prefectureName ?? "", code: $0) }, mentions: try row.value("mentions"),
                role: RegionRole(rawValue: try row.value("role")) ?? .subject)
        }
        let programs = try await keyed("""
            SELECT p.name, pm.start, pm."end", pm.sentence, pm.region_code, pm.region_name, pm.aliases
            FROM program_mentions pm JOIN programs p ON p.key = pm.program WHERE pm.article =
            """, " ORDER BY pm.ordinal").map { row in
                ProgramMention(
                    name: try row.value("name"), start: try row.value("start"), end: try row.value("end"), sentence: try row.value("sentence"),
                    region: Self.region(code: try row.value("region_code"), name: try row.value("region_name")),
                    aliases: JSONText.strings(try row.value("aliases")))
            }
        let figures = try await keyed("SELECT * FROM figures WHERE article =", " ORDER BY ordinal").map(Self.figure)
        var record = ArticleRecord(article: article, regions: regions, programs: programs, figures: figures)
        record.cluster = try row.value("cluster")
        record.duplicateOf = try row.value("duplicate_of")
        let sources = SQLQuery("SELECT DISTINCT source FROM article_sources WHERE id = ")
        sources.append(sources.bind(article.id) + " ORDER BY source")
        record.sources = try await sources.rows(on: connection, logger: logger).map { try $0.value("source") }
        return record
    }

    static func region(code: String?, name: String?) -> RegionRef? {
        code.map { RegionRef(name: name ?? "", code: $0) }
    }

    /// A ``ZhiliCore/Figure`` from a `figures` row.
    static func figure(_ row: PostgresRandomAccessRow) throws -> Figure {
        Figure(
            text: try row.value("text"), value: try row.value("value"), valueMax: try row.value("value_max"), unit: try row.value("unit"),
            qualifier: try row.value("qualifier"),
            change: (try row.value("change", as: String?.self)).flatMap(ChangeDirection.init(rawValue:)),
            basis: (try row.value("basis", as: String?.self)).flatMap(ChangeBasis.init(rawValue:)),
            kind: (try row.value("kind", as: String?.self)).flatMap(FigureKind.init(rawValue:)) ?? .measure,
            metric: try row.value("metric"), indicator: try row.value("indicator"), year: try row.value("year"),
            yearSource: (try row.value("year_source", as: String?.self)).flatMap(YearSource.init(rawValue:)),
            region: region(code: try row.value("region_code"), name: try row.value("region_name")),
            start: try row.value("start"), end: try row.value("end"), sentence: try row.value("sentence"))
    }
}
