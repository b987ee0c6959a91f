import Foundation
import ZhiliCore
import ZhiliPostgres
import ZhiliStore

/// The PostgreSQL half of the search benchmark (`--postgres URL`): builds a PostgreSQL index from
/// the same generated records (records.jsonl) with 1 and then `workers` concurrent writers, prints
/// build rate and index size, and runs the same query mix against it, beside the SQLite figures
/// of the same run.
enum PostgresBench {
    /// Loads the generated records in batches of `batch`.
    static func batches(jsonl path: String, batch: Int) throws -> [[ArticleRecord]] {
        let decoder = JSONDecoder()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var batches: [[ArticleRecord]] = [[]]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if batches[batches.count - 1].count == batch { batches.append([]) }
            batches[batches.count - 1].append(try decoder.decode(ArticleRecord.self, from: Data(line.utf8)))
        }
        return batches
    }

    /// Empties the database's Zhili tables (the store recreates them).
    static func reset(_ url: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-qAt", "-v", "ON_ERROR_STOP=1", "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"]
        try process.run()
        process.waitUntilExit()
    }

    /// Builds the index with `writers` concurrent writers, each preparing (segmenting) its next
    /// batch while the store writes, as `zhili index` does (the full-text index of the empty
    /// store built once at the end); returns the wall seconds, and those of the final index build.
    static func build(_ store: PostgresStore, batches: [[ArticleRecord]], writers: Int) async throws -> (total: Double, index: Double) {
        let start = Date()
        try await store.beginBulkLoad()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                let mine = stride(from: writer, to: batches.count, by: writers).map { batches[$0] }
                group.addTask {
                    var next: Task<[PreparedRecord], any Error>? = mine.first.map { first in Task.detached { try store.prepare(first) } }
                    for index in mine.indices {
                        guard let ready = try await next?.value else { break }
                        next = index + 1 < mine.count ? Task.detached { [batch = mine[index + 1]] in try store.prepare(batch) } : nil
                        try await store.write(ready)
                    }
                }
            }
            try await group.waitForAll()
        }
        let indexStart = Date()
        try await store.finishBulkLoad()
        return (Date().timeIntervalSince(start), Date().timeIntervalSince(indexStart))
    }

    /// Bytes of the database and of the full-text table with its index.
    static func sizes(_ url: String) throws -> (database: Int, fullText: Int) {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-qAt", "-F", " ", "-c", "SELECT pg_database_size(current_database()), pg_total_relation_size('article_terms')"]
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let fields = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        return (fields.first ?? 0, fields.dropFirst().first ?? 0)
    }

    static func run(
        url: String, jsonl: String, batch: Int, workers: Int, textBytes: Int, mix: [BenchQuery], rounds: Int,
        countLimit: Int, kinds: [String], searchKinds: Set<String>, sqlite: [String: Latency], sqliteAll: Latency
    ) async throws {
        let batches = try batches(jsonl: jsonl, batch: batch)
        let count = batches.reduce(0) { $0 + $1.count }
        log("")
        log("== PostgreSQL (\(url.split(separator: "@").last ?? "")): build from the same \(count) records, batches of \(batch)")
        var rates: [Int: Double] = [:]
        for writers in Array(Set([1, workers])).sorted() {
            try reset(url)
            let store = try await PostgresStore.open(url, maximumConnections: writers + 2)
            let (seconds, index) = try await build(store, batches: batches, writers: writers)
            rates[writers] = Double(count) / seconds
            log(String(format: "  %d writer%@: %8.0f articles/s  (%.1f s, of which %.1f s building the full-text index at the end)",
                       writers, writers == 1 ? " " : "s", Double(count) / seconds, seconds, index))
        }
        if workers > 1, let one = rates[1], let many = rates[workers] {
            log(String(format: "  %d writers / 1 writer: %.2f× (target ≥ 1.7×: %@)",
                       workers, many / one, many / one >= 1.7 ? "met" : "MISSED"))
        }
        let store = try await PostgresStore.open(url, mode: .readOnly, countLimit: countLimit)
        try await store.optimize()
        let (database, fullText) = try sizes(url)
        // With --reuse the text was not measured in this run.
        let ratio = textBytes > 0 ? String(format: " (%.2f× the text)", Double(database) / Double(textBytes)) : ""
        log(String(format: "  index size: database %.1f MB%@, of which article_terms with its GIN index %.1f MB",
                   Double(database) / 1e6, ratio, Double(fullText) / 1e6))

        log("")
        log("== PostgreSQL query mix (\(mix.count) queries × \(rounds) rounds after one warm-up round), beside SQLite's figures from above")
        for query in mix { _ = try await query.request.run(on: store) }
        var latencies: [String: Latency] = [:]
        var all = Latency()
        for _ in 0..<rounds {
            for query in mix {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try await query.request.run(on: store)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                latencies[query.kind, default: Latency()].samples.append(seconds)
                if searchKinds.contains(query.kind) { all.samples.append(seconds) }
            }
        }
        log("kind              PostgreSQL                                         SQLite")
        for kind in kinds {
            log("\(kind.padding(toLength: 16, withPad: " ", startingAt: 0))  \(latencies[kind]?.summary ?? "")   \(sqlite[kind]?.summary ?? "")")
        }
        log("all search        \(all.summary)   \(sqliteAll.summary)")
        log(String(format: "PostgreSQL targets (100k articles): search p50 ≤ 5 ms (%@), p99 ≤ 30 ms (%@)",
                   all.percentile(50) <= 0.005 ? "met" : "MISSED", all.percentile(99) <= 0.030 ? "met" : "MISSED"))
    }
}

/// What one query of the mix asks, runnable on either store.
enum BenchRequest {
    case search(String, region: String?)
    case programs(ProgramsRequest)
    case compare(CompareRequest)

    /// Runs the request on an SQLite store; returns the number of matches or rows.
    func run(on store: SQLiteStore) throws -> Int {
        switch self {
        case .search(let query, let region): return try store.search(SearchRequest(query: query, filters: SearchFilters(region: region), limit: 10)).total
        case .programs(let request): return try store.programs(request).count
        case .compare(let request): return try store.compare(request).rows.count
        }
    }

    /// Runs the request on any store; returns the number of matches or rows.
    func run(on store: any ArticleStore) async throws -> Int {
        switch self {
        case .search(let query, let region): return try await store.search(SearchRequest(query: query, filters: SearchFilters(region: region), limit: 10)).total
        case .programs(let request): return try await store.programs(request).count
        case .compare(let request): return try await store.compare(request).rows.count
        }
    }
}
