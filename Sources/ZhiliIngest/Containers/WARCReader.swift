import ZhiliCore

/// Reads the records of a WARC stream one at a time, resynchronizing after a broken record.
///
/// A record whose header is malformed, whose `Content-Length` is missing or wrong, or which is
/// cut short becomes a ``Diagnostic`` with its byte offset; the reader then skips to the next
/// line that starts with `WARC/1.` and goes on.
public final class WARCReader {
    /// What the reader found next.
    public enum Event: Sendable {
        /// A well-formed record.
        case record(WARCRecord)
        /// A broken record or stretch of bytes, skipped.
        case broken(Diagnostic)
    }

    private let reader: ByteReader
    private let source: String
    private let maxRecordBytes: Int
    private var pendingVersion: ByteLine?

    /// Creates a reader over `reader`; records larger than `maxRecordBytes` are skipped with a
    /// diagnostic, up to the next `WARC/1.` line (not trusting their `Content-Length`).
    public init(_ reader: ByteReader, source: String, maxRecordBytes: Int = 64 << 20) {
        self.reader = reader
        self.source = source
        self.maxRecordBytes = maxRecordBytes
    }

    private static let maxHeaderLine = 64 * 1024

    private static func isVersionLine(_ bytes: [UInt8]) -> Bool {
        // "WARC/1."
        bytes.count >= 7 && bytes[0] == 0x57 && bytes[1] == 0x41 && bytes[2] == 0x52 && bytes[3] == 0x43
            && bytes[4] == 0x2F && bytes[5] == 0x31 && bytes[6] == 0x2E
    }

    /// Skips lines up to the next `WARC/1.` line, which it keeps for the next record.
    private func resync() throws {
        while let line = try reader.readLine(maxLength: Self.maxHeaderLine) {
            if Self.isVersionLine(line.bytes) {
                pendingVersion = line
                return
            }
        }
    }

    private func broken(_ offset: Int, _ reason: String) throws -> Event {
        let diagnostic = Diagnostic(source: source, offset: offset, reason: reason)
        try resync()
        return .broken(diagnostic)
    }

    /// The next record or broken stretch, or nil at the end of the stream.
    public func next() throws -> Event? {
        var versionLine: ByteLine
        if let pending = pendingVersion {
            versionLine = pending
            pendingVersion = nil
        } else {
            // Records are separated by blank lines.
            repeat {
                guard let line = try reader.readLine(maxLength: Self.maxHeaderLine) else { return nil }
                versionLine = line
            } while versionLine.length == 0
            guard Self.isVersionLine(versionLine.bytes) else {
                return try broken(versionLine.offset, "expected a WARC/1.x record header at byte \(versionLine.offset); skipped to the next record")
            }
        }
        let recordOffset = versionLine.offset
        var fields: [(name: String, value: String)] = []
        while true {
            guard let line = try reader.readLine(maxLength: Self.maxHeaderLine) else {
                return .broken(Diagnostic(source: source, offset: recordOffset, reason: "WARC record header at byte \(recordOffset) is cut short by the end of the file"))
            }
            if line.length == 0 { break }
            if Self.isVersionLine(line.bytes) {
                pendingVersion = line
                return .broken(Diagnostic(source: source, offset: recordOffset, reason: "WARC record at byte \(recordOffset) has no blank line ending its header"))
            }
            if line.bytes.first == 0x20 || line.bytes.first == 0x09, !fields.isEmpty {
                // A folded continuation line.
                fields[fields.count - 1].value += " " + String(decoding: line.bytes, as: UTF8.self).containerTrimmed
                continue
            }
            guard !line.isOverlong, let colon = line.bytes.firstIndex(of: 0x3A), colon > 0 else {
                return try broken(recordOffset, "malformed WARC header line at byte \(line.offset) in the record at byte \(recordOffset); skipped to the next record")
            }
            let name = String(decoding: line.bytes[..<colon], as: UTF8.self).containerTrimmed
            let value = String(decoding: line.bytes[(colon + 1)...], as: UTF8.self).containerTrimmed
            fields.append((name, value))
        }
        guard let lengthText = fields.first(where: { $0.name.lowercased() == "content-length" })?.value,
              let length = Int(lengthText), length >= 0 else {
            return try broken(recordOffset, "WARC record at byte \(recordOffset) has no valid Content-Length; skipped to the next record")
        }
        if length > maxRecordBytes {
            // Not kept, so not buffered: skip line by line to the next `WARC/1.` header rather
            // than trusting the length, which may be wrong and would then swallow good records.
            let blockEnd = reader.offset + length
            try resync()
            let reason = if let next = pendingVersion, next.offset < blockEnd {
                "WARC record at byte \(recordOffset) declares \(length) bytes, over the limit of \(maxRecordBytes), but the next WARC/1. header is at byte \(next.offset); skipped to it"
            } else {
                "WARC record at byte \(recordOffset) holds \(length) bytes, over the limit of \(maxRecordBytes); skipped"
            }
            return .broken(Diagnostic(source: source, offset: recordOffset, reason: reason))
        }
        let block = try reader.read(count: length)
        if block.count < length {
            return .broken(Diagnostic(source: source, offset: recordOffset, reason: "WARC record at byte \(recordOffset) is cut short: \(block.count) of \(length) bytes"))
        }
        // The block is followed by CRLF CRLF; anything else means Content-Length was wrong.
        let trailer = try reader.peek(count: 4)
        let crlf2: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        if trailer == crlf2 {
            try reader.skip(count: 4)
        } else if trailer.starts(with: [0x0A, 0x0A]) {
            try reader.skip(count: 2)
        } else if !trailer.isEmpty {
            // Content-Length was wrong: look for the next record from just after this record's
            // header, so that a record swallowed by a too-long length is still found.
            reader.unread(Array(block.dropFirst()))
            return try broken(recordOffset, "WARC record at byte \(recordOffset) does not end after its Content-Length of \(length); skipped to the next record")
        }
        let version = String(decoding: versionLine.bytes, as: UTF8.self)
        return .record(WARCRecord(version: version, fields: fields, block: block, offset: recordOffset))
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var containerTrimmed: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
