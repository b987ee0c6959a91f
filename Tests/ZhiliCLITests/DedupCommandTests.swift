import Foundation
import Testing

/// End-to-end tests of content ids and near-duplicate detection: `zhili dedup`, the `cluster` and
/// `duplicate_of` of `zhili extract`, and an index fed the same articles twice.
@Suite struct DedupCommandTests {
    /// The seed articles, their reprints and the two 锡林郭勒 dev-set pages from corpus/reprints.
    static let reprintFiles = ["000-0", "000-1", "000-2", "000-3", "025-0", "025-1", "026-0"].map { "corpus/reprints/\($0).txt" }

    @Test func dedupReportsClustersAsTableJSONAndCSV() throws {
        let json = try CLI.run(["dedup"] + Self.reprintFiles + ["--format", "json", "--quiet"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["articles"] as? Int == 7)
        let clusters = try #require(report["clusters"] as? [[String: Any]])
        let sources = clusters.map { ($0["members"] as? [[String: Any]] ?? []).compactMap { $0["source"] as? String }.sorted() }
        #expect(sources == [Self.reprintFiles[0..<4].sorted(), Self.reprintFiles[4..<6].sorted()])

        let csv = try CLI.run(["dedup"] + Self.reprintFiles + ["--format", "csv", "--quiet"])
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "cluster,size,role,id,duplicate_of,date,source,title")
        #expect(rows.count == 7)

        let table = try CLI.run(["dedup"] + Self.reprintFiles + ["--quiet"])
        #expect(table.stdout.contains("7 articles, 2 clusters of copies, 4 duplicates"))
    }

    @Test func extractFillsClusterAndDuplicateOfInOutputOrder() throws {
        let one = try CLI.run(["extract"] + Self.reprintFiles + ["--jobs", "1", "--quiet"])
        let two = try CLI.run(["extract"] + Self.reprintFiles + ["--jobs", "2", "--quiet"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == two.stdout)
        let records = try one.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let first = try #require(records.first?["id"] as? String)
        #expect(records[0..<4].allSatisfy { $0["cluster"] as? String == first })
        #expect(records[1]["duplicate_of"] as? String == first)
        #expect(records[5]["cluster"] as? String == records[4]["id"] as? String)
        #expect(records[6]["cluster"] as? String == records[6]["id"] as? String)
        #expect(records[6]["duplicate_of"] is NSNull)

        // --no-dedup leaves both null and changes nothing else.
        let plain = try CLI.run(["extract"] + Self.reprintFiles + ["--no-dedup", "--quiet"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let plainRecords = try plain.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(plainRecords.count == records.count)
        #expect(plainRecords.allSatisfy { $0["cluster"] is NSNull && $0["duplicate_of"] is NSNull })
        #expect(plain.stdout == one.stdout.replacingOccurrences(of: #""cluster":"[0-9a-f]+""#, with: #""cluster":null"#, options: .regularExpression)
            .replacingOccurrences(of: #""duplicate_of":"[0-9a-f]+""#, with: #""duplicate_of":null"#, options: .regularExpression))

        // CSV rows carry the same answers.
        let directory = CLI.scratch()
        let csv = try CLI.run(["extract"] + Self.reprintFiles + ["--csv", directory.path, "--quiet"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = try String(contentsOf: directory.appendingPathComponent("articles.csv"), encoding: .utf8)
        #expect(rows.contains("\(records[1]["id"] as! String),\(first),\(first),"))
    }

    /// Indexing the seeds, then the same files again from another folder, leaves search and
    /// compare as they were; the article keeps both paths.
    @Test func indexingTheSameFilesTwiceThroughDifferentPathsChangesNothing() throws {
        let directory = CLI.scratch()
        let copy = directory.appendingPathComponent("mirror")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("corpus/raw"), to: copy)
        let db = directory.appendingPathComponent("zhili.db").path
        #expect(try CLI.run(["extract", "corpus/raw", "--db", db, "--quiet"]).status == 0)
        let search = try CLI.run(["search", "调解", "--db", db, "--json"])
        let compare = try CLI.run(["compare", "--indicator", "grid_workers", "--db", db, "--format", "csv"])
        #expect(search.status == 0 && compare.status == 0, "\(search.stderr)\(compare.stderr)")

        let again = try CLI.run(["extract", copy.path, "--db", db, "--quiet"])
        #expect(again.status == 0, "\(again.stderr)")
        let searchAgain = try CLI.run(["search", "调解", "--db", db, "--json"])
        #expect(Self.withoutCopies(searchAgain.stdout) == Self.withoutCopies(search.stdout))
        #expect(try CLI.run(["compare", "--indicator", "grid_workers", "--db", db, "--format", "csv"]).stdout == compare.stdout)
        // Each hit now says it is also at the mirror's path.
        #expect(searchAgain.stdout.contains("\"copies\" : 1"))
    }

    /// Search JSON without the `copies` counts (which grow with the second path).
    static func withoutCopies(_ json: String) -> String {
        json.split(separator: "\n").filter { !$0.contains("\"copies\"") }.joined(separator: "\n")
    }
}
