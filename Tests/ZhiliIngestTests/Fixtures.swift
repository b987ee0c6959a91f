import Foundation
@testable import ZhiliIngest

/// Paths to the repository's corpus, found from this file's location.
enum Fixtures {
    /// The package root.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `corpus/raw`.
    static let raw = root.appendingPathComponent("corpus/raw")
    /// `corpus/gold`.
    static let gold = root.appendingPathComponent("corpus/gold")

    /// The seed file names, sorted.
    static let seeds: [String] = (try? FileManager.default.contentsOfDirectory(atPath: raw.path))?
        .filter { $0.hasSuffix(".txt") }.sorted() ?? []

    /// The bytes of one seed.
    static func bytes(_ seed: String) -> [UInt8] {
        Array((try? Data(contentsOf: raw.appendingPathComponent(seed))) ?? Data())
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhili-ingest-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension Fixtures {
    /// A boilerplate filter with the built-in patterns plus `extra`, a user pattern file's text.
    static func filter(withExtraPatterns extra: String) throws -> BoilerplateFilter {
        var patterns = try BoilerplatePatterns.builtIn()
        let file = temporaryDirectory().appendingPathComponent("extra.txt")
        try extra.write(to: file, atomically: true, encoding: .utf8)
        try patterns.add(contentsOf: file.path)
        return BoilerplateFilter(patterns: patterns)
    }
}

extension BoilerplateFilter {
    /// The pattern that removes `line` whole (`drop`, `end`, or the `strip` pattern that
    /// leaves nothing of it), or nil when the line is kept.
    func removal(of line: String) -> BoilerplatePatterns.Pattern? {
        switch classify(line) {
        case .keep: nil
        case .drop(let index), .end(let index): patterns.patterns[index]
        }
    }
}
