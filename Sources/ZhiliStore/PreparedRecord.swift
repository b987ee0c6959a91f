import ZhiliCore

/// A record made ready for the index on any thread: its full-text terms are computed, so that the
/// writer, which runs one batch at a time, only inserts.
///
/// ```swift
/// let prepared = try records.map(store.prepare)   // on worker threads
/// try store.write(prepared)                       // on the writer
/// ```
public struct PreparedRecord: Sendable {
    /// The record.
    public let record: ArticleRecord
    /// The index terms of the body and of a non-empty title, handed to the tokenizer when they are inserted.
    let terms: [TermHandoff.Entry]
}
