import ArgumentParser
import Foundation
import ZhiliBatch
import ZhiliIngest

/// Options of the commands that run a batch (`clean`, `extract`, `index`): the errors file,
/// threads, the journal and `--resume`, and how much they say while running.
struct BatchRunOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write skipped records (JSON Lines: file, source, offset or line, reason) to this file instead of standard error; at most 1,000 per input, then one record with the count left out.", valueName: "file"))
    var errors: String?

    @Option(name: .shortAndLong, help: "Worker threads (default: all cores; at most 4 per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Checkpoint journal (default: next to the output file or database).", valueName: "file"))
    var journal: String?

    @Flag(help: "Continue an interrupted run from its journal.")
    var resume = false

    @Flag(help: "Stop at the first bad record.")
    var strict = false

    @Flag(name: .shortAndLong, help: "No progress bar, log lines or summary.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// The batch's options: `output` (`-` for standard output) and `csv` are its outputs, and the
    /// journal goes to --journal or else to `defaultJournal`; `decoder` nil hands JSON lines to
    /// the processor as they are.
    func options(
        _ input: InputOptions, files: [InputFile], output: String?, csv: String? = nil, defaultJournal: String?,
        decoder: JSONLineDecoder?, outputShape: [String] = []
    ) throws -> BatchOptions {
        let journalPath = journal ?? defaultJournal
        if resume && journalPath == nil {
            throw ValidationError("--resume needs an output file or --journal to find the journal")
        }
        if resume && input.readsStandardInput {
            throw ValidationError("--resume cannot re-read standard input; give the input as a file")
        }
        return BatchOptions(
            inputs: files, jobs: jobs, outputPath: output, csvDirectory: csv, errorsPath: errors,
            journalPath: journalPath, resume: resume, strict: strict, maxArticleBytes: input.maxArticleBytes,
            encoding: decoder?.encoding, jsonLines: decoder, outputShape: outputShape)
    }

    /// Runs the batch with a progress bar (or log lines) on standard error; skipped records
    /// without --errors and the processors' notes go to `reporter`, and so does a failure.
    func run<Processor: DocumentProcessor>(
        _ options: BatchOptions, reporter: Reporter, sink: (([Processor.Record]) throws -> Void)? = nil,
        stage: (any OrderedStage)? = nil, makeProcessor: @escaping @Sendable () throws -> Processor
    ) throws -> BatchSummary {
        let sizes = options.inputs.compactMap(\.size)
        let progress = BatchProgress.automatic(
            quiet: quiet, totalBytes: sizes.count == options.inputs.count ? sizes.reduce(0, +) : nil,
            label: "zhili.\(reporter.command)")
        defer { progress.finish() }
        if jobs > options.jobs {
            reporter.report("note: --jobs \(jobs) lowered to \(options.jobs) (at most 4 worker threads per core)")
        }
        return try reporter.run {
            try BatchRunner(options: options, makeProcessor: makeProcessor).run(progress: progress, report: { problem in
                progress.finish()
                reporter.report(problem)
            }, sink: sink, stage: stage)
        }
    }
}

extension BatchSummary {
    /// Throws the batch's exit status when it is not 0 (records or inputs skipped): the one exit
    /// rule of `extract` and `index`.
    func exitOnSkippedRecords() throws {
        if exitStatus != 0 { throw ExitCode(exitStatus) }
    }
}
