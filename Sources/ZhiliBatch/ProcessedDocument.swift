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
    /// What the batch's ordered stage needs from this document (``OrderedOutput``), such as the
    /// signatures near-duplicate detection compares in output order.
    public var pending: [any Sendable] = []

    /// Empty output for a batch writing `selection`.
    public init(selection: OutputSelection) {
        self.selection = selection
    }
}

/// A document's output on the writing thread, in output order, just before it is written: the
/// place for work that needs every earlier document (a near-duplicate index) while the
/// processors run in parallel. Whatever it does, it does in the same order on every run.
public struct OrderedOutput {
    /// Bytes for the main output.
    public var lines: [UInt8]
    /// Rows for each CSV table.
    public var tables: [CSVTable: [UInt8]]
    /// What the processor left for this stage (``ProcessedDocument/pending``).
    public var pending: [any Sendable]
}

/// The ordered stage of a batch: runs on the writing thread, in output order.
public protocol OrderedStage: AnyObject {
    /// Finishes one document's output before it is written.
    func finish(_ output: inout OrderedOutput) throws

    /// Rebuilds the stage's state from the main output as written by an interrupted run, cut
    /// back to its last checkpoint (`size` bytes of the file at `path`), before a resumed run goes on.
    func restore(fromOutput path: String, size: Int) throws
}
