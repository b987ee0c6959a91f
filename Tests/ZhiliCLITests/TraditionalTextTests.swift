import Foundation
import Testing

/// Seeds converted to Traditional characters, as UTF-8 and as Big5, extract like the Simplified
/// originals (Fixtures/traditional, written by scripts/gen-traditional-seeds).
@Suite struct TraditionalTextTests {
    /// What one input file gave: figures (value and unit, in order), program names and region
    /// codes, over all the articles it was split into.
    struct Extracted: Equatable, CustomStringConvertible {
        var figures: [String] = []
        var programs: Set<String> = []
        var regions: Set<String> = []
        var description: String { "\(figures.count) figures, \(programs.sorted()), \(regions.sorted())" }
    }

    /// `zhili extract` on `directory`, by file name.
    static func extract(_ directory: URL) throws -> [String: Extracted] {
        let run = try CLI.run(["extract", directory.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        var result: [String: Extracted] = [:]
        for line in run.lines {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let file = URL(fileURLWithPath: try #require(record["source"] as? String)).lastPathComponent
            var extracted = result[file] ?? Extracted()
            for figure in record["figures"] as? [[String: Any]] ?? [] {
                extracted.figures.append("\(figure["value"] ?? "") \(figure["unit"] ?? "")")
            }
            for program in record["programs"] as? [[String: Any]] ?? [] { extracted.programs.insert(program["name"] as? String ?? "") }
            for region in record["regions"] as? [[String: Any]] ?? [] { extracted.regions.insert(region["code"] as? String ?? "") }
            result[file] = extracted
        }
        return result
    }

    @Test(arguments: ["utf8", "big5"])
    func traditionalCopiesExtractLikeTheSimplifiedSeeds(_ encoding: String) throws {
        let original = try Self.extract(CLI.root.appendingPathComponent("corpus/raw"))
        let converted = try Self.extract(CLI.root.appendingPathComponent("Tests/ZhiliCLITests/Fixtures/traditional/\(encoding)"))
        #expect(original.count == 5)
        #expect(converted.keys.sorted() == original.keys.sorted())
        for (file, extracted) in original {
            #expect(converted[file] == extracted, "\(file)")
        }
    }

    /// Ids of the hits of `query`, in rank order.
    static func hits(_ query: String, db: URL) throws -> [String] {
        let run = try CLI.run(["search", query, "--db", db.path, "--json", "--limit", "50"])
        #expect(run.status == 0, "\(run.stderr)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return (results["hits"] as? [[String: Any]] ?? []).compactMap { $0["article_id"] as? String }
    }

    @Test func traditionalQueriesAndArticlesMeetSimplifiedOnes() throws {
        let directory = CLI.scratch()
        let db = directory.appendingPathComponent("zhili.db")
        let traditional = CLI.root.appendingPathComponent("Tests/ZhiliCLITests/Fixtures/traditional/utf8/003_8b228848fdd751f3.txt")
        let index = try CLI.run(["extract", CLI.root.appendingPathComponent("corpus/raw").path, traditional.path, "--db", db.path, "--quiet"])
        #expect(index.status == 0, "\(index.stderr)")
        let simplified = try Self.hits("网格员", db: db)
        // The Traditional copy of 003 (converted by another tool, so not the same content id) is a
        // near-duplicate of its Simplified original: one hit, the best-matching copy as written,
        // "also on 1 site".
        let run = try CLI.run(["search", "网格员", "--db", db.path, "--json", "--limit", "50"])
        #expect(run.stdout.contains("五大任務 興安擔當") != run.stdout.contains("五大任务 兴安担当"))
        #expect(run.stdout.contains("\"copies\" : 1"))
        #expect(try Self.hits("網格員", db: db) == simplified)
        #expect(try Self.hits("\"矛盾糾紛\"", db: db) == (try Self.hits("\"矛盾纠纷\"", db: db)))
    }
}

