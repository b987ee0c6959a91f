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
}
