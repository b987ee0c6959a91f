import Foundation
import Hummingbird
import Logging
import ZhiliCore
import ZhiliStore
@testable import ZhiliServer

/// A small index built once per test process from hand-made records, served read-only.
enum ServerFixture {
    static let jining = RegionRef(name: "集宁区", code: "150902")
    static let ulanqab = RegionRef(name: "乌兰察布市", code: "150900")
    static let hinggan = RegionRef(name: "兴安盟", code: "152200")
    static let bayannur = RegionRef(name: "巴彦淖尔市", code: "150800")
    static let wuhai = RegionRef(name: "乌海市", code: "150300")

    /// A record whose programs and figures are located in the text by search.
    static func record(
        id: String, title: String, date: String, paragraphs: [String], region: (RegionRef, RegionLevel, RegionRef),
        programs: [String] = [], figures: [(text: String, value: Double, unit: String, indicator: String, year: Int)] = []
    ) -> ArticleRecord {
        let article = Article(id: id, source: "fixture/\(id).txt", title: title, date: date, outlet: "正北方网", paragraphs: paragraphs)
        let text = article.text
        let programMentions = programs.map { name in
            let (start, end, sentence) = locate(name, in: text)
            return ProgramMention(name: name, start: start, end: end, sentence: sentence, region: region.0)
        }
        let figureValues = figures.map { figure in
            let (start, end, sentence) = locate(figure.text, in: text)
            return Figure(
                text: figure.text, value: figure.value, unit: figure.unit, kind: .count, metric: nil,
                indicator: figure.indicator, year: figure.year, region: region.0, start: start, end: end, sentence: sentence)
        }
        return ArticleRecord(
            article: article,
            regions: [RegionMention(name: region.0.name, code: region.0.code, level: region.1, prefecture: region.2, mentions: 1)],
            programs: programMentions, figures: figureValues)
    }

    /// Scalar offsets of the first `needle` in `text` and its sentence.
    static func locate(_ needle: String, in text: String) -> (Int, Int, String) {
        guard let range = text.range(of: needle) else { preconditionFailure("\(needle) is not in the fixture text") }
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
        let end = start + needle.unicodeScalars.count
        let scalars = Array(text.unicodeScalars)
        var sentenceStart = start
        while sentenceStart > 0, !"。\n".unicodeScalars.contains(scalars[sentenceStart - 1]) { sentenceStart -= 1 }
        var sentenceEnd = end
        while sentenceEnd < scalars.count, scalars[sentenceEnd] != "\n" {
            sentenceEnd += 1
            if scalars[sentenceEnd - 1] == "。" { break }
        }
        return (start, end, String(String.UnicodeScalarView(scalars[sentenceStart..<sentenceEnd])))
    }

    static let records = [
        record(
            id: "laoli", title: "集宁区:精准“把脉”筑牢安全稳定屏障", date: "2023-05-10",
            paragraphs: [
                "近年来,集宁区坚定不移贯彻总体国家安全观,强化基层治理。",
                "近日,在“老李调解室”里,居民王女士正在和民警李明讲述着自己遇到的麻烦。",
                "集宁区公安分局累计排查化解矛盾纠纷2000余起。",
            ],
            region: (jining, .county, ulanqab), programs: ["老李调解室"],
            figures: [("2000余起", 2000, "起", "disputes_resolved", 2023)]),
        record(
            id: "hinggan", title: "兴安盟织密基层治理网格", date: "2022-08-01",
            paragraphs: ["兴安盟划分全科网格4580个,配备专兼职网格员2.2万人,实现网格管理全覆盖。"],
            region: (hinggan, .prefecture, hinggan),
            figures: [("4580个", 4580, "个", "grids", 2022), ("2.2万人", 22000, "人", "grid_workers", 2022)]),
        record(
            id: "bayannur", title: "巴彦淖尔市网格化服务管理见成效", date: "2023-03-15",
            paragraphs: ["巴彦淖尔市共划分网格5780个,配备专兼职网格员23700人。", "乌拉特前旗探索两全代办制,群众办事不出村。"],
            region: (bayannur, .prefecture, bayannur), programs: ["两全代办制"],
            figures: [("5780个", 5780, "个", "grids", 2023), ("23700人", 23700, "人", "grid_workers", 2023)]),
        record(
            id: "wuhai", title: "乌海市打击治理电信网络诈骗", date: "2021-11-20",
            paragraphs: ["乌海市划分640个网格,网格员走村入户宣传反诈知识。"],
            region: (wuhai, .prefecture, wuhai), figures: [("640个", 640, "个", "grids", 2021)]),
        record(
            id: "script", title: "<script>alert('title')</script>乌海网格", date: "2023-01-01",
            paragraphs: ["网格员发现<script>alert(1)</script>字样的传单,<b>立即</b>上报。"],
            region: (wuhai, .prefecture, wuhai)),
    ]

    /// The index file, written once.
    static let databasePath: String = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zhili-server-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: directory)
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("zhili.db").path
        let store = try! SQLiteStore(path: path, mode: .readWrite)
        try! store.write(records)
        return path
    }()

    /// The application over the fixture index opened read-only, as `zhili serve` opens it.
    static func app() async throws -> some ApplicationProtocol {
        var logger = Logger(label: "zhili.test")
        logger.logLevel = .warning
        return try await buildApplication(databasePath: databasePath, configuration: ServerConfiguration(port: 0), logger: logger)
    }
}
