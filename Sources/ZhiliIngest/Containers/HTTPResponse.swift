import ZhiliCore

/// An HTTP response as captured in a WARC `response` record: status, headers and body.
public struct HTTPResponse: Sendable {
    /// Status code, such as 200.
    public var status: Int
    /// Header fields in order.
    public var headers: [(name: String, value: String)]
    /// The body, de-chunked when it was sent with `Transfer-Encoding: chunked`.
    public var body: [UInt8]

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The media type of `Content-Type` in lower case, such as `text/html`.
    public var mediaType: String? {
        header("Content-Type").map { String($0.split(separator: ";", maxSplits: 1).first ?? "").containerTrimmed.lowercased() }
    }

    /// The `charset` parameter of `Content-Type`, if any.
    public var charset: String? {
        guard let contentType = header("Content-Type") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, String(pair[0]).containerTrimmed.lowercased() == "charset" else { continue }
            var value = String(pair[1]).containerTrimmed
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Parses a response; throws a description of what is wrong.
    public init(parsing bytes: [UInt8]) throws(HTTPResponseError) {
        // Status line and headers end at the first empty line (CRLF CRLF, or LF LF).
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = 0
        var bodyStart: Int?
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                var lineEnd = index
                if lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineEnd == lineStart {
                    bodyStart = index + 1
                    break
                }
                lines.append(bytes[lineStart..<lineEnd])
                lineStart = index + 1
                if lines.count > 500 { throw HTTPResponseError(reason: "more than 500 HTTP header lines") }
            }
            index += 1
        }
        guard let bodyStart else { throw HTTPResponseError(reason: "HTTP headers have no blank line ending them") }
        guard let statusLine = lines.first else { throw HTTPResponseError(reason: "HTTP status line missing") }
        let parts = String(decoding: statusLine, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw HTTPResponseError(reason: "malformed HTTP status line")
        }
        self.status = status
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: 0x3A) else { return nil }
            return (String(decoding: line[..<colon], as: UTF8.self).containerTrimmed,
                    String(decoding: line[(colon + 1)...], as: UTF8.self).containerTrimmed)
        }
        let raw = bytes[bodyStart...]
        let chunked = headers.contains { $0.name.lowercased() == "transfer-encoding" && $0.value.lowercased().contains("chunked") }
        body = chunked ? try Self.dechunk(raw) : Array(raw)
    }

    /// Joins the chunks of a chunked body.
    private static func dechunk(_ bytes: ArraySlice<UInt8>) throws(HTTPResponseError) -> [UInt8] {
        var result: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard let lineEnd = bytes[index...].firstIndex(of: 0x0A) else { throw HTTPResponseError(reason: "chunked body cut short") }
            var sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).containerTrimmed
            if sizeText.hasSuffix("\r") { sizeText.removeLast() }
            if let semicolon = sizeText.firstIndex(of: ";") { sizeText = String(sizeText[..<semicolon]) }
            guard let size = Int(sizeText, radix: 16), size >= 0 else { throw HTTPResponseError(reason: "malformed chunk size") }
            index = lineEnd + 1
            if size == 0 { return result }
            guard bytes.endIndex - index >= size else { throw HTTPResponseError(reason: "chunked body cut short") }
            result.append(contentsOf: bytes[index..<(index + size)])
            index += size
            // CRLF after the chunk data.
            while index < bytes.endIndex, bytes[index] == 0x0D || bytes[index] == 0x0A { index += 1 }
        }
        return result
    }
}

/// Why an HTTP response could not be parsed.
public struct HTTPResponseError: Error, Sendable {
    /// What is wrong.
    public var reason: String
}

/// Turns WARC records into raw documents.
public enum WARCDocuments {
    /// What a record amounts to.
    public enum Outcome: Sendable {
        /// An article page.
        case document(RawDocument)
        /// Not an article (warcinfo, request, redirect, image …): skipped without an error.
        case ignored
        /// A response that could not be read.
        case broken(Diagnostic)
    }

    /// The raw document of a `response` record with an HTML or text body.
    ///
    /// `source` becomes the record's `WARC-Target-URI` (else `file@offset`); `WARC-Date` becomes
    /// the date fallback; the charset comes from the HTTP `Content-Type`, else detection decides.
    public static func outcome(of record: WARCRecord, file: String) -> Outcome {
        guard record.type?.lowercased() == "response" else { return .ignored }
        if let contentType = record.field("Content-Type")?.lowercased(), !contentType.hasPrefix("application/http") {
            // A response record that is not an HTTP message (e.g. a DNS lookup).
            return .ignored
        }
        let response: HTTPResponse
        do {
            response = try HTTPResponse(parsing: record.block)
        } catch {
            return .broken(Diagnostic(source: file, offset: record.offset, reason: "WARC response at byte \(record.offset) (\(record.targetURI ?? "no target URI")): \(error.reason)"))
        }
        guard (200..<300).contains(response.status) else { return .ignored }
        let format: DocumentFormat
        switch response.mediaType {
        case "text/html", "application/xhtml+xml", nil: format = .html
        case "text/plain": format = .text
        default: return .ignored
        }
        if let encoding = response.header("Content-Encoding")?.lowercased(), encoding != "identity" {
            return .broken(Diagnostic(source: file, offset: record.offset, reason: "WARC response at byte \(record.offset): unsupported Content-Encoding \(encoding)"))
        }
        let uri = record.targetURI
        var date: String?
        if let warcDate = record.date, warcDate.utf8.count >= 10 { date = String(warcDate.prefix(10)) }
        return .document(RawDocument(
            source: uri ?? "\(file)@\(record.offset)", bytes: response.body, format: format,
            declaredCharset: response.charset, url: uri, date: date, byteOffset: record.offset))
    }
}
