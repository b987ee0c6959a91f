import Foundation
import GRDB
import Testing
import ZhiliCore
@testable import ZhiliStore

@Suite struct SQLiteStoreWriteTests {
    @Test func storedRecordsRoundTrip() throws {
        let (store, _) = try Fixtures.store()
        for record in Fixtures.all {
            #expect(try store.article(id: record.article.id) == Fixtures.stored(record))
        }
        #expect(try store.article(id: "missing") == nil)
    }

    @Test func regionRolesProgramAliasesAndYearSourcesRoundTrip() throws {
        var record = Fixtures.laoli
        record.regions[record.regions.count - 1].role = .mentioned
        record.programs[0].aliases = ["老李调解室品牌"]
        record.figures = record.figures.map { figure in
            var figure = figure
            figure.year = 2023
            figure.yearSource = .articleDate
            return figure
        }
        let (store, _) = try Fixtures.store([record])
        let stored = try #require(try store.article(id: record.article.id))
        #expect(stored == Fixtures.stored(record))
        #expect(stored.regions.last?.role == .mentioned)
        #expect(stored.programs.first?.aliases == ["老李调解室品牌"])
        #expect(stored.figures.allSatisfy { $0.yearSource == .articleDate })
    }

    /// The article's URL (migration v7) is stored and read back; records without one keep none.
    @Test func theArticleURLRoundTrips() throws {
        var record = Fixtures.laoli
        record.article.url = "https://www.example.gov.cn/xw/t20230707_1.html"
        let (store, _) = try Fixtures.store([record, Fixtures.wuhaiFraud])
        #expect(try store.article(id: record.article.id)?.article.url == "https://www.example.gov.cn/xw/t20230707_1.html")
        #expect(try store.article(id: Fixtures.wuhaiFraud.article.id)?.article.url == nil)
    }

    @Test func reindexingTheSameIDReplacesTheArticle() throws {
        let (store, _) = try Fixtures.store()
        var changed = Fixtures.wuhaiFraud
        changed.article.title = "乌海市建设智慧警务室"
        changed.article.paragraphs = ["乌海市新建智慧警务室12个。"]
        changed.figures = []
        let summary = try store.write([changed])
        #expect(summary == WriteSummary(inserted: 0, replaced: 1))
        #expect(try store.articleCount() == 5)
        #expect(try store.search(SearchRequest(query: "诈骗")).hits.isEmpty)
        #expect(try store.search(SearchRequest(query: "警务室")).hits.map(\.articleID) == ["wuhai"])
        #expect(try store.article(id: "wuhai") == Fixtures.stored(changed))
        let grids = try #require(try store.indicators().first { $0.id == "grids" })
        #expect(grids.figureCount == 2)
        #expect(grids.articleCount == 2)
    }

    @Test func programCountsFollowReplacements() throws {
        let (store, _) = try Fixtures.store()
        try store.write([Fixtures.laoli])
        var group = try #require(try store.programs(ProgramsRequest(query: "老李")).first)
        #expect(group.articleCount == 1)
        #expect(group.mentionCount == 2)
        var without = Fixtures.laoli
        without.programs = []
        try store.write([without])
        #expect(try store.programs(ProgramsRequest(query: "老李")).isEmpty)
        #expect(try store.programs(ProgramsRequest(query: "老李", region: "乌兰察布")).isEmpty)
        var later = Fixtures.laoli
        later.article.date = "2024-01-02"
        try store.write([later])
        group = try #require(try store.programs(ProgramsRequest(query: "老李")).first)
        #expect(group.articleCount == 1)
        #expect(group.firstSeen == "2024-01-02")
        #expect(group.years == [2024])
    }

    /// A reprint (first paragraph cut, a footer added, one sentence edited) joins the original's
    /// cluster; only the representative counts in compare, programs and indicators, and an
    /// earlier-dated copy takes its place.
    @Test func copiesCountOnceAndTheEarliestRepresents() throws {
        let (store, _) = try Fixtures.store()
        let reprint = Fixtures.bayannurReprint
        try store.write([reprint])
        let stored = try #require(try store.article(id: "bayannur-reprint"))
        #expect(stored.cluster == "bayannur")
        #expect(stored.duplicateOf == "bayannur")
        #expect(try store.article(id: "bayannur")?.duplicateOf == nil)
        func compareRows() throws -> [String] {
            try store.compare(CompareRequest(indicator: "grids")).rows.filter { $0.region.code == "150800" }.map(\.articleID)
        }
        #expect(try compareRows() == ["bayannur"])
        #expect(try store.indicators().first { $0.id == "grids" }?.articleCount == 3)
        let hits = try store.search(SearchRequest(query: "网格")).hits.filter { $0.title?.contains("巴彦淖尔") == true }
        #expect(hits.count == 1)
        #expect(hits.first?.copies == 1)

        // An earlier copy becomes the representative; the counts move to it.
        try store.write([Fixtures.bayannurEarlier])
        #expect(try store.article(id: "bayannur")?.duplicateOf == "bayannur-earlier")
        #expect(try store.article(id: "bayannur-reprint")?.duplicateOf == "bayannur-earlier")
        #expect(try compareRows() == ["bayannur-earlier"])
        #expect(try store.indicators().first { $0.id == "grids" }?.articleCount == 3)
        #expect(try store.search(SearchRequest(query: "网格")).hits.filter { $0.title?.contains("巴彦淖尔") == true }.first?.copies == 2)
    }

    /// A representative re-indexed with an edit leaves its cluster without one while it is placed
    /// again: its members are compared anew and it represents them again.
    @Test func aRepresentativeReindexedRepresentsAgain() throws {
        let (store, _) = try Fixtures.store()
        try store.write([Fixtures.bayannurReprint])
        var edited = Fixtures.bayannurGrids
        edited.article.paragraphs[0] += "记者走访了多个社区。"
        try store.write([edited])
        #expect(try store.article(id: "bayannur")?.duplicateOf == nil)
        #expect(try store.article(id: "bayannur-reprint")?.duplicateOf == "bayannur")
        #expect(try store.compare(CompareRequest(indicator: "grids")).rows.filter { $0.region.code == "150800" }.map(\.articleID) == ["bayannur"])
        #expect(try store.indicators().first { $0.id == "grids" }?.articleCount == 3)
    }

    /// A representative re-indexed with a later date than a copy it represented: placed again,
    /// it is compared with every member (its cluster has no representative meanwhile), and the
    /// earlier copy represents the cluster.
    @Test func aRepresentativeReindexedLaterLeavesTheEarlierCopyToRepresent() throws {
        let (store, _) = try Fixtures.store()
        try store.write([Fixtures.bayannurReprint])
        var later = Fixtures.bayannurGrids
        later.article.date = "2023-04-01"
        try store.write([later])
        #expect(try store.article(id: "bayannur-reprint")?.duplicateOf == nil)
        #expect(try store.article(id: "bayannur")?.duplicateOf == "bayannur-reprint")
        #expect(try store.compare(CompareRequest(indicator: "grids")).rows.filter { $0.region.code == "150800" }.map(\.articleID) == ["bayannur-reprint"])
    }

    @Test func duplicateIDsInOneBatchKeepTheLast() throws {
        var second = Fixtures.laoli
        second.article.title = "第二版"
        let (store, _) = try Fixtures.store([Fixtures.laoli, second])
        #expect(try store.articleCount() == 1)
        #expect(try store.article(id: "laoli")?.article.title == "第二版")
    }

    @Test func readOnlyStoreReadsButRefusesWrites() throws {
        let (_, directory) = try Fixtures.store()
        let reader = try SQLiteStore(path: directory.appendingPathComponent("test.db").path, mode: .readOnly)
        #expect(try reader.search(SearchRequest(query: "调解室")).hits.first?.articleID == "laoli")
        #expect(throws: StoreError.self) { try reader.write([Fixtures.laoli]) }
    }

    @Test func readOnlyStoreNeedsAnExistingIndex() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zhili-missing-\(UUID().uuidString).db").path
        #expect(throws: StoreError.self) { try SQLiteStore(path: path, mode: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func readersKeepWorkingWhileABatchWrites() async throws {
        let (store, directory) = try Fixtures.store()
        // Counts exact up to 10,000, above the 1,003 articles written here.
        let reader = try SQLiteStore(path: directory.appendingPathComponent("test.db").path, mode: .readOnly, countLimit: 10_000)
        let batches = 20
        let writer = Task.detached {
            for batch in 0..<batches {
                // Distinct articles (copies of one would count once in search).
                let records = (0..<50).map { index in
                    var record = Fixtures.hingganGrids
                    record.article.id = "article-\(batch)-\(index)"
                    record.article.paragraphs = ["兴安盟网格员" + Fixtures.distinctText(seed: batch * 50 + index)]
                    record.programs = []
                    record.figures = []
                    return record
                }
                try store.write(records)
            }
        }
        var counts: [Int] = []
        var reads = 0
        while !writer.isCancelled {
            let results = try await reader.search(SearchRequest(query: "网格员", limit: 1))
            counts.append(results.total)
            reads += 1
            if counts.last == 3 + batches * 50 { break }
            try await Task.sleep(for: .milliseconds(1))
            if reads > 100_000 { break }
        }
        try await writer.value
        // Every read saw a committed state: whole batches only, never going back.
        #expect(counts.allSatisfy { ($0 - 3) % 50 == 0 })
        #expect(counts == counts.sorted())
        // Another store sees the last batch as soon as it is written.
        #expect(try await reader.search(SearchRequest(query: "网格员", limit: 1)).total == 3 + batches * 50)
    }
}

@Suite struct SQLiteStoreAnalysisTests {
    let store = Fixtures.shared

    @Test func comparesAcrossTheTwelveLeaguesAndCities() throws {
        let comparison = try store.compare(CompareRequest(indicator: "grids"))
        let values = Dictionary(uniqueKeysWithValues: comparison.rows.map { ($0.region.name, $0.value) })
        #expect(values == ["巴彦淖尔市": 5780, "兴安盟": 4580, "乌海市": 640])
        #expect(comparison.missing.count == 9)
        #expect(comparison.rows.count + comparison.missing.count == 12)
        #expect(comparison.rows.first { $0.region.name == "兴安盟" }?.sentence.contains("全科网格4580个") == true)
        #expect(comparison.within == RegionRef(name: "内蒙古自治区", code: "150000"))
    }

    @Test func compareShowsTheLatestValueOrEveryValueForOneRegion() throws {
        let (store, _) = try Fixtures.store()
        // Another article reporting the league's grids (a copy of the first would count once).
        let again = Fixtures.record(
            id: "hinggan-2", title: "兴安盟网格化管理再升级", date: "2023-08-01",
            paragraphs: ["截至年底,兴安盟全科网格增至4700个,各苏木乡镇综治中心实现实体化运行。"],
            regions: [(Fixtures.hinggan, .prefecture, Fixtures.hinggan)],
            figures: [("4700个", 4700, "个", "grids", "全科网格", Fixtures.hinggan, 2023)])
        try store.write([again])
        let latest = try store.compare(CompareRequest(indicator: "grids"))
        #expect(latest.rows.filter { $0.region.code == "152200" }.map(\.articleID) == ["hinggan-2"])
        #expect(latest.omitted == ["152200": 1])
        let every = try store.compare(CompareRequest(indicator: "grids", selection: .all)).rows.filter { $0.region.code == "152200" }
        #expect(every.map(\.articleID) == ["hinggan-2", "hinggan"])
        #expect(every.map(\.year) == [2023, 2022])
    }

    @Test(arguments: [(2022, ["兴安盟"]), (2023, ["巴彦淖尔市"]), (2019, [])])
    func compareByYear(_ year: Int, _ regions: [String]) throws {
        #expect(try store.compare(CompareRequest(indicator: "grids", years: year...year)).rows.map(\.region.name) == regions)
    }

    @Test func compareAtCountyLevelWithinAPrefecture() throws {
        let comparison = try store.compare(CompareRequest(indicator: "dispute_resolution_rate", level: .county, within: "鄂尔多斯"))
        #expect(comparison.rows.map(\.region.name) == ["东胜区"])
        #expect(comparison.rows.first?.value == 41.3)
        #expect(comparison.missing.contains { $0.name == "康巴什区" })
    }

    @Test func unknownIndicatorIsAnError() throws {
        #expect(throws: StoreError.self) { try store.compare(CompareRequest(indicator: "nonsense")) }
    }

    @Test func listsIndicatorsWithCounts() throws {
        let indicators = try store.indicators()
        #expect(indicators.first?.id == "grids")
        #expect(indicators.first?.figureCount == 3)
        #expect(Set(indicators.map(\.id)) == ["grids", "grid_workers", "disputes_resolved", "dispute_resolution_rate"])
    }

    @Test func groupsProgramsWithNearbyFigures() throws {
        let groups = try store.programs(ProgramsRequest(query: "调解"))
        #expect(groups.map(\.name).sorted() == ["ODR在线调解平台", "老李调解室"])
        let laoli = try #require(groups.first { $0.name == "老李调解室" })
        #expect(laoli.articleCount == 1)
        #expect(laoli.mentionCount == 2)
        #expect(laoli.regions == [Fixtures.jining])
        #expect(laoli.years == [2023])
        #expect(laoli.firstSeen == "2023-05-10")
        #expect(laoli.figures.map(\.figure.text) == ["2000余起"])
        #expect(laoli.figures.first?.proximity == .sentence)
    }

    @Test(arguments: [("乌兰察布", ["老李调解室"]), ("巴彦淖尔", ["两全代办制"]), ("兴安盟", ["一格一长一警一专多兼"]), ("乌海", [])])
    func programsByRegion(_ region: String, _ expected: [String]) throws {
        #expect(try store.programs(ProgramsRequest(region: region)).map(\.name) == expected)
    }

    @Test func regionTreeCountsArticlesBelowEachDivision() throws {
        let tree = try store.regions()
        #expect(tree.name == "内蒙古自治区")
        #expect(tree.children.count == 12)
        #expect(tree.articleCount == 5)
        let ulanqab = try #require(tree.children.first { $0.code == "150900" })
        #expect(ulanqab.articleCount == 1)
        #expect(ulanqab.children.first { $0.code == "150902" }?.articleCount == 1)
    }

    @Test(arguments: [("乌兰察布", "150900"), ("集宁区", "150902"), ("150902", "150902"), ("1509", "150900"), ("兴安", "152200"), ("新城区", "150102"), ("呼市", "150100"), ("锡盟", "152500")])
    func resolvesRegions(_ text: String, _ code: String) {
        #expect(store.resolveRegion(text)?.code == code)
    }
}

/// What a full disk looks like to the user: SQLite's own `SQLITE_FULL`, raised here by a page
/// limit (`max_page_count`), becomes a sentence saying what is kept and to run with `--resume`.
@Suite struct DiskFullTests {
    @Test func sqliteFullIsExplained() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhili-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("full.db").path)
        let failure = #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE t (x TEXT); PRAGMA max_page_count = 8")
                for _ in 0..<1_000 { try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [String(repeating: "满", count: 1_000)]) }
            }
        }
        let explained = try #require(failure.flatMap { StoreError.explaining($0, path: "full.db") })
        #expect(explained == .diskFull(path: "full.db"))
        #expect(explained.description.contains("full.db") && explained.description.contains("--resume"))
        #expect(StoreError.explaining(DatabaseError(resultCode: .SQLITE_CONSTRAINT), path: nil) == nil)
    }
}
