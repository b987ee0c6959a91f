import Foundation
import ZhiliIngest

/// Everything a batch needs to know besides its processor.
public struct BatchOptions: Sendable {
    /// Inputs, in order.
    public var inputs: [InputFile]
    /// Worker threads (at most ``maxJobs``).
    public var jobs: Int
    /// Main output path (JSON Lines or text), `-` for standard output, nil for none.
    public var outputPath: String?
    /// Directory for the CSV tables, nil for none.
    public var csvDirectory: String?
    /// Errors file (JSON Lines), nil to hand skipped records to the run's reporter instead.
    public var errorsPath: String?
    /// Journal path for crash safety and `--resume`, nil for none.
    public var journalPath: String?
    /// Continue an interrupted run from its journal.
    public var resume: Bool
    /// Stop at the first bad record.
    public var strict: Bool
    /// Documents larger than this are skipped.
    public var maxArticleBytes: Int
    /// Charset forced on every input.
    public var encoding: String?
    /// How JSON lines become documents: decoded as articles of a dump, or (nil) handed to the
    /// processor as they are, one line a document, for inputs of records (`zhili index`).
    public var jsonLines: JSONLineDecoder?
    /// Options that shape the output, for the journal's fingerprint (e.g. `--tokens`).
    public var outputShape: [String]
    /// Bytes written between checkpoints at most.
    public var checkpointBytes: Int
    /// Records handed to the sink between checkpoints at most (one transaction each).
    public var checkpointRecords: Int
    /// Seconds between checkpoints at most.
    public var checkpointInterval: Double
    /// Input bytes held in flight at most.
    public var windowBytes: Int
    /// Records of one input written to the errors file at most; the rest are counted in one
    /// closing record of that input.
    public var maxErrorsPerInput: Int

    /// Worker threads at most: four per core. More only add memory and contention (100,000
    /// threads starve the machine).
    public static var maxJobs: Int { ProcessInfo.processInfo.activeProcessorCount * 4 }

    /// Creates options; only `inputs` is required.
    public init(
        inputs: [InputFile], jobs: Int = 1, outputPath: String? = "-", csvDirectory: String? = nil,
        errorsPath: String? = nil, journalPath: String? = nil, resume: Bool = false, strict: Bool = false,
        maxArticleBytes: Int = 16 << 20, encoding: String? = nil, jsonLines: JSONLineDecoder? = JSONLineDecoder(),
        outputShape: [String] = [], checkpointBytes: Int = 1 << 20, checkpointRecords: Int = .max,
        checkpointInterval: Double = 0.5, windowBytes: Int = 64 << 20, maxErrorsPerInput: Int = 1000
    ) {
        self.inputs = inputs
        self.jobs = min(max(jobs, 1), Self.maxJobs)
        self.outputPath = outputPath
        self.csvDirectory = csvDirectory
        self.errorsPath = errorsPath
        self.journalPath = journalPath
        self.resume = resume
        self.strict = strict
        self.maxArticleBytes = maxArticleBytes
        self.encoding = encoding
        self.jsonLines = jsonLines
        self.outputShape = outputShape
        self.checkpointBytes = checkpointBytes
        self.checkpointRecords = checkpointRecords
        self.checkpointInterval = checkpointInterval
        self.windowBytes = windowBytes
        self.maxErrorsPerInput = maxErrorsPerInput
    }
}
