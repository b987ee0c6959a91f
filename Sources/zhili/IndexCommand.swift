import ArgumentParser
import Foundation
import ZhiliBatch
import ZhiliCore
import ZhiliStore

/// `zhili index`: loads JSON Lines records (the output of `zhili extract`) into an index.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add extracted records (JSON Lines) to a search index.",
        discussion: """
            Reads the JSON Lines that `zhili extract` writes, from files (gzip-compressed or not), \
            directories or standard input (`-` or no path), and adds every record to the index; a record \
            whose id is already indexed replaces it. A line that is not a record is reported on standard \
            error (or in --errors) with its file and line, and skipped.

            Exit status: 0 when every record went in; 3 when some records or inputs were skipped \
            (see --errors); 1 when the index could not be written or the run could not start.

            Crash safety: a journal (DB-batch.journal, or --journal) records each committed batch; after a crash \
            or kill, the same command with --resume continues after the last one.

            Examples:
              zhili extract corpus/raw | zhili index --db zhili.db
              zhili index records.jsonl more.jsonl --db zhili.db
            """)

    @OptionGroup var input: InputOptions

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var batch: BatchRunOptions

    @Option(help: "Records written per transaction.")
    var batchSize: Int = 1000

    @Flag(help: "Merge the full-text index after loading (smaller, faster index; takes a while on large builds).")
    var optimize = false

    mutating func run() throws {
        let store = try reporter.run { try database.open(.readWrite) }
        var options = try batch.options(input, files: input.files(), output: nil, defaultJournal: database.journal, decoder: nil)
        options.checkpointRecords = max(1, batchSize)
        var summary = WriteSummary()
        // Into an empty PostgreSQL store, the full-text index is built once after the load. When
        // the run fails, the next open for writing builds it.
        try reporter.run { try store.beginBulkLoad() }
        // Worker threads decode each line and segment its text; this thread writes the records
        // of each checkpoint in one transaction, in input order.
        let batchSummary = try batch.run(options, reporter: reporter, sink: { summary = summary + (try store.write($0)) }) {
            IndexingProcessor(store: store)
        }
        try reporter.run { try store.finishBulkLoad() }
        if optimize { try reporter.run { try store.optimize() } }
        if !batch.quiet {
            let count = summary.inserted + summary.replaced
            let seconds = batchSummary.elapsed
            reporter.report(String(
                format: "indexed %d records (%d new, %d replaced) into %@ in %.2f s (%.0f records/s); %d skipped",
                count, summary.inserted, summary.replaced, database.db, seconds, seconds > 0 ? Double(count) / seconds : 0,
                batchSummary.totals.errors))
        }
        try batchSummary.exitOnSkippedRecords()
    }
}
