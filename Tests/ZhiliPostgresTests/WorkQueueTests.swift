import Foundation
import PostgresNIO
import Testing
import ZhiliCore
import ZhiliPostgres
import ZhiliStore

/// The work queue of `zhili extract --queue` (``PostgresWorkQueue``) on a database of its own per
/// test. Needs `ZHILI_TEST_POSTGRES` (scripts/with-postgres); skipped without it (CI fails
/// without it in `StoreParityTests.postgresIsConfiguredInCI`).
@Suite(.enabled(if: QueueTestDatabase.url != nil, "needs ZHILI_TEST_POSTGRES (scripts/with-postgres)"))
struct WorkQueueTests {
    /// Ten items: two files, one cut in eight ranges.
    static let files: [(path: String, size: Int?)] = [("/data/a.jsonl", 800), ("/data/b.warc", 50)]
    static let split: @Sendable (String, Int?, Int) throws -> [PostgresWorkQueue.Item] = { path, size, range in
        guard let size, size > range else { return [PostgresWorkQueue.Item(path: path, fileSize: size)] }
        return stride(from: 0, to: size, by: range).map {
            PostgresWorkQueue.Item(path: path, start: $0, end: min($0 + range, size), linesBefore: $0 / 10, fileSize: size)
        }
    }

    static func record(_ number: Int) -> ArticleRecord {
        ArticleRecord(article: Article(
            id: "queue-\(number)", source: "/data/a.jsonl:\(number)", title: "调解室第\(number)期",
            date: "2023-01-0\(number % 9 + 1)", paragraphs: ["集宁区新建调解室\(number)个，化解矛盾纠纷。"]))
    }

    @Test func registeringTheSameInputsAgainAddsNothing() async throws {
        let store = try await QueueTestDatabase.store()
        let queue = PostgresWorkQueue(store: store, name: "dump", worker: "w1")
        let first = try await queue.register(files: Self.files, rangeBytes: 100, split: Self.split)
        #expect(first.added == 9 && first.total == 9 && first.rangeBytes == 100)
        let again = try await queue.register(files: Self.files, rangeBytes: 100, split: Self.split)
        #expect(again.added == 0 && again.total == 9)
        // The queue keeps its range size: a worker asking for another cuts alike.
        let other = try await PostgresWorkQueue(store: store, name: "dump", worker: "w2").register(files: Self.files, rangeBytes: 7, split: Self.split)
        #expect(other.added == 0 && other.total == 9 && other.rangeBytes == 100)
        // Registering concurrently adds each item once.
        let fresh = PostgresWorkQueue(store: store, name: "fresh", worker: "w1")
        let added = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 { group.addTask { try await fresh.register(files: Self.files, rangeBytes: 100, split: Self.split).added } }
            return try await group.reduce(0, +)
        }
        #expect(added == 9)
        #expect(try await fresh.status().items == 9)
    }

    @Test func twoWorkersSplitTheItemsAndNoneIsDoneTwice() async throws {
        let store = try await QueueTestDatabase.store()
        _ = try await PostgresWorkQueue(store: store, name: "dump", worker: "setup").register(files: Self.files, rangeBytes: 100, split: Self.split)
        let done = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for name in ["w1", "w2"] {
                group.addTask {
                    let queue = PostgresWorkQueue(store: store, name: "dump", worker: name)
                    var ids: [Int64] = []
                    while case .claimed(let claim) = try await queue.claim(lease: .seconds(30)) {
                        let number = Int(claim.id)
                        let records = try store.prepare([Self.record(number)])
                        try await queue.commit(claim, records: records, errors: [], complete: true, lease: .seconds(30))
                        ids.append(claim.id)
                    }
                    return ids
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let all = done.flatMap(\.self)
        #expect(all.count == 9 && Set(all).count == 9)
        let status = try await PostgresWorkQueue(store: store, name: "dump").status()
        #expect(status.done == 9 && status.completions == 9 && status.completedTwice == 0 && status.pending == 0 && status.claimed == 0)
        #expect(status.records == 9)
        #expect(try await store.articleCount() == 9)
        #expect(status.workers.map(\.done).reduce(0, +) == 9)
    }

    @Test func anExpiredLeaseIsTakenOverAndTheOldClaimCanNoLongerCommit() async throws {
        let store = try await QueueTestDatabase.store()
        let dead = PostgresWorkQueue(store: store, name: "dump", worker: "dead")
        _ = try await dead.register(files: [("/data/one.jsonl", 10)], rangeBytes: 100, split: Self.split)
        guard case .claimed(let lost) = try await dead.claim(lease: .seconds(1)) else {
            Issue.record("no claim")
            return
        }
        let survivor = PostgresWorkQueue(store: store, name: "dump", worker: "survivor")
        // While the lease lives, the survivor waits.
        #expect(try await survivor.claim(lease: .seconds(30)) == .waiting(leased: 1))
        #expect(try await survivor.status().claimed == 1)
        try await Task.sleep(for: .milliseconds(1500))
        #expect(try await survivor.status().expired == 1)
        guard case .claimed(let taken) = try await survivor.claim(lease: .seconds(30)) else {
            Issue.record("the expired item was not taken over")
            return
        }
        #expect(taken.id == lost.id && taken.attempt == 2)
        // The dead worker coming back cannot commit or extend its old claim.
        await #expect(throws: PostgresWorkQueue.LeaseLost.self) {
            try await dead.commit(lost, records: try store.prepare([Self.record(1)]), errors: [], complete: true, lease: .seconds(30))
        }
        #expect(try await dead.heartbeat(lost, lease: .seconds(30)) == false)
        #expect(try await store.articleCount() == 0)
        #expect(try await survivor.heartbeat(taken, lease: .seconds(30)))
        try await survivor.commit(taken, records: try store.prepare([Self.record(1)]), errors: [], complete: true, lease: .seconds(30))
        #expect(try await survivor.claim(lease: .seconds(30)) == .finished)
        let status = try await survivor.status()
        #expect(status.done == 1 && status.completions == 1 && status.attempts == 2)
    }

    @Test func statusCountsItemsRecordsErrorsAndWorkers() async throws {
        let store = try await QueueTestDatabase.store()
        let queue = PostgresWorkQueue(store: store, name: "dump", worker: "w1", maxAttempts: 1)
        _ = try await queue.register(files: Self.files, rangeBytes: 100, split: Self.split)
        // One item done in two batches with an error, one claimed, one given up after its only claim.
        guard case .claimed(let first) = try await queue.claim(lease: .seconds(30)) else { throw QueueTestDatabase.Missing() }
        try await queue.commit(first, records: try store.prepare([Self.record(1), Self.record(2)]), errors: [], complete: false, lease: .seconds(30))
        let error = PostgresWorkQueue.ErrorRow(file: "/data/a.jsonl", source: "/data/a.jsonl:3", offset: 20, line: 3, severity: "error", reason: "malformed JSON")
        try await queue.commit(first, records: try store.prepare([Self.record(3)]), errors: [error], complete: true, lease: .seconds(30))
        guard case .claimed = try await queue.claim(lease: .seconds(1)) else { throw QueueTestDatabase.Missing() }
        try await Task.sleep(for: .milliseconds(1200))
        // The expired item has had its one claim: the next claim marks it failed and takes the next.
        guard case .claimed(let third) = try await PostgresWorkQueue(store: store, name: "dump", worker: "w2", maxAttempts: 1).claim(lease: .seconds(30)) else {
            throw QueueTestDatabase.Missing()
        }
        let status = try await queue.status()
        #expect(status.items == 9 && status.done == 1 && status.claimed == 1 && status.failed == 1 && status.pending == 6 && status.expired == 0)
        #expect(status.records == 3 && status.errors == 1 && status.completions == 1)
        #expect(status.failures.count == 1)
        #expect(status.workers.map(\.name) == ["w1", "w2"])
        #expect(status.workers[0].done == 1 && status.workers[0].records == 3)
        #expect(status.workers[1].claimed == 1 && third.attempt == 1)
        let json = String(decoding: try JSONEncoder().encode(status), as: UTF8.self)
        #expect(json.contains(#""completed_twice":0"#) && json.contains(#""records_per_second""#))
    }
}

/// A database of its own for each queue test.
enum QueueTestDatabase {
    static let url = ProcessInfo.processInfo.environment["ZHILI_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    struct Missing: Error {}

    static func store() async throws -> PostgresStore {
        let base = try ConnectionString(try #require(url))
        let name = "zhili_queue_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        let connection = try await PostgresConnection.connect(configuration: try base.connectionConfiguration(), id: 1, logger: PostgresStore.quietLogger)
        // A database name cannot be a bound parameter; this one is generated from hex digits only.
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: PostgresStore.quietLogger)
        try await connection.close()
        return try await PostgresStore.open("postgres://\(base.user)@\(base.host):\(base.port)/\(name)")
    }
}
