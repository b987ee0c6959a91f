// Dumps for the reader tests (ZhiliIngestTests) and the batch tests (ZhiliBatchTests, through a
// symbolic link of the same name): one file, so that both build their inputs alike.
import Foundation
import ZhiliCore
import ZhiliIngest

/// A scratch directory removed when the value is released.
final class ScratchDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "zhili-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let full = path + "/" + name
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }

    func read(_ name: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: path + "/" + name) ?? Data())
    }
}

/// A WARC response record with an HTML body.
func warcResponse(uri: String, date: String = "2023-01-06T09:55:00Z", html: [UInt8], charset: String? = "utf-8", contentLength: Int? = nil) -> [UInt8] {
    var http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\(charset.map { "; charset=\($0)" } ?? "")\r\n\r\n".utf8)
    http += html
    var record = Array("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: \(uri)\r\nWARC-Date: \(date)\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: \(contentLength ?? http.count)\r\n\r\n".utf8)
    record += http
    record += Array("\r\n\r\n".utf8)
    return record
}

/// A warcinfo record, which is not an article.
func warcInfo() -> [UInt8] {
    let body = Array("software: test\r\n".utf8)
    return Array("WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body + Array("\r\n\r\n".utf8)
}

func jsonLine(_ fields: [String: String]) -> [UInt8] {
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    return [UInt8](data) + [0x0A]
}

/// All items of a reader.
func items(of reader: DumpReader) -> [DumpItem] {
    var result: [DumpItem] = []
    while let item = reader.next() { result.append(item) }
    return result
}

extension DumpItem {
    var failure: Diagnostic? {
        if case .failure(let diagnostic) = self { return diagnostic }
        return nil
    }

    var document: RawDocument? {
        if case .document(let document) = self { return document }
        return nil
    }

    var line: ByteLine? {
        if case .jsonLine(let line) = self { return line }
        return nil
    }
}
