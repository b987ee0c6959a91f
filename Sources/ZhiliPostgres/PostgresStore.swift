import Foundation
import Logging
import PostgresNIO
import ZhiliCore
import ZhiliExtract
import ZhiliStore

/// The PostgreSQL implementation of ``ZhiliStore/ArticleStore``: one database shared by many
/// writers and servers, reached through a pool of connections (PostgresNIO's `PostgresClient`).
///
/// The schema mirrors ``ZhiliStore/SQLiteStore``'s (``PostgresSchema``), records are written by
/// the same rules (``PostgresRecordWriter``), and full-text search runs the same parsed and
/// segmented query (``ZhiliStore/FullTextQuery``) against `tsvector`s holding the same index terms
/// (``TermVector``), so both stores return the same hits. Every value reaches the server as a
/// bound parameter.
///
/// ```swift
/// let store = try await PostgresStore.open("postgres://zhili@127.0.0.1/zhili")
/// try await store.write(records)
/// let page = try await store.search(SearchRequest(query: "调解室"))
/// ```
///
/// Writes take a transaction-scoped advisory lock, so batches from several processes place their
/// records and update the counts one after another (each sees the clusters and counts the
/// previous ones left); segmentation, and the rows keyed only by a batch's new article keys
/// (full-text terms, figures, regions, dates), are done before the lock, by all writers at once
/// (``PostgresRecordWriter``).
public final class PostgresStore: ArticleStore {
    /// How the database is opened.
    public enum Mode: Sendable {
        /// Creates or migrates the schema; writes allowed.
        case readWrite
        /// Requires an up-to-date schema and writes nothing (search, serve).
        case readOnly
    }

    /// Where the database is, without its password.
    public let location: String
    /// How the database was opened.
    public let mode: Mode
    /// The division table regions resolve against.
    public let regionTable: RegionTable
    /// The indicator table giving indicators their Chinese labels and units in `compare` and `indicators`.
    public let indicatorTable: IndicatorTable
    /// Matches are counted up to this number; beyond it ``ZhiliStore/SearchResults/totalIsExact`` is false.
    public let countLimit: Int

    let client: PostgresClient
    let logger: Logger
    let segmenters: SegmenterPool
    let resolver: RegionResolver
    private let runner: Task<Void, Never>

    private let connectionString: ConnectionString

    private init(
        connection: ConnectionString, mode: Mode, regions: RegionTable, indicators: IndicatorTable, maximumConnections: Int,
        countLimit: Int, logger: Logger
    ) throws {
        location = connection.description
        connectionString = connection
        self.mode = mode
        regionTable = regions
        indicatorTable = indicators
        self.countLimit = max(1, countLimit)
        self.logger = logger
        segmenters = try SegmenterPool()
        resolver = RegionResolver(table: regions)
        let client = PostgresClient(configuration: try connection.configuration(maximumConnections: maximumConnections), backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
    }

    deinit { runner.cancel() }

    /// Connects to the database at `url` and, in `.readWrite` mode, creates or migrates its schema.
    ///
    /// - Parameters:
    ///   - url: `postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]`.
    ///   - indicators: the indicator table for labels and units in `compare` and `indicators`.
    ///   - maximumConnections: connections the pool opens at most.
    ///   - countLimit: matches are counted up to this number.
    /// - Throws: ``ConnectionString/Invalid`` for a malformed URL; ``PostgresStoreError`` when the
    ///   server cannot be reached, the database holds no index (read-only) or a newer one.
    public static func open(
        _ url: String, mode: Mode = .readWrite, regions: RegionTable = .bundled, indicators: IndicatorTable = .bundled,
        maximumConnections: Int = 8,
        countLimit: Int = 500, logger: Logger = PostgresStore.quietLogger
    ) async throws -> PostgresStore {
        let connection = try ConnectionString(url)
        let store = try PostgresStore(
            connection: connection, mode: mode, regions: regions, indicators: indicators, maximumConnections: maximumConnections,
            countLimit: countLimit, logger: logger)
        try await store.prepareSchema()
        return store
    }

    /// A logger for the store's background work that reports errors only (the pool's retries
    /// are not news to a command-line user; the error a call throws says what went wrong).
    public static var quietLogger: Logger {
        var logger = Logger(label: "zhili.postgres")
        logger.logLevel = .error
        return logger
    }

    /// Checks and prepares the schema on one connection of its own, so a server that cannot be
    /// reached is reported at once with its reason.
    private func prepareSchema() async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: try connectionString.connectionConfiguration(), id: 0, logger: logger)
        } catch {
            throw PostgresStoreError.wrap(error, location: location)
        }
        do {
            try await checkSchema(connection)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw PostgresStoreError.wrap(error, location: location)
        }
    }

    private func checkSchema(_ connection: PostgresConnection) async throws {
        switch mode {
        case .readWrite:
            try await PostgresSchema.migrate(connection, regions: regionTable, logger: logger)
            try await Self.ensureFullTextIndex(connection, logger: logger)
        case .readOnly:
            let exists = try await SQLQuery("SELECT to_regclass('zhili_migrations') IS NOT NULL AS present")
                .rows(on: connection, logger: logger).first?.value("present", as: Bool.self) ?? false
            guard exists else { throw PostgresStoreError.notAnIndex(location: location) }
            let version = try await PostgresSchema.appliedVersion(connection, logger: logger)
            if version > PostgresSchema.latestVersion {
                throw PostgresStoreError.newerSchema(found: version, known: PostgresSchema.latestVersion)
            }
            guard version == PostgresSchema.latestVersion else { throw PostgresStoreError.notAnIndex(location: location) }
        }
    }

    /// How long a call waits for a pooled connection before it fails: the pool keeps retrying a
    /// server that went away, and a command must say so rather than wait for ever.
    public static let connectionWait: Duration = .seconds(30)

    /// Runs `body` on a pooled connection; PostgresNIO's errors become ``PostgresStoreError``s,
    /// and no connection within ``connectionWait`` is ``PostgresStoreError/cannotConnect(location:reason:)``.
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let leased = LeaseFlag()
        do {
            return try await withThrowingTaskGroup(of: ConnectionOutcome<T>.self) { [client] group in
                group.addTask {
                    .done(try await client.withConnection { connection in
                        leased.set()
                        return try await body(connection)
                    })
                }
                group.addTask {
                    try await Task.sleep(for: Self.connectionWait)
                    // Once a connection is leased the call runs to its end; wait to be cancelled.
                    while leased.isSet { try await Task.sleep(for: .seconds(3600)) }
                    return .noConnection
                }
                defer { group.cancelAll() }
                switch try await group.next() {
                case .done(let value): return value
                case .noConnection, nil:
                    throw PostgresStoreError.cannotConnect(
                        location: location, reason: "no connection within \(Self.connectionWait); is the server running? (the batch was not written; rerun with --resume when it is back)")
                }
            }
        } catch {
            throw PostgresStoreError.wrap(error, location: location)
        }
    }

    /// Runs `body` in a transaction on a pooled connection (rolled back when it throws).
    func withTransaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection { [logger] connection in
            try await connection.withTransaction(logger: logger) { connection in try await body(connection) }
        }
    }

    // MARK: Writing

    /// Makes `records` ready for ``write(_:)-([PreparedRecord])`` on all cores: segments titles
    /// and bodies into index terms and computes each body's MinHash. Safe from any thread.
    public func prepare(_ records: [ArticleRecord]) throws -> [PreparedRecord] {
        try segmenters.prepare(records)
    }

    /// Makes one record ready for ``write(_:)-([PreparedRecord])``; safe from any thread.
    public func prepare(_ record: ArticleRecord) throws -> PreparedRecord {
        try segmenters.prepare(record)
    }

    /// Adds or replaces `records` in one transaction; a record whose id is stored replaces it.
    @discardableResult
    public func write(_ records: [ArticleRecord]) async throws -> WriteSummary {
        try await write(try prepare(records))
    }

    /// Adds or replaces prepared records in one transaction: once it returns every reader sees the
    /// whole batch, and when it throws nothing of it is written.
    @discardableResult
    public func write(_ records: [PreparedRecord]) async throws -> WriteSummary {
        guard mode == .readWrite else { throw PostgresStoreError.server(location: location, message: "opened read-only") }
        return try await withTransaction { [regionTable, logger] connection in
            var writer = PostgresRecordWriter(connection: connection, regions: regionTable, logger: logger)
            return try await writer.write(records)
        }
    }

    /// Makes a bulk load into an empty store faster: when no article is stored, drops the
    /// full-text GIN index, so that batches insert their terms without maintaining it, and
    /// ``finishBulkLoad()`` builds it once at the end (several times faster than adding each
    /// article's terms to it). Returns whether it dropped the index. Searches stay correct
    /// meanwhile, only slow; any store opened for writing, and ``optimize()``, put a missing
    /// index back, so a load that dies before ``finishBulkLoad()`` loses nothing.
    @discardableResult
    public func beginBulkLoad() async throws -> Bool {
        guard mode == .readWrite else { return false }
        return try await withTransaction { [logger] connection in
            let empty = try await SQLQuery("SELECT NOT EXISTS (SELECT 1 FROM article_terms) AS empty")
                .rows(on: connection, logger: logger).first?.value("empty", as: Bool.self) ?? false
            guard empty else { return false }
            try await SQLQuery("DROP INDEX IF EXISTS article_terms_search").run(on: connection, logger: logger)
            return true
        }
    }

    /// Builds the full-text GIN index when it is missing (after ``beginBulkLoad()``), with at
    /// least 256 MB of `maintenance_work_mem` for the build.
    public func finishBulkLoad() async throws {
        try await withConnection { [logger] connection in
            try await Self.ensureFullTextIndex(connection, logger: logger)
        }
    }

    static func ensureFullTextIndex(_ connection: PostgresConnection, logger: Logger) async throws {
        guard try await !PostgresSchema.hasFullTextIndex(connection, logger: logger) else { return }
        try await connection.withTransaction(logger: logger) { connection in
            let memory = try await SQLQuery("SELECT setting::bigint * 1024 AS bytes FROM pg_settings WHERE name = 'maintenance_work_mem'")
                .rows(on: connection, logger: logger).first?.value("bytes", as: Int64.self) ?? 0
            if memory < 256 << 20 { try await SQLQuery("SET LOCAL maintenance_work_mem = '256MB'").run(on: connection, logger: logger) }
            try await SQLQuery(PostgresSchema.createFullTextIndex).run(on: connection, logger: logger)
        }
    }

    // MARK: Reading

    /// Ranked articles matching a query and filters; see ``ZhiliStore/SearchRequest`` for the syntax.
    public func search(_ request: SearchRequest) async throws -> SearchResults {
        let plan = try segmenters.with { segmenter in try SearchPlan(request: request, segmenter: segmenter) }
        let regionCode = try request.filters.region.map { try resolveRegionOrThrow($0) }
        return try await withTransaction { [self] connection in
            // Matches must come from the GIN index: the planner prices testing a row's tsvector
            // like any operator, but it means decompressing the whole vector, so for a common word
            // it picks a sequential scan that reads every article's terms (10 ms per 1,000 articles).
            try await SQLQuery("SET LOCAL enable_seqscan = off").run(on: connection, logger: logger)
            return try await PostgresSearch(
                connection: connection, logger: logger, plan: plan, regionCode: regionCode, regions: regionTable,
                countLimit: countLimit).run()
        }
    }

    /// Named programs matching `request`, most widely reported first.
    public func programs(_ request: ProgramsRequest) async throws -> [ProgramGroup] {
        let regionCode = try request.region.flatMap { $0.isEmpty ? nil : try resolveRegionOrThrow($0) }
        return try await withConnection { [self] connection in
            try await PostgresProgramQuery(connection: connection, logger: logger, request: request, regionCode: regionCode).run()
        }
    }

    /// The diffusion timelines of the programs `request` names (see ``ZhiliStore/ProgramTimeline``).
    ///
    /// - Throws: ``ZhiliStore/StoreError/unknownRegion(_:)`` for a region filter that names no division.
    public func programTimelines(_ request: ProgramTimelineRequest) async throws -> [ProgramTimeline] {
        let regionCode = try request.region.flatMap { $0.isEmpty ? nil : try resolveRegionOrThrow($0) }
        return try await withConnection { [self] connection in
            try await PostgresProgramTimelineQuery(
                connection: connection, logger: logger, request: request, regionCode: regionCode, regions: regionTable).run()
        }
    }

    /// One indicator across the divisions of a region (the 12 leagues and cities by default).
    public func compare(_ request: CompareRequest) async throws -> Comparison {
        let withinCode = try request.within.map { try resolveRegionOrThrow($0) } ?? RegionResolver.innerMongolia
        return try await withConnection { [self] connection in
            try await PostgresCompareQuery(
                connection: connection, logger: logger, request: request, withinCode: withinCode, regions: regionTable,
                indicators: indicatorTable).run()
        }
    }

    /// Indicator ids with their figure and article counts, most reported first.
    public func indicators() async throws -> [IndicatorSummary] {
        try await withConnection { [self] connection in
            try await PostgresIndicatorQuery.all(connection, logger: logger, table: indicatorTable)
        }
    }

    /// The division tree below `code` (default Inner Mongolia, 150000) with article counts.
    public func regions(under code: String = RegionResolver.innerMongolia) async throws -> RegionNode {
        let root = try resolveRegionOrThrow(code)
        let counts = try await withConnection { [self] connection in
            let query = SQLQuery("""
                SELECT ra.code, count(*) AS n FROM region_tree t JOIN region_articles ra ON ra.code = t.code
                WHERE t.ancestor =
                """)
            query.append(" " + query.bind(root) + " GROUP BY ra.code")
            var counts: [String: Int] = [:]
            for row in try await query.rows(on: connection, logger: logger) {
                counts[try row.value("code")] = try row.value("n")
            }
            return counts
        }
        return RegionTreeQuery.node(root, counts: counts, regions: regionTable)
    }

    /// The stored record with `id`, with text, figures and programs and their offsets; nil if unknown.
    public func article(id: String) async throws -> ArticleRecord? {
        try await withConnection { [self] connection in
            try await PostgresRecordReader(connection: connection, logger: logger).record(id: id)
        }
    }

    /// Resolves a region name, short name, alias or code; nil when nothing matches.
    public func resolveRegion(_ text: String) -> RegionRef? {
        resolver.resolve(text).map { regionTable.region(code: $0)?.ref ?? RegionRef(name: text, code: $0) }
    }

    /// Number of stored articles.
    public func articleCount() async throws -> Int {
        try await withConnection { [self] connection in
            try await SQLQuery("SELECT count(*) AS n FROM articles").rows(on: connection, logger: logger).first?.value("n") ?? 0
        }
    }

    /// Always nil: other processes write the shared database at any time, so a server over
    /// PostgreSQL keeps no answers to invalidate (its search cache is off) and asks the database
    /// on every request.
    public func changeToken() async throws -> String? { nil }

    /// The current number of articles, or an error when the server does not answer within
    /// `timeout` (for `/healthz`, which must answer while the pool waits for a lost server).
    public func health(timeout: Duration = .seconds(5)) async throws -> Int {
        try await withThrowingTaskGroup(of: Int?.self) { group in
            group.addTask { try await self.articleCount() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let count = try await group.next() ?? nil else {
                throw PostgresStoreError.cannotConnect(location: location, reason: "no answer within \(timeout)")
            }
            return count
        }
    }

    /// After a large build: puts back a missing full-text index (``finishBulkLoad()``), merges
    /// the GIN index's pending list (terms written since the last merge, which every search
    /// scans) into it, and updates the planner's statistics (`ANALYZE`).
    public func optimize() async throws {
        try await withConnection { [self] connection in
            if mode == .readWrite { try await Self.ensureFullTextIndex(connection, logger: logger) }
            if try await PostgresSchema.hasFullTextIndex(connection, logger: logger) {
                try await SQLQuery("SELECT gin_clean_pending_list('article_terms_search')").run(on: connection, logger: logger)
            }
            try await SQLQuery("ANALYZE").run(on: connection, logger: logger)
        }
    }

    func resolveRegionOrThrow(_ text: String) throws -> String {
        guard let code = resolver.resolve(text) else { throw StoreError.unknownRegion(text) }
        return code
    }
}

/// Whether a call got its connection, set from the pool's task and read by the timer's.
private final class LeaseFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

/// What finished first: the call, or the wait for a connection.
private enum ConnectionOutcome<T: Sendable>: Sendable {
    case done(T)
    case noConnection
}
