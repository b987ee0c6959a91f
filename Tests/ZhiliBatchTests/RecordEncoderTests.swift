import Foundation
import Testing
import ZhiliBatch
import ZhiliCore

/// The batch's JSON Lines are the bytes `JSONEncoder` wrote before `JSONLineWriter`.
@Suite struct RecordEncoderTests {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static let records: [ArticleRecord] = [
        ArticleRecord(article: Article(source: "a.txt", title: "“标题”\t/", paragraphs: ["第一段", "第二段\\"])),
        ArticleRecord(
            article: Article(source: "b.jsonl:3", index: 2, date: "2023-01-06", authors: ["王伟"], warnings: ["w"]),
            regions: [RegionMention(name: "集宁区", code: "150902", level: .county, prefecture: RegionRef(name: "乌兰察布市", code: "150900"), mentions: 4)],
            figures: [Figure(text: "2.2万人", value: 22000, valueMax: 30000.5, unit: "人", qualifier: "余", kind: .count, year: 2023, start: 3, end: 8, sentence: "共2.2万人。")],
            tokens: [Token(start: 0, end: 2, kind: .word)]),
    ]

    @Test(arguments: records)
    func linesAreTheEncoderBytes(record: ArticleRecord) throws {
        var bytes: [UInt8] = [0x58]
        try RecordEncoder().appendJSONLine(record, to: &bytes)
        #expect(bytes == [0x58] + Array(try Self.encoder().encode(record)) + [0x0A])
    }

    /// A record the writer refuses goes through the encoder, so the error (and errors file) stays the same.
    @Test func nonFiniteFigureFailsWithTheEncodersError() throws {
        let record = ArticleRecord(
            article: Article(source: "c.txt"),
            figures: [Figure(text: "x", value: .nan, unit: nil, kind: .count, start: 0, end: 1, sentence: "")])
        var bytes: [UInt8] = [1]
        var expected = ""
        do { _ = try Self.encoder().encode(record) } catch { expected = String(describing: error) }
        var actual = ""
        do { try RecordEncoder().appendJSONLine(record, to: &bytes) } catch { actual = String(describing: error) }
        #expect(!expected.isEmpty)
        #expect(actual == expected)
        #expect(bytes == [1])
    }
}
