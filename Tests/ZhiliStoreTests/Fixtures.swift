import Foundation
import ZhiliCore
@testable import ZhiliStore

/// Hand-built records modelled on the seed articles, with offsets computed from the text.
enum Fixtures {
    static let jining = RegionRef(name: "集宁区", code: "150902")
    static let ulanqab = RegionRef(name: "乌兰察布市", code: "150900")
    static let hinggan = RegionRef(name: "兴安盟", code: "152200")
    static let bayannur = RegionRef(name: "巴彦淖尔市", code: "150800")
    static let wuhai = RegionRef(name: "乌海市", code: "150300")
    static let dongsheng = RegionRef(name: "东胜区", code: "150602")
    static let ordos = RegionRef(name: "鄂尔多斯市", code: "150600")

    /// A record whose programs and figures are located by searching `paragraphs`.
    static func record(
        id: String, title: String, date: String?, paragraphs: [String],
        regions: [(RegionRef, RegionLevel, RegionRef?)],
        programs: [(String, RegionRef?)] = [],
        figures: [(text: String, value: Double, unit: String, indicator: String?, metric: String?, region: RegionRef?, year: Int?)] = []
    ) -> ArticleRecord {
        let article = Article(id: id, source: "fixture/\(id).txt", title: title, date: date, outlet: "正北方网", paragraphs: paragraphs)
        let text = article.text
        let mentions = regions.map { RegionMention(name: $0.0.name, code: $0.0.code, level: $0.1, prefecture: $0.2, mentions: 1) }
        var seen: [String: Int] = [:]
        let programMentions = programs.map { name, region in
            let (start, end, sentence) = locate(name, in: text, occurrence: seen[name, default: 0])
            seen[name, default: 0] += 1
            return ProgramMention(name: name, start: start, end: end, sentence: sentence, region: region)
        }
        let figureValues = figures.map { figure in
            let (start, end, sentence) = locate(figure.text, in: text)
            return Figure(
                text: figure.text, value: figure.value, unit: figure.unit, kind: .count, metric: figure.metric,
                indicator: figure.indicator, year: figure.year, region: figure.region, start: start, end: end, sentence: sentence)
        }
        return ArticleRecord(article: article, regions: mentions, programs: programMentions, figures: figureValues)
    }

    /// Scalar offsets of the first `needle` in `text` and the sentence holding it.
    static func locate(_ needle: String, in text: String, occurrence: Int = 0) -> (Int, Int, String) {
        var searchStart = text.startIndex
        var found: Range<String.Index>?
        for _ in 0...occurrence {
            found = text.range(of: needle, range: searchStart..<text.endIndex)
            guard let range = found else { break }
            searchStart = range.upperBound
        }
        guard let range = found else { preconditionFailure("\(needle) is not in the fixture text") }
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
        let end = start + needle.unicodeScalars.count
        let scalars = Array(text.unicodeScalars)
        var sentenceStart = start
        while sentenceStart > 0, !"。！？\n".unicodeScalars.contains(scalars[sentenceStart - 1]) { sentenceStart -= 1 }
        var sentenceEnd = end
        while sentenceEnd < scalars.count, !"\n".unicodeScalars.contains(scalars[sentenceEnd]) {
            sentenceEnd += 1
            if "。！？".unicodeScalars.contains(scalars[sentenceEnd - 1]) { break }
        }
        return (start, end, String(String.UnicodeScalarView(scalars[sentenceStart..<sentenceEnd])))
    }

    static let laoli = record(
        id: "laoli", title: "集宁区:精准“把脉”筑牢安全稳定屏障", date: "2023-05-10",
        paragraphs: [
            "近年来,集宁区坚定不移贯彻总体国家安全观,强化基层治理。",
            "近日,在“老李调解室”里,居民王女士正在和民警李明讲述着自己遇到的麻烦。",
            "从2022年起,集宁区公安分局已在12个派出所推广“老李调解室”的经验做法,累计排查化解矛盾纠纷2000余起。",
        ],
        regions: [(jining, .county, ulanqab)],
        programs: [("老李调解室", jining), ("老李调解室", jining)],
        figures: [("2000余起", 2000, "起", "disputes_resolved", "排查化解矛盾纠纷", jining, 2023)])

    static let hingganGrids = record(
        id: "hinggan", title: "兴安盟织密基层治理网格", date: "2022-08-01",
        paragraphs: [
            "兴安盟划分全科网格4580个,配备专兼职网格员2.2万人,实现网格管理全覆盖。",
            "各旗县市推行“一格一长一警一专多兼”工作机制,矛盾纠纷调解成功率明显提升。",
        ],
        regions: [(hinggan, .prefecture, hinggan)],
        programs: [("一格一长一警一专多兼", hinggan)],
        figures: [
            ("4580个", 4580, "个", "grids", "全科网格", hinggan, 2022),
            ("2.2万人", 22000, "人", "grid_workers", "专兼职网格员", hinggan, 2022),
        ])

    static let bayannurGrids = record(
        id: "bayannur", title: "巴彦淖尔市网格化服务管理见成效", date: "2023-03-15",
        paragraphs: [
            "巴彦淖尔市共划分网格5780个,配备专兼职网格员23700人。",
            "乌拉特前旗探索两全代办制,群众办事不出村。",
        ],
        regions: [(bayannur, .prefecture, bayannur)],
        programs: [("两全代办制", RegionRef(name: "乌拉特前旗", code: "150823"))],
        figures: [
            ("5780个", 5780, "个", "grids", "网格", bayannur, 2023),
            ("23700人", 23700, "人", "grid_workers", "专兼职网格员", bayannur, 2023),
        ])

    static let wuhaiFraud = record(
        id: "wuhai", title: "乌海市打击治理电信网络诈骗", date: "2021-11-20",
        paragraphs: [
            "乌海市划分640个网格,网格员走村入户宣传反诈知识。",
            "全年电信网络诈骗案件同比下降31.7%,追赃挽损384.5万元。",
        ],
        regions: [(wuhai, .prefecture, wuhai)],
        figures: [("640个", 640, "个", "grids", "网格", wuhai, 2021)])

    static let ordosODR = record(
        id: "ordos", title: "东胜区ODR平台化解纠纷", date: "2023-09-02",
        paragraphs: [
            "东胜区上线ODR在线调解平台,化解成功率41.3%。",
            "“枫桥经验”在东胜区落地生根,矛盾纠纷就地化解。",
        ],
        regions: [(dongsheng, .county, ordos)],
        programs: [("枫桥经验", dongsheng), ("ODR在线调解平台", dongsheng)],
        figures: [("41.3%", 41.3, "%", "dispute_resolution_rate", "化解成功率", dongsheng, 2023)])

    static let all = [laoli, hingganGrids, bayannurGrids, wuhaiFraud, ordosODR]

    /// A reprint of ``bayannurGrids`` (a sentence edited throughout, a footer added), dated later:
    /// it joins the original's cluster.
    static var bayannurReprint: ArticleRecord {
        var reprint = bayannurGrids
        reprint.article.id = "bayannur-reprint"
        reprint.article.source = "mirror/bayannur.html"
        reprint.article.date = "2023-03-20"
        reprint.article.paragraphs = reprint.article.paragraphs.map { $0.replacingOccurrences(of: "。", with: "，成效明显。") } + ["来源：巴彦淖尔日报　责任编辑：王芳"]
        return reprint
    }

    /// ``bayannurReprint`` from another site, dated before the original: the preferred copy.
    static var bayannurEarlier: ArticleRecord {
        var earlier = bayannurReprint
        earlier.article.id = "bayannur-earlier"
        earlier.article.source = "another/site.html"
        earlier.article.date = "2023-03-01"
        return earlier
    }

    /// `record` as the store reads it back when it has no copy: its own cluster, its one source.
    static func stored(_ record: ArticleRecord) -> ArticleRecord {
        var stored = record
        stored.cluster = record.article.id
        stored.duplicateOf = nil
        stored.sources = [record.article.source]
        return stored
    }

    /// A paragraph of `length` Han characters drawn from a fixed pool by `seed`: distinct seeds
    /// give texts that share no run of four characters by design, so they are never near-duplicates.
    static func distinctText(seed: Int, length: Int = 80) -> String {
        let pool = Array("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质")
        var state = UInt64(truncatingIfNeeded: seed) &* 6364136223846793005 &+ 1442695040888963407
        return String((0..<length).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return pool[Int(state >> 33) % pool.count]
        })
    }

    /// One store holding ``all``, shared by suites that only read.
    static let shared: SQLiteStore = {
        do {
            return try store().0
        } catch {
            preconditionFailure("cannot build the fixture store: \(error)")
        }
    }()

    /// A fresh store in a temporary directory, filled with `records`.
    static func store(_ records: [ArticleRecord] = all) throws -> (SQLiteStore, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zhili-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory.appendingPathComponent("test.db").path)
        try store.write(records)
        return (store, directory)
    }
}
