import ArgumentParser
import Foundation
import ZhiliBatch
import ZhiliCore
import ZhiliExtract
import ZhiliIngest
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

            Exit status: 0 when every record went through; 3 when some records were skipped \
            (see --errors); 1 when an output could not be written or the run could not start.

            Examples:
              zhili extract corpus/raw
              zhili extract dump.jsonl.gz crawl.warc.gz --out records.jsonl --errors errors.jsonl
              zhili extract scraped/ --include '*.html' --exclude 'draft*' --csv tables/ --jobs 2
              zhili extract big.jsonl --out records.jsonl --resume
              zhili extract crawl.warc.gz --db zhili.db --quiet
            """
    )

    @Argument(help: "Files, directories or - for standard input.")
    var paths: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Write JSON Lines records to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Also write articles.csv, figures.csv, programs.csv and regions.csv (UTF-8 with BOM) into this directory.", valueName: "dir"))
    var csv: String?

    @Option(help: ArgumentHelp("Also index the records into this SQLite store (as `zhili index --db`); a record with the same id is replaced.", valueName: "file"))
    var db: String?

    @Option(help: ArgumentHelp("Write skipped records (JSON Lines: file, source, offset or line, reason) to this file.", valueName: "file"))
    var errors: String?

    @Option(name: .shortAndLong, help: "Worker threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("In directories, take only files matching this glob (repeatable; default: known extensions).", valueName: "glob"))
    var include: [String] = []

    @Option(help: ArgumentHelp("In directories, skip files matching this glob (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Option(help: ArgumentHelp("Skip documents larger than this many bytes.", valueName: "bytes"))
    var maxArticleBytes: Int = 16 << 20

    @Option(help: "Read text, HTML and WARC inputs in this charset (e.g. GBK) instead of detecting it.")
    var encoding: String?

    @OptionGroup var jsonFields: JSONFieldOptions

    @Option(help: ArgumentHelp("Checkpoint journal (default: OUT.journal, or DIR/.journal for --csv).", valueName: "file"))
    var journal: String?

    @Flag(help: "Continue an interrupted run from its journal.")
    var resume = false

    @Flag(help: "Stop at the first bad record.")
    var strict = false

    @Option(help: ArgumentHelp("Extra segmenter lexicon in jieba format (`word [freq] [tag]` per line); repeatable.", valueName: "file"))
    var lexicon: [String] = []

    @Option(help: ArgumentHelp("Indicator file (JSON, same shape as the bundled indicators.json) used instead of the bundled one.", valueName: "file"))
    var indicators: String?

    @Option(help: ArgumentHelp("Extra known program names, one per line; repeatable.", valueName: "file"))
    var programs: [String] = []

    @Option(help: ArgumentHelp("Extra boilerplate pattern file (same format as `zhili clean --boilerplate`); repeatable.", valueName: "file"))
    var boilerplate: [String] = []

    @Flag(help: "Include each article's tokens.")
    var tokens = false

    @Flag(name: .shortAndLong, help: "No progress bar, log lines or summary.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxArticleBytes >= 1 else { throw ValidationError("--max-article-bytes must be positive") }
        if resume && journalPath == nil {
            throw ValidationError("--resume needs an output file (--out or --csv) or --journal to find the journal")
        }
        if resume && paths.contains("-") {
            throw ValidationError("--resume cannot re-read standard input; give the dump as a file")
        }
    }

    /// Where the journal goes: --journal, else next to --out, else in the --csv directory.
    var journalPath: String? {
        if let journal { return journal }
        if let out, out != "-" { return out + ".journal" }
        if let csv { return csv + "/.journal" }
        if let db { return db + ".journal" }
        return nil
    }

    func run() throws {
        let cleaner: Cleaner
        do {
            cleaner = try Cleaner(configuration: CleanerConfiguration(boilerplateFiles: boilerplate))
        } catch {
            throw ValidationError("cleaner: \(error)")
        }
        var extraLexicons: [Lexicon] = []
        var knownPrograms = Extractor.bundledPrograms
        let indicatorTable: IndicatorTable
        do {
            for file in lexicon {
                let extra = try Lexicon(contentsOf: URL(fileURLWithPath: file))
                for problem in extra.diagnostics { FileHandle.standardError.write(Data("zhili extract: \(problem)\n".utf8)) }
                extraLexicons.append(extra)
            }
            for file in programs {
                knownPrograms.formUnion(Extractor.programNames(fromList: try String(contentsOfFile: file, encoding: .utf8)))
            }
            indicatorTable = try indicators.map { try IndicatorTable(contentsOf: URL(fileURLWithPath: $0)) } ?? .bundled
        } catch {
            throw ValidationError("\(error)")
        }
        // Only tokens need the segmenter's lexicon, which takes a moment to load.
        let userLexicon: Lexicon? = tokens ? extraLexicons.reduce(into: Lexicon.bundled) { $0.merge($1) } : nil
        let userPrograms = knownPrograms
        let fields = jsonFields.fieldNames
        let inputs = BatchInput.discover(paths, include: include.map(GlobPattern.init), exclude: exclude.map(GlobPattern.init))
        // JSON Lines go to --out, or to standard output when no other output is asked for.
        let jsonLinesPath = out ?? (csv == nil && db == nil ? "-" : nil)
        let options = BatchOptions(
            inputs: inputs, jobs: jobs, jsonLinesPath: jsonLinesPath, csvDirectory: csv, errorsPath: errors,
            journalPath: journalPath, resume: resume, strict: strict, maxArticleBytes: maxArticleBytes,
            encoding: encoding, jsonFields: JSONLineDecoder(fields: fields), outputShape: ["tokens=\(tokens)"])
        let includeTokens = tokens
        let runner = BatchRunner(options: options) {
            // One extractor per worker thread: it holds ICU handles that are not thread-safe.
            ExtractionProcessor(
                cleaner: cleaner,
                extractor: try Extractor(indicators: indicatorTable, knownPrograms: userPrograms, lexicon: userLexicon),
                includeTokens: includeTokens)
        }
        let knownSizes = inputs.compactMap(\.size)
        let progress = BatchProgress.automatic(quiet: quiet, totalBytes: knownSizes.count == inputs.count ? knownSizes.reduce(0, +) : nil)
        let summary: BatchSummary
        do {
            let sink = try db.map { StoreSink(try SQLiteStore(path: $0, mode: .readWrite)) }
            summary = try runner.run(sink: sink, progress: progress)
            try sink?.finish()
        } catch let error as StoreError {
            progress.finish()
            FileHandle.standardError.write(Data("zhili extract: \(error.description)\n".utf8))
            throw ExitCode(1)
        } catch let problem as Diagnostic {
            progress.finish()
            FileHandle.standardError.write(Data("zhili extract: \(problem)\n".utf8))
            throw ExitCode(1)
        }
        if !quiet {
            FileHandle.standardError.write(Data("zhili extract: \(summary.line)\n".utf8))
        }
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }
}

/// The real stages for one worker thread: the cleaner, then the extractor.
final class ExtractionProcessor: DocumentProcessor {
    private let cleaner: Cleaner
    private let extractor: Extractor
    private let includeTokens: Bool

    init(cleaner: Cleaner, extractor: Extractor, includeTokens: Bool) {
        self.cleaner = cleaner
        self.extractor = extractor
        self.includeTokens = includeTokens
    }

    func process(_ document: RawDocument) throws -> [ArticleRecord] {
        try cleaner.clean(document).map { try extractor.extract($0, includeTokens: includeTokens) }
    }
}

/// The SQLite store as the batch's record sink: each checkpoint's records in one transaction.
final class StoreSink: RecordSink {
    private let store: SQLiteStore

    init(_ store: SQLiteStore) { self.store = store }

    func write(_ records: [ArticleRecord]) throws {
        _ = try store.write(records)
    }

    /// Waits for the full-text index to take the last batch.
    func finish() throws {
        try store.finishWriting()
    }
}
