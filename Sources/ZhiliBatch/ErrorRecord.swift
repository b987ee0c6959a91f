import ZhiliCore

/// One line of the errors file: a skipped record and why.
public struct ErrorRecord: Sendable, Codable, Hashable {
    /// The input file holding the record (`-` for standard input).
    public var file: String
    /// The record's source: the file, `file:line` for JSON Lines, or a WARC target URI.
    public var source: String
    /// Byte offset of the record in the file (in the inflated stream for gzip, except for
    /// gzip damage itself, which gives the compressed offset).
    public var offset: Int?
    /// 1-based line in the file, for JSON Lines.
    public var line: Int?
    /// What went wrong.
    public var reason: String
    /// `error` for a bad record; `warning` for one skipped because it held no article text.
    public var severity: Diagnostic.Severity

    /// Creates an error record from a diagnostic about `file`.
    public init(file: String, diagnostic: Diagnostic) {
        self.file = file
        source = diagnostic.source
        offset = diagnostic.offset
        line = diagnostic.line
        reason = diagnostic.reason
        severity = diagnostic.severity
    }

    /// The record as a diagnostic, for standard error.
    public var diagnostic: Diagnostic {
        Diagnostic(severity, source: source, offset: offset, line: line, reason: reason)
    }
}
