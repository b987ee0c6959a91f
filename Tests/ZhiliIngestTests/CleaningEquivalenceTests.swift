import ZhiliText
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
            var log = RemovalLog(isOn: true)
            let (lines, metadata) = cleaner.cleanLines(text, log: &log)
            let (expectedLines, expectedMetadata, expectedRemovals) = ReferenceCleaning.cleanLines(text)
            #expect(lines == expectedLines)
            #expect(metadata == expectedMetadata)
            #expect(log.entries == expectedRemovals)
            // Recording changes nothing else.
            var off = RemovalLog(isOn: false)
            let (quietLines, quietMetadata) = cleaner.cleanLines(text, log: &off)
            #expect(quietLines == lines && quietMetadata == metadata && off.entries.isEmpty)
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
                #expect(doubled.repair(line) == doubled.repairRuns(line), "\(line)")
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
                #expect(filter.classify(line) == ReferenceCleaning.classify(line, patterns: filter.patterns), "\(line)")
            }
        }
    }

    @Test func userPatternsTheAnalysisCannotReadStillRunOnEveryLine() throws {
        let filter = try Fixtures.filter(withExtraPatterns: "drop (?i)beijiang.*\ndrop .{0,3}\nend \\d{4}年终\nstrip \\p{Han}{2}网\n")
        #expect(filter.removal(of: "BeiJiang news")?.source == "(?i)beijiang.*")
        #expect(filter.removal(of: "短")?.source == ".{0,3}")
        #expect(filter.removal(of: "2023年终")?.source == "\\d{4}年终")
        #expect(filter.classify("来自北疆网的消息") == .keep("来自的消息"))
        for document in Self.documents {
            for line in ReferenceCleaning.normalize(document).split(separator: "\n").map({ ReferenceCleaning.trimmed(String($0)) })
            where !line.isEmpty {
                #expect(filter.classify(line) == ReferenceCleaning.classify(line, patterns: filter.patterns), "\(line)")
            }
        }
    }
}

/// The byte-level prefilters and switches outside the line steps, against what they stand for.
@Suite struct PrefilterEquivalenceTests {
    static let documents = CleaningEquivalenceTests.documents

    static let datePieces = ["2023", "2019", "1998", "12023", "20", "23", "年", "月", "日", "/", ".", "-", " ", "\u{3000}", "\u{A0}",
                             "\u{2003}", "\t", "1", "06", "9:55", "：", "来源", "x", "国", "\n", "\u{85}", "\u{0B}"]

    @Test func datePrefilterPassesEveryDateTheExpressionFinds() {
        let parser = DateParser()
        var texts = Self.documents.flatMap { $0.split(separator: "\n").map(String.init) }
        for seed in 0..<3000 {
            var random = CleaningEquivalenceTests.SplitMix(state: UInt64(seed))
            texts.append((0..<Int.random(in: 1...12, using: &random)).map { _ in Self.datePieces.randomElement(using: &random)! }.joined())
        }
        var dates = 0
        for text in texts {
            let expected = ReferenceCleaning.firstDate(in: text, with: parser)
            let actual = parser.firstDate(in: text)
            #expect(actual?.iso == expected?.iso && actual?.range == expected?.range, "\(text)")
            if expected != nil { dates += 1 }
        }
        #expect(dates > 100)
    }

    /// Date-shaped text, slot by slot, each slot sometimes wrong or missing.
    static let dateSlots: [[String]] = {
        let space = ["", " ", "  ", "\t", " \t"]
        return [["", "x", "国", "😀", "1", "20", "2019 "], ["2023", "1999", "2019", "2O23", "12023", "1899"], space,
                ["年", "/", ".", "-", "月", ""], space, ["1", "06", "12", "123", "", "x"], space, ["月", "/", ".", "-", "", "日"], space,
                ["6", "06", "31", "123", "", "99"], space, ["日", "", "日日"], space, ["9", "09", "123", "", "24"], [":", "：", "", " :"],
                ["55", "5", "", "555"], ["", ":12", "：1", ":", "：59"], ["", " ", "x", "2023-1-1", "|"]]
    }()

    @Test func dateMatcherFindsWhatTheExpressionFinds() {
        let parser = DateParser()
        var dates = 0
        for seed in 0..<30000 {
            var random = CleaningEquivalenceTests.SplitMix(state: UInt64(seed) &+ 7_000_000)
            let text = Self.dateSlots.map { $0.randomElement(using: &random)! }.joined()
            let expected = ReferenceCleaning.firstDate(in: text, with: parser)
            let actual = parser.firstDate(in: text)
            #expect(actual?.iso == expected?.iso && actual?.range == expected?.range, "\(text)")
            if expected != nil { dates += 1 }
        }
        #expect(dates > 1000)
    }

    @Test func plainBylineParsingMatchesTheCharacterwiseOne() {
        let parser = BylineParser()
        let pieces = BylineParser.roles + ["李亮", "王永", "黄", "豹", "阿拉坦·巴根", " ", "●", "、", "：", ":", "/", "|", "x", "1", "(", "）",
                                           "通", "讯", "员", "报", "本", "e\u{301}", "\t"]
        var checked = 0
        for seed in 0..<3000 {
            var random = CleaningEquivalenceTests.SplitMix(state: UInt64(seed))
            let text = (0..<Int.random(in: 1...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            guard text.unicodeScalars.allSatisfy(BylineParser.isPlain) else { continue }
            checked += 1
            let plain = parser.parsePlain(text)
            let general = parser.parseCharacters(text)
            #expect(plain?.names == general?.names && plain?.roleCount == general?.roleCount, "\(text)")
            let startsWithRole = BylineParser.longRoleScalars.contains { text.unicodeScalars.starts(with: $0) }
            #expect(startsWithRole == BylineParser.roles.contains { text.hasPrefix($0) && $0.count >= 2 }, "\(text)")
        }
        #expect(checked > 1000)
    }

    @Test func characterClassesHoldTheirCharacters() {
        for value in UInt32(0)...0x1_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(CharacterClass.isLineEnd(scalar) == "。！？!?…；;．".unicodeScalars.contains(scalar))
            #expect(CharacterClass.isCloser(scalar) == "”’」』）)\"'》】]".unicodeScalars.contains(scalar))
            #expect(CharacterClass.isSentencePunctuation(scalar) == "，,。；;！!？?、…".unicodeScalars.contains(scalar))
            #expect(TextShape.isListNumeral(scalar) == "0123456789一二三四五六七八九十".unicodeScalars.contains(scalar))
        }
    }

    @Test(arguments: [
        "", "一", "(", "（三）", "(4)", "一、强化", "1.", "12345678.", "1234567.", "(1234567)", "(123456)", "十一、", "3．x", "①、",
    ])
    func listMarkerLengthMatchesTheArrayVersion(text: String) {
        let scalars = Array(text.unicodeScalars.prefix(8))
        let numerals = "0123456789一二三四五六七八九十".unicodeScalars
        var index = 0
        let bracketed = scalars.first == "(" || scalars.first == "（"
        if bracketed { index = 1 }
        let start = index
        while index < scalars.count, numerals.contains(scalars[index]) { index += 1 }
        var expected = 0
        if index > start, index < scalars.count {
            let mark = scalars[index]
            if bracketed { expected = mark == ")" || mark == "）" ? index + 1 : 0 } else {
                expected = mark == "、" || mark == "." || mark == "．" ? index + 1 : 0
            }
        }
        #expect(TextShape.listMarkerLength(text) == expected)
    }
}
