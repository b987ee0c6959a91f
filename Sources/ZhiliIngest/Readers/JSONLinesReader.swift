import Foundation
import ZhiliCore

/// Field names to look for in each JSON Lines record.
public struct JSONFieldNames: Sendable, Hashable {
    /// Body fields, tried in order; a field named `html` holds HTML.
    public var text: [String]
    /// Title field.
    public var title: String
    /// URL field.
    public var url: String
    /// Date field.
    public var date: String

    /// The defaults: body `text`, `content` or `html`; `title`, `url`, `date`.
    public init(text: [String] = ["text", "content", "html"], title: String = "title", url: String = "url", date: String = "date") {
        self.text = text
        self.title = title
        self.url = url
        self.date = date
    }
}

/// JSON Lines: one article per line, as a JSON object.
///
/// Each good line becomes a document whose source is `path:line`; a malformed line becomes a
/// diagnostic with its line number and byte offset, and reading goes on with the next line.
/// A file that is not UTF-8 (or any file, when `encoding` is given) is converted to UTF-8
/// first; byte offsets then count in the converted text.
public struct JSONLinesReader: DocumentReader {
    /// Which fields hold the body and the metadata.
    public var fields: JSONFieldNames
    /// A charset to read the file in (`--encoding`), or nil for UTF-8 with detection as fallback.
    public var encoding: String?

    /// Creates a reader with the given field names and, optionally, a forced charset.
    public init(fields: JSONFieldNames = JSONFieldNames(), encoding: String? = nil) {
        self.fields = fields
        self.encoding = encoding
    }

    /// One item per non-blank line, read lazily.
    ///
    /// - Complexity: O(n) over the file; each line is parsed once.
    public func items(in bytes: [UInt8], source: String) -> AnyIterator<InputItem> {
        var bytes = bytes
        if encoding != nil || !TextDecoding.isValidUTF8(bytes) {
            bytes = Array(TextDecoding.decode(bytes, charset: encoding, forced: encoding != nil).text.utf8)
        }
        var start = 0
        var lineNumber = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let fields = self.fields
        return AnyIterator {
            while start < bytes.count {
                lineNumber += 1
                let lineStart = start
                var end = lineStart
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                start = end + 1
                var trimmedEnd = end
                if trimmedEnd > lineStart, bytes[trimmedEnd - 1] == 0x0D { trimmedEnd -= 1 }
                let line = bytes[lineStart..<trimmedEnd]
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                return Self.item(line: line, number: lineNumber, offset: lineStart, source: source, fields: fields)
            }
            return nil
        }
    }

    static func item(line: ArraySlice<UInt8>, number: Int, offset: Int, source: String, fields: JSONFieldNames) -> InputItem {
        func failure(_ reason: String) -> InputItem {
            .diagnostic(Diagnostic(.error, source: source, offset: offset, line: number, reason: reason))
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line), options: [])
        } catch {
            return failure("malformed JSON line skipped (\((error as NSError).localizedDescription))")
        }
        guard let record = object as? [String: Any] else {
            return failure("JSON line is not an object; skipped")
        }
        var body: String?
        var format = DocumentFormat.text
        for name in fields.text {
            if let value = record[name] as? String {
                body = value
                if name.lowercased() == "html" { format = .html }
                break
            }
        }
        guard let body else {
            return failure("no body field (\(fields.text.joined(separator: ", "))); skipped")
        }
        let document = RawDocument(
            source: "\(source):\(number)", bytes: Array(body.utf8), format: format,
            declaredCharset: "UTF-8", charsetIsForced: true,
            title: string(record[fields.title]), url: string(record[fields.url]), date: string(record[fields.date]),
            byteOffset: offset, line: number)
        return .document(document)
    }

    private static func string(_ value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
