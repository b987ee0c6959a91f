import Foundation
import CZhiliSQLite
import GRDB
import ZhiliCore
import ZhiliExtract

/// The SQLite implementation of ``ArticleStore``: one database file in WAL mode, opened through a
/// GRDB `DatabasePool` so readers keep working while a batch writes. The full-text index is a
/// table of the same file (``FullTextTable``), written in the same transaction as each batch.
///
/// ```swift
/// let store = try SQLiteStore(path: "zhili.db")
/// try store.write(records)
/// let page = try store.search(SearchRequest(query: "调解室", filters: SearchFilters(region: "乌兰察布")))
/// ```
///
/// SQLite documentation: <https://www.sqlite.org/wal.html>, <https://www.sqlite.org/fts5.html>.
public final class SQLiteStore: ArticleStore {
    /// How the database is opened.
    public enum Mode: String, Sendable {
        /// Creates or migrates the file; writes allowed.
        case readWrite
        /// Opens an existing, fully migrated index for reading only (the server's mode).
        case readOnly
    }

    /// The database file.
    public let path: String
    /// How the file was opened.
    public let mode: Mode
    /// The division table regions resolve against.
    public let regionTable: RegionTable
    /// The indicator table giving indicators their Chinese labels and units in `compare` and `indicators`.
    public let indicatorTable: IndicatorTable

    /// Matches are counted up to this number; beyond it ``SearchResults/totalIsExact`` is false.
    public let countLimit: Int

    let pool: DatabasePool
    let segmenters: SegmenterPool
    let resolver: RegionResolver
    let documentFrequencies = DocumentFrequencies()

    /// Opens (and in `.readWrite` mode creates and migrates) the index at `path`.
    ///
    /// - Throws: ``StoreError/unusableDatabase(path:reason:)`` when a read-only file is missing,
    ///   not a Zhili index, or written by a newer Zhili; GRDB's `DatabaseError` for I/O failures.
    ///
    /// - Parameters:
    ///   - countLimit: matches are counted up to this number.
    public init(
        path: String, mode: Mode = .readWrite, regions: RegionTable = .bundled, indicators: IndicatorTable = .bundled,
        countLimit: Int = 500
    ) throws {
        _ = Self.configureSQLite
        self.path = path
        self.countLimit = max(1, countLimit)
        self.mode = mode
        self.regionTable = regions
        self.indicatorTable = indicators
        self.segmenters = try SegmenterPool()
        self.resolver = RegionResolver(table: regions)

        var configuration = Configuration()
        configuration.readonly = mode == .readOnly
        configuration.label = "zhili"
        configuration.maximumReaderCount = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        configuration.busyMode = .timeout(60)
        configuration.prepareDatabase { db in
            if !db.configuration.readonly {
                // Durable enough for an index that can be rebuilt, and much faster.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            try SQLiteStore.prepareConnection(db)
        }

        if mode == .readOnly && !FileManager.default.fileExists(atPath: path) {
            throw StoreError.unusableDatabase(path: path, reason: "no such index; build one with `zhili index FILE --db \(path)`")
        }
        let existing = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0) > 0
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = Schema.migrator(segmenters: segmenters)
            switch mode {
            case .readWrite:
                // Writing into a damaged file spreads the damage: refuse it (a quick check reads every page once).
                if existing { try Self.requireIntact(pool, path: path) }
                try migrator.migrate(pool)
                try pool.write { db in try Schema.loadRegions(regions, into: db) }
            case .readOnly:
                let (completed, superseded) = try pool.read { db in
                    (try migrator.hasCompletedMigrations(db), try migrator.hasBeenSuperseded(db))
                }
                if superseded {
                    throw StoreError.unusableDatabase(path: path, reason: "written by a newer Zhili; upgrade zhili")
                }
                if !completed {
                    // An old index and a damaged one both lack the migrations: tell them apart.
                    try Self.requireIntact(pool, path: path)
                    throw StoreError.unusableDatabase(path: path, reason: "not an up-to-date Zhili index; run `zhili index` on it first")
                }
            }
        } catch {
            if let explained = StoreError.explaining(error, path: path) { throw explained }
            // A file that cannot be opened at all (a folder in the way, no permission) is named.
            if let error = error as? DatabaseError, error.resultCode.primaryResultCode == .SQLITE_CANTOPEN {
                throw StoreError.unusableDatabase(path: path, reason: "cannot open: \(error.message ?? "\(error.resultCode)")")
            }
            throw error
        }
    }

    /// Throws ``StoreError/damagedDatabase(path:detail:)`` unless SQLite's quick check of the
    /// file at `path` finds it intact.
    static func requireIntact(_ pool: DatabasePool, path: String) throws {
        let findings = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
        if findings != ["ok"] {
            throw StoreError.damagedDatabase(path: path, detail: "SQLite: " + findings.joined(separator: "; "))
        }
    }

    // Each operation builds its database work once (the `…Work` functions); the synchronous method
    // runs it on the caller's thread (CLI, tools), the async one awaits GRDB's async `read`/`write`,
    // which run it on the pool's own threads instead of blocking a cooperative thread (server).

    /// Work on one connection of the pool.
    typealias Work<T> = @Sendable (Database) throws -> T

    /// Adds or replaces `records` in one transaction (a record whose id is stored replaces it).
    ///
    /// Prepares the records on every core first (``prepare(_:)-([ArticleRecord])``), then writes them.
    /// Call with batches of a few hundred to a few thousand records for speed.
    /// - Complexity: O(total text length), dominated by segmentation and the full-text index.
    @discardableResult
    public func write(_ records: [ArticleRecord]) throws -> WriteSummary {
        try write(try prepare(records))
    }

    /// Adds or replaces `records` in one transaction; see ``write(_:)-([ArticleRecord])``.
    @discardableResult
    public func write(_ records: [ArticleRecord]) async throws -> WriteSummary {
        let work = try writeWork(try prepare(records))
        defer { documentFrequencies.removeAll() }
        return try await pool.write(work)
    }

    /// Adds or replaces prepared records, full-text rows included, in one transaction (a record
    /// whose id is stored replaces it): once it returns every reader sees the whole batch, and
    /// when it throws nothing of it is written.
    @discardableResult
    public func write(_ records: [PreparedRecord]) throws -> WriteSummary {
        let work = try writeWork(records)
        defer { documentFrequencies.removeAll() }
        return try pool.write(work)
    }

    /// Makes `records` ready for ``write(_:)-([PreparedRecord])`` on all cores (see ``prepare(_:)-(ArticleRecord)``):
    /// a loader can prepare the next batch while the current one is written.
    public func prepare(_ records: [ArticleRecord]) throws -> [PreparedRecord] {
        try segmenters.prepare(records)
    }

    /// Makes `record` ready for ``write(_:)-([PreparedRecord])``: segments its title and body for
    /// the full-text index. Safe to call from any thread, so a loader can prepare the next batch
    /// while the writer inserts the current one.
    public func prepare(_ record: ArticleRecord) throws -> PreparedRecord {
        try segmenters.prepare(record)
    }

    private func writeWork(_ records: [PreparedRecord]) throws -> Work<WriteSummary> {
        try checkWritable()
        return { [regionTable, segmenters] db in
            var writer = RecordWriter(db: db, regions: regionTable, segmenters: segmenters)
            return try writer.write(records)
        }
    }

    /// Ranked articles matching a query and filters; see ``SearchRequest`` for the query syntax.
    ///
    /// - Throws: ``StoreError/invalidQuery(_:)`` for a query that is too long or only excludes,
    ///   ``StoreError/unknownRegion(_:)`` for a region filter naming nothing.
    public func search(_ request: SearchRequest) throws -> SearchResults {
        try pool.read(try searchWork(request))
    }

    /// Ranked articles matching a query and filters; see ``search(_:)-(SearchRequest)``.
    public func search(_ request: SearchRequest) async throws -> SearchResults {
        try await pool.read(try searchWork(request))
    }

    private func searchWork(_ request: SearchRequest) throws -> Work<SearchResults> {
        // Counts remembered from before another process wrote are stale.
        documentFrequencies.forgetUnless(changeToken())
        let plan = try segmenters.with { segmenter in try SearchPlan(request: request, segmenter: segmenter) }
        let regionCode = try request.filters.region.map { try resolveRegionOrThrow($0) }
        return { [regionTable, documentFrequencies, countLimit] db in
            try SearchExecutor(
                db: db, plan: plan, regionCode: regionCode, regions: regionTable, documentFrequencies: documentFrequencies,
                countLimit: countLimit).run()
        }
    }

    /// Named programs matching `request`, most widely reported first.
    public func programs(_ request: ProgramsRequest) throws -> [ProgramGroup] {
        try pool.read(try programsWork(request))
    }

    /// Named programs matching `request`, most widely reported first.
    public func programs(_ request: ProgramsRequest) async throws -> [ProgramGroup] {
        try await pool.read(try programsWork(request))
    }

    private func programsWork(_ request: ProgramsRequest) throws -> Work<[ProgramGroup]> {
        let regionCode = try request.region.flatMap { $0.isEmpty ? nil : try resolveRegionOrThrow($0) }
        return { [regionTable] db in try ProgramQuery(db: db, request: request, regionCode: regionCode, regions: regionTable).run() }
    }

    /// One indicator across the divisions of a region (the 12 leagues and cities by default).
    public func compare(_ request: CompareRequest) throws -> Comparison {
        try pool.read(try compareWork(request))
    }

    /// One indicator across the divisions of a region (the 12 leagues and cities by default).
    public func compare(_ request: CompareRequest) async throws -> Comparison {
        try await pool.read(try compareWork(request))
    }

    private func compareWork(_ request: CompareRequest) throws -> Work<Comparison> {
        let withinCode = try request.within.map { try resolveRegionOrThrow($0) } ?? RegionResolver.innerMongolia
        return { [regionTable, indicatorTable] db in
            try CompareQuery(db: db, request: request, withinCode: withinCode, regions: regionTable, indicators: indicatorTable).run()
        }
    }

    /// Indicator ids with their figure and article counts, most reported first.
    public func indicators() throws -> [IndicatorSummary] {
        try pool.read { [indicatorTable] db in try IndicatorQuery.all(db, table: indicatorTable) }
    }

    /// Indicator ids with their figure and article counts, most reported first.
    public func indicators() async throws -> [IndicatorSummary] {
        try await pool.read { [indicatorTable] db in try IndicatorQuery.all(db, table: indicatorTable) }
    }

    /// The division tree below `code` (default Inner Mongolia, 150000) with article counts.
    ///
    /// - Throws: ``StoreError/unknownRegion(_:)`` when `code` is not a known division.
    public func regions(under code: String = RegionResolver.innerMongolia) throws -> RegionNode {
        try pool.read(try regionsWork(under: code))
    }

    /// The division tree below `code` (default Inner Mongolia, 150000) with article counts.
    public func regions(under code: String = RegionResolver.innerMongolia) async throws -> RegionNode {
        try await pool.read(try regionsWork(under: code))
    }

    private func regionsWork(under code: String) throws -> Work<RegionNode> {
        let root = try resolveRegionOrThrow(code)
        return { [regionTable] db in try RegionTreeQuery(db: db, regions: regionTable).tree(under: root) }
    }

    /// The stored record with `id`, with text, figures and programs and their offsets; nil if unknown.
    public func article(id: String) throws -> ArticleRecord? {
        try pool.read { db in try RecordReader(db: db).record(id: id) }
    }

    /// The stored record with `id`, with text, figures and programs and their offsets; nil if unknown.
    public func article(id: String) async throws -> ArticleRecord? {
        try await pool.read { db in try RecordReader(db: db).record(id: id) }
    }

    /// Resolves a region name, short name, alias or code; nil when nothing matches.
    public func resolveRegion(_ text: String) -> RegionRef? {
        resolver.resolve(text).map { regionTable.region(code: $0)?.ref ?? RegionRef(name: text, code: $0) }
    }

    /// The modification time, size and inode of the database file and of its write-ahead log:
    /// every commit, by this process or another, changes the log (or, once checkpointed, the file).
    /// A `stat` of two files, so cheap enough to ask on every request.
    public func changeToken() -> String? {
        var token = ""
        for file in [path, path + "-wal"] {
            var info = stat()
            guard stat(file, &info) == 0 else {
                token += "-;"
                continue
            }
            token += "\(info.st_ino),\(info.st_size),\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec);"
        }
        return token
    }

    /// Number of stored articles.
    public func articleCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0 }
    }

    /// Runs `VACUUM`-free maintenance after a large build: merges FTS5 segments and updates statistics.
    public func optimize() throws {
        try checkWritable()
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES('optimize')")
            try db.execute(sql: "PRAGMA optimize")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// SQLite set up once per process before the first connection (``zhili_configure_sqlite``).
    private static let configureSQLite: Bool = zhili_configure_sqlite() == 1

    /// Registers the `zhili` FTS5 tokenizer on a connection opened outside the store (tools, benchmarks).
    public static func registerTokenizer(_ db: Database) {
        db.add(tokenizer: ZhiliTokenizer.self)
    }

    /// Readies a connection to an index (the store's own, or one opened by tools and benchmarks):
    /// tokenizer, cache, and on reading connections the ranking function (``registerRanking(_:)``).
    public static func prepareConnection(_ db: Database) throws {
        registerTokenizer(db)
        try db.execute(sql: "PRAGMA cache_size = -65536")
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        if db.configuration.readonly {
            // After temp_store: changing it drops the connection's temporary tables.
            try registerRanking(db)
        }
    }

    /// Registers the ranking function `zhili_rank` and the per-connection vocabulary table
    /// `temp.zhili_vocab` (document frequency of each indexed term) that ``SearchExecutor`` uses.
    public static func registerRanking(_ db: Database) throws {
        let code = zhili_register_rank(UnsafeMutableRawPointer(db.sqliteConnection))
        guard ResultCode(rawValue: code) == .SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register zhili_rank on the FTS5 module")
        }
        try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.\(SearchExecutor.vocabularyTable) USING fts5vocab(main, article_fts, row)")
    }

    private func checkWritable() throws {
        guard mode == .readWrite else { throw StoreError.unusableDatabase(path: path, reason: "opened read-only") }
    }

    func resolveRegionOrThrow(_ text: String) throws -> String {
        guard let code = resolver.resolve(text) else { throw StoreError.unknownRegion(text) }
        return code
    }
}
