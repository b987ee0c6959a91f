import Foundation
import ZhiliCore

/// Turns one line of a JSON Lines article dump into a raw document, on whichever thread holds the line.
///
/// The body comes from the first of `fields.text` present (a field named `html` marks it as
/// HTML), plus title, URL and date. A line that is not a JSON object, or has no body field, is a
/// ``Diagnostic`` naming the file, the line number and its byte offset. ``DumpReader`` splits the
/// lines while streaming and leaves this decoding to the batch's worker threads.
///
/// Lines are UTF-8; with `encoding` (`--encoding`) every line is first converted from that
/// charset, and a line that is not UTF-8 is converted from the charset detected in it.
public struct JSONLineDecoder: Sendable {
    /// The field names to read.
    public var fields: JSONFieldNames
    /// A charset every line is written in, or nil for UTF-8.
    public var encoding: String?

    /// Creates a decoder; `encoding` forces the lines' charset.
    public init(fields: JSONFieldNames = JSONFieldNames(), encoding: String? = nil) {
        self.fields = fields
        self.encoding = encoding
    }

    /// The document on `line` of `file`; throws a ``Diagnostic`` for a malformed line.
    public func document(from line: [UInt8], file: String, line number: Int, offset: Int) throws(Diagnostic) -> RawDocument {
        try read(line, file: file, line: number, offset: offset).document
    }

    /// The document on `line` of `file` and the warnings of reading it; throws a ``Diagnostic``
    /// for a malformed line.
    ///
    /// The policy for invalid bytes is the cleaner's, whatever the input: a line that is not
    /// valid in its charset is kept, its invalid bytes replaced by U+FFFD, with a warning.
    public func read(_ line: [UInt8], file: String, line number: Int, offset: Int) throws(Diagnostic) -> (document: RawDocument, warnings: [Diagnostic]) {
        var bytes = line
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var decodingWarnings: [String] = []
        if let encoding {
            let decoded = TextDecoding.decode(bytes, charset: encoding, forced: true)
            bytes = Array(decoded.text.utf8)
            decodingWarnings = decoded.warnings
        }
        let document = try document(fromUTF8: bytes, file: file, line: number, offset: offset, warnings: &decodingWarnings)
        let warnings = decodingWarnings.map {
            Diagnostic(.warning, source: document.source, offset: offset, line: number, reason: $0)
        }
        return (document, warnings)
    }

    private func document(fromUTF8 bytes: [UInt8], file: String, line: Int, offset: Int, warnings: inout [String]) throws(Diagnostic) -> RawDocument {
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
        if !TextDecoding.isValidUTF8(bytes) {
            let decoded = TextDecoding.decode(bytes)
            warnings += decoded.warnings
            return try document(fromUTF8: Array(decoded.text.utf8), file: file, line: line, offset: offset, warnings: &warnings)
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
