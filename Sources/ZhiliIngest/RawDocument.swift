import ZhiliCore

/// How a raw document's bytes are to be read.
public enum DocumentFormat: String, Sendable, Codable, Hashable {
    /// Plain text.
    case text
    /// An HTML page: only its main text is kept.
    case html
}

/// One unit of raw input before cleaning: the bytes of an article (or of a file holding
/// several), and whatever its container said about it.
public struct RawDocument: Sendable {
    /// Where it came from: a path, `path:line` for JSON Lines, or a WARC target URI.
    public var source: String
    /// The undecoded bytes (or UTF-8 when the container already held text, as JSON does).
    public var bytes: [UInt8]
    /// How to read the bytes.
    public var format: DocumentFormat
    /// A charset named by the container (HTTP header, meta tag, `--encoding`), used before detection.
    public var declaredCharset: String?
    /// True when `declaredCharset` must be used as is (the user said `--encoding`).
    public var charsetIsForced: Bool
    /// Title given by the container (a JSON field), preferred over the one found in the text.
    public var title: String?
    /// URL given by the container.
    public var url: String?
    /// Date given by the container, used when the text gives none.
    public var date: String?
    /// Byte offset of this document in its file, for diagnostics.
    public var byteOffset: Int?
    /// 1-based line of this document in its file (JSON Lines), for diagnostics.
    public var line: Int?

    /// Creates a raw document.
    public init(
        source: String, bytes: [UInt8], format: DocumentFormat = .text,
        declaredCharset: String? = nil, charsetIsForced: Bool = false,
        title: String? = nil, url: String? = nil, date: String? = nil,
        byteOffset: Int? = nil, line: Int? = nil
    ) {
        self.source = source
        self.bytes = bytes
        self.format = format
        self.declaredCharset = declaredCharset
        self.charsetIsForced = charsetIsForced
        self.title = title
        self.url = url
        self.date = date
        self.byteOffset = byteOffset
        self.line = line
    }
}
