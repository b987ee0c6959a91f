import ZhiliCore

/// Reads the documents held in one file's bytes (plain text, HTML, JSON Lines, …).
///
/// Readers are registered by file extension in ``InputReader/readers``; add one to teach
/// `zhili clean` a new container (gzip, WARC).
public protocol DocumentReader: Sendable {
    /// The documents and diagnostics in `bytes`, read lazily, in file order.
    /// `source` names the file (or `-`) in records and diagnostics.
    func items(in bytes: [UInt8], source: String) -> AnyIterator<InputItem>
}

/// A whole file as one plain-text document.
public struct PlainTextReader: DocumentReader {
    /// A charset to use for every file (`--encoding`), or nil to detect.
    public var encoding: String?

    /// Creates a reader; `encoding` forces a charset.
    public init(encoding: String? = nil) { self.encoding = encoding }

    /// One document holding all of `bytes`.
    public func items(in bytes: [UInt8], source: String) -> AnyIterator<InputItem> {
        let document = RawDocument(
            source: source, bytes: bytes, format: .text,
            declaredCharset: encoding, charsetIsForced: encoding != nil, byteOffset: 0)
        return AnyIterator([InputItem.document(document)].makeIterator())
    }
}

/// A whole file as one HTML page; a `<meta charset>` declaration is passed on as the declared charset.
public struct HTMLFileReader: DocumentReader {
    /// A charset to use for every file (`--encoding`), or nil to detect.
    public var encoding: String?

    /// Creates a reader; `encoding` forces a charset.
    public init(encoding: String? = nil) { self.encoding = encoding }

    /// One HTML document holding all of `bytes`.
    public func items(in bytes: [UInt8], source: String) -> AnyIterator<InputItem> {
        let document = RawDocument(
            source: source, bytes: bytes, format: .html,
            declaredCharset: encoding ?? Self.metaCharset(in: bytes), charsetIsForced: encoding != nil,
            byteOffset: 0)
        return AnyIterator([InputItem.document(document)].makeIterator())
    }

    /// The charset named by `charset=` in the first 2 KB of a page, if any.
    static func metaCharset(in bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(2048)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let key = Array("charset=".utf8)
        guard head.count > key.count else { return nil }
        for start in 0...(head.count - key.count) where head[start..<(start + key.count)].elementsEqual(key) {
            var index = start + key.count
            while index < head.count, head[index] == 0x22 || head[index] == 0x27 || head[index] == 0x20 { index += 1 }
            var name: [UInt8] = []
            while index < head.count, name.count < 40 {
                let byte = head[index]
                let isNameByte = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
                guard isNameByte else { break }
                name.append(byte)
                index += 1
            }
            if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
        }
        return nil
    }
}
