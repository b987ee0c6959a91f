import Foundation
import Testing

/// Issue #19 (defects 11 and 15): `zhili check` tells an intact index from a damaged one, and no
/// command writes into a damaged index or answers with a bare SQLite error code.
@Suite struct CheckCommandTests {
    /// An index of the seeds, and a copy with six pages in its middle overwritten.
    static func indexes() throws -> (intact: String, damaged: String, directory: URL) {
        let directory = CLI.scratch()
        let intact = directory.appendingPathComponent("intact.db").path
        let build = try CLI.run(["extract", "corpus/raw", "--db", intact, "--quiet"])
        #expect(build.status == 0, "\(build.stderr)")
        let damaged = directory.appendingPathComponent("damaged.db").path
        try FileManager.default.copyItem(atPath: intact, toPath: damaged)
        let handle = try #require(FileHandle(forUpdatingAtPath: damaged))
        try handle.seek(toOffset: 4096 * 20)
        handle.write(Data(repeating: 0x5A, count: 4096 * 6))
        try handle.close()
        return (intact, damaged, directory)
    }

    @Test func checkTellsAnIntactIndexFromADamagedOne() throws {
        let (intact, damaged, _) = try Self.indexes()
        let good = try CLI.run(["check", "--db", intact])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("intact (6 articles)"), "\(good.stdout)")
        let bad = try CLI.run(["check", "--db", damaged, "--json"])
        #expect(bad.status == 1)
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(bad.stdout.utf8)) as? [String: Any])
        #expect(verdict["intact"] as? Bool == false)
        #expect((verdict["findings"] as? [String])?.isEmpty == false, "\(bad.stdout)")
        let missing = try CLI.run(["check", "--db", "no-such.db"])
        #expect(missing.status == 1 && missing.stderr.contains("no-such.db: no such file"), "\(missing.stderr)")
    }

    @Test func aDamagedIndexIsNeverWrittenIntoAndErrorsSaySo() throws {
        let (_, damaged, _) = try Self.indexes()
        let before = try Data(contentsOf: URL(fileURLWithPath: damaged))
        let write = try CLI.run(["extract", "corpus/raw", "--db", damaged, "--quiet"])
        #expect(write.status != 0)
        #expect(write.stderr.contains("is damaged") && write.stderr.contains("zhili check --db"), "\(write.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: damaged)) == before)
        let search = try CLI.run(["search", "调解", "--db", damaged])
        #expect(search.status != 0)
        #expect(search.stderr.contains("is damaged") && !search.stderr.contains("SQLite error"), "\(search.stderr)")
    }
}
