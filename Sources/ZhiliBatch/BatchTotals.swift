/// Running counts of a batch.
public struct BatchTotals: Sendable, Codable, Hashable {
    /// Documents processed (a file, a JSON line or a WARC response).
    public var documents = 0
    /// Article records written.
    public var articles = 0
    /// Figures in those records.
    public var figures = 0
    /// Program mentions in those records.
    public var programs = 0
    /// Records skipped and written to the errors file (bad records, and documents with no article text).
    public var errors = 0
    /// Input bytes read (compressed bytes for gzip).
    public var bytes = 0

    /// Creates zero totals.
    public init() {}
}
