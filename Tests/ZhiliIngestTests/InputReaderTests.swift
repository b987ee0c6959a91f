import Foundation
import Testing
import ZhiliCore
import ZhiliICU
@testable import ZhiliIngest

@Suite struct InputReaderTests {
    static func documents(_ items: [InputItem]) -> [RawDocument] {
        items.compactMap { if case .document(let document) = $0 { document } else { nil } }
    }

    static func diagnostics(_ items: [InputItem]) -> [Diagnostic] {
        items.compactMap { if case .diagnostic(let problem) = $0 { problem } else { nil } }
    }

    /// The items of `bytes` written to a file `name`, read with `encoding` and `fields`.
    static func read(_ bytes: [UInt8], name: String, encoding: String? = nil, fields: JSONFieldNames = JSONFieldNames()) -> (path: String, items: [InputItem]) {
        let file = Fixtures.temporaryDirectory().appendingPathComponent(name)
        FileManager.default.createFile(atPath: file.path, contents: Data(bytes))
        return (file.path, Array(InputReader(paths: [file.path], encoding: encoding, fields: fields)))
    }

    @Test func readsADirectoryRecursivelyInOrder() throws {
        let directory = Fixtures.temporaryDirectory()
        let nested = directory.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try "甲。".write(to: directory.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "<p>乙。</p>".write(to: nested.appendingPathComponent("c.html"), atomically: true, encoding: .utf8)
        try "ignored".write(to: directory.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        try "hidden".write(to: directory.appendingPathComponent(".hidden.txt"), atomically: true, encoding: .utf8)
        let documents = Self.documents(Array(InputReader(paths: [directory.path])))
        #expect(documents.map { ($0.source as NSString).lastPathComponent } == ["a.txt", "c.html"])
        #expect(documents.map(\.format) == [.text, .html])
    }

    @Test func aMissingPathIsADiagnosticAndReadingGoesOn() throws {
        let directory = Fixtures.temporaryDirectory()
        let file = directory.appendingPathComponent("a.txt")
        try "甲。".write(to: file, atomically: true, encoding: .utf8)
        let items = Array(InputReader(paths: [directory.appendingPathComponent("missing.txt").path, file.path]))
        #expect(Self.diagnostics(items).count == 1)
        #expect(Self.diagnostics(items)[0].reason.lowercased().contains("no such file"))
        #expect(Self.documents(items).count == 1)
    }

    @Test func aJSONLineWithAnInvalidByteIsKeptWithAWarning() throws {
        // Issue #19 (6): the cleaner's policy for invalid bytes holds for JSON Lines too.
        let bytes = Array(#"{"text": "集宁区网格员"#.utf8) + [0xFF] + Array(#"化解纠纷。"}"#.utf8) + [0x0A]
        let (path, items) = Self.read(bytes, name: "dump.jsonl")
        let documents = Self.documents(items)
        #expect(documents.count == 1)
        #expect(documents.first.map { String(decoding: $0.bytes, as: UTF8.self) } == "集宁区网格员\u{FFFD}化解纠纷。")
        let problems = Self.diagnostics(items)
        #expect(problems.count == 1)
        #expect(problems.first?.severity == .warning)
        #expect(problems.first?.source == path + ":1")
        #expect(problems.first?.reason.contains("U+FFFD") == true)
    }

    @Test func jsonLinesWithMalformedLines() throws {
        let lines = [
            #"{"title": "标题一", "text": "正文一。", "url": "http://a/1", "date": "2023-01-06"}"#,
            #"{"title": "坏的", "text": "没有结束"#,
            "",
            #"{"content": "正文二。"}"#,
            #"["not", "an", "object"]"#,
            #"{"html": "<p>正文三。</p>"}"#,
            #"{"body": "没有正文字段"}"#,
        ]
        let bytes = Array(lines.joined(separator: "\n").utf8)
        let (path, items) = Self.read(bytes, name: "dump.jsonl")
        let documents = Self.documents(items)
        #expect(documents.map(\.source) == [path + ":1", path + ":4", path + ":6"])
        #expect(documents[0].title == "标题一")
        #expect(documents[0].url == "http://a/1")
        #expect(documents[0].date == "2023-01-06")
        #expect(documents[2].format == .html)
        let problems = Self.diagnostics(items)
        #expect(problems.map(\.line) == [2, 5, 7])
        let secondLineOffset = lines[0].utf8.count + 1
        #expect(problems[0].offset == secondLineOffset)
    }

    @Test func jsonLinesInALegacyCharsetAreConverted() throws {
        let line = #"{"title": "标题一", "text": "筑牢祖国北疆安全稳定屏障，是内蒙古必须履行好的重大责任和光荣使命。"}"#
        let gbk = try CharsetConverter.encode(String(repeating: line + "\n", count: 3), charset: "GBK")
        for encoding in [nil, "GBK"] {
            let documents = Self.documents(Self.read(gbk, name: "gbk.jsonl", encoding: encoding).items)
            #expect(documents.map(\.title) == ["标题一", "标题一", "标题一"])
        }
    }

    @Test func configurableFieldNames() {
        let bytes = Array(#"{"headline": "标题", "body": "正文。", "link": "u", "published": "2023年1月6日"}"#.utf8)
        let fields = JSONFieldNames(text: ["body"], title: "headline", url: "link", date: "published")
        let documents = Self.documents(Self.read(bytes, name: "x.jsonl", fields: fields).items)
        #expect(documents.count == 1)
        #expect(documents[0].title == "标题")
        #expect(documents[0].url == "u")
        #expect(String(decoding: documents[0].bytes, as: UTF8.self) == "正文。")
    }

    @Test func htmlMetaCharsetIsDeclared() {
        let bytes = Array(#"<html><head><meta charset="gbk"></head><body>x</body></html>"#.utf8)
        #expect(DumpReader.metaCharset(in: bytes) == "gbk")
        #expect(DumpReader.metaCharset(in: Array("<p>no</p>".utf8)) == nil)
        let documents = Self.documents(Self.read(bytes, name: "page.html").items)
        #expect(documents.map(\.declaredCharset) == ["gbk"])
    }
}
