import Testing
import ZhiliCore
import ZhiliIngest

@Suite struct DumpReaderTests {
    @Test func jsonLinesStreamLinesAndMalformedLineKeepsItsNumber() {
        let scratch = ScratchDirectory()
        let bytes = jsonLine(["text": "第一篇"]) + Array("{\"text\": \"broken\n".utf8) + Array("\n".utf8) + jsonLine(["content": "第三篇", "title": "题"])
        let path = scratch.write("dump.jsonl", bytes)
        let found = items(of: DumpReader(InputFile(path: path, size: bytes.count), maxArticleBytes: 1 << 20))
        #expect(found.count == 3)
        let decoder = JSONLineDecoder()
        let second = found[1].line!
        #expect(second.number == 2)
        #expect(throws: Diagnostic.self) { try decoder.document(from: second.bytes, file: path, line: second.number, offset: second.offset) }
        do {
            _ = try decoder.document(from: second.bytes, file: path, line: second.number, offset: second.offset)
        } catch {
            #expect(error.line == 2)
            #expect(error.offset == jsonLine(["text": "第一篇"]).count)
        }
        let third = found[2].line!
        #expect(third.number == 4)
        let document = try! decoder.document(from: third.bytes, file: path, line: third.number, offset: third.offset)
        #expect(document.source == path + ":4")
        #expect(document.title == "题")
        #expect(String(decoding: document.bytes, as: UTF8.self) == "第三篇")
    }

    @Test(arguments: ["dump.jsonl.gz", "dump.data"])
    func gzipIsDetectedByMagicAndTruncationKeepsEarlierLines(name: String) {
        let scratch = ScratchDirectory()
        var plain: [UInt8] = []
        for index in 0..<200 { plain += jsonLine(["text": "第\(index)篇 内蒙古自治区 \(index * 7919 % 1000)"]) }
        let compressed = Gzip.compress(plain, level: 1)
        let truncated = Array(compressed[0..<(compressed.count * 2 / 3)])
        let path = scratch.write(name, truncated)
        let found = items(of: DumpReader(InputFile(path: path, size: truncated.count), maxArticleBytes: 1 << 20))
        let lines = found.compactMap(\.line)
        #expect(lines.count > 10 && lines.count < 200)
        #expect(lines.map(\.number) == Array(1...lines.count))
        let failure = try! #require(found.last?.failure)
        #expect(failure.offset == truncated.count)
        #expect(failure.reason.contains("truncated"))
        #expect(found.dropLast().allSatisfy { $0.failure == nil })
    }

    @Test func warcGzFromSeparateMembers() {
        let scratch = ScratchDirectory()
        let records = [warcInfo(), warcResponse(uri: "http://a/1", html: Array("<p>一</p>".utf8)), warcResponse(uri: "http://a/2", html: Array("<p>二</p>".utf8))]
        let bytes = records.flatMap { Gzip.compress($0) }
        let path = scratch.write("crawl.warc.gz", bytes)
        let found = items(of: DumpReader(InputFile(path: path, size: bytes.count), maxArticleBytes: 1 << 20))
        #expect(found.compactMap(\.document).map(\.source) == ["http://a/1", "http://a/2"])
    }

    @Test func wholeFilesOverTheLimitAreFailures() {
        let scratch = ScratchDirectory()
        let path = scratch.write("big.txt", [UInt8](repeating: 0x41, count: 5000))
        let found = items(of: DumpReader(InputFile(path: path, size: 5000), maxArticleBytes: 1000))
        #expect(found.count == 1)
        #expect(found[0].failure?.reason.contains("max-article-bytes") == true)
    }

    @Test func missingFileIsAFailure() {
        let found = items(of: DumpReader(InputFile(path: "/nonexistent/zhili.txt", size: nil), maxArticleBytes: 1000))
        #expect(found.count == 1)
        #expect(found[0].failure?.reason.contains("cannot open") == true)
    }

    @Test(arguments: [
        ("a.txt", ContainerFormat.text, false), ("a.HTML", .html, false), ("a.jsonl.gz", .jsonLines, true),
        ("x/y.warc.gz", .warc, true), ("a.ndjson", .jsonLines, false),
    ])
    func formatFromName(name: String, format: ContainerFormat, compressed: Bool) {
        let found = ContainerFormat.fromName(name)
        #expect(found.format == format)
        #expect(found.isCompressed == compressed)
    }

    @Test func discoveryWalksSortedWithGlobs() {
        let scratch = ScratchDirectory()
        for name in ["b/2.txt", "a.jsonl", "b/1.warc.gz", "c/notes.md", ".hidden/x.txt", "b/skip.txt"] { _ = scratch.write(name, [0x41]) }
        let all = InputFile.discover([scratch.path]).map { String($0.path.dropFirst(scratch.path.count + 1)) }
        #expect(all == ["a.jsonl", "b/1.warc.gz", "b/2.txt", "b/skip.txt"])
        let filtered = InputFile.discover([scratch.path], include: [GlobPattern("*.txt"), GlobPattern("*.md")], exclude: [GlobPattern("skip*")])
            .map { String($0.path.dropFirst(scratch.path.count + 1)) }
        #expect(filtered == ["b/2.txt", "c/notes.md"])
    }
}
