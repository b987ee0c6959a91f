import Testing
import ZhiliCore
@testable import ZhiliIngest

/// ``InputSplitter``, which cuts the work items of `zhili extract --queue`: the ranges of a file,
/// each read on its own, yield exactly the records of the whole file, with the same sources,
/// offsets and line numbers.
struct QueueSplitTests {
    /// What a reader yields, comparable: a line's bytes, offset and number; a document's source,
    /// offset and bytes; a failure's offset, line and reason.
    static func items(_ input: InputFile) -> [String] {
        let reader = DumpReader(input, maxArticleBytes: 300)
        var items: [String] = []
        while let item = reader.next() {
            switch item {
            case .jsonLine(let line): items.append("line \(line.number) @\(line.offset): \(String(decoding: line.bytes, as: UTF8.self))")
            case .document(let document): items.append("doc \(document.source) @\(document.byteOffset ?? -1): \(document.bytes.count) \(String(decoding: document.bytes.suffix(20), as: UTF8.self))")
            case .failure(let diagnostic): items.append("failure @\(diagnostic.offset ?? -1) line \(diagnostic.line ?? -1): \(diagnostic.reason)")
            }
        }
        return items
    }

    static func jsonLines() -> [UInt8] {
        var bytes: [UInt8] = []
        for number in 0..<200 {
            // Lines of varying length, a blank line, a CRLF line, a malformed line and one over the limit.
            switch number {
            case 17: bytes += Array("\n".utf8)
            case 40: bytes += Array("{\"title\": \"断开\r\n".utf8)
            case 77: bytes += Array("{\"text\": \"\(String(repeating: "长", count: 200))\"}\n".utf8)
            default:
                bytes += Array("{\"title\": \"第\(number)篇\", \"text\": \"\(String(repeating: "调解", count: number % 13 + 1))\"}\n".utf8)
            }
        }
        bytes += Array("{\"title\": \"last line without a newline\"}".utf8)
        return bytes
    }

    @Test(arguments: [1, 50, 97, 256, 1000, 4096])
    func jsonLinesRangesYieldTheWholeFilesRecords(rangeBytes: Int) throws {
        let scratch = ScratchDirectory()
        let bytes = Self.jsonLines()
        let path = scratch.write("dump.jsonl", bytes)
        let whole = InputFile(path: path, size: bytes.count)
        let parts = try InputSplitter.split(whole, rangeBytes: rangeBytes)
        if rangeBytes < bytes.count { #expect(parts.count > 1) }
        // Ranges tile the file, each starting after a newline.
        #expect(parts.first?.range?.lowerBound ?? 0 == 0)
        #expect(parts.last?.range?.upperBound ?? bytes.count == bytes.count)
        for (part, next) in zip(parts, parts.dropFirst()) {
            #expect(part.range!.upperBound == next.range!.lowerBound)
            #expect(bytes[next.range!.lowerBound - 1] == 0x0A)
            #expect(part.range!.count >= rangeBytes)
        }
        #expect(parts.flatMap(Self.items) == Self.items(whole))
    }

    @Test(arguments: [1, 300, 1000, 5000])
    func warcRangesStartAtRecordHeadersAndYieldTheWholeFilesDocuments(rangeBytes: Int) throws {
        let scratch = ScratchDirectory()
        var bytes = warcInfo()
        for number in 0..<12 {
            // One record's body names a WARC header inside a line, which is no record boundary.
            let html = Array("<html><body><p>第\(number)篇 WARC/1.0 调解室\(String(repeating: "网格", count: number * 20))</p></body></html>".utf8)
            bytes += warcResponse(uri: "http://example.cn/\(number)", html: html)
        }
        let path = scratch.write("crawl.warc", bytes)
        let whole = InputFile(path: path, size: bytes.count)
        let parts = try InputSplitter.split(whole, rangeBytes: rangeBytes)
        for part in parts.dropFirst() {
            #expect(bytes[part.range!.lowerBound..<(part.range!.lowerBound + 7)].elementsEqual("WARC/1.".utf8))
        }
        if rangeBytes < 1000 { #expect(parts.count > 3) }
        #expect(parts.flatMap(Self.items) == Self.items(whole))
        #expect(Self.items(whole).count == 12)
    }

    @Test func smallCompressedAndTextFilesStayWhole() throws {
        let scratch = ScratchDirectory()
        let small = scratch.write("small.jsonl", Array("{}\n{}\n".utf8))
        #expect(try InputSplitter.split(InputFile(path: small, size: 6), rangeBytes: 100).map(\.range) == [nil])
        let text = scratch.write("page.txt", Array(String(repeating: "调解室。\n", count: 100).utf8))
        #expect(try InputSplitter.split(InputFile(path: text, size: 1300), rangeBytes: 100).map(\.range) == [nil])
        let gzip = scratch.write("dump.jsonl.gz", [0x1F, 0x8B] + [UInt8](repeating: 0, count: 400))
        #expect(try InputSplitter.split(InputFile(path: gzip, size: 402), rangeBytes: 100).map(\.range) == [nil])
    }
}
