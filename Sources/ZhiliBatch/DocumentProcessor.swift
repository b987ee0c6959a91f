import ZhiliCore
import ZhiliIngest

/// The per-thread stage of a batch: turns one document into output.
///
/// `zhili clean`, `extract` and `index` each have one. The batch runner makes one processor
/// per worker thread, so a processor may hold handles that are not thread-safe (ICU break
/// iterators, converters). A thrown error skips the document: it goes to the errors file with
/// the document's source and offset (whatever the processor added to the output is dropped),
/// and the batch goes on.
public protocol DocumentProcessor: AnyObject, SendableMetatype {
    /// What the processor hands to the batch's sink, such as records for a store.
    associatedtype Record: Sendable

    /// Adds the output of `document` to `output`, in article order; `output.selection` says
    /// which outputs the batch writes.
    func process(_ document: RawDocument, into output: inout ProcessedDocument<Record>) throws
}
