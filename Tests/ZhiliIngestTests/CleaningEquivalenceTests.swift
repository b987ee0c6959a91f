import Foundation
import Testing
@testable import ZhiliIngest

/// The fast line-level steps (UTF-8 byte loops, literal prefilters) against the plain
/// scalar-by-scalar and regex-on-every-line versions in ``ReferenceCleaning``, on the seeds and
/// on generated dirty text.
@Suite struct CleaningEquivalenceTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Pieces that exercise every special case: the scalars normalization rewrites, spaces
    /// between single Han characters and digits, doubled runs, metadata and boilerplate.
    static let pieces: [String] = [
        "国", "家", "安", "全", "治理", "平安建设", "。", "，", ",", "、", "“", "”", "（", "）", "(", ")", "：", ":",
        " ", " ", "  ", "\t", "\n", "\n", "\n\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}", "\u{A0}", "\u{3000}",
        "\u{2003}", "\u{202F}", "\u{205F}", "\u{200B}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{AD}", "\u{07}", "\u{7F}",
        "\u{9F}", "１２３", "ＯＤＲ", "ａｂ", "％", "2600", "5", "元", "a", "Z", "e\u{301}", "：\u{301}", "😀", "𠀀",
        "首页 > 新闻 > 正文", "人民网>>内蒙古频道", "当前位置：首页", "小字号", "返回顶部", "【打印】", "[责任编辑:辛永红]",
        "(责编:刘泽、张雪冬)", "编辑：王", "电话：0471-6651113", "E-mail:a@b.cn", "蒙ICP备05003877号", "今日内蒙古",
        "版权所有 © 2023", "版权声明", "Copyright 2023", "凡注明“来源", "<p>", "</b>", "<img src=\"a.jpg\">", "&nbsp;",
        "&#12288;", "photo_1.JPG", "a.png", "2023年01月06日09:55", "来源：巴彦淖尔日报", "| ", "记者 黄景莲", "正北方网",
        "正北方网联系方式", "普法早市普法早市", "。。", "黄海龙黄海龙", " 摄摄", "通 讯 员", "本报记者●李亮",
    ]

    static func generatedText(seed: UInt64, pieces count: Int) -> String {
        var random = SplitMix(state: seed)
        var text = ""
        for _ in 0..<count { text += pieces.randomElement(using: &random)! }
        return text
    }

    /// The seeds, plus generated documents built from ``pieces`` and from seed lines.
    static let documents: [String] = {
        var documents = Fixtures.seeds.map { String(decoding: Fixtures.bytes($0), as: UTF8.self) }
        let seedLines = documents.flatMap { $0.split(separator: "\n").map(String.init) }
        var random = SplitMix(state: 42)
        for index in 0..<300 {
            var text = generatedText(seed: UInt64(index), pieces: Int.random(in: 5...400, using: &random))
            // Seed lines with pieces spliced in: body text next to dirt.
            for _ in 0..<Int.random(in: 0...8, using: &random) {
                var line = seedLines.randomElement(using: &random)!
                let scalars = Array(line.unicodeScalars)
                let cut = Int.random(in: 0...scalars.count, using: &random)
                line = String(String.UnicodeScalarView(scalars[..<cut])) + pieces.randomElement(using: &random)!
                    + String(String.UnicodeScalarView(scalars[cut...]))
                text += "\n" + line
            }
            documents.append(text)
        }
        return documents
    }()

    @Test func normalizationMatchesTheReference() {
        let normalizer = TextNormalizer()
        for document in Self.documents {
            #expect(normalizer.normalize(document) == ReferenceCleaning.normalize(document))
        }
    }

    @Test func lineStepsMatchTheReference() throws {
        let cleaner = try Cleaner()
        for document in Self.documents {
            let text = ReferenceCleaning.normalize(document)
            let (lines, metadata) = cleaner.cleanLines(text)
            let (expectedLines, expectedMetadata) = ReferenceCleaning.cleanLines(text)
            #expect(lines == expectedLines)
            #expect(metadata == expectedMetadata)
        }
    }

    @Test func justificationAndTrimMatchTheReference() {
        let spaces = JustificationSpaces()
        for document in Self.documents {
            for line in ReferenceCleaning.normalize(document).split(separator: "\n").map(String.init) {
                #expect(spaces.repair(line) == ReferenceCleaning.repairSpaces(line), "\(line)")
                #expect(TextShape.trimmed(line) == ReferenceCleaning.trimmed(line), "\(line)")
            }
        }
    }

    @Test func doubledRunPrefilterOnlyRejectsLinesTheSearchRejects() {
        let doubled = DoubledRunRepair()
        for document in Self.documents {
            for line in ReferenceCleaning.normalize(document).split(separator: "\n").map(String.init) {
                #expect(doubled.repair(line) == doubled.repair(line, prefiltered: false), "\(line)")
            }
        }
    }

    @Test func replacementShareMatchesTheReference() {
        for document in Self.documents + ["\u{FFFD}\u{FFFD}a", "", "   ", "\u{FFFD} \u{FFFD}\n\u{FFFD}x", String(repeating: "\u{FFFD}国", count: 60_000)] {
            #expect(Cleaner.replacementShare(document) == ReferenceCleaning.replacementShare(document))
        }
    }

    @Test func boilerplatePrefilterGivesTheRegexVerdict() throws {
        let filter = BoilerplateFilter(patterns: try BoilerplatePatterns.builtIn())
        for document in Self.documents {
            for line in ReferenceCleaning.normalize(document).split(separator: "\n").map({ ReferenceCleaning.trimmed(String($0)) })
            where !line.isEmpty {
                #expect(filter.classify(line) == filter.classify(line, prefiltered: false), "\(line)")
            }
        }
    }

    @Test func userPatternsTheAnalysisCannotReadStillRunOnEveryLine() throws {
        var patterns = try BoilerplatePatterns.builtIn()
        let directory = Fixtures.temporaryDirectory()
        let file = directory.appendingPathComponent("extra.txt")
        try "drop (?i)beijiang.*\ndrop .{0,3}\nend \\d{4}年终\nstrip \\p{Han}{2}网\n".write(to: file, atomically: true, encoding: .utf8)
        try patterns.add(contentsOf: file.path)
        let filter = BoilerplateFilter(patterns: patterns)
        #expect(filter.classify("BeiJiang news") == .drop)
        #expect(filter.classify("短") == .drop)
        #expect(filter.classify("2023年终") == .end)
        #expect(filter.classify("来自北疆网的消息") == .keep("来自的消息"))
        for document in Self.documents {
            for line in ReferenceCleaning.normalize(document).split(separator: "\n").map({ ReferenceCleaning.trimmed(String($0)) })
            where !line.isEmpty {
                #expect(filter.classify(line) == filter.classify(line, prefiltered: false), "\(line)")
            }
        }
    }
}
