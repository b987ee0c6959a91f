import Foundation
import GRDB

/// The full-text index in its own SQLite file beside the main one (`zhili.db-fts` next to
/// `zhili.db`), written on its own connection and thread, so that FTS5 insertion, the most
/// expensive part of a write, runs in parallel with the relational inserts.
///
/// Readers see the file as schema `fts`, attached to every reading connection of the store, so
/// queries name `article_fts` unqualified. Both files keep a ``SyncState``, advanced by every batch
/// in both transactions; when the two differ (a crash between the two commits, a missing, deleted
/// or foreign file) the store rebuilds the full-text index from the stored articles when it next
/// opens for writing (``rebuild(from:segmenters:state:)``).
final class FullTextFile: @unchecked Sendable {
    /// The schema name of the attached file.
    static let schemaName = "fts"

    /// Which batches a file has seen: the same in both files when they agree.
    struct SyncState: Equatable, Sendable {
        /// Random id given when the full-text index was last built from scratch.
        var generation: String
        /// Batches written since.
        var batches: Int64

        /// A state for a freshly built index.
        static func fresh() -> SyncState { SyncState(generation: UUID().uuidString, batches: 0) }

        /// The state after one more batch.
        var next: SyncState { SyncState(generation: generation, batches: batches + 1) }
    }

    /// One change to the full-text index, in batch order.
    enum Change: Sendable {
        /// Index `title` and `body` as row `key`.
        case insert(key: Int64, title: String, body: String)
        /// Forget row `key`, which indexed exactly `title` and `body` (a contentless FTS5 table
        /// forgets a row when given the values it indexed).
        case delete(key: Int64, title: String, body: String)
    }

    /// This file's copy of ``SyncState``.
    static let stateTable = "fts_state"

    /// The full-text file of the index at `mainPath`.
    static func path(for mainPath: String) -> String { mainPath + "-fts" }

    /// The file.
    let path: String
    private let queue: DatabaseQueue
    private let thread = DispatchQueue(label: "zhili.fulltext")

    private static let createTable = """
        CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5(title, body, content='', tokenize='zhili', detail=full)
        """

    /// Opens (creating if needed) the full-text file at `path` for writing.
    init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.label = "zhili.fulltext"
        configuration.busyMode = .timeout(60)
        configuration.prepareDatabase { db in
            SQLiteStore.registerTokenizer(db)
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS \(Self.stateTable) (
                    id INTEGER PRIMARY KEY CHECK (id = 1), generation TEXT NOT NULL, batches INTEGER NOT NULL);
                \(Self.createTable)
                """)
        }
    }

    /// Attaches the full-text file at `path` to a reading connection as schema `fts`.
    static func attach(path: String, to db: Database) throws {
        try db.execute(sql: "ATTACH DATABASE ? AS \(schemaName)", arguments: [path])
    }

    /// The file's state, nil when it has none (new, or a rebuild was cut short).
    func state() throws -> SyncState? {
        try queue.read { db in try Self.readState(db, table: Self.stateTable) }
    }

    /// The state stored in `table` (`fts_state` here, `fulltext_state` in the main file).
    static func readState(_ db: Database, table: String) throws -> SyncState? {
        try Row.fetchOne(db, sql: "SELECT generation, batches FROM \(table) WHERE id = 1").map {
            SyncState(generation: $0["generation"], batches: $0["batches"])
        }
    }

    /// Stores `state` in `table`.
    static func writeState(_ state: SyncState, _ db: Database, table: String) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO \(table) (id, generation, batches) VALUES (1, ?, ?)",
            arguments: [state.generation, state.batches])
    }

    /// Applies `changes` and records `state` in one transaction on the full-text thread, which
    /// commits or rolls back when the caller decides (``Job/decide(commit:)``), usually after the
    /// main file committed the same batch. Jobs run one after another, in the order begun.
    /// `terms` are the entries registered with ``TermHandoff`` for the batch; the job drops those
    /// FTS5 did not take when it ends.
    func begin(_ changes: [Change], state: SyncState, terms: [TermHandoff.Entry]) -> Job {
        let job = Job()
        job.done.enter()
        thread.async { [queue] in
            do {
                try queue.inDatabase { db in
                    do {
                        try db.execute(sql: "BEGIN IMMEDIATE")
                        try Self.apply(changes, db)
                        try Self.writeState(state, db, table: Self.stateTable)
                    } catch {
                        if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                        throw error
                    }
                    job.decision.wait()
                    if job.shouldCommit {
                        do {
                            try db.execute(sql: "COMMIT")
                        } catch {
                            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                            throw error
                        }
                    } else {
                        try db.execute(sql: "ROLLBACK")
                    }
                }
            } catch {
                job.error = error
                self.lock.lock()
                self.failed = true
                self.lock.unlock()
            }
            TermHandoff.shared.discard(terms)
            job.done.leave()
        }
        lock.lock()
        pending.append(job)
        lock.unlock()
        return job
    }

    /// Waits until every job begun so far has committed or rolled back; throws the first error
    /// one of them met. A failed job leaves the file behind the main file, so the store rebuilds
    /// it (``SQLiteStore``).
    /// Safe to call from several threads at once: each returns when every job it saw has ended.
    func waitForPending() throws {
        lock.lock()
        let jobs = pending
        lock.unlock()
        var firstError: (any Error)?
        for job in jobs {
            do { try job.wait() } catch { firstError = firstError ?? error }
        }
        lock.lock()
        pending.removeAll { job in jobs.contains { $0 === job } }
        lock.unlock()
        if let firstError { throw firstError }
    }

    /// Whether a job failed since the last call, leaving the file behind the main file.
    func takeFailure() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let failed = self.failed
        self.failed = false
        return failed
    }

    private let lock = NSLock()
    private var pending: [Job] = []
    private var failed = false

    /// Empties the full-text index and indexes every stored article again, reading them from
    /// `db` (the main file, inside the caller's write transaction); records `state` when done.
    func rebuild(from db: Database, segmenters: SegmenterPool, state: SyncState) throws {
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DELETE FROM \(Self.stateTable)")
            try db.execute(sql: "DROP TABLE IF EXISTS article_fts")
            try db.execute(sql: Self.createTable)
        }
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(db, sql: "SELECT key, title, body FROM articles WHERE key > ? ORDER BY key LIMIT 1000", arguments: [after])
            guard let last = rows.last else { break }
            after = last["key"]
            let bodies: [String] = rows.map { $0["body"] }
            let entries = try segmenters.prepare(texts: bodies)
            for entry in entries { TermHandoff.shared.register(entry) }
            defer { TermHandoff.shared.discard(entries) }
            try queue.write { db in
                try Self.apply(rows.map { .insert(key: $0["key"], title: $0["title"] ?? "", body: $0["body"]) }, db)
            }
        }
        try queue.write { db in try Self.writeState(state, db, table: Self.stateTable) }
    }

    /// Merges the index's segments into one (smaller and faster to query).
    func optimize() throws {
        try queue.write { db in try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES('optimize')") }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    private static func apply(_ changes: [Change], _ db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)")
        let delete = try db.cachedStatement(sql: "INSERT INTO article_fts (article_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)")
        for change in changes {
            switch change {
            case .insert(let key, let title, let body):
                try insert.execute(arguments: [key, title, body])
            case .delete(let key, let title, let body):
                try delete.execute(arguments: [key, title, body])
            }
        }
    }

    /// A batch of changes in flight on the full-text thread, committed or rolled back as
    /// ``decide(commit:)`` says.
    final class Job: @unchecked Sendable {
        fileprivate let decision = DispatchSemaphore(value: 0)
        fileprivate let done = DispatchGroup()
        fileprivate var error: (any Error)?
        fileprivate var shouldCommit = false
        private var decided = false

        /// Lets the job commit (`commit`) or roll back once its changes are applied; returns at
        /// once. Calls after the first do nothing.
        func decide(commit: Bool) {
            guard !decided else { return }
            decided = true
            shouldCommit = commit
            decision.signal()
        }

        /// Waits until the job has committed or rolled back; throws what stopped it. Any number
        /// of threads may wait.
        func wait() throws {
            done.wait()
            if let error { throw error }
        }
    }
}
