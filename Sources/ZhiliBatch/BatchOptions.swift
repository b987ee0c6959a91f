import ZhiliIngest

/// Everything a batch needs to know besides its processor.
public struct BatchOptions: Sendable {
    /// Inputs, in order.
    public var inputs: [BatchInput]
    /// Worker threads.
    public var jobs: Int
    /// JSON Lines output path, `-` for standard output, nil for none.
    public var jsonLinesPath: String?
    /// Directory for the CSV tables, nil for none.
    public var csvDirectory: String?
    /// Errors file (JSON Lines), nil for none.
    public var errorsPath: String?
    /// Journal path for crash safety and `--resume`, nil for none.
    public var journalPath: String?
    /// Continue an interrupted run from its journal.
    public var resume: Bool
    /// Stop at the first bad record.
    public var strict: Bool
    /// Documents larger than this are skipped.
    public var maxArticleBytes: Int
    /// Charset forced on text, HTML and WARC documents.
    public var encoding: String?
    /// How JSON Lines inputs are read.
    public var jsonFields: JSONLineDecoder
    /// Options that shape the output, for the journal's fingerprint (e.g. `--tokens`).
    public var outputShape: [String]
    /// Bytes written between checkpoints at most.
    public var checkpointBytes: Int
    /// Seconds between checkpoints at most.
    public var checkpointInterval: Double
    /// Input bytes held in flight at most.
    public var windowBytes: Int

    /// Creates options; only `inputs` is required.
    public init(
        inputs: [BatchInput], jobs: Int = 1, jsonLinesPath: String? = "-", csvDirectory: String? = nil,
        errorsPath: String? = nil, journalPath: String? = nil, resume: Bool = false, strict: Bool = false,
        maxArticleBytes: Int = 16 << 20, encoding: String? = nil, jsonFields: JSONLineDecoder = JSONLineDecoder(),
        outputShape: [String] = [], checkpointBytes: Int = 1 << 20,
        checkpointInterval: Double = 0.5, windowBytes: Int = 64 << 20
    ) {
        self.inputs = inputs
        self.jobs = jobs
        self.jsonLinesPath = jsonLinesPath
        self.csvDirectory = csvDirectory
        self.errorsPath = errorsPath
        self.journalPath = journalPath
        self.resume = resume
        self.strict = strict
        self.maxArticleBytes = maxArticleBytes
        self.encoding = encoding
        self.jsonFields = jsonFields
        self.outputShape = outputShape
        self.checkpointBytes = checkpointBytes
        self.checkpointInterval = checkpointInterval
        self.windowBytes = windowBytes
    }
}
