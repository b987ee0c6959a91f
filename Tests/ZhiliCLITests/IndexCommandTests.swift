import Foundation
import Testing

/// End-to-end tests of `zhili index`: records from `zhili extract` go in through worker threads
/// and come out searchable; bad lines and missing files are reported and skipped.
@Suite struct IndexCommandTests {
    @Test func indexesRecordsInBatchesAndReportsBadLines() throws {
        let extract = try CLI.run(["extract", "corpus/raw"])
        #expect(extract.status == 0, "\(extract.stderr)")
        let records = extract.lines
        try #require(records.count == 6)
        // Three records, a broken line, a blank line, three records; the last line has no newline.
        let mixed = (records[0..<3] + ["{not json", ""] + records[3..<6]).joined(separator: "\n")
        let directory = CLI.scratch()
        let input = directory.appendingPathComponent("records.jsonl")
        try Data(mixed.utf8).write(to: input)
        let db = directory.appendingPathComponent("zhili.db").path

        let run = try CLI.run(["index", input.path, "/no/such/records.jsonl", "--db", db, "--batch-size", "2", "--jobs", "2"])
        // Issue #19 (7): a missing input and a skipped line fail the run, as in extract.
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("records.jsonl:4 ("))
        #expect(run.stderr.contains("not an article record: malformed JSON"))
        #expect(run.stderr.contains("/no/such/records.jsonl: error: cannot open"))
        #expect(run.stderr.contains("indexed 6 records (6 new, 0 replaced)"))
        #expect(run.stderr.contains("2 skipped"))

        let search = try CLI.run(["search", "调解室", "--db", db, "--limit", "1"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("集宁区:精准“把脉”筑牢安全稳定屏障"))

        // Indexing the same records again replaces them.
        let again = try CLI.run(["index", input.path, "--db", db])
        #expect(again.stderr.contains("indexed 6 records (0 new, 6 replaced)"), "\(again.stderr)")
    }
}
