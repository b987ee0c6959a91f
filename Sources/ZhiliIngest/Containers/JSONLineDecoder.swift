import Foundation
import ZhiliCore

/// Turns one line of a JSON Lines dump into a raw document, on whichever thread holds the line.
///
/// Same rules as ``JSONLinesReader`` (`zhili clean`): the body comes from the first of
/// `fields.text` present (a field named `html` marks it as HTML), plus title, URL and date.
/// A line that is not a JSON object, or has no body field, is a ``Diagnostic`` naming the
/// file, the line number and its byte offset. The batch reader splits lines while streaming
/// and leaves this decoding to its worker threads.
public struct JSONLineDecoder: Sendable {
    /// The field names to read.
    public var fields: JSONFieldNames

    /// Creates a decoder with `zhili clean`'s default field names.
    public init(fields: JSONFieldNames = JSONFieldNames()) {
        self.fields = fields
    }

    /// The document on `line` of `file`; throws a ``Diagnostic`` for a malformed line.
    public func document(from bytes: [UInt8], file: String, line: Int, offset: Int) throws(Diagnostic) -> RawDocument {
        func failure(_ reason: String) -> Diagnostic {
            Diagnostic(.error, source: file, offset: offset, line: line, reason: reason)
        }
        // Fast path: a well-formed object's string fields, unescaped straight into bytes.
        if let object = FlatJSONObject(bytes) {
            guard let name = fields.text.first(where: { object.bytes($0) != nil }), let body = object.bytes(name) else {
                throw failure("line \(line) has no body field (\(fields.text.joined(separator: ", "))); skipped")
            }
            return RawDocument(
                source: "\(file):\(line)", bytes: body, format: name.lowercased() == "html" ? .html : .text,
                declaredCharset: "UTF-8", charsetIsForced: true,
                title: Self.string(object.string(fields.title)), url: Self.string(object.string(fields.url)),
                date: Self.string(object.string(fields.date)), byteOffset: offset, line: line)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw failure("malformed JSON on line \(line) skipped (\(Self.describe(error)))")
        }
        guard let record = object as? [String: Any] else {
            throw failure("line \(line) is JSON but not an object; skipped")
        }
        guard let name = fields.text.first(where: { record[$0] is String }), let body = record[name] as? String else {
            throw failure("line \(line) has no body field (\(fields.text.joined(separator: ", "))); skipped")
        }
        return RawDocument(
            source: "\(file):\(line)", bytes: Array(body.utf8), format: name.lowercased() == "html" ? .html : .text,
            declaredCharset: "UTF-8", charsetIsForced: true,
            title: Self.string(record[fields.title]), url: Self.string(record[fields.url]),
            date: Self.string(record[fields.date]), byteOffset: offset, line: line)
    }

    private static func string(_ value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        // Most fields have nothing to trim: skip Foundation's character-set walk for them.
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
           !first.properties.isWhitespace, !last.properties.isWhitespace {
            return text
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return nsError.localizedDescription
    }
}
