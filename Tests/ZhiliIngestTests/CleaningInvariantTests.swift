import Foundation
import Testing
import ZhiliCore
@testable import ZhiliIngest

/// ``CleaningInvariant`` on every test article: the seeds, the development set's pages and the
/// Chinese test pages of ``HTMLPageTests`` (whose input is the page's main text).
@Suite struct CleaningInvariantTests {
    /// The development set's articles beside the package (`../shared/devset/articles`).
    static let devSet: [URL] = {
        let folder = Fixtures.root.deletingLastPathComponent().appendingPathComponent("shared/devset/articles")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0) }
    }()

    /// Cleans `document` with removals recorded and returns the invariant's problems.
    static func problems(_ document: RawDocument, input: String) throws -> [String] {
        var removals: [Removal] = []
        let articles = try Cleaner().clean(document, removals: &removals)
        return CleaningInvariant.problems(input: TextNormalizer().normalize(input), articles: articles, removals: removals)
    }

    @Test(arguments: Fixtures.seeds)
    func holdsOnTheSeeds(seed: String) throws {
        let bytes = Fixtures.bytes(seed)
        let problems = try Self.problems(RawDocument(source: seed, bytes: bytes), input: String(decoding: bytes, as: UTF8.self))
        #expect(problems.isEmpty, "\(seed): \(problems)")
    }

    @Test(.enabled(if: !devSet.isEmpty, "../shared/devset is not beside the package"))
    func holdsOnTheDevelopmentSet() throws {
        for file in Self.devSet {
            let bytes = Array(try Data(contentsOf: file))
            let problems = try Self.problems(RawDocument(source: file.lastPathComponent, bytes: bytes),
                                             input: String(decoding: bytes, as: UTF8.self))
            #expect(problems.isEmpty, "\(file.lastPathComponent): \(problems)")
        }
        #expect(Self.devSet.count == 30)
    }

    @Test(arguments: HTMLPageTests.seeds)
    func holdsOnTheChinesePages(seed: String) throws {
        let gold = try GoldenTests.gold(seed).articles[0]
        let pages = [HTMLPageTests.trsPage(title: gold.title!, paragraphs: gold.paragraphs),
                     HTMLPageTests.trsPage(title: gold.title!, paragraphs: gold.paragraphs, breaks: true),
                     HTMLPageTests.newsPage(title: gold.title!, paragraphs: gold.paragraphs)]
        for (index, html) in pages.enumerated() {
            let document = RawDocument(source: "page\(index).html", bytes: Array(html.utf8), format: .html)
            let problems = try Self.problems(document, input: HTMLPage.parse(html).text)
            #expect(problems.isEmpty, "\(seed) page \(index): \(problems)")
        }
    }

    /// Each rule's record, on text written for it.
    @Test func eachRuleRecordsWhatItRemoved() throws {
        let text = """
            首页 > 新闻 > 正文
            集宁区推进基层治理

            2023年05月12日 来源：正北方网
            本报记者●李亮

            ““普法早市普法早市””让法治观念深入人心让法治观念深入人心。。
            矛盾糾紛即調(diào)機制运行良好，群众满意。

            民警在社区宣传 王刚 摄
            民警在社区宣传 王刚 摄

            社区民警走访群众<b>两百余户</b>，发放资料。(记者 黄景莲)
            返回顶部
            版权所有 © 2023 正北方网
            联系我们
            """
        var removals: [Removal] = []
        let articles = try Cleaner().clean(RawDocument(source: "t", bytes: Array(text.utf8)), removals: &removals)
        #expect(CleaningInvariant.problems(input: TextNormalizer().normalize(text), articles: articles, removals: removals).isEmpty)
        let found = Set(removals.map { "\($0.line) \($0.rule) \($0.text)" })
        let expected = [
            "1 drop (首页|主页|网站首页)\\s*(>|＞|›|»|/).* 首页 > 新闻 > 正文",
            "2 title 集宁区推进基层治理",
            "4 metadata 2023年05月12日 来源：正北方网",
            "5 byline 本报记者●李亮",
            "7 doubled run “普法早市”让法治观念深入人心。",
            "8 pinyin (diào)",
            "10 caption 民警在社区宣传 王刚 摄",
            "11 repeated caption 民警在社区宣传 王刚 摄",
            "13 strip </?[A-Za-z][^<>]{0,300}> <b>",
            "13 strip </?[A-Za-z][^<>]{0,300}> </b>",
            "13 byline (记者 黄景莲)",
            "14 drop 分享让更多人看到|分享到\\s*[:：]?.{0,40}|一键分享.{0,20}|返回顶部|回到顶部|打印本页|关闭窗口|【?打印】?|【?关闭】?|【?收藏】?|扫一扫.{0,40}|点击(查看)?(大图|原图) 返回顶部",
            "15 end (版权所有|Copyright|COPYRIGHT|©).{0,120} 版权所有 © 2023正北方网",
            "16 after end (版权所有|Copyright|COPYRIGHT|©).{0,120} 联系我们",
        ]
        for line in expected { #expect(found.contains(line), "missing: \(line)\nrecorded: \(found.sorted())") }
        #expect(removals.count == expected.count)
    }
}
