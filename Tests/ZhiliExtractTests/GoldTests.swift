import Foundation
import Testing
import ZhiliCore
@testable import ZhiliExtract

/// Holds extraction on the hand-annotated seed articles to the targets.
@Suite struct GoldTests {
    /// Records for every gold article, computed once.
    static let cached = Result { try computeRecords() }

    static func records() throws -> [(label: String, record: ArticleRecord, gold: GoldArticle)] {
        try cached.get()
    }

    /// Records for every gold article, with their gold.
    static func computeRecords() throws -> [(label: String, record: ArticleRecord, gold: GoldArticle)] {
        let extractor = try Extractor()
        var result: [(String, ArticleRecord, GoldArticle)] = []
        for file in try GoldScorer.loadGold() {
            for (index, gold) in file.articles.enumerated() {
                let article = GoldScorer.article(gold, source: file.source, index: index)
                result.append(("\(file.source.prefix(3))#\(index)", try extractor.extract(article), gold))
            }
        }
        return result
    }

    @Test func seedScoresMeetTargets() throws {
        var scorer = GoldScorer()
        let records = try Self.records()
        #expect(records.count == 6)
        for (label, record, gold) in records { scorer.score(record, gold: gold, label: label) }
        print("GOLD SCORES\n" + scorer.summary)
        // ZHILI_GOLD_DUMP=path writes the records as JSON Lines for inspection.
        if let path = ProcessInfo.processInfo.environment["ZHILI_GOLD_DUMP"] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let lines = try records.map { String(decoding: try encoder.encode($0.record), as: UTF8.self) }
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        print(scorer.report.joined(separator: "\n"))
        #expect(scorer.figures.f1 >= 0.95)
        #expect(scorer.programs.f1 >= 0.9)
        #expect(scorer.regions.f1 >= 0.95)
    }

    struct Expected: Sendable, CustomStringConvertible {
        var seed: String
        var text: String
        var value: Double
        var unit: String
        var metricContains: String
        var region: String
        var description: String { "\(seed) \(text)" }
    }

    @Test(arguments: [
        Expected(seed: "002", text: "23700人", value: 23700, unit: "人", metricContains: "专兼职网格员", region: "150800"),
        Expected(seed: "003", text: "4580个", value: 4580, unit: "个", metricContains: "全科网格", region: "152200"),
        Expected(seed: "003", text: "2.2万人", value: 22000, unit: "人", metricContains: "网格员", region: "152200"),
        Expected(seed: "004", text: "640个", value: 640, unit: "个", metricContains: "网格", region: "150300"),
        Expected(seed: "001", text: "41.3%", value: 41.3, unit: "%", metricContains: "化解成功率", region: "150602"),
        Expected(seed: "002", text: "384.5万元", value: 3_845_000, unit: "元", metricContains: "追赃挽损", region: "150800"),
        Expected(seed: "002", text: "31.7%", value: 31.7, unit: "%", metricContains: "刑事案件", region: "150800"),
    ])
    func requiredFigures(_ expected: Expected) throws {
        let figures = try Self.records().filter { $0.label.hasPrefix(expected.seed) }.flatMap(\.record.figures)
        let figure = try #require(figures.first { $0.text == expected.text })
        #expect(figure.value == expected.value)
        #expect(figure.unit == expected.unit)
        #expect(figure.metric?.contains(expected.metricContains) == true)
        #expect(figure.region?.code == expected.region)
    }

    @Test func criminalCasesChange() throws {
        let figures = try Self.records().filter { $0.label.hasPrefix("002") }.flatMap(\.record.figures)
        let figure = try #require(figures.first { $0.text == "31.7%" })
        #expect(figure.change == .下降)
        #expect(figure.basis == .同比)
        #expect(figure.indicator == "criminal_cases")
    }

    @Test(arguments: ["老李调解室", "枫桥经验", "雪亮工程", "两全代办制", "一格一长一警一专多兼"])
    func requiredPrograms(_ name: String) throws {
        let programs = try Self.records().flatMap(\.record.programs).map(\.name)
        #expect(programs.contains { $0 == name || $0.hasPrefix(name) })
    }
}
