import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import ZhiliCore
import ZhiliStore
@testable import ZhiliServer

/// A store that cannot tell when its data changed (``ArticleStore/changeToken()`` is nil), as the
/// PostgreSQL store: the server keeps what it read at start and still answers.
@Suite struct IndexWatchNilTokenTests {
    /// The fixture index, with no change token.
    struct NoTokenStore: ArticleStore {
        let base: SQLiteStore
        func write(_ records: [ArticleRecord]) async throws -> WriteSummary { try await base.write(records) }
        func search(_ request: SearchRequest) async throws -> SearchResults { try await base.search(request) }
        func programs(_ request: ProgramsRequest) async throws -> [ProgramGroup] { try await base.programs(request) }
        func programTimelines(_ request: ProgramTimelineRequest) async throws -> [ProgramTimeline] { try await base.programTimelines(request) }
        func compare(_ request: CompareRequest) async throws -> Comparison { try await base.compare(request) }
        func indicators() async throws -> [IndicatorSummary] { try await base.indicators() }
        func regions(under code: String) async throws -> RegionNode { try await base.regions(under: code) }
        func article(id: String) async throws -> ArticleRecord? { try await base.article(id: id) }
        func resolveRegion(_ text: String) async throws -> RegionRef? { base.resolveRegion(text) }
        func articleCount() async throws -> Int { try base.articleCount() }
        func changeToken() async throws -> String? { nil }
    }

    @Test func aNilTokenKeepsTheStartValuesAndTheServerAnswers() async throws {
        let store = NoTokenStore(base: try SQLiteStore(path: ServerFixture.databasePath, mode: .readOnly))
        let state = try await ServerState(store: store, configuration: ServerConfiguration(port: 0, searchCacheSize: 0), articleCount: 7)
        let watch = IndexWatch(token: nil, articleCount: 7, regionTree: state.regionTree, interval: .zero)
        try await watch.refreshIfChanged(store: store, cache: state.searchCache)
        #expect(watch.articleCount == 7)
        var logger = Logger(label: "zhili.test")
        logger.logLevel = .warning
        try await buildApplication(state: state, logger: logger).test(.router) { client in
            try await client.execute(uri: "/api/search?q=%E8%B0%83%E8%A7%A3", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(state.articleCount == 7)
    }
}
