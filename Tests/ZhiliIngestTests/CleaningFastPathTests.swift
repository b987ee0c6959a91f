import Foundation
import Testing
@testable import ZhiliIngest

/// The cleaning fast paths against the slow paths they stand for: metadata lines (derived
/// literal groups before each expression, cuts on Swift strings, digits read from UTF-16),
/// word-list drops, dash and length tests.
@Suite struct CleaningFastPathTests {
    static let pieces = [
        "2023", "2019年", "01月", "06日", "9:55", "09：55", "-", "/", " ", "  ", "\t", "|", "｜", "来源", "来自", "稿源", "出处",
        "作者", "记者", "编辑", "责编", "责任编辑", "值班编辑", "发布时间", "更新时间", "时间", "日期", "：", ":", "\u{301}", "\u{308}",
        "巴彦淖尔日报", "黄景莲", "、", "，", "[", "】", "(", "）", "人民网", "x", "😀", "国", "１", "e", "\u{0600}", "\u{200D}",
    ]

    static let lines: [String] = {
        var lines = CleaningEquivalenceTests.documents.flatMap { ReferenceCleaning.normalize($0).split(separator: "\n") }
            .map { ReferenceCleaning.trimmed(String($0)) }
        for seed in 0..<6000 {
            var random = CleaningEquivalenceTests.SplitMix(state: UInt64(seed))
            lines.append((0..<Int.random(in: 1...10, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined())
        }
        lines += [
            "2023年01月06日09:55 | 来源:巴彦淖尔日报", "2023-1-6 9:05  来源：北方新报  作者：黄景莲", "[责任编辑:辛永红]",
            "发布时间：2023/01/06", "来源：正北方网", "作者：王磊、李亮", "时间：\u{301}2023年1月6日", "来源：\u{301}x", "：",
            "a：b", "国：国", "\u{0600}：国", "记者：😀黄景莲", "2023年13月06日", "1999.12.31 23:59:59",
        ]
        return lines
    }()

    @Test func fastReadingMatchesTheReference() {
        let extractor = MetadataExtractor()
        var consumed = 0
        for line in Self.lines {
            var fast = ArticleMetadata()
            var reference = ArticleMetadata()
            let fastResult = extractor.consume(line, into: &fast)
            let referenceResult = ReferenceCleaning.consume(line, with: extractor, into: &reference)
            #expect(fastResult == referenceResult, "\(line)")
            #expect(fast == reference, "\(line)")
            if referenceResult { consumed += 1 }
        }
        #expect(consumed > 200)
    }

    @Test(arguments: ["", "国", "1", ":", "：", "国：国", "a：", "：\u{301}", "\u{0600}：", "e\u{301}：国", "😀：", "：１"])
    func colonScanAgreesWithCharacterSearch(line: String) {
        let original = line.utf8.contains { $0 >= 0x30 && $0 <= 0x3A } || line.contains("：")
        #expect(MetadataExtractor.holdsDigitOrColon(line) == original)
    }

    @Test func dashesAreTheSet() {
        let dashes: Set<Unicode.Scalar> = ["—", "─", "－", "-", "–"]
        for value in UInt32(0)...0x1_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(ArticleSplitter.isDash(scalar) == dashes.contains(scalar))
        }
    }

    @Test func lengthBoundFromBytesMatchesTheCount() {
        let pieces = ["a", "国", "😀", "é", "\u{301}", " "]
        for seed in 0..<2000 {
            var random = CleaningEquivalenceTests.SplitMix(state: UInt64(seed))
            let text = (0..<Int.random(in: 0...140, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            for limit in [0, 1, 2, 10, 30, 100] {
                #expect(TextShape.utf16Length(text, isAtMost: limit) == (text.utf16.count <= limit), "\(text)")
                #expect(TextShape.length(text, isAtMost: limit) == (text.unicodeScalars.count <= limit), "\(text)")
            }
        }
    }

    @Test(arguments: [
        ("人民网|新华网", ["人民网", "新华网"]), ("今日内蒙古", ["今日内蒙古"]), ("a1|国", ["a1", "国"]),
        ("人民网|", nil), ("人民.网", nil), ("(人民网)", nil), ("人民网\\s*", nil), ("[人民]网", nil), ("", nil),
    ] as [(String, [String]?)])
    func wordListsAreReadOnlyWhenPlain(pattern: String, words: [String]?) {
        #expect(BoilerplateFilter.words(inList: pattern) == words)
    }

    @Test func wordListDropsGiveTheRegexVerdict() throws {
        let filter = BoilerplateFilter(patterns: try BoilerplatePatterns.builtIn())
        let words = ["今日内蒙古", "正北方网", "人民网", "新华网", "央视网", "中国新闻网", "中国网", "光明网", "内蒙古新闻网", "草原云", "北疆新闻"]
        let lines = words + words.map { $0 + "©" } + words.map { "版权所有" + $0 } + words.map { $0 + " " }
            + ["人民网新华网", "中国网\u{301}", "人民"]
        for line in lines {
            #expect(filter.classify(line) == ReferenceCleaning.classify(line, patterns: filter.patterns), "\(line)")
        }
    }
}
