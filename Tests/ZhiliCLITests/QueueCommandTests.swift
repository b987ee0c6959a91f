import Foundation
import Testing

/// End-to-end: two `zhili extract --queue` processes share one dump cut into byte ranges, and the
/// database ends with exactly the articles of a single SQLite run; `zhili queue status` counts
/// every item done once. Needs `ZHILI_TEST_POSTGRES` (scripts/with-postgres).
@Suite struct QueueCommandTests {
    /// A JSON Lines dump of `count` distinct articles made from the sample corpus.
    static func dump(count: Int, in directory: URL) throws -> String {
        let raw = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("corpus/raw").path).sorted()
        let texts = try raw.map { try String(contentsOf: CLI.root.appendingPathComponent("corpus/raw/" + $0), encoding: .utf8) }
        var lines = ""
        for number in 0..<count {
            let text = texts[number % texts.count] + "\n第\(number)期调解室新增网格员\(number + 3)名。"
            let object: [String: String] = ["title": "第\(number)篇", "text": text, "url": "http://example.cn/\(number)"]
            lines += String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self) + "\n"
            if number == 7 { lines += "{\"title\": \"broken\n" }
        }
        let path = directory.appendingPathComponent("dump.jsonl").path
        try lines.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func lines(_ executable: String, _ arguments: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).sorted()
    }

    @Test(.enabled(if: PostgresCommandTests.server != nil)) func twoWorkerProcessesShareTheQueueAndMatchASingleRun() throws {
        let url = try PostgresCommandTests.database()
        let directory = CLI.scratch()
        let dump = try Self.dump(count: 40, in: directory)
        let single = directory.appendingPathComponent("single.db").path
        let records = directory.appendingPathComponent("records.jsonl").path
        let reference = try CLI.run(["extract", dump, "--db", single, "--out", records, "--quiet", "--errors", directory.appendingPathComponent("errors.jsonl").path])
        #expect(reference.status == 3, "\(reference.stderr)")

        let arguments = ["extract", dump, "--db", url, "--queue", "q", "--range-size", "4K", "--lease", "30s", "--jobs", "1"]
        var workers: [(Process, URL)] = []
        for name in ["w1", "w2"] {
            let outputs = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
            workers.append((try CLI.start(arguments + ["--worker", name], in: CLI.root, outputs: outputs), outputs))
        }
        for (process, outputs) in workers {
            process.waitUntilExit()
            let stderr = String(decoding: FileManager.default.contents(atPath: outputs.appendingPathComponent("stderr").path) ?? Data(), as: UTF8.self)
            // 3: the broken line was skipped, by whichever worker read its range.
            #expect([0, 3].contains(process.terminationStatus), "\(stderr)")
        }
        // Registering again adds nothing and finds nothing left to do.
        let again = try CLI.run(arguments)
        #expect(again.status == 0 && again.stderr.contains("0 item(s) added"), "\(again.stderr)")

        let status = try CLI.run(["queue", "status", "q", "--db", url, "--json"])
        #expect(status.status == 0, "\(status.stderr)")
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let items = try #require(counts["items"] as? Int)
        #expect(items > 3)
        #expect(counts["done"] as? Int == items && counts["completions"] as? Int == items && counts["completed_twice"] as? Int == 0)
        #expect(counts["errors"] as? Int == 1)
        #expect((counts["workers"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["w1", "w2"])
        let text = try CLI.run(["queue", "status", "q", "--db", url])
        #expect(text.stdout.contains("\(items) items (\(items) done"), "\(text.stdout)")

        let query = "SELECT id || ' ' || source FROM articles"
        let postgres = try Self.lines("/usr/bin/psql", [url, "-qAt", "-c", query])
        let sqlite = try Self.lines("/usr/bin/sqlite3", [single, query])
        #expect(postgres.count >= 40)
        #expect(postgres == sqlite)
        // Records written: every record of the dump once (a copy of an article replaces it by id).
        let written = try String(contentsOfFile: records, encoding: .utf8).split(separator: "\n").count
        #expect(counts["records"] as? Int == written)
    }

    @Test func queueNeedsAPostgresDatabaseAndNoOtherOutputs() throws {
        let sqlite = try CLI.run(["extract", "corpus/raw", "--db", "x.db", "--queue", "q"])
        #expect(sqlite.status == 64 && sqlite.stderr.contains("--queue needs --db postgres://"))
        let out = try CLI.run(["extract", "corpus/raw", "--db", "postgres://u@127.0.0.1:1/x", "--queue", "q", "--out", "r.jsonl"])
        #expect(out.status == 64 && out.stderr.contains("--queue writes to the database only"))
        let lease = try CLI.run(["extract", "corpus/raw", "--db", "postgres://u@127.0.0.1:1/x", "--queue", "q", "--lease", "soon"])
        #expect(lease.status == 64 && lease.stderr.contains("--lease soon"))
    }
}
