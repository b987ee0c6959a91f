import Foundation
import Testing
@testable import ZhiliIngest

/// The fast JSON Lines path reads exactly what JSONSerialization reads, and declines the rest.
@Suite struct FlatJSONObjectTests {
    /// Lines the fast path must read, with the same string fields as JSONSerialization.
    static let accepted: [String] = [
        #"{"id": "a1", "text": "集宁区累计排查化解矛盾纠纷2000余起。", "title": " 标题 ", "date": "2022-05-01"}"#,
        #"{"text":"line\nbreak \"quoted\" back\\slash \/ tab\t \u96c6\u5b81 \ud83d\ude00 nul\u0000"}"#,
        #"{"n": -12.5e+3, "ok": true, "no": false, "x": null, "list": [1, "two", {"three": [3]}], "text": "正文"}"#,
        #"  {"text": "a", "text": "last wins"}  "#,
        #"{}"#,
        #"{"html": "<p>网格员</p>", "url": "http://example.com/a"}"#,
    ]

    @Test(arguments: accepted)
    func readsWhatJSONSerializationReads(_ line: String) throws {
        let bytes = Array(line.utf8)
        let fast = try #require(FlatJSONObject(bytes))
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let referenceStrings = reference.compactMapValues { $0 as? String }
        #expect(Set(fast.strings.keys) == Set(referenceStrings.keys))
        for (key, value) in referenceStrings { #expect(fast.string(key) == value, "\(key)") }
        #expect(fast.otherKeys == Set(reference.keys).subtracting(referenceStrings.keys))
    }

    /// Lines the fast path declines, so the decoder falls back to JSONSerialization and its error.
    static let declined: [[UInt8]] = [
        Array(#"[1, 2]"#.utf8),
        Array(#"{"text": "unterminated}"#.utf8),
        Array(#"{"text": "a",}"#.utf8),
        Array(#"{"text": "a"} trailing"#.utf8),
        Array(#"{"text": "lone \ud800 surrogate"}"#.utf8),
        Array(#"{"text": "bad \q escape"}"#.utf8),
        Array(#"{"n": 01, "text": "a"}"#.utf8),
        Array("{\"text\": \"raw\ttab\"}".utf8),
        Array(#"{"text": ""#.utf8) + [0xE9, 0x9B] + Array(#""}"#.utf8),
        Array(#"{"text": "a" "b"}"#.utf8),
        [],
    ]

    @Test(arguments: declined)
    func declinesWhatItDoesNotFullyUnderstand(_ bytes: [UInt8]) {
        #expect(FlatJSONObject(bytes) == nil)
    }

    /// The decoder gives the same document on both paths.
    @Test func decoderMatchesTheFallback() throws {
        let line = Array(#"{"id": 7, "text": "  兴安盟网格员2.2万人 ", "title": "网格化管理", "url": "u", "date": "2022年5月1日"}"#.utf8)
        let document = try JSONLineDecoder().document(from: line, file: "dump.jsonl", line: 3, offset: 120)
        #expect(document.bytes == Array("  兴安盟网格员2.2万人 ".utf8))
        #expect(document.title == "网格化管理")
        #expect(document.url == "u")
        #expect(document.date == "2022年5月1日")
        #expect(document.line == 3)
        #expect(throws: (any Error).self) { try JSONLineDecoder().document(from: Array(#"{"id": 1}"#.utf8), file: "d", line: 1, offset: 0) }
        #expect(throws: (any Error).self) { try JSONLineDecoder().document(from: Array(#"{"text": 1"#.utf8), file: "d", line: 1, offset: 0) }
    }
}
