/// A problem with one input, located precisely enough to find it.
///
/// A diagnostic never stops a batch: the record it concerns is skipped or kept with a warning.
public struct Diagnostic: Error, Sendable, Codable, Hashable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Sendable, Codable, Hashable {
        /// The input was read, with a repair (e.g. invalid bytes became U+FFFD).
        case warning
        /// The input or record could not be read and was skipped.
        case error
    }

    /// Warning or error.
    public var severity: Severity
    /// The file, URL or `-` for standard input.
    public var source: String
    /// Byte offset in the source, when known.
    public var offset: Int?
    /// 1-based line in the source, when known (JSON Lines).
    public var line: Int?
    /// What went wrong and, where useful, what to do.
    public var reason: String

    /// Creates a diagnostic.
    public init(_ severity: Severity = .error, source: String, offset: Int? = nil, line: Int? = nil, reason: String) {
        self.severity = severity
        self.source = source
        self.offset = offset
        self.line = line
        self.reason = reason
    }

    /// `source:line: reason`, `source@offset: reason` or `source: reason`.
    public var description: String {
        var location = source
        if let line { location += ":\(line)" }
        if let offset { location += " (byte \(offset))" }
        return "\(location): \(severity.rawValue): \(reason)"
    }
}
