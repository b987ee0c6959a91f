import Foundation
import Testing
import ZhiliCore
@testable import ZhiliSegment

/// The text of each token, with its kind.
func segmented(_ text: String, lexicon: Lexicon = .bundled) throws -> [(String, TokenKind)] {
    let scalars = Array(text.unicodeScalars)
    return try Segmenter(lexicon: lexicon).tokens(in: text).map {
        (String(String.UnicodeScalarView(scalars[$0.start..<$0.end])), $0.kind)
    }
}

@Suite struct SegmenterTests {
    /// Domain terms ICU splits (网格员 → 网|格|员) come out whole.
    static let terms: [(String, String)] = [
        ("累计排查化解矛盾纠纷2000余起", "矛盾纠纷"),
        ("配备专兼职网格员23700人", "网格员"),
        ("坚持和发展新时代“枫桥经验”", "枫桥经验"),
        ("全面推进雪亮工程建设", "雪亮工程"),
        ("依托综治中心开展工作", "综治中心"),
        ("深入排查风险隐患", "排查"),
        ("筑牢安全稳定屏障", "筑牢"),
        ("加快构建大安全格局", "构建"),
    ]

    @Test(arguments: terms)
    func keepsLexiconTermsWhole(_ example: (String, String)) throws {
        let words = try segmented(example.0).map(\.0)
        #expect(words.contains(example.1), "\(words)")
    }

    /// Han runs follow the most probable path, not the longest match: 化解矛盾 is a word, yet
    /// 化解|矛盾纠纷 (621 × 3000) beats 化解矛盾|纠纷 (3 × 1191), alone and in context.
    @Test(arguments: ["化解矛盾纠纷", "累计排查化解矛盾纠纷2000余起", "多元化解矛盾纠纷 推进基层社会治理"])
    func bestPathBeatsLongestMatch(_ text: String) throws {
        let words = try segmented(text).map(\.0)
        #expect(words.contains("矛盾纠纷"), "\(words)")
        #expect(!words.contains("化解矛盾"), "\(words)")
    }

    /// A user word without a frequency gets just enough to stay whole on its own (jieba's
    /// suggest_freq), and a user word with a frequency keeps it.
    @Test func userWordsWithoutFrequencyStayWhole() throws {
        #expect(try !segmented("推行格警联动工作法").map(\.0).contains("格警联动"))
        var lexicon = Lexicon.bundled
        lexicon.merge(Lexicon(parsing: "格警联动\n老支书调解 5 n\n"))
        let words = try segmented("推行格警联动工作法", lexicon: lexicon).map(\.0)
        #expect(words.contains("格警联动"), "\(words)")
        #expect(lexicon.entry(for: "老支书调解")?.frequency == 5)
        #expect(lexicon.entry(for: "格警联动")?.frequency == nil)
    }

    /// Every name of the region table, and common short forms, come out whole.
    static let regions: [(String, String)] = [
        ("近年来,集宁区坚定不移贯彻总体国家安全观", "集宁区"),
        ("乌兰察布市公安局召开会议", "乌兰察布市"),
        ("科尔沁右翼中旗公安局霍林郭勒派出所", "科尔沁右翼中旗"),
        ("2月22日,在科右中旗公安局", "科右中旗"),
        ("呼市公安局发布通报", "呼市"),
        ("集宁公安持续发力", "集宁"),
        ("巴彦淖尔市配备专兼职网格员", "巴彦淖尔市"),
        ("东胜区化解成功率41.3%", "东胜区"),
        ("兴安盟划分全科网格4580个", "兴安盟"),
        ("乌海市建成640个网格", "乌海市"),
        ("锡林郭勒盟召开平安建设推进会", "锡林郭勒盟"),
        ("莫力达瓦达斡尔族自治旗开展巡逻", "莫力达瓦达斡尔族自治旗"),
        ("达茂旗牧区警务室", "达茂旗"),
        ("阿拉善左旗开展宣传", "阿拉善左旗"),
    ]

    @Test(arguments: regions)
    func keepsRegionNamesWhole(_ example: (String, String)) throws {
        let words = try segmented(example.0).map(\.0)
        #expect(words.contains(example.1), "\(words)")
    }

    /// Numbers with their qualifier and unit are one figure token.
    static let figures: [(String, String)] = [
        ("累计排查化解矛盾纠纷2000余起。", "2000余起"),
        ("化解成功率41.3%,", "41.3%"),
        ("网格员2.2万人", "2.2万人"),
        ("追赃挽损384.5万元", "384.5万元"),
        ("挽回损失三万余元", "三万余元"),
        ("配备专兼职网格员23700人", "23700人"),
        ("群众满意度达99.5%", "99.5%"),
        ("全科网格4580个", "4580个"),
        ("分别低8.96个百分点", "8.96个百分点"),
        ("每个网格配备10至20个", "10至20个"),
        ("同比下降31.7%", "31.7%"),
        ("1.2万余人次", "1.2万余人次"),
        ("设置两个工作站", "两个"),
        ("接待群众１２０次", "１２０次"),
    ]

    @Test(arguments: figures)
    func readsFigures(_ example: (String, String)) throws {
        let tokens = try segmented(example.0)
        let figure = tokens.first { $0.1 == .figure }
        #expect(figure?.0 == example.1, "\(tokens.map(\.0))")
    }

    /// Chinese numerals inside words are no quantities.
    static let notFigures: [(String, String)] = [
        ("大家就会相互商量,一起解决问题", "一起"),
        ("统一部署", "统一"),
        ("推行五化同推工作法", "五"),
        ("全国两会召开期间", "两会"),
        ("打造一站式服务平台", "一站式"),
        ("这一切都十分重要", "十分"),
        ("也是一个缩影", "一个"),
        ("一种新的方式", "一种"),
        ("千万不要轻信陌生来电", "千万"),
    ]

    @Test(arguments: notFigures)
    func leavesWordNumeralsAlone(_ example: (String, String)) throws {
        let tokens = try segmented(example.0)
        #expect(!tokens.contains { $0.1 == .figure || $0.1 == .number }, "\(tokens.map { "\($0.0)/\($0.1)" })")
        #expect(tokens.contains { $0.0.hasPrefix(example.1) || example.1.hasPrefix($0.0) })
    }

    /// Bare numbers (dates, hotlines, years) are numbers, not figures.
    static let numbers: [(String, String)] = [
        ("从2022年起", "2022"), ("拨打12345热线", "12345"), ("电话0471-1234567", "0471"), ("二〇二三年", "二〇二三"),
    ]

    @Test(arguments: numbers)
    func readsBareNumbers(_ example: (String, String)) throws {
        let tokens = try segmented(example.0)
        #expect(tokens.contains { $0.0 == example.1 && $0.1 == .number }, "\(tokens.map { "\($0.0)/\($0.1)" })")
        #expect(!tokens.contains { $0.1 == .figure })
    }

    @Test func kinds() throws {
        let tokens = try segmented("ODR平台上线，受理12345件次？E-mail")
        let kinds = Dictionary(tokens.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        #expect(kinds["ODR"] == .latin)
        #expect(kinds["平台"] == .word)
        #expect(kinds["，"] == .punct)
        #expect(kinds["？"] == .punct)
        #expect(kinds["12345件次"] == .figure)
        #expect(try segmented("E-mail:northnews@126.com").allSatisfy { $0.1 != .number || $0.0.allSatisfy(\.isNumber) })
    }

    /// Offsets count Unicode scalars: a character outside the BMP (two UTF-16 units) counts once.
    @Test func offsetsCountScalars() throws {
        let text = "𠀀网格员 ODR 2.2万人😀集宁区,\t41.3%"
        let tokens = try Segmenter().tokens(in: text)
        let scalars = Array(text.unicodeScalars)
        let words = tokens.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        #expect(words.contains("网格员"))
        #expect(words.contains("ODR"))
        #expect(words.contains("2.2万人"))
        #expect(words.contains("集宁区"))
        #expect(words.contains("41.3%"))
        #expect(words.contains("😀"))
        #expect(tokens.last?.end == scalars.count)
        let network = try #require(tokens.first { words[tokens.firstIndex(of: $0)!] == "网格员" })
        #expect(network.start == 1)
        #expect(network.end == 4)
        // Tokens are in order and never overlap.
        for (previous, next) in zip(tokens, tokens.dropFirst()) { #expect(previous.end <= next.start) }
    }

    @Test(arguments: ["", " ", "\n\n", " \t\u{3000}\r\n"])
    func emptyAndBlankTextHaveNoTokens(_ text: String) throws {
        #expect(try Segmenter().tokens(in: text).isEmpty)
        #expect(try Segmenter().searchTokens(in: text).isEmpty)
    }

    @Test func userLexiconIsHonoured() throws {
        #expect(!(try segmented("在老李调解室里").map(\.0).contains("老李调解室")))
        var lexicon = Lexicon.bundled
        #expect(!(try segmented("推行红石榴家园工作法").map(\.0).contains("红石榴家园工作法")))
        lexicon.merge(Lexicon(parsing: "老李调解室 10 nz\n红石榴家园工作法\n", source: "user.dict"))
        #expect(try segmented("在老李调解室里", lexicon: lexicon).map(\.0).contains("老李调解室"))
        #expect(try segmented("推行红石榴家园工作法", lexicon: lexicon).map(\.0).contains("红石榴家园工作法"))
    }

    @Test func reusesBuffersAcrossCalls() throws {
        let segmenter = try Segmenter()
        var tokens: [Token] = []
        try segmenter.tokens(in: "全科网格4580个", into: &tokens)
        let first = tokens
        try segmenter.tokens(in: "网格员2.2万人", into: &tokens)
        try segmenter.tokens(in: "全科网格4580个", into: &tokens)
        #expect(tokens == first)
    }

    /// The segmenter covers every non-blank character of a seed article exactly once.
    @Test func coversSeedArticles() throws {
        let segmenter = try Segmenter()
        for name in ["000_2cf5b494796738ac", "003_8b228848fdd751f3"] {
            let url = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("corpus/raw/\(name).txt")
            let text = try String(contentsOf: url, encoding: .utf8)
            let scalars = Array(text.unicodeScalars)
            var covered = [Bool](repeating: false, count: scalars.count)
            for token in try segmenter.tokens(in: text) {
                for index in token.start..<token.end {
                    #expect(!covered[index])
                    covered[index] = true
                }
            }
            for (index, scalar) in scalars.enumerated() where !covered[index] {
                #expect(scalar.properties.isWhitespace, "\(name): uncovered \(scalar) at \(index)")
            }
        }
    }
}
