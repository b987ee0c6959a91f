import Foundation
import Testing
import ZhiliCore
import ZhiliExtract
@testable import ZhiliStore

/// ``ProgramTimeline/build(program:mentions:regions:within:)`` on hand-made mention rows: the rules
/// every store shares.
@Suite struct ProgramTimelineTests {
    /// A mention row: article, date, cluster, region code.
    static func mention(_ id: String, _ date: String?, cluster: String? = nil, _ code: String, aliases: [String] = []) -> ProgramTimelineMention {
        ProgramTimelineMention(articleID: id, title: "title \(id)", date: date, cluster: cluster ?? id, regionCode: code, aliases: aliases)
    }

    static let regions = RegionTable.bundled
    static func build(_ mentions: [ProgramTimelineMention], within: String? = nil) -> ProgramTimeline {
        ProgramTimeline.build(program: "老李调解室", mentions: mentions, regions: regions, within: within)
    }

    /// Regions of one level as `code: first id, latest id, clusters`.
    static func summary(_ timeline: ProgramTimeline, _ level: RegionLevel) -> [String] {
        timeline.regions(at: level).map { "\($0.region.code): \($0.first.id) \($0.latest.id) \($0.clusters)" }
    }

    @Test func firstAndLatestPerCountyLeagueAndProvince() {
        let timeline = Self.build([
            Self.mention("b", "2021-06-01", "150902"),        // 集宁区
            Self.mention("a", "2020-03-02T09:30", "150902"),  // 集宁区, earlier
            Self.mention("c", "2022-01-15", "150921"),        // 卓资县, 乌兰察布市
            Self.mention("d", "2019-12-31", "150900"),        // 乌兰察布市 itself
            Self.mention("e", "2023-07-07", "152201"),        // 乌兰浩特市, 兴安盟
        ])
        #expect(Self.summary(timeline, .county) == ["150902: a b 2", "150921: c c 1", "152201: e e 1"])
        #expect(Self.summary(timeline, .prefecture) == ["150900: d c 4", "152200: e e 1"])
        #expect(Self.summary(timeline, .province) == ["150000: d e 5"])
        let jining = timeline.regions(at: .county)[0]
        #expect(jining.region.name == "集宁区")
        #expect(jining.prefecture?.code == "150900")
        #expect(jining.first.year == 2020)
        #expect(jining.first.date == "2020-03-02T09:30")
        // A league's first mention keeps the region it came from.
        #expect(timeline.regions(at: .prefecture)[1].first.region.name == "乌兰浩特市")
        #expect(timeline.datedArticles == 5)
        #expect(timeline.undatedArticles == 0)
    }

    @Test func undatedArticlesAreLeftOutAndCounted() {
        let timeline = Self.build([
            Self.mention("dated", "2021-05-05", "150902"),
            Self.mention("undated", nil, "150921"),
            Self.mention("no-year", "五月", "150921"),
            Self.mention("no-region", "2020-01-01", ""),
        ])
        #expect(Self.summary(timeline, .county) == ["150902: dated dated 1"])
        #expect(Self.summary(timeline, .province) == ["150000: dated dated 1"])
        #expect(timeline.undatedArticles == 2)
        #expect(timeline.datedArticles == 1)
    }

    @Test func aClusterCountsOncePerRegionByItsEarliestCopy() {
        let timeline = Self.build([
            Self.mention("original", "2020-01-10", cluster: "k", "150902"),
            Self.mention("mirror", "2020-01-12", cluster: "k", "150902"),     // same region: counts once
            Self.mention("late-mirror", "2023-04-01", cluster: "k", "150902"),
            Self.mention("other", "2021-02-02", "150902"),
            Self.mention("reprint", "2022-08-08", cluster: "k", "150921"),    // another county of the league
        ])
        #expect(Self.summary(timeline, .county) == ["150902: original other 2", "150921: reprint reprint 1"])
        // At league and province level the cluster is one article, counted by its earliest copy.
        #expect(Self.summary(timeline, .prefecture) == ["150900: original other 2"])
        #expect(Self.summary(timeline, .province) == ["150000: original other 2"])
        #expect(timeline.datedArticles == 2)
    }

    @Test func reuseLinksJoinACopyInAnotherRegionDatedLater() {
        let timeline = Self.build([
            Self.mention("source", "2020-01-10", cluster: "k", "150902"),          // 集宁区
            Self.mention("same-day", "2020-01-10T18:00", cluster: "k", "152201"),  // 乌兰浩特市, same day: no link
            Self.mention("reuse", "2021-03-03", cluster: "k", "150921"),           // 卓资县: link
            Self.mention("reuse-again", "2021-09-09", cluster: "k", "150921"),     // 卓资县 again: its earliest copy only
            Self.mention("league", "2022-02-02", cluster: "k", "150900"),          // 乌兰察布市 holds 集宁区: no link
            Self.mention("far", "2022-05-05", cluster: "k", "150802"),             // 临河区: link
            Self.mention("alone", "2022-05-05", "150802"),
        ])
        #expect(timeline.reuse.map { "\($0.source.id)→\($0.target.id)" } == ["source→reuse", "source→far"])
        #expect(timeline.reuse.first?.target.region.name == "卓资县")
    }

    @Test func aRegionFilterKeepsItsSubtree() {
        let timeline = Self.build([
            Self.mention("a", "2020-01-01", "150902"),
            Self.mention("b", "2019-01-01", "152201"),
        ], within: "150900")
        #expect(timeline.regions.map(\.region.code) == ["150902", "150900"])
        #expect(timeline.datedArticles == 1)
    }

    @Test func aliasesAreGatheredWithoutTheName() {
        let timeline = Self.build([
            Self.mention("a", "2020-01-01", "150902", aliases: ["老李调解工作室"]),
            Self.mention("b", "2020-02-01", "150902", aliases: ["老李调解室", "李调解室"]),
        ])
        #expect(timeline.aliases == ["李调解室", "老李调解工作室"])
    }
}

/// The SQLite store's timeline: mentions of every stored copy, clusters found at write time.
@Suite struct ProgramTimelineStoreTests {
    @Test func storedCopiesCountOncePerRegionAndReuseShows() throws {
        let ulanhot = RegionRef(name: "乌兰浩特市", code: "152201")
        // The same article reprinted by 乌兰浩特市 (its region names replaced) a year later.
        var crossRegion = Fixtures.record(
            id: "laoli-ulanhot", title: "乌兰浩特市:精准“把脉”筑牢安全稳定屏障", date: "2024-02-01",
            paragraphs: Fixtures.laoli.article.paragraphs.map { $0.replacingOccurrences(of: "集宁区", with: "乌兰浩特市") },
            regions: [(ulanhot, .county, Fixtures.hinggan)],
            programs: [("老李调解室", ulanhot)])
        crossRegion.article.source = "ulanhot/laoli.html"
        // A mirror in 集宁区 itself, with another site's footer.
        var mirror = Fixtures.laoli
        mirror.article.id = "laoli-mirror"
        mirror.article.source = "mirror/laoli.html"
        mirror.article.date = "2023-06-01"
        mirror.article.paragraphs += ["来源：乌兰察布日报　责任编辑：王芳"]
        let other = Fixtures.record(
            id: "laoli-2024", title: "集宁区调解工作再上新台阶", date: "2024-03-03",
            paragraphs: [Fixtures.distinctText(seed: 7) + "。", "“老李调解室”年内调解纠纷三百余起。"],
            regions: [(Fixtures.jining, .county, Fixtures.ulanqab)],
            programs: [("老李调解室", Fixtures.jining)])
        let undated = Fixtures.record(
            id: "laoli-undated", title: "化德县学习老李调解室", date: nil,
            paragraphs: [Fixtures.distinctText(seed: 11) + "。", "化德县组织学习“老李调解室”经验。"],
            regions: [(RegionRef(name: "化德县", code: "150922"), .county, Fixtures.ulanqab)],
            programs: [("老李调解室", RegionRef(name: "化德县", code: "150922"))])
        let (store, _) = try Fixtures.store(Fixtures.all + [crossRegion, mirror, other, undated])
        try #require(try store.article(id: "laoli-ulanhot")?.cluster == "laoli")
        try #require(try store.article(id: "laoli-mirror")?.cluster == "laoli")
        try #require(try store.article(id: "laoli-2024")?.cluster == "laoli-2024")

        let timeline = try #require(try store.programTimelines(ProgramTimelineRequest(query: "调解室")).first)
        #expect(timeline.program == "老李调解室")
        func rows(_ level: RegionLevel) -> [String] {
            timeline.regions(at: level).map { "\($0.region.name) \($0.first.date) \($0.latest.date) \($0.clusters)" }
        }
        #expect(rows(.county) == ["集宁区 2023-05-10 2024-03-03 2", "乌兰浩特市 2024-02-01 2024-02-01 1"])
        #expect(rows(.prefecture) == ["乌兰察布市 2023-05-10 2024-03-03 2", "兴安盟 2024-02-01 2024-02-01 1"])
        #expect(rows(.province) == ["内蒙古自治区 2023-05-10 2024-03-03 2"])
        #expect(timeline.undatedArticles == 1)
        #expect(timeline.datedArticles == 2)
        #expect(timeline.reuse.map { "\($0.source.id)→\($0.target.id)" } == ["laoli→laoli-ulanhot"])

        // A region filter and an exact name.
        let filtered = try #require(try store.programTimelines(ProgramTimelineRequest(query: "老李调解室", exactName: true, region: "兴安盟")).first)
        #expect(filtered.regions.map(\.region.name) == ["乌兰浩特市", "兴安盟"])
        #expect(try store.programTimelines(ProgramTimelineRequest(query: "老李", exactName: true)).isEmpty)
        #expect(throws: StoreError.self) { try store.programTimelines(ProgramTimelineRequest(query: "老李", region: "火星")) }
    }
}
