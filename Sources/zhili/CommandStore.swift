import Dispatch
import ZhiliCore
import ZhiliPostgres
import ZhiliStore

/// The index a command works on: an SQLite file or a PostgreSQL database, chosen by the `--db`
/// value (`postgres://…` or `postgresql://…` is PostgreSQL). Commands are synchronous, so the
/// PostgreSQL store's async calls are awaited here, on the command's own thread (never a
/// concurrency pool thread), and each method reads like ``ZhiliStore/SQLiteStore``'s.
final class CommandStore: Sendable {
    private enum Backend: Sendable {
        case sqlite(SQLiteStore)
        case postgres(PostgresStore)
    }

    private let backend: Backend

    /// Opens the index at `location` (a file path or a `postgres://` URL).
    init(_ location: String, mode: SQLiteStore.Mode) throws {
        if ConnectionString.isPostgres(location) {
            let postgresMode: PostgresStore.Mode = mode == .readOnly ? .readOnly : .readWrite
            backend = .postgres(try Self.wait { try await PostgresStore.open(location, mode: postgresMode) })
        } else {
            backend = .sqlite(try SQLiteStore(path: location, mode: mode))
        }
    }

    /// The PostgreSQL store, or nil for an SQLite file (the work queue needs PostgreSQL).
    var postgres: PostgresStore? {
        if case .postgres(let store) = backend { return store }
        return nil
    }

    /// The store behind the protocol (for the server).
    var store: any ArticleStore {
        switch backend {
        case .sqlite(let store): return store
        case .postgres(let store): return store
        }
    }

    /// Segments `record` for ``write(_:)``; safe from any thread.
    func prepare(_ record: ArticleRecord) throws -> PreparedRecord {
        switch backend {
        case .sqlite(let store): return try store.prepare(record)
        case .postgres(let store): return try store.prepare(record)
        }
    }

    /// Writes prepared records in one transaction.
    func write(_ records: [PreparedRecord]) throws -> WriteSummary {
        switch backend {
        case .sqlite(let store): return try store.write(records)
        case .postgres(let store): return try Self.wait { try await store.write(records) }
        }
    }

    /// Writes records in one transaction.
    func write(_ records: [ArticleRecord]) throws -> WriteSummary {
        switch backend {
        case .sqlite(let store): return try store.write(records)
        case .postgres(let store): return try Self.wait { try await store.write(records) }
        }
    }

    func search(_ request: SearchRequest) throws -> SearchResults { try Self.wait { [store] in try await store.search(request) } }
    func programs(_ request: ProgramsRequest) throws -> [ProgramGroup] { try Self.wait { [store] in try await store.programs(request) } }
    func programTimelines(_ request: ProgramTimelineRequest) throws -> [ProgramTimeline] {
        try Self.wait { [store] in try await store.programTimelines(request) }
    }
    func compare(_ request: CompareRequest) throws -> Comparison { try Self.wait { [store] in try await store.compare(request) } }
    func indicators() throws -> [IndicatorSummary] { try Self.wait { [store] in try await store.indicators() } }

    /// Before loading many records: for PostgreSQL, drops the full-text index of an empty store
    /// until ``finishBulkLoad()`` (``ZhiliPostgres/PostgresStore/beginBulkLoad()``); nothing for SQLite.
    func beginBulkLoad() throws {
        if case .postgres(let store) = backend { _ = try Self.wait { try await store.beginBulkLoad() } }
    }

    /// After loading: for PostgreSQL, builds the full-text index if ``beginBulkLoad()`` dropped it.
    func finishBulkLoad() throws {
        if case .postgres(let store) = backend { try Self.wait { try await store.finishBulkLoad() } }
    }

    /// Post-build maintenance: FTS5 merge for SQLite, `ANALYZE` for PostgreSQL.
    func optimize() throws {
        switch backend {
        case .sqlite(let store): try store.optimize()
        case .postgres(let store): try Self.wait { try await store.optimize() }
        }
    }

    /// Runs `body` in a task and blocks this (non-pool) thread until it finishes.
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try outcome.result!.get()
    }
}

/// The result of one awaited task, written before the semaphore is signalled and read after.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
