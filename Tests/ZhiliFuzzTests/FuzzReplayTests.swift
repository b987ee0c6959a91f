import Foundation
import Testing

/// Every seed and every regression input of the fuzz targets (FuzzTesting/Corpus/TARGET,
/// FuzzTesting/Regressions/TARGET) through the same body libFuzzer calls (FuzzTargets.swift):
/// an input that once crashed a target stays fixed.
// Serialized: the targets share one segmenter and one index (FuzzState), as libFuzzer calls them on one thread.
@Suite(.serialized) struct FuzzReplayTests {
    /// FuzzTesting/ of this checkout.
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzTesting")

    /// The files of `FuzzTesting/KIND/TARGET`, sorted; none when the folder is missing.
    static func inputs(_ kind: String, of target: String) -> [URL] {
        let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.all.map(\.name))
    func seedsAndRegressionsRunThrough(_ name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let seeds = Self.inputs("Corpus", of: name)
        #expect(!seeds.isEmpty, "no seed corpus in FuzzTesting/Corpus/\(name)")
        for file in seeds + Self.inputs("Regressions", of: name) {
            target.body(Array(try Data(contentsOf: file)))
        }
    }

    @Test func everyCorpusFolderNamesATarget() throws {
        let names = Set(FuzzTarget.all.map(\.name))
        for kind in ["Corpus", "Regressions", "Dictionaries"] {
            let folder = Self.fuzzFolder.appendingPathComponent(kind)
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for entry in entries where !entry.hasPrefix(".") && entry != "README.md" {
                let name = entry.hasSuffix(".dict") ? String(entry.dropLast(5)) : entry
                #expect(names.contains(name), "FuzzTesting/\(kind)/\(entry) names no target")
            }
        }
    }
}
