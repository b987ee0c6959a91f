import ZhiliCore
import ZhiliIngest

/// The per-thread stage of a batch: turns one document into output.
///
/// `zhili clean`, `extract` and `index` each have one. The batch runner makes one processor
/// per worker thread, so a processor may hold handles that are not thread-safe (ICU break
/// iterators, converters). A thrown error skips the document: it goes to the errors file with
/// the document's source and offset (whatever the processor added to the output is dropped),
/// and the batch goes on.
public protocol DocumentProcessor: AnyObject {
    /// What the processor hands to the batch's sink, such as records for a store.
    associatedtype Record: Sendable

    /// Adds the output of `document` to `output`, in article order; `output.selection` says
    /// which outputs the batch writes.
    func process(_ document: RawDocument, into output: inout ProcessedDocument<Record>) throws
}

/// Which outputs a batch writes, so processors make only what is needed.
public struct OutputSelection: Sendable, Hashable {
    /// Lines for the main output (`--out` or standard output).
    public var lines: Bool
    /// CSV tables.
    public var csv: Bool
    /// Records for the sink.
    public var records: Bool

    /// Creates a selection.
    public init(lines: Bool, csv: Bool, records: Bool) {
        self.lines = lines
        self.csv = csv
        self.records = records
    }
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
