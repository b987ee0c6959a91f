import Foundation
import Testing
import ZhiliCore
@testable import ZhiliIngest

/// The hand-written gold files in corpus/gold, compared with what the cleaner makes of corpus/raw.
@Suite struct GoldenTests {
    struct GoldFile: Decodable {
        var source: String
        var articles: [GoldArticle]
    }

    struct GoldArticle: Decodable {
        var title: String?
        var subtitle: String?
        var date: String?
        var outlet: String?
        var authors: [String]
        var editors: [String]
        var paragraphs: [String]
        var captions: [String]
    }

    static func gold(_ seed: String) throws -> GoldFile {
        let url = Fixtures.gold.appendingPathComponent(seed.replacingOccurrences(of: ".txt", with: ".json"))
        return try JSONDecoder().decode(GoldFile.self, from: Data(contentsOf: url))
    }

    static func clean(_ seed: String) throws -> [Article] {
        let cleaner = try Cleaner()
        return try cleaner.clean(RawDocument(source: seed, bytes: Fixtures.bytes(seed)))
    }

    /// A readable line diff of two paragraph lists.
    static func diff(_ expected: [String], _ actual: [String]) -> String {
        var lines: [String] = []
        for index in 0..<max(expected.count, actual.count) {
            let want = index < expected.count ? expected[index] : "∅"
            let got = index < actual.count ? actual[index] : "∅"
            if want != got { lines.append("¶\(index)\n  want: \(want)\n  got:  \(got)") }
        }
        return lines.joined(separator: "\n")
    }

    @Test func theCorpusHoldsSixArticles() throws {
        #expect(Fixtures.seeds.count == 5)
        let total = try Fixtures.seeds.map { try Self.clean($0).count }.reduce(0, +)
        #expect(total == 6)
    }

    @Test(arguments: Fixtures.seeds)
    func matchesGold(seed: String) throws {
        let gold = try Self.gold(seed)
        let articles = try Self.clean(seed)
        try #require(articles.count == gold.articles.count, "\(seed): \(articles.count) articles, gold has \(gold.articles.count)")
        for (article, expected) in zip(articles, gold.articles) {
            #expect(article.title == expected.title, "\(seed) title")
            #expect(article.subtitle == expected.subtitle, "\(seed) subtitle")
            #expect(article.date == expected.date, "\(seed) date")
            #expect(article.outlet == expected.outlet, "\(seed) outlet")
            #expect(article.authors == expected.authors, "\(seed) authors")
            #expect(article.editors == expected.editors, "\(seed) editors")
            #expect(article.captions == expected.captions, "\(seed) captions")
            let want = expected.paragraphs.map(TextShape.withoutSpaces)
            let got = article.paragraphs.map(TextShape.withoutSpaces)
            #expect(got == want, "\(seed) paragraphs (spaces ignored):\n\(Self.diff(want, got))")
            // Exact equality, spaces included: reached on every seed, kept as a check.
            #expect(article.paragraphs == expected.paragraphs, "\(seed) paragraphs (exact):\n\(Self.diff(expected.paragraphs, article.paragraphs))")
        }
    }

    @Test(arguments: Fixtures.seeds)
    func bodiesAreClean(seed: String) throws {
        let filter = BoilerplateFilter(patterns: try BoilerplatePatterns.builtIn())
        let doubled = DoubledRunRepair()
        let gaps = PageGapJoiner()
        for article in try Self.clean(seed) {
            for (index, paragraph) in article.paragraphs.enumerated() {
                #expect(filter.classify(paragraph) == .keep(paragraph), "\(seed): boilerplate in body: \(paragraph)")
                #expect(doubled.repair(paragraph) == paragraph, "\(seed): doubled run in body: \(paragraph)")
                for phrase in ["小字号", "分享让更多人看到", "返回顶部", "责任编辑", "责编", "版权", "今日内蒙古", "E-mail", "首页 >", ">>"] {
                    #expect(!paragraph.contains(phrase), "\(seed): \(phrase) in body")
                }
                // No sentence broken across paragraphs: a body paragraph that does not end a sentence
                // is a heading (or the out-of-order layout fragment that the gold file keeps as is).
                if index + 1 < article.paragraphs.count {
                    #expect(!gaps.shouldJoin(paragraph, article.paragraphs[index + 1]), "\(seed): broken sentence: \(paragraph)")
                }
                #expect(!paragraph.contains("\n"))
            }
        }
    }
}
