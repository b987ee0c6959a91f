/// One record of a WARC file (ISO 28500): its named fields and its content block.
///
/// Format reference: <https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/>.
public struct WARCRecord: Sendable {
    /// The version line, such as `WARC/1.0`.
    public var version: String
    /// Header fields in order, names as written.
    public var fields: [(name: String, value: String)]
    /// The content block (`Content-Length` bytes).
    public var block: [UInt8]
    /// Byte offset of the version line in the (inflated) stream.
    public var offset: Int

    /// Creates a record.
    public init(version: String, fields: [(name: String, value: String)], block: [UInt8], offset: Int) {
        self.version = version
        self.fields = fields
        self.block = block
        self.offset = offset
    }

    /// The value of the first field named `name` (case-insensitive).
    public func field(_ name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// `WARC-Type`: response, request, warcinfo, metadata …
    public var type: String? { field("WARC-Type") }
    /// `WARC-Target-URI`, the URL the record was captured from.
    public var targetURI: String? { field("WARC-Target-URI") }
    /// `WARC-Date`, the capture time (ISO 8601).
    public var date: String? { field("WARC-Date") }
}
