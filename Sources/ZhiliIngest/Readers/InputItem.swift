import ZhiliCore

/// One thing read from an input: a document to clean, or a problem that stopped a part of it.
public enum InputItem: Sendable {
    /// A document ready for the ``Cleaner``.
    case document(RawDocument)
    /// A file or record that could not be read; reading goes on with the next one.
    case diagnostic(Diagnostic)
}
