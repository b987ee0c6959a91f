import Testing
import ZhiliCore
@testable import ZhiliIngest

@Suite struct WARCReaderTests {
    private func events(_ bytes: [UInt8]) throws -> [WARCReader.Event] {
        let reader = WARCReader(ByteReader(MemoryByteSource(bytes), capacity: 128), source: "t.warc")
        var result: [WARCReader.Event] = []
        while let event = try reader.next() { result.append(event) }
        return result
    }

    @Test func readsResponsesAndTheirMetadata() throws {
        let html = Array("<html><body><p>集宁区网格员</p></body></html>".utf8)
        let bytes = warcInfo() + warcResponse(uri: "http://example.cn/a.html", html: html, charset: "GBK")
        let found = try events(bytes)
        #expect(found.count == 2)
        guard case .record(let record) = found[1] else { Issue.record("expected a record"); return }
        #expect(record.offset == warcInfo().count)
        guard case .document(let document) = WARCDocuments.outcome(of: record, file: "t.warc") else { Issue.record("expected a document"); return }
        #expect(document.source == "http://example.cn/a.html")
        #expect(document.date == "2023-01-06")
        #expect(document.declaredCharset == "GBK")
        #expect(document.format == .html)
        #expect(document.bytes == html)
        guard case .record(let info) = found[0] else { return }
        if case .ignored = WARCDocuments.outcome(of: info, file: "t.warc") {} else { Issue.record("warcinfo is not an article") }
    }

    @Test func brokenHeaderResyncsAtNextRecord() throws {
        let good1 = warcResponse(uri: "http://a/1", html: Array("<p>一</p>".utf8))
        let broken = Array("WARC/1.0\r\nWARC-Type response-without-colon\r\nContent-Length: 12\r\n\r\n<p>broken</p>\r\n\r\n".utf8)
        let good2 = warcResponse(uri: "http://a/2", html: Array("<p>二</p>".utf8))
        let found = try events(good1 + broken + good2)
        #expect(found.count == 3)
        guard case .broken(let diagnostic) = found[1] else { Issue.record("expected a broken record"); return }
        #expect(diagnostic.offset == good1.count)
        guard case .record(let last) = found[2] else { Issue.record("expected the next record"); return }
        #expect(last.targetURI == "http://a/2")
        #expect(last.offset == good1.count + broken.count)
    }

    @Test(arguments: [-5, 7])
    func wrongContentLengthIsBrokenAndNextRecordSurvives(delta: Int) throws {
        let html = Array("<p>内容</p>".utf8)
        let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".utf8) + html
        let bad = warcResponse(uri: "http://a/bad", html: html, contentLength: http.count + delta)
        let good = warcResponse(uri: "http://a/good", html: html)
        let found = try events(bad + good)
        let records = found.compactMap { if case .record(let r) = $0 { r } else { nil } }
        let broken = found.compactMap { if case .broken(let d) = $0 { d } else { nil } }
        #expect(records.map(\.targetURI) == ["http://a/good"])
        #expect(broken.count == 1)
        #expect(broken.first?.offset == 0)
    }

    @Test func oversizedWrongContentLengthResyncsAtNextHeader() throws {
        // Issue #19 (1): a Content-Length over the record limit that is wrong must not swallow
        // the rest of the file.
        let html = Array("<p>内容</p>".utf8)
        let first = warcResponse(uri: "http://a/0", html: html)
        let bad = warcResponse(uri: "http://a/bad", html: html, contentLength: 20 << 20)
        let rest = (1...3).flatMap { warcResponse(uri: "http://a/\($0)", html: html) }
        let reader = WARCReader(ByteReader(MemoryByteSource(first + bad + rest), capacity: 128), source: "t.warc", maxRecordBytes: 16 << 20)
        var found: [WARCReader.Event] = []
        while let event = try reader.next() { found.append(event) }
        let records = found.compactMap { if case .record(let r) = $0 { r } else { nil } }
        let broken = found.compactMap { if case .broken(let d) = $0 { d } else { nil } }
        #expect(records.map(\.targetURI) == ["http://a/0", "http://a/1", "http://a/2", "http://a/3"])
        #expect(broken.count == 1)
        #expect(broken.first?.offset == first.count)
        #expect(broken.first?.reason.contains("byte \(first.count)") == true)
    }

    @Test func garbageBeforeFirstRecordIsOneDiagnostic() throws {
        let good = warcResponse(uri: "http://a/1", html: Array("<p>x</p>".utf8))
        let found = try events(Array("junk line\nmore junk\n".utf8) + good)
        #expect(found.count == 2)
        if case .broken(let diagnostic) = found[0] { #expect(diagnostic.offset == 0) } else { Issue.record("expected a diagnostic") }
    }

    @Test func truncatedRecordIsReported() throws {
        let good = warcResponse(uri: "http://a/1", html: Array("<p>x</p>".utf8))
        let cut = Array(good[0..<(good.count - 10)])
        let found = try events(good + cut)
        #expect(found.count == 2)
        if case .broken(let diagnostic) = found[1] {
            #expect(diagnostic.offset == good.count)
            #expect(diagnostic.reason.contains("cut short"))
        } else { Issue.record("expected a diagnostic") }
    }

    @Test(arguments: [
        ("text/html; charset=gb2312", "gb2312"),
        ("text/html; charset=\"UTF-8\"", "UTF-8"),
        ("text/html", nil),
    ] as [(String, String?)])
    func charsetComesFromContentType(contentType: String, charset: String?) throws {
        let response = try HTTPResponse(parsing: Array("HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\n\r\nbody".utf8))
        #expect(response.charset == charset)
        #expect(response.body == Array("body".utf8))
    }

    @Test func chunkedBodiesAreJoined() throws {
        let response = try HTTPResponse(parsing: Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n".utf8))
        #expect(response.body == Array("abcde".utf8))
    }
}
