import ArgumentParser
import Foundation
import ZhiliBatch
import ZhiliCore
import ZhiliExtract
import ZhiliIngest
import ZhiliPostgres
import ZhiliSegment
import ZhiliStore

/// `zhili extract`: structured records from article dumps, on every core, resumable.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract regions, programs and figures from articles and dumps (JSON Lines, CSV).",
        discussion: """
            Reads .txt and .html files, JSON Lines dumps (.jsonl), WARC crawls (.warc, response \
            records with HTML bodies), any of them gzip-compressed (.gz), directories (recursively, \
            filtered with --include/--exclude) and - (standard input). Inputs are streamed: memory \
            stays flat whatever the dump's size. Output follows input order whatever --jobs is.

            A bad record (undecodable text, malformed JSON line, truncated gzip, broken WARC record, \
            a document over --max-article-bytes) is skipped, counted and written to --errors with \
            its file, byte offset or line and reason; the batch goes on.

            Crash safety: with --out (or --csv, or --db), outputs grow only by whole records and a journal \
            (OUT.journal, or --journal) records each checkpoint after the records are written. \
            After a crash or kill, the same command with --resume cuts the outputs back to the last \
            checkpoint and continues without losing or repeating a record.

            Near-duplicates: each record carries `cluster` (the id of the first record of its \
            cluster of copies, in output order) and `duplicate_of` (the best copy before it: \
            earliest-dated, else longest), found by MinHash over (a 1-in-4 sample of) 4-character shingles with LSH \
            bands and verified by containment. They depend only on earlier records, so output \
            is the same for any --jobs and after --resume. `zhili dedup` reports whole clusters.

            Many workers, many machines: with --db postgres://… --queue NAME, the inputs become \
            items of a work queue in the database (files, and byte ranges of --range-size of large \
            JSON Lines and WARC files); every worker started with the same command, on any machine \
            that sees the inputs at the same paths, claims items until none is left, and a dead \
            worker's items are taken over when its --lease expires. Skipped records go to the \
            queue_errors table. `zhili queue status NAME` shows the progress (docs/scale-out.md).

            Exit status: 0 when every record went through; 3 when some records were skipped \
            (see --errors); 1 when an output could not be written or the run could not start.

            Examples:
              zhili extract corpus/raw
              zhili extract dump.jsonl.gz --out out/records.jsonl --errors out/errors.jsonl
              zhili extract scraped/ --include '*.html' --exclude 'draft*' --csv tables/
              zhili extract big.jsonl --out records.jsonl --resume
              zhili extract crawl.warc.gz --db zhili.db --quiet
              zhili extract /data/dump.jsonl --db postgres://zhili@db/zhili --queue dump
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write JSON Lines records to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Also write articles.csv, figures.csv, programs.csv and regions.csv (UTF-8 with BOM) into this directory.", valueName: "dir"))
    var csv: String?

    @Option(help: ArgumentHelp("Also index the records into this SQLite store (as `zhili index --db`); a record with the same id is replaced.", valueName: "file"))
    var db: String?

    @OptionGroup var documents: DocumentOptions

    @OptionGroup var queue: QueueOptions

    @OptionGroup var batch: BatchRunOptions

    @Option(help: ArgumentHelp("Extra segmenter lexicon in jieba format (`word [freq] [tag]` per line); repeatable.", valueName: "file"))
    var lexicon: [String] = []

    @Option(help: ArgumentHelp("Indicator file (JSON, same shape as the bundled indicators.json) used instead of the bundled one.", valueName: "file"))
    var indicators: String?

    @Option(help: ArgumentHelp("Extra known program names, one per line; repeatable.", valueName: "file"))
    var programs: [String] = []

    @Flag(help: "Include each article's tokens.")
    var tokens = false

    @Flag(name: .customLong("no-dedup"), help: "Skip near-duplicate detection: `cluster` and `duplicate_of` stay null (`zhili dedup` or the store can find copies later).")
    var noDedup = false

    @Option(help: ArgumentHelp("The year of articles without a date: relative years (今年, 去年) and figures naming no year count from it (year_source \"default\").", valueName: "year"))
    var defaultYear: Int?

    /// Where the journal goes unless --journal says: next to --out, else in the --csv directory, else next to --db.
    var defaultJournal: String? {
        if let out, out != "-" { return out + ".journal" }
        if let csv { return csv + "/.journal" }
        if let db { return DatabaseOptions.journal(for: db) }
        return nil
    }

    func validate() throws {
        if let defaultYear, !(1900...2100).contains(defaultYear) {
            throw ValidationError("--default-year \(defaultYear) is not a year between 1900 and 2100")
        }
        if queue.queue != nil {
            guard let db, ConnectionString.isPostgres(db) else {
                throw ValidationError("--queue needs --db postgres://… (the queue lives in the shared database)")
            }
            if out != nil || csv != nil || batch.resume || batch.journal != nil || batch.errors != nil {
                throw ValidationError("--queue writes to the database only: no --out, --csv, --errors, --journal or --resume (skipped records go to the queue_errors table, and the queue itself resumes)")
            }
        }
    }

    func run() throws {
        let cleaner = try documents.cleaner()
        var extraLexicons: [Lexicon] = []
        var knownPrograms = Extractor.bundledPrograms
        let indicatorTable: IndicatorTable
        do {
            for file in lexicon {
                let extra = Lexicon(parsing: try UserFile.text(file, option: "--lexicon"), source: file)
                for problem in extra.diagnostics { reporter.report(problem) }
                extraLexicons.append(extra)
            }
            for file in programs {
                knownPrograms.formUnion(Extractor.programNames(fromList: try UserFile.text(file, option: "--programs")))
            }
            indicatorTable = try indicators.map { try IndicatorTable(data: try UserFile.data($0, option: "--indicators"), source: $0) } ?? .bundled
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("\(error)")
        }
        // Only tokens need the segmenter's lexicon, which takes a moment to load.
        let userLexicon: Lexicon? = tokens ? extraLexicons.reduce(into: Lexicon.bundled) { $0.merge($1) } : nil
        let userPrograms = knownPrograms
        // JSON Lines go to --out, or to standard output when no other output is asked for.
        if queue.queue != nil {
            try runQueue(cleaner: cleaner, indicatorTable: indicatorTable, knownPrograms: userPrograms, lexicon: userLexicon)
            return
        }
        let options = try batch.options(
            input, files: input.files(), output: out ?? (csv == nil && db == nil ? "-" : nil), csv: csv,
            defaultJournal: defaultJournal, decoder: documents.decoder, outputShape: ["tokens=\(tokens)", "default-year=\(defaultYear.map(String.init) ?? "")", "dedup=\(!noDedup)"])
        let includeTokens = tokens
        let detectDuplicates = !noDedup
        let defaultYear = self.defaultYear
        let store = try reporter.run { try db.map { try DatabaseOptions.open($0, .readWrite) } }
        let summary = try batch.run(
            options, reporter: reporter, sink: store.map { store in { _ = try store.write($0) } }, stage: detectDuplicates ? DuplicateStage() : nil
        ) {
            // One extractor per worker thread: it holds ICU handles that are not thread-safe.
            let extractor = try Extractor(indicators: indicatorTable, knownPrograms: userPrograms, lexicon: userLexicon)
            extractor.defaultYear = defaultYear
            return ExtractionProcessor(cleaner: cleaner, extractor: extractor, includeTokens: includeTokens, detectDuplicates: detectDuplicates)
        }
        if !batch.quiet { reporter.report(summary.line) }
        try summary.exitOnSkippedRecords()
    }

    /// `--queue`: registers the inputs in the database's work queue, then works through it
    /// (``QueueWorker``) with the same processor as any batch.
    private func runQueue(cleaner: Cleaner, indicatorTable: IndicatorTable, knownPrograms: Set<String>, lexicon: Lexicon?) throws {
        guard let name = queue.queue, let db else { return }
        let store = try reporter.run { try DatabaseOptions.open(db, .readWrite) }
        guard let postgres = store.postgres else { throw ValidationError("--queue needs --db postgres://…") }
        let workQueue = PostgresWorkQueue(store: postgres, name: name, worker: queue.worker ?? PostgresWorkQueue.defaultWorkerName)
        let worker = QueueWorker(queue: workQueue, lease: queue.leaseDuration, wait: queue.wait, quiet: batch.quiet, reporter: reporter)
        let registration = try reporter.run { try worker.register(input.files(), rangeBytes: queue.rangeBytes) }
        if !batch.quiet {
            reporter.report("queue \(name): \(registration.added) item(s) added, \(registration.total) in the queue; worker \(workQueue.worker)")
        }
        let template = try batch.options(
            input, files: [], output: nil, defaultJournal: nil, decoder: documents.decoder,
            outputShape: ["tokens=\(tokens)", "default-year=\(defaultYear.map(String.init) ?? "")"])
        let includeTokens = tokens
        let defaultYear = self.defaultYear
        let summary = try reporter.run {
            try worker.run(template: template) {
                let extractor = try Extractor(indicators: indicatorTable, knownPrograms: knownPrograms, lexicon: lexicon)
                extractor.defaultYear = defaultYear
                // The database finds near-duplicates itself as records arrive, in any order.
                return ExtractionProcessor(cleaner: cleaner, extractor: extractor, includeTokens: includeTokens, detectDuplicates: false)
            }
        }
        if !batch.quiet {
            reporter.report("queue \(name): this worker did \(summary.items) item(s), \(summary.records) records, \(summary.errors) skipped, in " + String(format: "%.1f s", summary.elapsed))
        }
        if summary.errors > 0 { throw ExitCode(BatchSummary.skippedRecordsStatus) }
    }
}
