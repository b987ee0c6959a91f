// The body of every fuzz target, written once: the fuzz executable (FuzzTesting/, which compiles
// this file through a symbolic link) calls it on libFuzzer's inputs, and `swift test` (FuzzReplayTests)
// calls it on every seed and regression input under FuzzTesting/. A body returns normally on any
// input; a trap, a sanitizer report or a failed `check` is a finding.
import GRDB
import ZhiliCore
@testable import ZhiliExtract
@testable import ZhiliIngest
import ZhiliSegment
@testable import ZhiliStore

/// One fuzz target: a name for `scripts/fuzz` and the function libFuzzer calls with each input.
struct FuzzTarget: Sendable {
    /// The name on the command line and of the corpus folders (`FuzzTesting/Corpus/<name>`).
    let name: String
    /// What it exercises, for `scripts/fuzz --list`.
    let summary: String
    /// Feeds one input through the code under test.
    let body: @Sendable ([UInt8]) -> Void

    /// Every target, highest-risk first (the order of `scripts/fuzz all`).
    static let all: [FuzzTarget] = [
        FuzzTarget(name: "html", summary: "HTML page: charset, libxml2 main text (CZhiliHTML), title/date/outlet, cleaning", body: html),
        FuzzTarget(name: "warc", summary: "WARC reader, HTTP responses, the documents they carry", body: warc),
        FuzzTarget(name: "gzip", summary: "gzip stream inflated by GzipByteSource (output capped at 1 MiB)", body: gzip),
        FuzzTarget(name: "jsonl", summary: "JSON Lines: line reader and JSONLineDecoder", body: jsonLines),
        FuzzTarget(name: "cleaner", summary: "text decoding and the Cleaner on a plain-text document", body: cleaner),
        FuzzTarget(name: "query", summary: "search query: ParsedQuery, SearchPlan and its FTS5 expression run by SQLite", body: query),
        FuzzTarget(name: "tokenizer", summary: "FTS5 term streams: TermStream from text, and the zhili tokenizer on any bytes", body: tokenizer),
        FuzzTarget(name: "numbers", summary: "NumberReader at every offset of a text", body: numbers),
        FuzzTarget(name: "figures", summary: "Extractor: figures, programs, regions of an article", body: figures),
    ]

    /// The target named `name`.
    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}

/// Stops with a message naming the broken expectation (a finding, for libFuzzer and for tests).
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz check failed: \(message())") }
}

/// Shared, expensive state: built on first use, then only read (libFuzzer calls bodies on one thread).
enum FuzzState {
    static let cleaner = try! Cleaner()
    nonisolated(unsafe) static let extractor = try! Extractor()
    nonisolated(unsafe) static let segmenter = try! Segmenter()
    /// An in-memory index with the `zhili` tokenizer and the full-text table, holding one article.
    static let index: DatabaseQueue = {
        var configuration = Configuration()
        configuration.prepareDatabase { db in SQLiteStore.registerTokenizer(db) }
        let queue = try! DatabaseQueue(configuration: configuration)
        try! queue.write { db in
            try db.execute(sql: FullTextTable.createSQL)
            var scratch = TermStream.Scratch()
            let title = try TermStream(text: "调解室 网格员", segmenter: segmenter, scratch: &scratch)
            let body = try TermStream(text: "兴安盟网格员2.2万人，化解矛盾纠纷2000余起。ODR 平台", segmenter: segmenter, scratch: &scratch)
            try FullTextTable.insert(key: 1, title: title, body: body, db)
        }
        return queue
    }()
}

/// Cleans `document`; the diagnostics of unreadable input are expected, crashes are not.
private func clean(_ document: RawDocument) {
    guard let articles = try? FuzzState.cleaner.clean(document) else { return }
    for article in articles {
        check(!article.id.isEmpty, "an article without an id")
    }
}

/// An HTML page as `DumpReader` hands it to the cleaner, plus the page parser on its own.
@Sendable func html(_ bytes: [UInt8]) {
    clean(RawDocument(source: "fuzz.html", bytes: bytes, format: .html, declaredCharset: DumpReader.metaCharset(in: bytes)))
    let page = HTMLPage.parse(String(decoding: bytes, as: UTF8.self), url: "https://example.org/2023/01/06/a.html")
    _ = page.text.unicodeScalars.count
}

/// Every item of a WARC stream, each response's document cleaned.
@Sendable func warc(_ bytes: [UInt8]) {
    let reader = WARCReader(ByteReader(MemoryByteSource(bytes), capacity: 4096), source: "fuzz.warc", maxRecordBytes: 1 << 20)
    var events = 0
    while let event = try? reader.next() {
        events += 1
        check(events <= bytes.count + 1, "the WARC reader makes no progress")
        guard case .record(let record) = event else { continue }
        if case .document(let document) = WARCDocuments.outcome(of: record, file: "fuzz.warc") {
            clean(document)
        }
    }
}

/// A gzip stream read to its end or its first error, at most 1 MiB of output.
@Sendable func gzip(_ bytes: [UInt8]) {
    guard let source = try? GzipByteSource(MemoryByteSource(bytes), source: "fuzz.gz", inputChunk: 64) else { return }
    var buffer = [UInt8](repeating: 0, count: 4096)
    var total = 0
    while total < 1 << 20 {
        guard let count = try? buffer.withUnsafeMutableBytes({ try source.read(into: $0) }) else { return }
        check(count >= 0 && count <= buffer.count, "read returned \(count) for a buffer of \(buffer.count)")
        if count == 0 { return }
        total += count
    }
}

/// Every line of a JSON Lines dump decoded into a document, as the batch's workers do.
@Sendable func jsonLines(_ bytes: [UInt8]) {
    let reader = ByteReader(MemoryByteSource(bytes), capacity: 4096)
    let decoder = JSONLineDecoder()
    var lines = 0
    while let line = try? reader.readLine(maxLength: 1 << 20) {
        lines += 1
        check(lines <= bytes.count + 1, "the line reader makes no progress")
        if line.isOverlong { continue }
        if let (document, _) = try? decoder.read(line.bytes, file: "fuzz.jsonl", line: line.number, offset: line.offset) {
            check(document.source.utf8.count > 0, "a document without a source")
        }
    }
}

/// A plain-text document cleaned (decoding, normalizing, boilerplate, columns, metadata, splitting).
@Sendable func cleaner(_ bytes: [UInt8]) {
    clean(RawDocument(source: "fuzz.txt", bytes: bytes, format: .text))
}

/// A query planned as `zhili search` plans it; the FTS5 expression must be one SQLite accepts.
@Sendable func query(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = ParsedQuery(text)
    guard let plan = try? SearchPlan(request: SearchRequest(query: text), segmenter: FuzzState.segmenter),
          let expression = plan.expression else { return }
    do {
        _ = try FuzzState.index.read { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM article_fts WHERE article_fts MATCH ?", arguments: [expression])
        }
    } catch {
        check(false, "the query \(text.debugDescription) became the FTS5 expression \(expression.debugDescription), which SQLite refused: \(error)")
    }
}

/// A term stream made from any text is well formed and indexable; any bytes given to the tokenizer
/// as a stream are either decoded or refused as corrupt.
@Sendable func tokenizer(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { stream in
        _ = TermStream.forEachTerm(in: stream) { term, _ in
            check(term.lowerBound >= 0 && term.upperBound <= stream.count, "a term \(term) outside a stream of \(stream.count) bytes")
            return true
        }
    }
    var scratch = TermStream.Scratch()
    let text = String(decoding: bytes, as: UTF8.self)
    guard let stream = try? TermStream(text: text, segmenter: FuzzState.segmenter, scratch: &scratch) else { return }
    let wellFormed = stream.bytes.withUnsafeBufferPointer { buffer in
        TermStream.forEachTerm(in: buffer) { _, _ in true }
    }
    check(wellFormed, "the term stream of \(text.debugDescription) is malformed")
    do {
        try FuzzState.index.inDatabase { db in
            try FullTextTable.insert(key: 2, title: stream, body: stream, db)
            try FullTextTable.delete(key: 2, title: stream, body: stream, db)
        }
    } catch {
        check(false, "FTS5 refused the term stream of \(text.debugDescription): \(error)")
    }
}

/// The number reader at every offset; a number it reads lies inside the text.
@Sendable func numbers(_ bytes: [UInt8]) {
    let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value))
    scalars.withUnsafeBufferPointer { text in
        for offset in 0..<text.count {
            guard let number = NumberReader.read(text, at: offset) else { continue }
            check(number.end > offset && number.end <= text.count, "a number at \(offset) ends at \(number.end) of \(text.count)")
        }
    }
}

/// An article of the input's lines through the extractor; every mention lies inside the text.
@Sendable func figures(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    let title = lines.isEmpty ? nil : lines.removeFirst()
    let article = Article(source: "fuzz", title: title, date: "2023-01-06", paragraphs: lines)
    guard let record = try? FuzzState.extractor.extract(article) else { return }
    let count = article.text.unicodeScalars.count
    for figure in record.figures {
        check(figure.start >= 0 && figure.start < figure.end && figure.end <= count, "figure \(figure.start)..<\(figure.end) of \(count)")
    }
    for program in record.programs {
        check(program.start >= 0 && program.start <= program.end && program.end <= count, "program \(program.start)..<\(program.end) of \(count)")
    }
}
