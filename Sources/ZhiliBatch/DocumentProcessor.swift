import ZhiliCore
import ZhiliIngest

/// The per-thread stages of a batch: turns one raw document into article records.
///
/// The batch runner creates one processor per worker thread with a
/// ``DocumentProcessorFactory``, so a processor may hold handles that are not thread-safe
/// (ICU break iterators, converters). A thrown error skips the document: it is written to the
/// errors file with the document's source and offset, and the batch goes on.
public protocol DocumentProcessor: AnyObject {
    /// The records of `document`, in article order.
    func process(_ document: RawDocument) throws -> [ArticleRecord]
}

/// Makes a fresh processor for one worker thread.
public typealias DocumentProcessorFactory = @Sendable () throws -> any DocumentProcessor

/// A processor made from a closure.
public final class ClosureProcessor: DocumentProcessor {
    private let body: (RawDocument) throws -> [ArticleRecord]

    /// Creates a processor that calls `body`.
    public init(_ body: @escaping (RawDocument) throws -> [ArticleRecord]) {
        self.body = body
    }

    public func process(_ document: RawDocument) throws -> [ArticleRecord] {
        try body(document)
    }
}
