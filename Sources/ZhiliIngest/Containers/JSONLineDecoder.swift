import Foundation
import ZhiliCore

/// Turns one line of a JSON Lines dump into a raw document.
///
/// Field names follow `zhili clean`: the body comes from the first of `textFields` present
/// (`text`, `content`, `html` by default; `html` marks the body as HTML), plus `title`, `url`
/// and `date`. A line that is not a JSON object, or has no body field, is a ``Diagnostic``
/// naming the file, the line number and its byte offset.
public struct JSONLineDecoder: Sendable {
    /// Body fields, tried in order.
    public var textFields: [String]
    /// Fields whose content is HTML.
    public var htmlFields: Set<String>
    /// Title field.
    public var titleField: String
    /// URL field.
    public var urlField: String
    /// Date field.
    public var dateField: String

    /// Creates a decoder with `zhili clean`'s default field names.
    public init(
        textFields: [String] = ["text", "content", "html"], htmlFields: Set<String> = ["html"],
        titleField: String = "title", urlField: String = "url", dateField: String = "date"
    ) {
        self.textFields = textFields
        self.htmlFields = htmlFields
        self.titleField = titleField
        self.urlField = urlField
        self.dateField = dateField
    }

    /// The document on `line` of `file`; throws a ``Diagnostic`` for a malformed line.
    public func document(from bytes: [UInt8], file: String, line: Int, offset: Int) throws(Diagnostic) -> RawDocument {
        func failure(_ reason: String) -> Diagnostic {
            Diagnostic(source: file, offset: offset, line: line, reason: reason)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw failure("malformed JSON on line \(line): \(Self.describe(error))")
        }
        guard let fields = object as? [String: Any] else {
            throw failure("line \(line) is JSON but not an object")
        }
        guard let bodyField = textFields.first(where: { fields[$0] is String }), let body = fields[bodyField] as? String else {
            throw failure("line \(line) has no text field (looked for \(textFields.joined(separator: ", ")))")
        }
        return RawDocument(
            source: "\(file):\(line)", bytes: Array(body.utf8),
            format: htmlFields.contains(bodyField) ? .html : .text,
            declaredCharset: "UTF-8", charsetIsForced: true,
            title: fields[titleField] as? String, url: fields[urlField] as? String,
            date: fields[dateField] as? String, byteOffset: offset, line: line)
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return nsError.localizedDescription
    }
}
