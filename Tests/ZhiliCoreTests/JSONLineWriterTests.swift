import Foundation
import Testing
import ZhiliCore
import ZhiliExtract
import ZhiliIngest

/// `JSONLineWriter` writes the very bytes of `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`.
@Suite struct JSONLineWriterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The line the batch wrote before the writer: `JSONEncoder` output and a line feed.
    static func encoderLine<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value)) + [0x0A]
    }

    static func writerLine(_ record: ArticleRecord) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try JSONLineWriter.appendLine(record, to: &bytes)
        return bytes
    }

    /// Every article of every seed in corpus/raw, cleaned and extracted, with and without tokens.
    static func seedRecords() throws -> [ArticleRecord] {
        let directory = root.appendingPathComponent("corpus/raw")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }.sorted()
        let cleaner = try Cleaner()
        let extractor = try Extractor()
        var records: [ArticleRecord] = []
        for name in names {
            let bytes = try Array(Data(contentsOf: directory.appendingPathComponent(name)))
            for article in try cleaner.clean(RawDocument(source: "corpus/raw/" + name, bytes: bytes)) {
                records.append(try extractor.extract(article))
                records.append(try extractor.extract(article, includeTokens: true))
            }
        }
        return records
    }

    @Test func seedRecordsMatchTheEncoderByteForByte() throws {
        let records = try Self.seedRecords()
        #expect(records.count >= 10)
        #expect(records.contains { !$0.figures.isEmpty && !$0.programs.isEmpty && !$0.regions.isEmpty })
        for record in records {
            let expected = try Self.encoderLine(record)
            let actual = try Self.writerLine(record)
            #expect(actual == expected, "\(record.article.source) #\(record.article.index)")
            if actual != expected { print(String(decoding: actual, as: UTF8.self), String(decoding: expected, as: UTF8.self)) }
        }
        // Several records in one reused buffer: plain concatenation of lines.
        var buffer: [UInt8] = []
        for record in records { try JSONLineWriter.appendLine(record, to: &buffer) }
        #expect(buffer == Array(try records.map(Self.encoderLine).joined()))
    }

    @Test func seedArticlesMatchTheEncoderByteForByte() throws {
        for record in try Self.seedRecords() {
            var bytes: [UInt8] = []
            JSONLineWriter.appendLine(record.article, to: &bytes)
            #expect(bytes == (try Self.encoderLine(record.article)))
        }
    }

    /// Strings that must be escaped (or must not be).
    static let strings: [String] = [
        "", "plain ASCII", "集宁区网格员23700人", "\"quoted\" and \\backslash\\", "a/b//c </script>",
        "line\nfeed\r\ncarriage\ttab\u{08}backspace\u{0C}formfeed", "\u{00}\u{01}\u{1F}\u{7F}\u{0B}\u{1B}",
        "emoji 😀👨‍👩‍👧 and 𠀀 (plane 2)", "\u{2028}\u{2029}\u{FEFF}\u{FFFD}", "trailing backslash \\",
        String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }), "é vs e\u{301}", "全角，标点。“引号”",
    ]

    @Test(arguments: strings)
    func stringsAreEscapedLikeTheEncoder(text: String) throws {
        let article = Article(
            source: text, index: text.utf8.count, title: text, subtitle: text.isEmpty ? nil : text, date: text, outlet: nil,
            authors: [text, text], editors: [], paragraphs: [text, "", text], captions: [text], warnings: [text])
        var bytes: [UInt8] = []
        JSONLineWriter.appendLine(article, to: &bytes)
        #expect(bytes == (try Self.encoderLine(article)))
        let record = ArticleRecord(
            article: article,
            regions: [RegionMention(name: text, code: text, level: .county, prefecture: RegionRef(name: text, code: "150900"), mentions: 3)],
            programs: [ProgramMention(name: text, start: 0, end: 5, sentence: text, region: RegionRef(name: text, code: text))],
            figures: [Figure(text: text, value: 1, unit: text, qualifier: text, kind: .count, metric: text, indicator: text, start: 1, end: 2, sentence: text)],
            tokens: [Token(start: 0, end: 1, kind: .punct)])
        #expect(try Self.writerLine(record) == (try Self.encoderLine(record)))
    }

    /// Numbers as `JSONEncoder` writes them, through figure values and offsets.
    static let values: [Double] = [
        0, -0.0, 1, -1, 22000, 0.1, 41.3, 1.0 / 3, 2.5e-7, 0.0001, 1e-5, 384.5, 2.2e4, 999_999_999_999_999,
        1e15, -1e15, 1e16, 9_007_199_254_740_992, 9_007_199_254_740_994, 1e20, 1.7976931348623157e308,
        5e-324, 123_456_789.125, -31.7, 100, 0.5, Double(Int32.max), 4_503_599_627_370_496.5,
    ]

    @Test(arguments: values)
    func numbersAreWrittenLikeTheEncoder(value: Double) throws {
        let figure = Figure(
            text: "x", value: value, valueMax: value / 2, unit: nil, change: .下降, basis: .同比, kind: .percent,
            year: Int(value.magnitude.truncatingRemainder(dividingBy: 3000)), region: nil,
            start: Int(exactly: value.rounded(.towardZero)).map { $0 % 1_000_000 } ?? -7, end: Int.max, sentence: "")
        let record = ArticleRecord(
            article: Article(source: "s", index: Int.min), regions: [RegionMention(name: "集宁区", code: "150902", level: .county, prefecture: nil, mentions: 0)],
            figures: [figure, figure], tokens: [])
        #expect(try Self.writerLine(record) == (try Self.encoderLine(record)))
    }

    @Test func emptyRecordAndAbsentOptionals() throws {
        let cases = [
            ArticleRecord(article: Article(source: "")),
            ArticleRecord(article: Article(id: "", source: "a", index: -12), tokens: []),
            ArticleRecord(
                article: Article(source: "b"),
                programs: [ProgramMention(name: "老李调解室", start: 3, end: 8, sentence: "", region: nil)],
                figures: [Figure(text: "5780个", value: 5780, unit: "个", kind: .count, start: 0, end: 5, sentence: "网格5780个")]),
        ]
        for record in cases {
            #expect(try Self.writerLine(record) == (try Self.encoderLine(record)))
        }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteValuesAreRefusedLikeTheEncoder(value: Double) throws {
        for figure in [
            Figure(text: "x", value: value, unit: nil, kind: .count, start: 0, end: 1, sentence: ""),
            Figure(text: "x", value: 1, valueMax: value, unit: nil, kind: .count, start: 0, end: 1, sentence: ""),
        ] {
            let record = ArticleRecord(article: Article(source: "s"), figures: [figure])
            #expect(throws: EncodingError.self) { try Self.encoderLine(record) }
            var bytes: [UInt8] = [1, 2]
            #expect(throws: EncodingError.self) { try JSONLineWriter.appendLine(record, to: &bytes) }
            #expect(bytes == [1, 2])
        }
    }
}
