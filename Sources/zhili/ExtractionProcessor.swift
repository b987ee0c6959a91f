import ZhiliBatch
import ZhiliCore
import ZhiliDedup
import ZhiliExtract
import ZhiliIngest

/// `zhili extract`'s stage for one worker thread: the cleaner, then the extractor; each record
/// as a JSON line, CSV rows and (for --db) the record itself. Each record's shingles and MinHash
/// go to ``DuplicateStage``, which fills in `cluster` and `duplicate_of` in output order.
final class ExtractionProcessor: DocumentProcessor {
    private let cleaner: Cleaner
    private let extractor: Extractor
    private let includeTokens: Bool
    private let encoder = RecordEncoder()

    init(cleaner: Cleaner, extractor: Extractor, includeTokens: Bool) {
        self.cleaner = cleaner
        self.extractor = extractor
        self.includeTokens = includeTokens
    }

    func process(_ document: RawDocument, into output: inout ProcessedDocument<ArticleRecord>) throws {
        let records = try cleaner.clean(document).map { try extractor.extract($0, includeTokens: includeTokens) }
        for record in records {
            // Where this record's line and article row start, for the stage to fill in.
            let pending = DuplicateStage.Pending(
                document: DedupDocument(record.article), line: output.lines.count, row: output.tables[.articles]?.count ?? 0)
            try encoder.append([record], to: &output, inputBytes: document.bytes.count)
            output.pending.append(pending)
        }
    }
}

/// Near-duplicate detection at extract time: a ``DuplicateIndex`` consulted in output order, so
/// each record's `cluster` and `duplicate_of` depend only on the records before it: the same for
/// any --jobs, and the same after --resume (which re-reads the records already written).
///
/// Workers write each record with `"cluster":null,…,"duplicate_of":null` and an articles row with
/// both columns empty; this stage writes the answers in their place.
final class DuplicateStage: OrderedStage {
    /// One record's signature and where its output starts.
    struct Pending: Sendable {
        var document: DedupDocument
        /// Offset of the record's JSON line in the document's lines.
        var line: Int
        /// Offset of the record's row in the document's articles table.
        var row: Int
    }

    private var index = DuplicateIndex()

    func finish(_ output: inout OrderedOutput) throws {
        let pending = output.pending.compactMap { $0 as? Pending }
        guard !pending.isEmpty else { return }
        let answers = pending.map { index.add($0.document) }
        if !output.lines.isEmpty {
            output.lines = Self.fill(output.lines, starts: pending.map(\.line), answers: answers) { line, answer in
                Self.replace(Array(#""cluster":null"#.utf8), with: Array(#""cluster":"\#(answer.cluster)""#.utf8), in: &line)
                if let duplicateOf = answer.duplicateOf {
                    Self.replace(Array(#""duplicate_of":null"#.utf8), with: Array(#""duplicate_of":"\#(duplicateOf)""#.utf8), in: &line)
                }
            }
        }
        if let rows = output.tables[.articles] {
            output.tables[.articles] = Self.fill(rows, starts: pending.map(\.row), answers: answers) { row, answer in
                // The row starts `id,,,`: cluster and duplicate_of are the empty second and third fields.
                guard let comma = row.firstIndex(of: UInt8(ascii: ",")) else { return }
                row.insert(contentsOf: Array((answer.cluster + "," + (answer.duplicateOf ?? "")).utf8), at: comma + 1)
                row.remove(at: comma + 1 + answer.cluster.utf8.count + 1 + (answer.duplicateOf?.utf8.count ?? 0))
            }
        }
    }

    func restore(fromOutput path: String, size: Int) throws {
        let reader = try RecordFileReader(path: path, size: size)
        while let record = try reader.next() {
            index.add(DedupDocument(record.article))
        }
    }

    /// `bytes` cut at `starts` (one piece per record), each piece edited by `edit`, joined again.
    private static func fill(
        _ bytes: [UInt8], starts: [Int], answers: [DuplicateIndex.Assignment],
        edit: (inout [UInt8], DuplicateIndex.Assignment) -> Void
    ) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + starts.count * 40)
        result += bytes[..<(starts.first ?? bytes.count)]
        for (number, start) in starts.enumerated() {
            let end = number + 1 < starts.count ? starts[number + 1] : bytes.count
            var piece = Array(bytes[start..<end])
            edit(&piece, answers[number])
            result += piece
        }
        return result
    }

    /// Replaces the first `pattern` in `bytes` (a key and its placeholder: a JSON string never
    /// holds an unescaped quote, so the first match is the key).
    private static func replace(_ pattern: [UInt8], with replacement: [UInt8], in bytes: inout [UInt8]) {
        guard let first = pattern.first, bytes.count >= pattern.count else { return }
        var index = 0
        while index + pattern.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                bytes.replaceSubrange(index..<(index + pattern.count), with: replacement)
                return
            }
            index += 1
        }
    }
}
