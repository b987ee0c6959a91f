import ZhiliCore

/// A durable destination for article records, such as the SQLite store.
///
/// The runner calls ``write(_:)`` with each batch of records before it checkpoints, so a
/// sink must have committed them when `write` returns. Records of a resumed run may be written
/// again; a sink replaces a record with the same article id.
public protocol RecordSink: AnyObject {
    /// Writes and commits `records`.
    func write(_ records: [ArticleRecord]) throws
}
