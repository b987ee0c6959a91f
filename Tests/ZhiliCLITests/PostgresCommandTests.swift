import Foundation
import Testing

/// End-to-end: the same commands on an SQLite file and on a PostgreSQL database (`--db
/// postgres://…`, and `ZHILI_DB`) print the same answers. Needs `ZHILI_TEST_POSTGRES`
/// (scripts/with-postgres); the store tests fail CI without it.
@Suite struct PostgresCommandTests {
    static let server = ProcessInfo.processInfo.environment["ZHILI_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// A new empty database on the test server; its URL.
    static func database() throws -> String {
        let server = try #require(Self.server)
        let name = "zhili_cli_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = [server, "-qAt", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE \(name)"]
        try psql.run()
        psql.waitUntilExit()
        try #require(psql.terminationStatus == 0)
        return server.replacingOccurrences(of: #"/[^/]+$"#, with: "/" + name, options: .regularExpression)
    }

    /// `stdout` as JSON with search scores removed and hits in id order.
    static func normalized(_ stdout: String) throws -> String {
        var value = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        if var results = value as? [String: Any], let hits = results["hits"] as? [[String: Any]] {
            results["hits"] = hits.map { hit in hit.filter { $0.key != "score" } }
                .sorted { ($0["article_id"] as? String ?? "") < ($1["article_id"] as? String ?? "") }
            // The cursor holds the engine's own score and key: only whether there is one compares.
            if results["next"] != nil { results["next"] = "present" }
            value = results
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test(.enabled(if: server != nil)) func commandsAnswerAlikeOnBothStores() throws {
        let url = try Self.database()
        let directory = CLI.scratch()
        let file = directory.appendingPathComponent("zhili.db").path
        for db in [file, url] {
            let run = try CLI.run(["extract", "corpus/raw", "--db", db, "--journal", directory.appendingPathComponent("j-\(db.hashValue)").path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let commands: [[String]] = [
            ["search", "调解", "--json", "--limit", "50"], ["search", "\"矛盾纠纷\" -诈骗", "--json", "--limit", "50"],
            ["search", "网格员", "--region", "兴安盟", "--json"], ["programs", "--json"], ["programs", "--region", "乌兰察布", "--json"],
            ["indicators", "--json"], ["compare", "--indicator", "grids", "--format", "json"],
            ["compare", "--indicator", "grids", "--all", "--format", "json"], ["compare", "--indicator", "grids", "--by", "year", "--format", "json"],
            ["programs", "--timeline", "调解", "--json"], ["programs", "--timeline", "调解", "--region", "兴安盟", "--json"],
        ]
        for command in commands {
            let sqlite = try CLI.run(command + ["--db", file])
            let postgres = try CLI.run(command + ["--db", url])
            #expect(sqlite.status == 0 && postgres.status == 0, "\(command): \(sqlite.stderr) \(postgres.stderr)")
            #expect(try Self.normalized(postgres.stdout) == (try Self.normalized(sqlite.stdout)), "\(command)")
        }
        let search = try CLI.run(["search", "调解室", "--json"], environment: ["ZHILI_DB": url])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("老李调解室"))
    }

    @Test func badConnectionStringsSayWhatIsWrong() throws {
        let run = try CLI.run(["search", "调解", "--db", "postgres://127.0.0.1"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("bad PostgreSQL connection string 'postgres://127.0.0.1': no database name"), "\(run.stderr)")
        let refused = try CLI.run(["search", "调解", "--db", "postgres://zhili@127.0.0.1:1/zhili"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("cannot connect to postgres://zhili@127.0.0.1:1/zhili"), "\(refused.stderr)")
    }
}
