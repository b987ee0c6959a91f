import Testing
import ZhiliICU
@testable import ZhiliIngest

@Suite struct TextDecodingTests {
    static let sample = "筑牢祖国北疆安全稳定屏障，是内蒙古必须履行好的重大责任和光荣使命。近年来，乌海市把铸牢中华民族共同体意识作为各项工作的主线。“枫桥经验”——人民调解员将矛盾化解在基层。"

    @Test func utf8WithAndWithoutBOM() {
        let bytes = Array(Self.sample.utf8)
        #expect(TextDecoding.decode(bytes).text == Self.sample)
        let withBOM = TextDecoding.decode([0xEF, 0xBB, 0xBF] + bytes)
        #expect(withBOM.text == Self.sample)
        #expect(withBOM.charset == "UTF-8")
        #expect(withBOM.warnings.isEmpty)
    }

    @Test(arguments: [true, false])
    func utf16WithBOM(littleEndian: Bool) {
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in Self.sample.utf16 {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            bytes += littleEndian ? pair : pair.reversed()
        }
        let result = TextDecoding.decode(bytes)
        #expect(result.text == Self.sample)
        #expect(result.charset == (littleEndian ? "UTF-16LE" : "UTF-16BE"))
    }

    @Test(arguments: ["GBK", "GB18030"])
    func detectsGB(charset: String) throws {
        let bytes = try CharsetConverter.encode(Self.sample, charset: charset)
        let result = TextDecoding.decode(bytes)
        #expect(result.charset == "GB18030")
        #expect(result.text == Self.sample)
    }

    @Test func detectsBig5() throws {
        let traditional = try Transform("Simplified-Traditional").apply(Self.sample)
        let bytes = try CharsetConverter.encode(traditional, charset: "Big5")
        let result = TextDecoding.decode(bytes)
        #expect(result.charset == "BIG5")
        #expect(result.text == traditional)
    }

    @Test func aForcedCharsetIsUsedAsIs() throws {
        let bytes = try CharsetConverter.encode(Self.sample, charset: "GBK")
        let result = TextDecoding.decode(bytes, charset: "GBK", forced: true)
        #expect(result.text == Self.sample)
        // Forcing the wrong charset gives replacements and a warning, not a crash.
        let wrong = TextDecoding.decode(bytes, charset: "UTF-8", forced: true)
        #expect(wrong.text.unicodeScalars.contains("\u{FFFD}"))
        #expect(!wrong.warnings.isEmpty)
    }

    @Test func anUnknownForcedCharsetFallsBackToDetection() {
        let result = TextDecoding.decode(Array(Self.sample.utf8), charset: "NO-SUCH-CHARSET", forced: true)
        #expect(result.text == Self.sample)
        #expect(result.warnings.first?.contains("NO-SUCH-CHARSET") == true)
    }

    @Test func invalidUTF8BecomesReplacementWithItsOffset() {
        var bytes = Array("平安建设护稳定，社会治理促和谐。".utf8)
        bytes.insert(0xFF, at: 6)
        let result = TextDecoding.decode(bytes)
        #expect(result.text == "平安\u{FFFD}建设护稳定，社会治理促和谐。")
        #expect(result.warnings.count == 1)
        #expect(result.warnings[0].contains("byte offset 6"))
    }

    @Test(arguments: [
        ([UInt8](), true), ([0x41, 0x42], true), ([0xE5, 0xB9, 0xB3], true),
        ([0xE5, 0xB9], false), ([0xC0, 0x80], false), ([0xED, 0xA0, 0x80], false), ([0xFF], false),
    ])
    func validatesUTF8(bytes: [UInt8], valid: Bool) {
        #expect(TextDecoding.isValidUTF8(bytes) == valid)
    }
}
