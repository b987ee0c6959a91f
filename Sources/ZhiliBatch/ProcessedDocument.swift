import ZhiliCore

/// Which outputs a batch writes, so processors make only what is needed.
public struct OutputSelection: Sendable, Hashable {
    /// Lines for the main output (`--out` or standard output).
    public var lines: Bool
    /// CSV tables.
    public var csv: Bool
    /// Records for the sink.
    public var records: Bool
}

/// What a processor made of one document; the runner writes it in input order.
public struct ProcessedDocument<Record: Sendable>: Sendable {
    /// The outputs the batch writes.
    public let selection: OutputSelection
    /// Bytes for the main output: JSON Lines, or text.
    public var lines: [UInt8] = []
    /// Rows for each CSV table.
    public var tables: [CSVTable: [UInt8]] = [:]
    /// Records for the sink.
    public var records: [Record] = []
    /// Warnings about what was written (not skipped records): shown, not counted.
    public var notes: [Diagnostic] = []
    /// Articles (or records) written.
    public var articles = 0
    /// Figures in those articles.
    public var figures = 0
    /// Program mentions in those articles.
    public var programs = 0

    /// Empty output for a batch writing `selection`.
    public init(selection: OutputSelection) {
        self.selection = selection
    }
}
