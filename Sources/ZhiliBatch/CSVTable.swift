/// A CSV table written for spreadsheets: UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF rows.
public enum CSVTable: String, Sendable, CaseIterable, Codable {
    /// One row per article.
    case articles
    /// One row per figure, joined to articles by `article_id`.
    case figures
    /// One row per program mention.
    case programs
    /// One row per region an article is about.
    case regions

    /// The file name in the `--csv` directory.
    public var fileName: String { rawValue + ".csv" }

    /// Column names, first row of the file.
    public var columns: [String] {
        switch self {
        case .articles:
            ["id", "cluster", "duplicate_of", "source", "index", "title", "subtitle", "date", "outlet", "authors", "editors", "regions", "figure_count", "program_count", "text", "warnings"]
        case .figures:
            ["article_id", "text", "value", "value_max", "unit", "qualifier", "change", "basis", "kind", "metric", "indicator", "year", "region_name", "region_code", "start", "end", "sentence"]
        case .programs:
            ["article_id", "name", "region_name", "region_code", "start", "end", "sentence"]
        case .regions:
            ["article_id", "name", "code", "level", "prefecture_name", "prefecture_code", "mentions"]
        }
    }

    /// The UTF-8 byte-order mark, so that spreadsheet programs read the file as UTF-8.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The bytes a new file starts with: the byte-order mark and the header row.
    public var preamble: [UInt8] {
        var bytes = Self.byteOrderMark
        Self.appendRow(columns, to: &bytes)
        return bytes
    }

    /// Appends `fields` as one CSV row ending in CRLF.
    ///
    /// A field is quoted when it holds a comma, a double quote, CR or LF, or starts or ends with
    /// a space; quotes inside are doubled (RFC 4180).
    public static func appendRow(_ fields: [String], to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(field, to: &bytes)
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    private static func appendField(_ field: String, to bytes: inout [UInt8]) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
            || utf8.first == 0x20 || utf8.last == 0x20
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(0x22)
        for byte in utf8 {
            if byte == 0x22 { bytes.append(0x22) }
            bytes.append(byte)
        }
        bytes.append(0x22)
    }
}
