import Foundation
import Testing
@testable import ZhiliSegment

@Suite struct LexiconTests {
    @Test func parsesJiebaLines() {
        let lexicon = Lexicon(parsing: "# comment\n网格员 2000 n\n枫桥经验 nz\n雪亮工程\n\n综治中心\t300\r\n", source: "test.dict")
        #expect(lexicon.count == 4)
        #expect(lexicon.entry(for: "网格员") == LexiconEntry(word: "网格员", frequency: 2000, tag: "n"))
        #expect(lexicon.entry(for: "枫桥经验") == LexiconEntry(word: "枫桥经验", frequency: nil, tag: "nz"))
        #expect(lexicon.entry(for: "雪亮工程") == LexiconEntry(word: "雪亮工程"))
        #expect(lexicon.entry(for: "综治中心")?.frequency == 300)
        #expect(!lexicon.contains("网格"))
        #expect(!lexicon.contains("# comment"))
        #expect(lexicon.diagnostics.isEmpty)
    }

    @Test func reportsMalformedLinesAndGoesOn() throws {
        let lexicon = Lexicon(parsing: "网格员 2000 n\n坏行 12x n\n雪亮工程 5\n", source: "user.dict")
        #expect(lexicon.count == 2)
        let diagnostic = try #require(lexicon.diagnostics.first)
        #expect(diagnostic.source == "user.dict")
        #expect(diagnostic.line == 2)
        #expect(diagnostic.offset == "网格员 2000 n\n".utf8.count)
    }

    @Test func mergeKeepsBothAndLaterWins() {
        var lexicon = Lexicon(parsing: "网格员 1 n\n")
        lexicon.merge(Lexicon(parsing: "网格员 9 nz\n老李调解室\n"))
        #expect(lexicon.count == 2)
        #expect(lexicon.entry(for: "网格员")?.frequency == 9)
        #expect(lexicon.contains("老李调解室"))
    }

    @Test func readsFiles() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhili-lexicon-\(UUID().uuidString).dict")
        try "一格一长一警一专多兼 5 nz\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Lexicon(contentsOf: url).contains("一格一长一警一专多兼"))
        #expect(throws: (any Error).self) { try Lexicon(contentsOf: url.appendingPathExtension("missing")) }
    }

    @Test(arguments: ["矛盾纠纷", "网格员", "枫桥经验", "雪亮工程", "综治中心", "排查", "集宁区", "集宁", "科右中旗", "呼市",
                      "乌兰察布市", "莫力达瓦达斡尔族自治旗", "莫力达瓦", "构建"])
    func bundledHasDomainAndRegionWords(_ word: String) {
        #expect(Lexicon.bundled.contains(word))
    }

    @Test func wordsLongerThanNodesAllowIsNotAProblemForSmallTries() {
        var lexicon = Lexicon(words: ["甲乙", "甲乙丙", "甲"])
        lexicon.insert(LexiconEntry(word: ""))
        #expect(lexicon.count == 3)
        #expect(lexicon.contains("甲"))
        #expect(!lexicon.contains("乙"))
        #expect(!lexicon.contains("甲乙丙丁"))
    }
}
