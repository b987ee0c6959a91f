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
    /// Whether each record's signature goes to ``DuplicateStage`` (false with --no-dedup).
    private let detectDuplicates: Bool
    private let encoder = RecordEncoder()

    init(cleaner: Cleaner, extractor: Extractor, includeTokens: Bool, detectDuplicates: Bool = true) {
        self.cleaner = cleaner
        self.extractor = extractor
        self.includeTokens = includeTokens
        self.detectDuplicates = detectDuplicates
    }

    func process(_ document: RawDocument, into output: inout ProcessedDocument<ArticleRecord>) throws {
        for (article, body) in try cleaner.cleanWithContent(document) {
            let record = try extractor.extract(article, includeTokens: includeTokens)
            guard detectDuplicates else {
                try encoder.append([record], to: &output, inputBytes: document.bytes.count)
                continue
            }
            // Where this record's line and article row start, for the stage to fill in.
            let pending = DuplicateStage.Pending(
                document: DedupDocument(article, body: body), line: output.lines.count, row: output.tables[.articles]?.count ?? 0)
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
        guard !output.pending.isEmpty else { return }
        let pending = output.pending.compactMap { $0 as? Pending }
        let answers = pending.map { index.add($0.document) }
        if !output.lines.isEmpty {
            output.lines = Self.fill(output.lines, starts: pending.map(\.line)) { bytes, piece, result in
                let answer = answers[piece]
                // Keys are sorted: "cluster" comes before "duplicate_of", and both before any
                // string that could hold their bytes unescaped (a JSON string holds no bare quote).
                var at = bytes.startIndex
                for (key, value) in [(Self.clusterKey, answer.cluster as String?), (Self.duplicateKey, answer.duplicateOf)] {
                    guard let value, let found = Self.firstIndex(of: key, in: bytes, from: at) else { continue }
                    result += bytes[at..<found]
                    result += key.dropLast(4)
                    result.append(UInt8(ascii: "\""))
                    result += value.utf8
                    result.append(UInt8(ascii: "\""))
                    at = found + key.count
                }
                result += bytes[at...]
            }
        }
        if let rows = output.tables[.articles] {
            output.tables[.articles] = Self.fill(rows, starts: pending.map(\.row)) { bytes, piece, result in
                // The row starts `id,,,`: cluster and duplicate_of are the empty second and third fields.
                let answer = answers[piece]
                guard let comma = bytes.firstIndex(of: UInt8(ascii: ",")) else {
                    result += bytes
                    return
                }
                result += bytes[...comma]
                result += answer.cluster.utf8
                result.append(UInt8(ascii: ","))
                result += (answer.duplicateOf ?? "").utf8
                result += bytes[(comma + 2)...]
            }
        }
    }

    private static let clusterKey = Array(#""cluster":null"#.utf8)
    private static let duplicateKey = Array(#""duplicate_of":null"#.utf8)

    func restore(fromOutput path: String, size: Int) throws {
        let reader = try RecordFileReader(path: path, size: size)
        while let record = try reader.next() {
            index.add(DedupDocument(record.article))
        }
    }

    /// `bytes` cut at `starts` (one piece per record), each piece written by `write` into the
    /// result: one copy of the bytes.
    private static func fill(
        _ bytes: [UInt8], starts: [Int], write: (ArraySlice<UInt8>, Int, inout [UInt8]) -> Void
    ) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + starts.count * 40)
        result += bytes[..<(starts.first ?? bytes.count)]
        for (number, start) in starts.enumerated() {
            let end = number + 1 < starts.count ? starts[number + 1] : bytes.count
            write(bytes[start..<end], number, &result)
        }
        return result
    }

    /// The first index of `pattern` in `bytes` at or after `from`.
    private static func firstIndex(of pattern: [UInt8], in bytes: ArraySlice<UInt8>, from: Int) -> Int? {
        guard let first = pattern.first, bytes.endIndex - from >= pattern.count else { return nil }
        var index = from
        while index + pattern.count <= bytes.endIndex {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}
