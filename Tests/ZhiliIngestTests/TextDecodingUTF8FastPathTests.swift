import Foundation
import Testing
import ZhiliICU
@testable import ZhiliIngest

/// Valid UTF-8 skips ICU, and reads exactly as ICU's UTF-8 converter would have read it.
@Suite struct TextDecodingUTF8FastPathTests {
    /// What the forced path gave before the fast path: ICU's converter, after a UTF-8 BOM.
    static func icuText(_ bytes: [UInt8]) throws -> String {
        let skip = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return try bytes.withUnsafeBytes { buffer in
            try CharsetConverter.decode(UnsafeRawBufferPointer(rebasing: buffer[skip...]), charset: "UTF-8").text
        }
    }

    static let texts: [String] = [
        "", "ascii only", "集宁区网格员23700人，化解矛盾纠纷2000余起。", "\u{FEFF}带 BOM 的正文", "中\u{FEFF}间的 BOM",
        "emoji 😀 and 𠀀", "\u{00}NUL and controls\u{01}\u{1F}", "\u{FFFD} replacement kept",
    ]

    @Test(arguments: texts, ["UTF-8", "utf-8", "utf8", "UTF8", "utf_8"])
    func forcedUTF8ReadsAsICUWould(text: String, name: String) throws {
        let bytes = Array(text.utf8)
        let decoded = TextDecoding.decode(bytes, charset: name, forced: true)
        #expect(decoded.text == (try Self.icuText(bytes)))
        #expect(decoded.charset == name)
        #expect(decoded.warnings.isEmpty)
    }

    /// Invalid bytes still go through ICU: same replacements and the same warning as before.
    @Test(arguments: [[0x41, 0xFF, 0x42], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xEF, 0xBB, 0xBF, 0xF8]] as [[UInt8]])
    func invalidForcedUTF8IsStillRepaired(bytes: [UInt8]) throws {
        let decoded = TextDecoding.decode(bytes, charset: "UTF-8", forced: true)
        #expect(decoded.text == (try Self.icuText(bytes)))
        #expect(decoded.text.unicodeScalars.contains("\u{FFFD}"))
        #expect(decoded.warnings.count == 1)
    }

    /// Other forced charsets never take the UTF-8 path, even for bytes that are valid UTF-8.
    @Test func forcedGBKStaysGBK() throws {
        let bytes = try CharsetConverter.encode("治理", charset: "GBK")
        let decoded = TextDecoding.decode(bytes, charset: "GBK", forced: true)
        #expect(decoded.text == "治理")
        #expect(decoded.charset == "GBK")
        let ascii = TextDecoding.decode(Array("plain".utf8), charset: "UTF-16LE", forced: true)
        #expect(ascii.charset == "UTF-16LE")
        #expect(ascii.text != "plain")
    }
}
