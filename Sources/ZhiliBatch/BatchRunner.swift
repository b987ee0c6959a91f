import Foundation
import ZhiliCore
import ZhiliIngest

/// Runs a batch: reads every input in order (with ``DumpReader``), processes documents on `jobs`
/// threads (with ``OrderedParallelMap``), and writes the main output, CSV tables, a record sink
/// and an errors file in input order, with a journal of checkpoints so that a killed run can be
/// resumed without losing or repeating a record. `zhili clean`, `extract` and `index` are batches
/// that differ only in their ``DocumentProcessor``.
///
/// Crash safety: outputs are only appended to, in whole records; after each group of records
/// is written (and committed to the sink) a checkpoint with every output's size and the next
/// input position is appended to the journal. `--resume` cuts each output back to the sizes of
/// the last complete checkpoint and continues reading from its position. A run that reaches its
/// end removes its journal. Missing folders of the outputs and the journal are created.
public struct BatchRunner<Processor: DocumentProcessor> {
    /// The options.
    public var options: BatchOptions
    /// Makes one processor per worker thread.
    public var makeProcessor: @Sendable () throws -> Processor

    /// Creates a runner.
    public init(options: BatchOptions, makeProcessor: @escaping @Sendable () throws -> Processor) {
        self.options = options
        self.makeProcessor = makeProcessor
    }

    /// Runs the batch to its end and returns the summary.
    ///
    /// Bad records are skipped and counted; each goes to the errors file, or to `report` when
    /// there is none. `report` also gets the processors' notes. `sink` gets the records of each
    /// checkpoint and must have committed them when it returns (records of a resumed run may come
    /// again). The run throws only when an output cannot be written, a processor cannot be made,
    /// or the journal does not belong to this run.
    ///
    /// `stage`, when given, finishes each document's output on this thread in output order
    /// (``OrderedStage``); a resumed run first hands it the main output written so far.
    ///
    /// `errorSink`, when given, takes the skipped records instead of the errors file, at each
    /// checkpoint just before `sink` (a database keeps them with the records, `extract --queue`).
    public func run(
        progress: BatchProgress? = nil, report: ((Diagnostic) -> Void)? = nil,
        sink: (([Processor.Record]) throws -> Void)? = nil, stage: (any OrderedStage)? = nil,
        errorSink: (([ErrorRecord]) throws -> Void)? = nil
    ) throws -> BatchSummary {
        let options = self.options
        let selection = OutputSelection(lines: options.outputPath != nil, csv: options.csvDirectory != nil, records: sink != nil)
        if options.resume && options.inputs.contains(where: { $0.path == "-" }) {
            throw Diagnostic(source: "-", reason: "--resume cannot re-read standard input; give the dump as a file")
        }
        let fingerprint = Journal.fingerprint(
            inputs: options.inputs,
            options: options.outputShape + ["json=\(options.outputPath ?? "")", "csv=\(options.csvDirectory ?? "")", "errors=\(options.errorsPath ?? "")", "max=\(options.maxArticleBytes)", "enc=\(options.encoding ?? "")"])

        // The journal and checkpoint to resume from; a new journal is started only once the
        // outputs are open, so a path that cannot be written is reported as the user gave it.
        var journal: Journal?
        var checkpoint: Checkpoint?
        if let journalPath = options.journalPath, options.resume,
           let (existing, found) = try Journal.resume(path: journalPath, fingerprint: fingerprint) {
            journal = existing
            checkpoint = found
        }
        let resumed = checkpoint != nil
        func resumeSize(_ path: String) -> Int? {
            guard let checkpoint else { return nil }
            return checkpoint.sizes[path] ?? 0
        }

        // Outputs, in folders made as needed.
        for path in [options.outputPath, options.errorsPath, options.journalPath].compactMap(\.self) where path != "-" {
            try OutputFolder.make(of: path)
        }
        let jsonFile = try options.outputPath.map { try AppendFile(path: $0, resumeAt: $0 == "-" ? nil : resumeSize($0)) }
        if let stage, resumed, let jsonFile, jsonFile.path != "-" {
            try stage.restore(fromOutput: jsonFile.path, size: jsonFile.size)
        }
        let errorsFile = try options.errorsPath.map { try AppendFile(path: $0, resumeAt: resumeSize($0)) }
        var csvFiles: [CSVTable: AppendFile] = [:]
        if let directory = options.csvDirectory {
            try OutputFolder.make(directory)
            for table in CSVTable.allCases {
                let path = directory + "/" + table.fileName
                let file = try AppendFile(path: path, resumeAt: resumeSize(path))
                if file.size == 0 { try file.write(table.preamble) }
                csvFiles[table] = file
            }
        }
        if journal == nil, let journalPath = options.journalPath {
            journal = try Journal(path: journalPath, fingerprint: fingerprint)
        }
        var totals = checkpoint?.totals ?? BatchTotals()
        let bytesAtStart = totals.bytes
        progress?.begin(from: totals)
        let startedAt = Date()

        if checkpoint?.done == true {
            journal?.remove()
            return BatchSummary(totals: totals, bytesThisRun: 0, elapsed: 0, stoppedAtError: false, resumed: true, failures: 0)
        }

        // Pending output, written and checkpointed together.
        var position = (input: checkpoint?.input ?? 0, item: checkpoint?.item ?? 0)
        var pendingJSON: [UInt8] = []
        var pendingErrors: [UInt8] = []
        var pendingCSV: [CSVTable: [UInt8]] = [:]
        var pendingRecords: [any Sendable] = []
        var pendingErrorRecords: [ErrorRecord] = []
        var lastCheckpoint = Date()
        let errorEncoder = RecordEncoder()

        func flush(done: Bool) throws {
            try jsonFile?.write(pendingJSON)
            try errorsFile?.write(pendingErrors)
            for (table, bytes) in pendingCSV { try csvFiles[table]?.write(bytes) }
            if let errorSink, !pendingErrorRecords.isEmpty { try errorSink(pendingErrorRecords) }
            pendingErrorRecords.removeAll(keepingCapacity: true)
            if let sink, !pendingRecords.isEmpty { try sink(pendingRecords.map { $0 as! Processor.Record }) }
            pendingJSON.removeAll(keepingCapacity: true)
            pendingErrors.removeAll(keepingCapacity: true)
            pendingCSV.removeAll(keepingCapacity: true)
            pendingRecords.removeAll(keepingCapacity: true)
            if let journal {
                var sizes: [String: Int] = [:]
                if let jsonFile, jsonFile.path != "-" { sizes[jsonFile.path] = jsonFile.size }
                if let errorsFile { sizes[errorsFile.path] = errorsFile.size }
                for file in csvFiles.values { sizes[file.path] = file.size }
                try journal.append(Checkpoint(input: position.input, item: position.item, sizes: sizes, totals: totals, done: done))
            }
            lastCheckpoint = Date()
        }

        let inputs = options.inputs
        let startInput = position.input
        let skipItems = position.item
        // Bytes of the inputs finished before the resume point; the partly done input is re-read.
        let completedBytes = inputs.prefix(startInput).reduce(0) { $0 + ($1.size ?? 0) }
        let maxBytes = options.maxArticleBytes
        let encoding = options.encoding
        let producer: @Sendable ((WorkItem, Int) -> Bool) throws -> Void = { emit in
            var doneBytes = completedBytes
            for index in inputs.indices where index >= startInput {
                let input = inputs[index]
                let reader = DumpReader(input, maxArticleBytes: maxBytes, encoding: encoding)
                let skip = index == startInput ? skipItems : 0
                var ordinal = 0
                while let item = reader.next() {
                    defer { ordinal += 1 }
                    if ordinal < skip { continue }
                    let weight: Int
                    switch item {
                    case .document(let document): weight = document.bytes.count
                    case .jsonLine(let line): weight = line.bytes.count
                    case .failure: weight = 1
                    }
                    let work = WorkItem(input: index, ordinal: ordinal, file: input.path, item: item, bytes: doneBytes + reader.bytesFromFile)
                    if !emit(work, max(weight, 1)) { return }
                }
                doneBytes += max(input.size ?? 0, reader.bytesFromFile)
                if !emit(WorkItem(input: index, ordinal: ordinal, file: input.path, item: nil, bytes: doneBytes), 1) { return }
            }
        }

        let jsonLines = options.jsonLines
        let makeProcessor = self.makeProcessor
        let worker: @Sendable () throws -> (WorkItem) -> WorkResult = {
            let processor = try makeProcessor()
            return { work in
                WorkResult(work, jsonLines: jsonLines, maxBytes: maxBytes) { document in
                    var output = ProcessedDocument<Processor.Record>(selection: selection)
                    try processor.process(document, into: &output)
                    return WorkResult.Output(output)
                }
            }
        }

        var stoppedAtError = false
        var failures = 0
        var listedInInput = 0
        var leftOutInInput = 0
        let map = OrderedParallelMap<WorkItem, WorkResult>(jobs: options.jobs, windowCount: options.jobs * 64, windowWeight: options.windowBytes)
        try map.run(makeWorker: worker, produce: producer) { result in
            if var output = result.output {
                if let stage {
                    var ordered = OrderedOutput(lines: output.lines, tables: output.tables, pending: output.pending)
                    try stage.finish(&ordered)
                    output.lines = ordered.lines
                    output.tables = ordered.tables
                }
                pendingJSON.append(contentsOf: output.lines)
                for (table, bytes) in output.tables { pendingCSV[table, default: []].append(contentsOf: bytes) }
                pendingRecords.append(contentsOf: output.records)
                for note in output.notes { report?(note) }
                totals.documents += 1
                totals.articles += output.articles
                totals.figures += output.figures
                totals.programs += output.programs
            }
            func list(_ error: ErrorRecord) throws {
                if errorSink != nil {
                    pendingErrorRecords.append(error)
                } else if errorsFile != nil {
                    try errorEncoder.appendJSONLine(encoding: error, to: &pendingErrors)
                } else {
                    report?(error.diagnostic)
                }
            }
            // At most maxErrorsPerInput records of an input are listed; its end lists the count of the rest.
            for error in result.errors {
                if listedInInput < options.maxErrorsPerInput {
                    try list(error)
                    listedInInput += 1
                } else {
                    leftOutInInput += 1
                }
                if error.severity == .error { failures += 1 }
            }
            if result.isEndOfInput {
                if leftOutInInput > 0 {
                    let file = inputs[result.input].path
                    try list(ErrorRecord(file: file, diagnostic: Diagnostic(source: file, reason: "\(leftOutInInput) more errors in this input left out (at most \(options.maxErrorsPerInput) are listed per input)")))
                }
                listedInInput = 0
                leftOutInInput = 0
            }
            totals.errors += result.errors.count
            totals.bytes = max(totals.bytes, result.bytes)
            position = result.isEndOfInput ? (result.input + 1, 0) : (result.input, result.ordinal + 1)
            progress?.update(totals)
            if options.strict && !result.errors.isEmpty {
                stoppedAtError = true
                return false
            }
            let buffered = pendingJSON.count + pendingErrors.count + pendingCSV.values.reduce(0) { $0 + $1.count }
            if buffered >= options.checkpointBytes || pendingRecords.count >= options.checkpointRecords || Date().timeIntervalSince(lastCheckpoint) >= options.checkpointInterval {
                try flush(done: false)
            }
            return true
        }
        try flush(done: !stoppedAtError)
        // A run that reached its end needs no journal: there is nothing left to resume.
        if !stoppedAtError { journal?.remove() }
        progress?.finish()
        return BatchSummary(
            totals: totals, bytesThisRun: totals.bytes - bytesAtStart, elapsed: Date().timeIntervalSince(startedAt),
            stoppedAtError: stoppedAtError, resumed: resumed, failures: failures)
    }
}

// The types below are not generic, so that the engine between reader, workers and writer
// (``OrderedParallelMap`` over them) is compiled for them rather than run through generic
// witnesses: it handles every document of a batch.

/// One unit of work handed to a worker.
struct WorkItem: Sendable {
    var input: Int
    var ordinal: Int
    var file: String
    /// nil marks the end of an input.
    var item: DumpItem?
    /// Input bytes read when the item was read, for progress.
    var bytes: Int
}

/// What a worker made of a work item.
struct WorkResult: Sendable {
    /// A processor's output with its records type-erased.
    struct Output: Sendable {
        var lines: [UInt8]
        var tables: [CSVTable: [UInt8]]
        var records: [any Sendable]
        var pending: [any Sendable]
        var notes: [Diagnostic]
        var articles: Int
        var figures: Int
        var programs: Int

        init<Record>(_ output: ProcessedDocument<Record>) {
            lines = output.lines
            tables = output.tables
            records = output.records.isEmpty ? [] : output.records.map { $0 }
            pending = output.pending
            notes = output.notes
            articles = output.articles
            figures = output.figures
            programs = output.programs
        }
    }

    var input: Int
    var ordinal: Int
    var isEndOfInput: Bool
    var bytes: Int
    var output: Output?
    var errors: [ErrorRecord] = []

    /// Processes `work` on a worker thread: decodes a JSON line (with `jsonLines`, or hands it
    /// on as it is when nil), checks the size, and runs `process`.
    init(_ work: WorkItem, jsonLines: JSONLineDecoder?, maxBytes: Int, process: (RawDocument) throws -> Output) {
        input = work.input
        ordinal = work.ordinal
        isEndOfInput = work.item == nil
        bytes = work.bytes
        let document: RawDocument
        var warnings: [Diagnostic] = []
        switch work.item {
        case nil:
            return
        case .failure(let diagnostic):
            fail(diagnostic, file: work.file)
            return
        case .document(let found):
            document = found
        case .jsonLine(let line):
            guard let jsonLines else {
                document = RawDocument(source: work.file, bytes: line.bytes, format: .text, byteOffset: line.offset, line: line.number)
                break
            }
            do {
                (document, warnings) = try jsonLines.read(line.bytes, file: work.file, line: line.number, offset: line.offset)
            } catch {
                fail(error, file: work.file)
                return
            }
        }
        guard document.bytes.count <= maxBytes else {
            fail(Diagnostic(source: document.source, offset: document.byteOffset, line: document.line, reason: "document of \(document.bytes.count) bytes is over --max-article-bytes \(maxBytes); skipped"), file: work.file)
            return
        }
        do {
            output = try process(document)
            output?.notes.insert(contentsOf: warnings, at: 0)
        } catch {
            var diagnostic = (error as? Diagnostic) ?? Diagnostic(source: document.source, reason: String(describing: error))
            if diagnostic.offset == nil { diagnostic.offset = document.byteOffset }
            if diagnostic.line == nil { diagnostic.line = document.line }
            fail(diagnostic, file: work.file)
        }
    }

    private mutating func fail(_ diagnostic: Diagnostic, file: String) {
        errors.append(ErrorRecord(file: file, diagnostic: diagnostic))
    }
}
