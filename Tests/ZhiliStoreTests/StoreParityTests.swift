import Foundation
import PostgresNIO
import Testing
import ZhiliCore
import ZhiliPostgres
@testable import ZhiliStore

/// The PostgreSQL server the store tests use: `ZHILI_TEST_POSTGRES`, a URL of a database whose
/// user may create databases (scripts/with-postgres starts one and sets it). Without it these
/// tests are skipped, except in CI (`CI` set), where ``StoreParityTests/postgresIsConfiguredInCI()`` fails.
enum TestPostgres {
    static let url = ProcessInfo.processInfo.environment["ZHILI_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static var available: Bool { url != nil }

    /// A store on a new, empty database of its own, filled with `records` (one batch each).
    static func store(_ batches: [[ArticleRecord]] = [Fixtures.all]) async throws -> PostgresStore {
        let base = try ConnectionString(try #require(url))
        let name = "zhili_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        let connection = try await PostgresConnection.connect(configuration: try base.connectionConfiguration(), id: 1, logger: PostgresStore.quietLogger)
        // A database name cannot be a bound parameter; this one is generated from hex digits only.
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: PostgresStore.quietLogger)
        try await connection.close()
        var target = base
        target.database = name
        let store = try await PostgresStore.open("postgres://\(target.user)@\(target.host):\(target.port)/\(name)")
        for batch in batches { try await store.write(batch) }
        return store
    }
}

/// The same search, program, comparison and record cases against ``SQLiteStore`` and
/// ``PostgresStore`` holding the same records: every answer must be identical, hit for hit
/// (snippets, highlights, regions, programs, copies), except search scores, which each engine
/// computes its own way (BM25 against `ts_rank_cd`, see docs/postgres.md), so hits are compared
/// in article-id order.
@Suite(.serialized) struct StoreParityTests {
    @Test func postgresIsConfiguredInCI() {
        if ProcessInfo.processInfo.environment["CI"] != nil {
            #expect(TestPostgres.available, "CI must run the tests under scripts/with-postgres (ZHILI_TEST_POSTGRES is not set)")
        }
    }

    /// Both stores filled with `batches`, written in order.
    static func stores(_ batches: [[ArticleRecord]] = [Fixtures.all]) async throws -> (SQLiteStore, PostgresStore) {
        let (sqlite, _) = try Fixtures.store([])
        for batch in batches { try await sqlite.write(batch) }
        return (sqlite, try await TestPostgres.store(batches))
    }

    /// `results` with scores zeroed and hits in id order.
    static func comparable(_ results: SearchResults) -> SearchResults {
        var results = results
        results.hits = results.hits.map { hit in
            var hit = hit
            hit.score = 0
            return hit
        }.sorted { $0.articleID < $1.articleID }
        // A cursor holds the engine's score and key; only whether there is a next page compares.
        results.next = results.next.map { _ in SearchCursor(order: .score(0), key: 0) }
        return results
    }

    static let searches: [SearchRequest] = {
        let queries = [
            "调解室", "调解", "网", "格", "网格员", "odr", "ＯＤＲ", "枫桥经验", "网格 调解", "调解 OR 诈骗", "网格 -诈骗",
            "网格 -\"电信网络诈骗\"", "\"矛盾纠纷\"", "\"纠纷矛盾\"", "\"化解矛盾纠纷\"", "不存在的词", "2.2万人", "万人", "4580", "調解",
            "'", "*", "NEAR(调解 网格, 2)", "调解\" OR \"", "网格) OR (诈骗", "调解室'", "网格员\"", "\\", "%", "-调解 网格",
        ]
        var requests = queries.map { SearchRequest(query: $0, limit: 50) }
        for region in ["乌兰察布", "150900", "集宁区", "兴安盟", "内蒙古", "鄂尔多斯"] {
            requests.append(SearchRequest(query: "调解室 OR 枫桥经验", filters: SearchFilters(region: region), limit: 50))
        }
        for years in [2022...2022, 2021...2022, 2023...2030, 2010...2011] {
            requests.append(SearchRequest(query: "网格员", filters: SearchFilters(years: years), limit: 50))
        }
        requests += [
            SearchRequest(query: "网格", filters: SearchFilters(program: "代办制"), limit: 50),
            SearchRequest(query: "网格", filters: SearchFilters(indicator: "grid_workers"), limit: 50),
            SearchRequest(query: "", filters: SearchFilters(indicator: "grids"), limit: 50),
            SearchRequest(query: "", filters: SearchFilters(region: "内蒙古"), limit: 50),
            SearchRequest(query: "网格", limit: 2),
            SearchRequest(query: "网格", limit: 2, offset: 2),
            SearchRequest(query: "网格", limit: 2, offset: 10),
        ]
        return requests
    }()

    static let programRequests: [ProgramsRequest] = [
        ProgramsRequest(), ProgramsRequest(query: "调解"), ProgramsRequest(query: "老李"), ProgramsRequest(region: "乌兰察布"),
        ProgramsRequest(region: "巴彦淖尔"), ProgramsRequest(region: "兴安盟"), ProgramsRequest(region: "乌海"),
        ProgramsRequest(query: "经验", region: "内蒙古"), ProgramsRequest(limit: 1, figuresPerProgram: 0),
    ]

    static let compareRequests: [CompareRequest] = [
        CompareRequest(indicator: "grids"), CompareRequest(indicator: "grid_workers"), CompareRequest(indicator: "grids", years: 2022...2022),
        CompareRequest(indicator: "grids", years: 2019...2019), CompareRequest(indicator: "grids", within: "巴彦淖尔", selection: .all),
        CompareRequest(indicator: "dispute_resolution_rate", level: .county, within: "鄂尔多斯"),
        CompareRequest(indicator: "grids", selection: .all), CompareRequest(indicator: "grids", selection: .byYear),
        CompareRequest(indicator: "grids", kind: .change), CompareRequest(indicator: "grids", rollup: true),
        CompareRequest(indicator: "网格"), CompareRequest(indicator: "no_such_indicator"),
    ]

    static let timelineRequests: [ProgramTimelineRequest] = [
        ProgramTimelineRequest(query: "调解室"), ProgramTimelineRequest(query: "老李调解室", exactName: true, region: "兴安盟"),
        ProgramTimelineRequest(query: "老李", exactName: true), ProgramTimelineRequest(query: "经验"), ProgramTimelineRequest(query: "  "),
        ProgramTimelineRequest(query: "调解", limit: 1), ProgramTimelineRequest(query: "老李", region: "火星"),
    ]

    /// Every read the stores answer, compared; `ids` are the articles to read back.
    static func expectSameAnswers(_ sqlite: SQLiteStore, _ postgres: PostgresStore, ids: [String]) async throws {
        for request in searches {
            let expected = Result { comparable(try sqlite.search(request)) }
            let actual = await Result { comparable(try await postgres.search(request)) }
            switch (expected, actual) {
            case (.success(let expected), .success(let actual)):
                #expect(actual == expected, "search \(request.query) \(request.filters)")
            case (.failure(let expected), .failure(let actual)):
                #expect("\(actual)" == "\(expected)", "search \(request.query)")
            default:
                Issue.record("search \(request.query): SQLite \(expected), PostgreSQL \(actual)")
            }
        }
        for request in programRequests {
            #expect(try await postgres.programs(request) == (try sqlite.programs(request)), "programs \(request)")
        }
        for request in compareRequests {
            let expected = Result { try sqlite.compare(request) }
            let actual = await Result { try await postgres.compare(request) }
            switch (expected, actual) {
            case (.success(let expected), .success(let actual)):
                #expect(actual == expected, "compare \(request)")
            case (.failure(let expected), .failure(let actual)):
                #expect("\(actual)" == "\(expected)", "compare \(request)")
            default:
                Issue.record("compare \(request): SQLite \(expected), PostgreSQL \(actual)")
            }
        }
        for request in timelineRequests {
            let expected = Result { try sqlite.programTimelines(request) }
            let actual = await Result { try await postgres.programTimelines(request) }
            switch (expected, actual) {
            case (.success(let expected), .success(let actual)):
                #expect(actual == expected, "timeline \(request)")
            case (.failure(let expected), .failure(let actual)):
                #expect("\(actual)" == "\(expected)", "timeline \(request)")
            default:
                Issue.record("timeline \(request): SQLite \(expected), PostgreSQL \(actual)")
            }
        }
        #expect(try await postgres.indicators() == (try sqlite.indicators()))
        for code in ["150000", "150900", "152200"] {
            #expect(try await postgres.regions(under: code) == (try sqlite.regions(under: code)))
        }
        for id in ids {
            #expect(try await postgres.article(id: id) == (try sqlite.article(id: id)), "article \(id)")
        }
        #expect(try await postgres.articleCount() == (try sqlite.articleCount()))
    }

    @Test(.enabled(if: TestPostgres.available)) func fixturesGiveIdenticalAnswers() async throws {
        let (sqlite, postgres) = try await Self.stores()
        // The searches must find something, or the comparison proves little.
        #expect(try await postgres.search(SearchRequest(query: "网格员")).hits.map(\.articleID).sorted() == ["bayannur", "hinggan", "wuhai"])
        #expect(try await !postgres.programTimelines(ProgramTimelineRequest(query: "调解室")).isEmpty)
        #expect(try await !postgres.compare(CompareRequest(indicator: "grids")).rows.isEmpty)
        try await Self.expectSameAnswers(sqlite, postgres, ids: Fixtures.all.map(\.article.id) + ["missing"])
    }

    /// Replacements, a reprint joining a cluster and an earlier copy taking over as representative
    /// (the cases of SQLiteStoreWriteTests), then the same answers from both stores.
    /// Walking a search one hit at a time with the `after` cursor gives each store's whole answer,
    /// once each, and the same hits in both.
    @Test(.enabled(if: TestPostgres.available)) func keysetPagesGiveIdenticalAnswers() async throws {
        let (sqlite, postgres) = try await Self.stores()
        let requests = [
            SearchRequest(query: "网格", limit: 1), SearchRequest(query: "调解 OR 诈骗", limit: 1), SearchRequest(query: "调解", limit: 2),
            SearchRequest(query: "", filters: SearchFilters(region: "内蒙古"), limit: 1),
        ]
        for request in requests {
            var whole = request
            whole.limit = 50
            let expected = Self.comparable(try await sqlite.search(whole)).hits
            #expect(!expected.isEmpty, "\(request.query)")
            var sqliteHits: [SearchHit] = [], postgresHits: [SearchHit] = []
            var next = request
            while sqliteHits.count <= expected.count {
                let page = try await sqlite.search(next)
                sqliteHits += page.hits
                guard let cursor = page.next else { break }
                next.after = cursor
            }
            next = request
            while postgresHits.count <= expected.count {
                let page = try await postgres.search(next)
                postgresHits += page.hits
                guard let cursor = page.next else { break }
                next.after = cursor
            }
            func ordered(_ hits: [SearchHit]) -> [SearchHit] {
                Self.comparable(SearchResults(interpretation: "", region: nil, total: 0, hits: hits)).hits
            }
            #expect(ordered(sqliteHits) == expected, "SQLite \(request.query)")
            #expect(ordered(postgresHits) == expected, "PostgreSQL \(request.query)")
        }
    }

    @Test(.enabled(if: TestPostgres.available)) func replacementsAndCopiesGiveIdenticalAnswers() async throws {
        var changed = Fixtures.wuhaiFraud
        changed.article.title = "乌海市建设智慧警务室"
        changed.article.paragraphs = ["乌海市新建智慧警务室12个。"]
        changed.figures = []
        var withoutPrograms = Fixtures.laoli
        withoutPrograms.programs = []
        var later = Fixtures.laoli
        later.article.date = "2024-01-02"
        var reprint = Fixtures.bayannurReprint
        reprint.article.url = "https://mirror.example.cn/bayannur.html"
        var earlier = Fixtures.bayannurEarlier
        earlier.article.url = reprint.article.url
        var second = Fixtures.hingganGrids
        second.article.title = "第二版"
        let batches = [Fixtures.all, [changed], [withoutPrograms], [later], [reprint], [earlier], [Fixtures.hingganGrids, second]]
        let (sqlite, postgres) = try await Self.stores(batches)
        #expect(try await postgres.article(id: "bayannur")?.duplicateOf == "bayannur-earlier")
        #expect(try await postgres.article(id: "bayannur-reprint")?.article.url == "https://mirror.example.cn/bayannur.html")
        #expect(try await postgres.article(id: "bayannur")?.article.url == nil)
        try await Self.expectSameAnswers(sqlite, postgres, ids: ["wuhai", "laoli", "bayannur", "bayannur-reprint", "bayannur-earlier", "hinggan", "ordos"])
    }

    /// Four writers at once, each writing every record (a reprint and its earlier copy among them)
    /// one batch at a time in its own order: batches write their keyed rows concurrently and
    /// commit one after another, so each id is stored once, the copies form one cluster with the
    /// preferred copy as its representative, and the answers are those of one writer (only the
    /// cluster's name, its first copy stored, depends on the order).
    @Test(.enabled(if: TestPostgres.available)) func concurrentWritersGiveIdenticalAnswers() async throws {
        let records = Fixtures.all + [Fixtures.bayannurReprint, Fixtures.bayannurEarlier]
        let (sqlite, _) = try Fixtures.store([])
        try await sqlite.write(records)
        let postgres = try await TestPostgres.store([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                let order = writer % 2 == 0 ? records : records.reversed()
                group.addTask { for record in order { try await postgres.write([record]) } }
            }
            try await group.waitForAll()
        }
        #expect(try await postgres.article(id: "bayannur")?.duplicateOf == "bayannur-earlier")
        // A cluster is named after its first copy stored, which depends on the order batches commit.
        let copies = ["bayannur", "bayannur-reprint", "bayannur-earlier"]
        var clusters = Set<String?>()
        for id in copies {
            var stored = try await postgres.article(id: id)
            var expected = try await sqlite.article(id: id)
            clusters.insert(stored?.cluster)
            stored?.cluster = nil
            expected?.cluster = nil
            #expect(stored == expected, "article \(id)")
        }
        #expect(clusters.count == 1 && clusters.first! != nil)
        try await Self.expectSameAnswers(sqlite, postgres, ids: records.map(\.article.id).filter { !copies.contains($0) })
    }

    @Test(.enabled(if: TestPostgres.available)) func writeSummariesMatch() async throws {
        let (sqlite, _) = try Fixtures.store([])
        let postgres = try await TestPostgres.store([])
        for batch in [Fixtures.all, [Fixtures.laoli, Fixtures.laoli], [Fixtures.ordosODR]] {
            let expected = try await sqlite.write(batch)
            #expect(try await postgres.write(batch) == expected)
        }
    }

    @Test(.enabled(if: TestPostgres.available)) func readOnlyOpenNeedsAnIndex() async throws {
        let empty = try await TestPostgres.store([])
        _ = empty
        let base = try ConnectionString(try #require(TestPostgres.url))
        await #expect(throws: PostgresStoreError.self) {
            _ = try await PostgresStore.open("postgres://\(base.user)@\(base.host):\(base.port)/postgres", mode: .readOnly)
        }
    }
}

extension Result where Failure == any Error {
    /// The result of an async throwing call.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
