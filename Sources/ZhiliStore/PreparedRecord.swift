import ZhiliCore
import ZhiliDedup

/// A record made ready for the index on any thread: its title and body are segmented into the
/// terms the full-text table takes, so that the writer, which runs one batch at a time, only inserts.
///
/// ```swift
/// let prepared = try records.map(store.prepare)   // on worker threads
/// try store.write(prepared)                       // on the writer
/// ```
public struct PreparedRecord: Sendable {
    /// The record.
    public let record: ArticleRecord
    /// The index terms of the title (none when it is missing or empty).
    package let titleTerms: TermStream
    /// The index terms of the body.
    package let bodyTerms: TermStream
    /// Shingles and MinHash of the body, for near-duplicate detection at write time.
    package let dedup: DedupDocument

    init(record: ArticleRecord, titleTerms: TermStream, bodyTerms: TermStream) {
        self.record = record
        self.titleTerms = titleTerms
        self.bodyTerms = bodyTerms
        dedup = DedupDocument(record.article)
    }
}
