import Foundation
import ZhiliCore

/// Serializes article records to JSON Lines and CSV rows, on a worker thread.
///
/// Keys are sorted so that the output is byte-identical from run to run (Foundation on Linux
/// does not keep declaration order). Records go through ``JSONLineWriter``, which writes the
/// same bytes as the `JSONEncoder` below at a fraction of its cost; the encoder serves other
/// values and records it refuses (a non-finite figure), so their error stays the encoder's.
/// Not thread-safe (it owns a `JSONEncoder`): give each worker its own.
public final class RecordEncoder {
    private let encoder: JSONEncoder

    /// Creates an encoder.
    public init() {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// Appends `record` as one JSON line.
    public func appendJSONLine(_ record: ArticleRecord, to bytes: inout [UInt8]) throws {
        let start = bytes.count
        do {
            try JSONLineWriter.appendLine(record, to: &bytes)
        } catch {
            bytes.removeSubrange(start...)
            let data = try encoder.encode(record)
            bytes.append(contentsOf: data)
            bytes.append(0x0A)
        }
    }

    /// Adds `records` to a processor's output: JSON lines, CSV rows and the records themselves,
    /// as far as `output.selection` asks, with their counts.
    ///
    /// `inputBytes` is the size of the document they came from.
    public func append(_ records: [ArticleRecord], to output: inout ProcessedDocument<ArticleRecord>, inputBytes: Int) throws {
        // A record's JSON runs about four times its input (sentences repeat per figure):
        // reserving that once spares the buffer's repeated doubling (at most 4 MiB up front, so
        // large HTML documents that yield little text do not hold huge idle buffers).
        if output.selection.lines { output.lines.reserveCapacity(output.lines.count + min(inputBytes * 5 + 512, 4 << 20)) }
        for record in records {
            if output.selection.lines { try appendJSONLine(record, to: &output.lines) }
            if output.selection.csv { Self.appendCSVRows(record, to: &output.tables) }
            output.figures += record.figures.count
            output.programs += record.programs.count
        }
        if output.selection.records { output.records += records }
        output.articles += records.count
    }

    /// Appends `value` as one JSON line.
    public func appendJSONLine<Value: Encodable>(encoding value: Value, to bytes: inout [UInt8]) throws {
        let data = try encoder.encode(value)
        bytes.append(contentsOf: data)
        bytes.append(0x0A)
    }

    /// Appends the rows of `record` to each table's buffer.
    public static func appendCSVRows(_ record: ArticleRecord, to tables: inout [CSVTable: [UInt8]]) {
        let article = record.article
        let id = article.id
        CSVTable.appendRow([
            id, record.cluster ?? "", record.duplicateOf ?? "", article.source, String(article.index), article.title ?? "", article.subtitle ?? "",
            article.date ?? "", article.outlet ?? "", article.authors.joined(separator: "；"),
            article.editors.joined(separator: "；"), record.regions.map(\.name).joined(separator: "；"),
            String(record.figures.count), String(record.programs.count), article.text,
            article.warnings.joined(separator: "；"),
        ], to: &tables[.articles, default: []])
        for figure in record.figures {
            CSVTable.appendRow([
                id, figure.text, number(figure.value), figure.valueMax.map(number) ?? "", figure.unit ?? "",
                figure.qualifier ?? "", figure.change?.rawValue ?? "", figure.basis?.rawValue ?? "",
                figure.kind.rawValue, figure.metric ?? "", figure.indicator ?? "", figure.year.map(String.init) ?? "",
                figure.region?.name ?? "", figure.region?.code ?? "", String(figure.start), String(figure.end), figure.sentence,
            ], to: &tables[.figures, default: []])
        }
        for program in record.programs {
            CSVTable.appendRow([
                id, program.name, program.region?.name ?? "", program.region?.code ?? "",
                String(program.start), String(program.end), program.sentence,
            ], to: &tables[.programs, default: []])
        }
        for region in record.regions {
            CSVTable.appendRow([
                id, region.name, region.code, region.level.rawValue, region.prefecture?.name ?? "",
                region.prefecture?.code ?? "", String(region.mentions),
            ], to: &tables[.regions, default: []])
        }
    }

    /// `2000` for whole values, `41.3` otherwise.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
