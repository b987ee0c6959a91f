import Foundation
import CZhiliSQLite
import GRDB
import ZhiliCore
import ZhiliExtract

/// The SQLite implementation of ``ArticleStore``: a database file in WAL mode, opened through a
/// GRDB `DatabasePool` so readers keep working while a batch writes, and its full-text index in a
/// second file beside it (`zhili.db-fts`, see ``FullTextFile``), written in parallel.
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

    /// How many of the newest matches a search ranks by BM25 (0: every match); see ``SearchRequest``.
    public let rankingWindow: Int
    /// Matches are counted up to this number; beyond it ``SearchResults/totalIsExact`` is false.
    public let countLimit: Int

    let pool: DatabasePool
    /// The full-text file's writer; nil when opened read-only.
    let fullText: FullTextFile?
    let segmenters: SegmenterPool
    let resolver: RegionResolver
    let documentFrequencies = DocumentFrequencies()

    /// Opens (and in `.readWrite` mode creates and migrates) the index at `path`.
    ///
    /// - Throws: ``StoreError/unusableDatabase(path:reason:)`` when a read-only file is missing,
    ///   not a Zhili index, or written by a newer Zhili; GRDB's `DatabaseError` for I/O failures.
    ///
    /// - Parameters:
    ///   - rankingWindow: how many of the most recently indexed matches are ranked by BM25 (at least
    ///     one page; 0 ranks every match, exact but slow for words in most articles).
    ///   - countLimit: matches are counted up to this number.
    public init(
        path: String, mode: Mode = .readWrite, regions: RegionTable = .bundled,
        rankingWindow: Int = 100, countLimit: Int = 500
    ) throws {
        _ = Self.configureSQLite
        self.path = path
        self.rankingWindow = rankingWindow
        self.countLimit = max(1, countLimit)
        self.mode = mode
        self.regionTable = regions
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
            try SQLiteStore.prepareConnection(db, indexPath: path)
        }

        let fullTextPath = FullTextFile.path(for: path)
        switch mode {
        case .readOnly:
            guard FileManager.default.fileExists(atPath: path) else {
                throw StoreError.unusableDatabase(path: path, reason: "no such index; build one with `zhili index FILE --db \(path)`")
            }
            guard FileManager.default.fileExists(atPath: fullTextPath) else {
                throw StoreError.unusableDatabase(
                    path: path, reason: "its full-text file \(fullTextPath) is missing; run `zhili index` on it to rebuild it")
            }
            fullText = nil
        case .readWrite:
            // Before the pool: reading connections attach the file, which must exist in WAL mode.
            fullText = try FullTextFile(path: fullTextPath)
        }
        pool = try DatabasePool(path: path, configuration: configuration)

        let migrator = Schema.migrator
        switch mode {
        case .readWrite:
            try migrator.migrate(pool)
            try pool.write { db in try Schema.loadRegions(regions, into: db) }
            try synchronizeFullText()
        case .readOnly:
            let (completed, superseded) = try pool.read { db in
                (try migrator.hasCompletedMigrations(db), try migrator.hasBeenSuperseded(db))
            }
            if superseded {
                throw StoreError.unusableDatabase(path: path, reason: "written by a newer Zhili; upgrade zhili")
            }
            if !completed {
                throw StoreError.unusableDatabase(path: path, reason: "not an up-to-date Zhili index; run `zhili index` on it first")
            }
        }
    }

    /// Adds or replaces `records` in one transaction (a record whose id is stored replaces it).
    ///
    /// Prepares the records on every core first (``prepare(_:)``), then writes them. Call with
    /// batches of a few hundred to a few thousand records for speed.
    /// - Complexity: O(total text length), dominated by segmentation and the full-text index.
    @discardableResult
    public func write(_ records: [ArticleRecord]) throws -> WriteSummary {
        try write(try segmenters.prepare(records))
    }

    /// Makes `records` ready for ``write(_:)-([PreparedRecord])`` on all cores (see ``prepare(_:)-(ArticleRecord)``):
    /// a loader can prepare the next batch while the current one is written.
    public func prepare(_ records: [ArticleRecord]) throws -> [PreparedRecord] {
        try segmenters.prepare(records)
    }

    /// Makes `record` ready for ``write(_:)-([PreparedRecord])``: segments its text for the full-text
    /// index. Safe to call from any thread, so a loader can prepare the next batch while the
    /// writer inserts the current one.
    public func prepare(_ record: ArticleRecord) throws -> PreparedRecord {
        try segmenters.prepare(record)
    }

    /// Adds or replaces prepared records in one transaction of the main file (a record whose id is
    /// stored replaces it).
    ///
    /// Returns once the main file has committed; the full-text file commits the batch in the
    /// background while the caller prepares and writes the next one. This store's searches wait
    /// for it, other processes see the batch in their searches a moment later, and a crash before
    /// it commits is repaired by the next read-write open. Call ``finishWriting()`` after the last batch.
    @discardableResult
    public func write(_ records: [PreparedRecord]) throws -> WriteSummary {
        guard mode == .readWrite else {
            throw StoreError.unusableDatabase(path: path, reason: "opened read-only")
        }
        guard let fullText, !records.isEmpty else { return WriteSummary() }
        // The previous batch's full-text job may still be committing: it must succeed before this
        // batch counts on it; if it failed, the full-text file is rebuilt first.
        try? fullText.waitForPending()
        if fullText.takeFailure() { try synchronizeFullText() }
        let table = regionTable
        defer { documentFrequencies.removeAll() }
        // The full-text thread takes the prepared terms while FTS5 tokenizes each title and body.
        let terms = records.flatMap(\.terms)
        terms.forEach(TermHandoff.shared.register)
        var job: FullTextFile.Job?
        do {
            let summary = try pool.write { db in
                var writer = RecordWriter(db: db, regions: table)
                let changes = try writer.planFullText(records)
                let state = (try FullTextFile.readState(db, table: Schema.fullTextStateTable) ?? .fresh()).next
                job = fullText.begin(changes, state: state, terms: terms)
                let summary = try writer.write(records)
                try FullTextFile.writeState(state, db, table: Schema.fullTextStateTable)
                return summary
            }
            // The main file committed: the full-text job commits in the background, overlapping
            // the next batch (a crash before it does leaves the files apart, and the next
            // read-write open rebuilds the full-text index). Searches wait for it.
            job?.decide(commit: true)
            return summary
        } catch {
            job?.decide(commit: false)
            try? fullText.waitForPending()
            if job == nil { TermHandoff.shared.discard(terms) }
            throw error
        }
    }

    /// Waits until the full-text index holds every batch written so far (``write(_:)-([PreparedRecord])``
    /// returns before the full-text file commits), rebuilding it if a batch failed there. Searches
    /// and closing the store wait by themselves; a loader calls this at the end.
    public func finishWriting() throws {
        guard let fullText else { return }
        try? fullText.waitForPending()
        if fullText.takeFailure() { try synchronizeFullText() }
    }

    deinit {
        try? fullText?.waitForPending()
    }

    /// Rebuilds the full-text index from the stored articles when the full-text file does not
    /// match the main file (new, missing, from another index, or cut off by a crash mid-batch).
    /// Runs inside a write transaction, so no other writer is between its two commits.
    private func synchronizeFullText() throws {
        guard let fullText else { return }
        try pool.write { db in
            let stored = try FullTextFile.readState(db, table: Schema.fullTextStateTable)
            if let stored, try fullText.state() == stored { return }
            let fresh = FullTextFile.SyncState.fresh()
            try fullText.rebuild(from: db, segmenters: segmenters, state: fresh)
            try FullTextFile.writeState(fresh, db, table: Schema.fullTextStateTable)
        }
    }

    /// Ranked articles matching a query and filters; see ``SearchRequest`` for the query syntax.
    ///
    /// - Throws: ``StoreError/invalidQuery(_:)`` for a query that is too long or only excludes,
    ///   ``StoreError/unknownRegion(_:)`` for a region filter naming nothing.
    public func search(_ request: SearchRequest) throws -> SearchResults {
        try? fullText?.waitForPending()
        let plan = try segmenters.with { segmenter in try SearchPlan(request: request, segmenter: segmenter) }
        let regionCode = try request.filters.region.map { try resolveRegionOrThrow($0) }
        return try pool.read { db in
            try SearchExecutor(
                db: db, plan: plan, regionCode: regionCode, regions: regionTable, documentFrequencies: documentFrequencies,
                rankingWindow: rankingWindow, countLimit: countLimit).run()
        }
    }

    /// Named programs matching `request`, most widely reported first.
    public func programs(_ request: ProgramsRequest) throws -> [ProgramGroup] {
        let regionCode = try request.region.flatMap { $0.isEmpty ? nil : try resolveRegionOrThrow($0) }
        return try pool.read { db in
            try ProgramQuery(db: db, request: request, regionCode: regionCode, regions: regionTable).run()
        }
    }

    /// One indicator across the divisions of a region (the 12 leagues and cities by default).
    public func compare(_ request: CompareRequest) throws -> Comparison {
        let withinCode = try request.within.map { try resolveRegionOrThrow($0) } ?? RegionResolver.innerMongolia
        return try pool.read { db in
            try CompareQuery(db: db, request: request, withinCode: withinCode, regions: regionTable).run()
        }
    }

    /// Indicator ids with their figure and article counts, most reported first.
    public func indicators() throws -> [IndicatorSummary] {
        try pool.read { db in try IndicatorQuery.all(db) }
    }

    /// The division tree below `code` (default Inner Mongolia, 150000) with article counts.
    ///
    /// - Throws: ``StoreError/unknownRegion(_:)`` when `code` is not a known division.
    public func regions(under code: String = RegionResolver.innerMongolia) throws -> RegionNode {
        let root = try resolveRegionOrThrow(code)
        return try pool.read { db in try RegionTreeQuery(db: db, regions: regionTable).tree(under: root) }
    }

    /// The stored record with `id`, with text, figures and programs and their offsets; nil if unknown.
    public func article(id: String) throws -> ArticleRecord? {
        try pool.read { db in try RecordReader(db: db).record(id: id) }
    }

    /// Resolves a region name, short name, alias or code; nil when nothing matches.
    public func resolveRegion(_ text: String) -> RegionRef? {
        resolver.resolve(text).map { regionTable.region(code: $0)?.ref ?? RegionRef(name: text, code: $0) }
    }

    /// Number of stored articles.
    public func articleCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0 }
    }

    /// Runs `VACUUM`-free maintenance after a large build: merges FTS5 segments and updates statistics.
    public func optimize() throws {
        guard let fullText else { return }
        try fullText.optimize()
        try pool.writeWithoutTransaction { db in
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

    /// Readies a connection to the index at `indexPath` (the store's own, or one opened by tools
    /// and benchmarks): tokenizer, cache, and on reading connections the full-text file attached
    /// and the ranking function (``registerRanking(_:)``). Writing connections leave the
    /// full-text file alone: it has its own writer.
    public static func prepareConnection(_ db: Database, indexPath: String) throws {
        registerTokenizer(db)
        try db.execute(sql: "PRAGMA cache_size = -65536")
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        if db.configuration.readonly {
            try FullTextFile.attach(path: FullTextFile.path(for: indexPath), to: db)
            // After temp_store: changing it drops the connection's temporary tables.
            try registerRanking(db)
        }
    }

    /// Registers the ranking function `zhili_rank` and the per-connection vocabulary table
    /// `temp.zhili_vocab` (document frequency of each indexed term) that ``SearchExecutor`` uses.
    public static func registerRanking(_ db: Database) throws {
        let code = zhili_register_rank(UnsafeMutableRawPointer(db.sqliteConnection))
        guard code == 0 else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register zhili_rank on the FTS5 module")
        }
        try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.\(SearchExecutor.vocabularyTable) USING fts5vocab(\(FullTextFile.schemaName), article_fts, row)")
    }

    func resolveRegionOrThrow(_ text: String) throws -> String {
        guard let code = resolver.resolve(text) else { throw StoreError.unknownRegion(text) }
        return code
    }
}
