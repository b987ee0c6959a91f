import Foundation
import Testing
@testable import ZhiliICU

@Suite struct WordBreakerTests {
    @Test func splitsChineseIntoWords() throws {
        let breaker = try WordBreaker()
        let text = "集宁区坚定不移贯彻总体国家安全观"
        let ends = try breaker.boundaries(of: text)
        #expect(ends.last == text.utf16.count)
        #expect(ends.count > 3)
        #expect(ends.count < text.utf16.count)
    }

    @Test func reportsRuleKinds() throws {
        let breaker = try WordBreaker()
        let units = Array("网格员2000余起，ODR".utf16)
        var kinds: [WordRuleKind] = []
        try units.withUnsafeBufferPointer { buffer in
            try breaker.forEachSegment(in: buffer) { _, _, kind in kinds.append(kind) }
        }
        #expect(kinds.contains(.number))
        #expect(kinds.contains(.ideograph))
        #expect(kinds.contains(.letter))
        #expect(kinds.contains(.none))
    }

    @Test func emptyTextHasNoSegments() throws {
        let breaker = try WordBreaker()
        #expect(try breaker.boundaries(of: "").isEmpty)
    }
}

@Suite struct CharsetTests {
    static let sample = "集宁区:精准“把脉”筑牢安全稳定屏障。近年来,集宁区坚定不移贯彻总体国家安全观,加快构建大安全格局、完善大平安体系,维护社会稳定,强化基层治理,守牢安全发展底线。"

    @Test(arguments: ["GB18030", "GBK", "Big5", "UTF-8"])
    func roundTripsThroughICU(charset: String) throws {
        let text = charset == "Big5" ? "調解室不大，卻承擔著化解基層矛盾糾紛的重任，在雞毛蒜皮的瑣碎裡，李明靠著人熟地熟情況熟。" : Self.sample
        let bytes = try #require(encode(text, charset: charset))
        let decoded = try bytes.withUnsafeBytes { try CharsetConverter.decode($0, charset: charset) }
        #expect(decoded.text == text)
        #expect(decoded.invalidCount == 0)
    }

    @Test func invalidBytesBecomeReplacementWithOffsets() throws {
        var bytes = Array("安全".utf8)
        bytes.insert(0xFF, at: 3)
        let decoded = try bytes.withUnsafeBytes { try CharsetConverter.decode($0, charset: "UTF-8") }
        #expect(decoded.text == "安\u{FFFD}全")
        #expect(decoded.invalidOffsets == [3])
    }

    @Test func detectsGB18030() throws {
        let bytes = try #require(encode(String(repeating: Self.sample, count: 3), charset: "GB18030"))
        let guess = try bytes.withUnsafeBytes { try CharsetDetector.detect($0) }
        #expect(guess.name == "GB18030")
    }

    @Test func knowsCharsetAliases() {
        #expect(CharsetConverter.isKnown("gbk"))
        #expect(CharsetConverter.isKnown("big5"))
        #expect(!CharsetConverter.isKnown("no-such-charset"))
    }

    @Test func transformsTraditionalToSimplified() throws {
        let transform = try Transform("Traditional-Simplified")
        #expect(try transform.apply("內蒙古錫林郭勒盟") == "内蒙古锡林郭勒盟")
    }

    private func encode(_ text: String, charset: String) -> [UInt8]? {
        try? CharsetConverter.encode(text, charset: charset)
    }
}
