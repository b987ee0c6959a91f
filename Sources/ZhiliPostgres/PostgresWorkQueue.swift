import Foundation
import Logging
import PostgresNIO
import ZhiliStore

/// A work queue in the database, shared by `zhili extract --queue NAME` workers on any number of
/// machines: its items are files or byte ranges of files; a worker claims one with
/// `FOR UPDATE SKIP LOCKED` under a lease it keeps extending while it works, writes each batch of
/// records together with the item's progress in one transaction, and the item's last batch
/// together with its completion. A worker that dies leaves its lease to expire, and another
/// worker claims the item again (writing records again is harmless: they replace themselves by
/// content id).
///
/// ```swift
/// let queue = PostgresWorkQueue(store: store, name: "dump", worker: "host-a:4242")
/// _ = try await queue.register(files: [("dump.jsonl", 1 << 30)], rangeBytes: 64 << 20) { path, size, bytes in … }
/// while case .claimed(let item) = try await queue.claim(lease: .seconds(60)) {
///     try await queue.commit(item, records: prepared, errors: [], complete: true, lease: .seconds(60))
/// }
/// ```
///
/// Tables (migration 3): `queues`, `queue_items` (state `pending`, `claimed`, `done` or
/// `failed`; `claimed_by`, `lease_until`, `attempts`, `completions`, `records`, `errors`) and
/// `queue_errors`. Every value is a bound parameter; times are the server's clock.
public struct PostgresWorkQueue: Sendable {
    /// The store whose database holds the queue.
    public let store: PostgresStore
    /// The queue's name.
    public let name: String
    /// This worker's name in `claimed_by` (host and process id by default).
    public let worker: String
    /// Claims of an item at most: an item claimed this many times without being completed (it
    /// kills its workers, or they keep losing their leases) is marked failed instead.
    public var maxAttempts: Int

    /// A queue handle for `worker`.
    public init(store: PostgresStore, name: String, worker: String = PostgresWorkQueue.defaultWorkerName, maxAttempts: Int = 3) {
        self.store = store
        self.name = name
        self.worker = worker
        self.maxAttempts = maxAttempts
    }

    /// `HOST:PID`, unique among live workers.
    public static var defaultWorkerName: String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// One work item as registered: a file, or the byte range `start..<end` of it.
    public struct Item: Sendable, Hashable {
        /// The file's path; every worker must reach the file at this path.
        public var path: String
        /// First byte of the range (0 for a whole file).
        public var start: Int
        /// End of the range, or nil for the file's end.
        public var end: Int?
        /// Lines of the file before `start` (JSON Lines sources count lines from the file's start).
        public var linesBefore: Int
        /// The file's size at registration, checked by each worker before it reads (nil: unknown).
        public var fileSize: Int?

        /// Creates an item.
        public init(path: String, start: Int = 0, end: Int? = nil, linesBefore: Int = 0, fileSize: Int?) {
            self.path = path
            self.start = start
            self.end = end
            self.linesBefore = linesBefore
            self.fileSize = fileSize
        }
    }

    /// An item this worker holds a lease on.
    public struct Claim: Sendable, Hashable {
        /// The item's row id.
        public var id: Int64
        /// Which claim of the item this is (1 for the first); a commit under an older claim is refused.
        public var attempt: Int
        /// What to read.
        public var item: Item
    }

    /// What ``claim(lease:)`` found.
    public enum ClaimOutcome: Sendable, Hashable {
        /// An item, now leased to this worker.
        case claimed(Claim)
        /// Nothing to claim now, but items are leased to live workers (one may die, and its
        /// items come back when their leases expire).
        case waiting(leased: Int)
        /// Every item is done or failed.
        case finished
    }

    /// A skipped record, kept in `queue_errors`.
    public struct ErrorRow: Sendable, Hashable {
        /// The input file.
        public var file: String
        /// The record's source (`file:line` for JSON Lines).
        public var source: String
        /// Byte offset in the file, when known.
        public var offset: Int?
        /// Line in the file, for JSON Lines.
        public var line: Int?
        /// `error` or `warning`.
        public var severity: String
        /// What went wrong.
        public var reason: String

        /// Creates an error row.
        public init(file: String, source: String, offset: Int?, line: Int?, severity: String, reason: String) {
            self.file = file
            self.source = source
            self.offset = offset
            self.line = line
            self.severity = severity
            self.reason = reason
        }
    }

    /// What ``register(files:rangeBytes:split:)`` did.
    public struct Registration: Sendable, Hashable {
        /// Items added now (0 when the same inputs were registered before).
        public var added: Int
        /// Items in the queue.
        public var total: Int
        /// The queue's range size: the one it was created with, whatever later calls ask.
        public var rangeBytes: Int
    }

    /// The lease lost: the item was claimed again by another worker after this one's lease expired.
    public struct LeaseLost: Error, CustomStringConvertible {
        /// The item's path and range.
        public var item: Item

        /// The lease on `item` lost.
        public init(item: Item) { self.item = item }

        public var description: String {
            "lost the lease on \(item.path) [\(item.start)…\(item.end.map(String.init) ?? "end")]: another worker took it over after the lease expired; its batch was rolled back"
        }
    }

    // MARK: Registering

    /// Adds `files` to the queue, each cut into items by `split(path, size, rangeBytes)`, in one
    /// transaction under the queue's advisory lock: a file already in the queue is not split
    /// again, and an item already there is not added again, so workers that all register the
    /// same inputs when they start add each item once.
    ///
    /// The queue keeps the range size it was created with, so every worker cuts alike.
    public func register(
        files: [(path: String, size: Int?)], rangeBytes: Int,
        split: @escaping @Sendable (String, Int?, Int) throws -> [Item]
    ) async throws -> Registration {
        let files = files.map { SendableFile(path: $0.path, size: $0.size) }
        return try await store.withTransaction { [name, logger = store.logger] connection in
            let lock = SQLQuery("SELECT pg_advisory_xact_lock(hashtextextended(")
            lock.append(lock.bind("zhili queue " + name) + ", 0))")
            try await lock.run(on: connection, logger: logger)
            let create = SQLQuery("INSERT INTO queues (name, range_bytes) VALUES (")
            create.append("\(create.bind(name)), \(create.bind(rangeBytes))) ON CONFLICT (name) DO NOTHING")
            try await create.run(on: connection, logger: logger)
            let stored = SQLQuery("SELECT range_bytes FROM queues WHERE name = ")
            stored.append(stored.bind(name))
            let queueRange: Int = try await stored.rows(on: connection, logger: logger).first!.value("range_bytes")
            var added = 0
            for file in files {
                let known = SQLQuery("SELECT count(*) AS n FROM queue_items WHERE queue = ")
                known.append("\(known.bind(name)) AND path = \(known.bind(file.path))")
                if try await known.rows(on: connection, logger: logger).first!.value("n", as: Int.self) > 0 { continue }
                let items = try split(file.path, file.size, queueRange)
                // A few hundred rows per statement keep the parameter count far below its limit.
                for start in stride(from: 0, to: items.count, by: 500) {
                    let insert = SQLQuery("INSERT INTO queue_items (queue, path, range_start, range_end, lines_before, file_size) VALUES ")
                    for (offset, item) in items[start..<min(start + 500, items.count)].enumerated() {
                        insert.append(offset == 0 ? "(" : ", (")
                        insert.append([
                            insert.bind(name), insert.bind(item.path), insert.bind(item.start), insert.bind(item.end),
                            insert.bind(item.linesBefore), insert.bind(item.fileSize),
                        ].joined(separator: ", ") + ")")
                    }
                    insert.append(" ON CONFLICT (queue, path, range_start) DO NOTHING RETURNING id")
                    added += try await insert.rows(on: connection, logger: logger).count
                }
            }
            let total = SQLQuery("SELECT count(*) AS n FROM queue_items WHERE queue = ")
            total.append(total.bind(name))
            return Registration(added: added, total: try await total.rows(on: connection, logger: logger).first!.value("n"), rangeBytes: queueRange)
        }
    }

    /// Puts the queue's failed items back to pending (their attempts start again).
    @discardableResult
    public func retryFailed() async throws -> Int {
        try await store.withConnection { [name, logger = store.logger] connection in
            let query = SQLQuery("UPDATE queue_items SET state = 'pending', attempts = 0, claimed_by = NULL, lease_until = NULL WHERE state = 'failed' AND queue = ")
            query.append(query.bind(name) + " RETURNING id")
            return try await query.rows(on: connection, logger: logger).count
        }
    }

    // MARK: Working

    /// Claims the first item that is pending or whose lease expired, skipping rows other workers
    /// are claiming at the same moment (`FOR UPDATE SKIP LOCKED`), and leases it to this worker
    /// for `lease`. The item's progress counts and stored errors start again.
    ///
    /// An item already claimed ``maxAttempts`` times is marked failed instead, and the next one tried.
    public func claim(lease: Duration) async throws -> ClaimOutcome {
        while true {
            let outcome = try await store.withTransaction { [name, worker, maxAttempts, logger = store.logger] connection -> ClaimStep in
                let query = SQLQuery("""
                    WITH next AS (
                        SELECT id FROM queue_items
                        WHERE queue =
                    """)
                query.append(" " + query.bind(name) + """
                     AND (state = 'pending' OR (state = 'claimed' AND lease_until < clock_timestamp()))
                        ORDER BY id LIMIT 1
                        FOR UPDATE SKIP LOCKED
                    )
                    UPDATE queue_items i SET
                        state = CASE WHEN i.attempts >= \(query.bind(maxAttempts)) THEN 'failed' ELSE 'claimed' END,
                        last_error = CASE WHEN i.attempts >= \(query.bind(maxAttempts)) THEN 'claimed ' || i.attempts || ' times without completing' ELSE i.last_error END,
                        claimed_by = \(query.bind(worker)), claimed_at = clock_timestamp(),
                        lease_until = clock_timestamp() + \(query.bind(lease.inSeconds)) * interval '1 second',
                        attempts = i.attempts + 1, records = 0, errors = 0, finished_at = NULL
                    FROM next WHERE i.id = next.id
                    RETURNING i.id, i.path, i.range_start, i.range_end, i.lines_before, i.file_size, i.attempts, i.state
                    """)
                guard let row = try await query.rows(on: connection, logger: logger).first else {
                    let counts = SQLQuery("""
                        SELECT count(*) FILTER (WHERE state = 'pending' OR (state = 'claimed' AND lease_until < clock_timestamp())) AS open,
                               count(*) FILTER (WHERE state = 'claimed' AND lease_until >= clock_timestamp()) AS leased
                        FROM queue_items WHERE queue =
                        """)
                    counts.append(" " + counts.bind(name))
                    let row = try await counts.rows(on: connection, logger: logger).first!
                    let open: Int = try row.value("open"), leased: Int = try row.value("leased")
                    // Open rows that were skipped are being claimed by others right now: look again.
                    if open > 0 { return .again }
                    return leased > 0 ? .outcome(.waiting(leased: leased)) : .outcome(.finished)
                }
                let id: Int64 = try row.value("id")
                if try row.value("state", as: String.self) == "failed" { return .again }
                let clear = SQLQuery("DELETE FROM queue_errors WHERE item = ")
                clear.append(clear.bind(id))
                try await clear.run(on: connection, logger: logger)
                let item = Item(
                    path: try row.value("path"), start: try row.value("range_start"), end: try row.value("range_end"),
                    linesBefore: try row.value("lines_before"), fileSize: try row.value("file_size"))
                return .outcome(.claimed(Claim(id: id, attempt: try row.value("attempts"), item: item)))
            }
            switch outcome {
            case .outcome(let outcome): return outcome
            case .again: try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// Extends the lease on `claim` to `lease` from now; false when the item is no longer this
    /// worker's (another took it over after the lease expired).
    public func heartbeat(_ claim: Claim, lease: Duration) async throws -> Bool {
        try await store.withConnection { [name, worker, logger = store.logger] connection in
            let query = SQLQuery("UPDATE queue_items SET lease_until = clock_timestamp() + ")
            query.append("""
                \(query.bind(lease.inSeconds)) * interval '1 second'
                WHERE id = \(query.bind(claim.id)) AND queue = \(query.bind(name)) AND claimed_by = \(query.bind(worker))
                  AND attempts = \(query.bind(claim.attempt)) AND state = 'claimed' RETURNING id
                """)
            return try await !query.rows(on: connection, logger: logger).isEmpty
        }
    }

    /// Writes `records` and `errors` of `claim`'s item in one transaction, with the item's counts
    /// (and, when `complete`, its completion): checks first that the claim is still this
    /// worker's, and throws ``LeaseLost`` (writing nothing) when it is not.
    public func commit(_ claim: Claim, records: [PreparedRecord], errors: [ErrorRow], complete: Bool, lease: Duration) async throws {
        guard store.mode == .readWrite else { throw PostgresStoreError.server(location: store.location, message: "opened read-only") }
        try await store.withTransaction { [name, worker, regions = store.regionTable, logger = store.logger] connection in
            // The item's row stays locked to the end of the transaction: the claim is checked
            // first, and the counts (and completion time) are written last, after the records.
            let check = SQLQuery("SELECT id FROM queue_items WHERE id = ")
            check.append("""
                \(check.bind(claim.id)) AND queue = \(check.bind(name)) AND claimed_by = \(check.bind(worker))
                  AND attempts = \(check.bind(claim.attempt)) AND state = 'claimed' FOR UPDATE
                """)
            guard try await !check.rows(on: connection, logger: logger).isEmpty else { throw LeaseLost(item: claim.item) }
            for start in stride(from: 0, to: errors.count, by: 500) {
                let insert = SQLQuery("INSERT INTO queue_errors (item, file, source, byte_offset, line, severity, reason) VALUES ")
                for (offset, error) in errors[start..<min(start + 500, errors.count)].enumerated() {
                    insert.append(offset == 0 ? "(" : ", (")
                    insert.append([
                        insert.bind(claim.id), insert.bind(error.file), insert.bind(error.source), insert.bind(error.offset),
                        insert.bind(error.line), insert.bind(error.severity), insert.bind(error.reason),
                    ].joined(separator: ", ") + ")")
                }
                try await insert.run(on: connection, logger: logger)
            }
            if !records.isEmpty {
                var writer = PostgresRecordWriter(connection: connection, regions: regions, logger: logger)
                _ = try await writer.write(records)
            }
            let update = SQLQuery("UPDATE queue_items SET records = records + ")
            update.append("\(update.bind(records.count)), errors = errors + \(update.bind(errors.count))")
            if complete {
                update.append(", state = 'done', completions = completions + 1, finished_at = clock_timestamp(), lease_until = NULL")
            } else {
                update.append(", lease_until = clock_timestamp() + \(update.bind(lease.inSeconds)) * interval '1 second'")
            }
            update.append(" WHERE id = " + update.bind(claim.id))
            try await update.run(on: connection, logger: logger)
        }
    }

    /// Gives `claim`'s item back (pending again, `reason` in `last_error`) when this worker
    /// cannot read it, so that another worker takes it.
    public func release(_ claim: Claim, reason: String) async throws {
        try await store.withConnection { [name, worker, logger = store.logger] connection in
            let query = SQLQuery("UPDATE queue_items SET state = 'pending', claimed_by = NULL, lease_until = NULL, attempts = attempts - 1, last_error = ")
            query.append("""
                \(query.bind(reason)) WHERE id = \(query.bind(claim.id)) AND queue = \(query.bind(name)) AND claimed_by = \(query.bind(worker))
                  AND attempts = \(query.bind(claim.attempt)) AND state = 'claimed'
                """)
            try await query.run(on: connection, logger: logger)
        }
    }

    // MARK: Status

    /// The queue's items, records and errors, and each worker's throughput.
    public func status() async throws -> QueueStatus {
        try await store.withConnection { [name, logger = store.logger] connection in
            let exists = SQLQuery("SELECT range_bytes FROM queues WHERE name = ")
            exists.append(exists.bind(name))
            guard let queueRow = try await exists.rows(on: connection, logger: logger).first else {
                throw PostgresStoreError.server(location: "queue \(name)", message: "no such queue in this database; start one with `zhili extract --db URL --queue \(name) INPUTS…`")
            }
            let totals = SQLQuery("""
                SELECT count(*) AS items,
                    count(*) FILTER (WHERE state = 'done') AS done,
                    count(*) FILTER (WHERE state = 'claimed' AND lease_until >= clock_timestamp()) AS claimed,
                    count(*) FILTER (WHERE state = 'claimed' AND lease_until < clock_timestamp()) AS expired,
                    count(*) FILTER (WHERE state = 'failed') AS failed,
                    count(*) FILTER (WHERE state = 'pending') AS pending,
                    coalesce(sum(records), 0)::bigint AS records,
                    coalesce(sum(errors), 0)::bigint AS errors,
                    coalesce(sum(completions), 0)::bigint AS completions,
                    count(*) FILTER (WHERE completions > 1) AS repeated,
                    coalesce(sum(attempts), 0)::bigint AS attempts
                FROM queue_items WHERE queue =
                """)
            totals.append(" " + totals.bind(name))
            let row = try await totals.rows(on: connection, logger: logger).first!
            var status = QueueStatus(
                name: name, rangeBytes: try queueRow.value("range_bytes"),
                items: try row.value("items"), done: try row.value("done"), claimed: try row.value("claimed"),
                expired: try row.value("expired"), failed: try row.value("failed"), pending: try row.value("pending"),
                records: try row.value("records"), errors: try row.value("errors"), completions: try row.value("completions"),
                completedTwice: try row.value("repeated"), attempts: try row.value("attempts"), workers: [])
            let workers = SQLQuery("""
                SELECT claimed_by AS worker,
                    count(*) FILTER (WHERE state = 'done') AS done,
                    count(*) FILTER (WHERE state = 'claimed' AND lease_until >= clock_timestamp()) AS claimed,
                    coalesce(sum(records) FILTER (WHERE state = 'done'), 0)::bigint AS records,
                    coalesce(extract(epoch FROM sum(finished_at - claimed_at) FILTER (WHERE state = 'done')), 0)::float8 AS seconds
                FROM queue_items WHERE claimed_by IS NOT NULL AND queue =
                """)
            workers.append(" " + workers.bind(name) + " GROUP BY claimed_by ORDER BY claimed_by")
            for row in try await workers.rows(on: connection, logger: logger) {
                status.workers.append(QueueStatus.Worker(
                    name: try row.value("worker"), done: try row.value("done"), claimed: try row.value("claimed"),
                    records: try row.value("records"), seconds: try row.value("seconds")))
            }
            let failures = SQLQuery("SELECT path, range_start, last_error FROM queue_items WHERE state = 'failed' AND queue = ")
            failures.append(failures.bind(name) + " ORDER BY id LIMIT 20")
            for row in try await failures.rows(on: connection, logger: logger) {
                let path: String = try row.value("path"), start: Int = try row.value("range_start")
                let reason: String? = try row.value("last_error")
                status.failures.append("\(path) @\(start): \(reason ?? "failed")")
            }
            return status
        }
    }
}

/// A queue's counts, as `zhili queue status` shows them.
public struct QueueStatus: Sendable, Hashable, Codable {
    /// One worker's share: items done and claimed, records written, time spent on its done items.
    public struct Worker: Sendable, Hashable, Codable {
        /// The worker's name (`HOST:PID`).
        public var name: String
        /// Items it completed.
        public var done: Int
        /// Items it holds a live lease on.
        public var claimed: Int
        /// Records written for the items it completed.
        public var records: Int
        /// Seconds from claim to completion, summed over the items it completed.
        public var seconds: Double
        /// Records per second over its completed items.
        public var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : 0 }

        enum CodingKeys: String, CodingKey {
            case name, done, claimed, records, seconds
            case recordsPerSecond = "records_per_second"
        }

        /// Creates a worker's line.
        public init(name: String, done: Int, claimed: Int, records: Int, seconds: Double) {
            self.name = name
            self.done = done
            self.claimed = claimed
            self.records = records
            self.seconds = seconds
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            done = try container.decode(Int.self, forKey: .done)
            claimed = try container.decode(Int.self, forKey: .claimed)
            records = try container.decode(Int.self, forKey: .records)
            seconds = try container.decode(Double.self, forKey: .seconds)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(done, forKey: .done)
            try container.encode(claimed, forKey: .claimed)
            try container.encode(records, forKey: .records)
            try container.encode((seconds * 1000).rounded() / 1000, forKey: .seconds)
            try container.encode((recordsPerSecond * 10).rounded() / 10, forKey: .recordsPerSecond)
        }
    }

    /// The queue's name.
    public var name: String
    /// Its range size in bytes.
    public var rangeBytes: Int
    /// Items in all.
    public var items: Int
    /// Items completed.
    public var done: Int
    /// Items leased to a live worker.
    public var claimed: Int
    /// Items claimed whose lease has expired (their worker died or stalled); the next claim takes them.
    public var expired: Int
    /// Items given up after too many claims.
    public var failed: Int
    /// Items never claimed (or given back).
    public var pending: Int
    /// Records written: all records of done items and those committed so far of claimed ones.
    public var records: Int
    /// Skipped records kept in `queue_errors`.
    public var errors: Int
    /// Completions summed over the items: equal to `done` when no item was completed twice.
    public var completions: Int
    /// Items completed more than once (always 0: a completion needs the item's current claim).
    public var completedTwice: Int
    /// Claims summed over the items: above `items` when leases expired and items were taken over.
    public var attempts: Int
    /// Each worker's share.
    public var workers: [Worker]
    /// The first failed items with their reason.
    public var failures: [String] = []

    enum CodingKeys: String, CodingKey {
        case name = "queue", rangeBytes = "range_bytes", items, done, claimed, expired, failed, pending, records, errors, completions
        case completedTwice = "completed_twice", attempts, workers, failures
    }
}

/// A file to register, sendable into the transaction.
private struct SendableFile: Sendable {
    var path: String
    var size: Int?
}

/// One pass of ``PostgresWorkQueue/claim(lease:)``: an answer, or look again.
private enum ClaimStep: Sendable {
    case outcome(PostgresWorkQueue.ClaimOutcome)
    case again
}

extension Duration {
    /// The duration in seconds, for `interval` arithmetic on the server.
    var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
