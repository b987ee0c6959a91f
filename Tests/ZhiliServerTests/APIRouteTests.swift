import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZhiliStore
@testable import ZhiliServer

/// Decodes a JSON body.
func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(String(buffer: response.body).utf8))
}

/// Percent-encodes a query value.
func q(_ text: String) -> String { HTML.urlComponent(text) }

@Suite struct APIRouteTests {
    @Test func healthzCountsArticles() async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let health = try decode([String: JSONValue].self, response)
                #expect(health == ["status": .string("ok"), "articles": .number(5)])
                #expect(response.headers[RequestLogMiddleware<BasicRequestContext>.requestIDHeader] != nil)
            }
        }
    }

    @Test func searchFindsTheMediationRoomFirstWithHighlights() async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/api/search?q=\(q("调解室"))", method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let results = try decode(SearchResults.self, response)
                #expect(results.hits.first?.articleID == "laoli")
                let snippet = try #require(results.hits.first?.snippet)
                let marked = snippet.highlights.map { range in
                    String(String.UnicodeScalarView(Array(snippet.text.unicodeScalars)[range.start..<range.end]))
                }
                #expect(marked.contains("调解室"))
            }
        }
    }

    @Test func searchPagesFollowTheNextCursor() async throws {
        try await ServerFixture.app().test(.router) { client in
            let whole = try await client.execute(uri: "/api/search?q=\(q("网格"))&limit=50", method: .get) { response in
                try decode(SearchResults.self, response)
            }
            #expect(whole.hits.count >= 2 && whole.next == nil)
            var seen: [String] = []
            var uri = "/api/search?q=\(q("网格"))&limit=1"
            while seen.count <= whole.hits.count {
                let page = try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                    return try decode(SearchResults.self, response)
                }
                seen += page.hits.map(\.articleID)
                guard let next = page.next else { break }
                uri = "/api/search?q=\(q("网格"))&limit=1&after=\(next.token)"
            }
            #expect(seen == whole.hits.map(\.articleID))
            try await client.execute(uri: "/api/search?q=\(q("网格"))&after=garbage", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("after"))
            }
        }
    }

    @Test func searchFiltersByRegionAndYear() async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/api/search?q=\(q("网格员"))&region=\(q("兴安盟"))", method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let results = try decode(SearchResults.self, response)
                #expect(results.hits.map(\.articleID) == ["hinggan"])
                #expect(results.region?.code == "152200")
            }
            try await client.execute(uri: "/api/search?q=\(q("网格"))&year=2023..2023&limit=10", method: .get) { response in
                let results = try decode(SearchResults.self, response)
                #expect(Set(results.hits.map(\.articleID)) == ["bayannur", "script"])
            }
            try await client.execute(uri: "/api/search?region=150300", method: .get) { response in
                #expect(response.status == .ok)
                let results = try decode(SearchResults.self, response)
                #expect(Set(results.hits.map(\.articleID)) == ["wuhai", "script"])
            }
        }
    }

    @Test(arguments: [
        ("/api/search", "q"),
        ("/api/search?q=", "q"),
        ("/api/search?q=\(String(repeating: "调", count: 201))", "q"),
        ("/api/search?q=a&limit=0", "limit"),
        ("/api/search?q=a&limit=101", "limit"),
        ("/api/search?q=a&limit=ten", "limit"),
        ("/api/search?q=a&offset=-1", "offset"),
        ("/api/search?q=a&offset=10001", "offset"),
        ("/api/search?q=a&year=2023..2021", "year"),
        ("/api/search?q=a&year=twenty", "year"),
        ("/api/search?q=a&region=\(String(repeating: "x", count: 65))", "region"),
        ("/api/search?q=a&region=nowhere", "nowhere"),
        ("/api/programs?limit=0", "limit"),
        ("/api/programs?region=nowhere", "nowhere"),
        ("/api/compare", "indicator"),
        ("/api/compare?indicator=grids&level=province", "level"),
        ("/api/compare?indicator=grids&year=20x3", "year"),
        ("/api/compare?indicator=no_such_indicator", "no_such_indicator"),
        ("/api/compare?indicator=grids&within=nowhere", "nowhere"),
        ("/api/regions?under=nowhere", "nowhere"),
        ("/api/articles/\(String(repeating: "a", count: 65))", "id"),
    ])
    func badParametersAre400WithJSON(uri: String, mentions: String) async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let error = try decode(APIError.self, response)
                #expect(error.status == .badRequest)
                #expect(error.message.contains(mentions))
            }
        }
    }

    @Test(arguments: ["'", "\"", "*", "NEAR(", "--", "a' OR 1=1 --", "\"调解", "调解 OR", "-", "\u{0}"])
    func queriesWithSyntaxCharactersNeverFail(text: String) async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/api/search?q=\(q(text))", method: .get) { response in
                #expect(response.status == .ok || response.status == .badRequest)
                if response.status == .badRequest {
                    let error = try decode(APIError.self, response)
                    #expect(error.status == .badRequest)
                }
            }
        }
    }

    @Test func unknownArticleAndUnknownPathAre404WithJSON() async throws {
        try await ServerFixture.app().test(.router) { client in
            for uri in ["/api/articles/nope", "/api/nothing"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound)
                    let error = try decode(APIError.self, response)
                    #expect(error.status == .notFound)
                    #expect(!error.message.isEmpty)
                }
            }
        }
    }

    @Test func oversizedBodyIsRefused() async throws {
        try await ServerFixture.app().test(.router) { client in
            let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 * 1024)
            try await client.execute(uri: "/api/search?q=a", method: .get, body: body) { response in
                #expect(response.status == .contentTooLarge)
                let error = try decode(APIError.self, response)
                #expect(error.status == .contentTooLarge)
            }
            try await client.execute(uri: "/api/search?q=\(q("平安"))", method: .get, body: ByteBuffer(string: "small")) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func programsGroupByName() async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/api/programs?q=\(q("调解"))", method: .get) { response in
                #expect(response.status == .ok)
                let list = try decode(ProgramList.self, response)
                #expect(list.programs.map(\.name) == ["老李调解室"])
                #expect(list.programs.first?.regions.map(\.code) == ["150902"])
            }
            try await client.execute(uri: "/api/programs?region=\(q("乌兰察布"))", method: .get) { response in
                let list = try decode(ProgramList.self, response)
                #expect(list.programs.map(\.name) == ["老李调解室"])
            }
        }
    }

    @Test func compareGridsAcrossLeaguesAndCities() async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/api/compare?indicator=grids", method: .get) { response in
                #expect(response.status == .ok)
                let comparison = try decode(Comparison.self, response)
                let values = Dictionary(uniqueKeysWithValues: comparison.rows.map { ($0.region.name, $0.value) })
                #expect(values == ["巴彦淖尔市": 5780, "兴安盟": 4580, "乌海市": 640])
                #expect(comparison.missing.count == 9)
                #expect(comparison.rows.allSatisfy { !$0.sentence.isEmpty && !$0.articleID.isEmpty })
            }
            try await client.execute(uri: "/api/compare?indicator=grids&year=2022", method: .get) { response in
                let comparison = try decode(Comparison.self, response)
                #expect(comparison.rows.map(\.region.name) == ["兴安盟"])
            }
        }
    }

    @Test func indicatorsAndRegions() async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/api/indicators", method: .get) { response in
                let list = try decode(IndicatorList.self, response)
                #expect(list.indicators.first { $0.id == "grids" }?.figureCount == 3)
            }
            try await client.execute(uri: "/api/regions", method: .get) { response in
                let tree = try decode(RegionNode.self, response)
                #expect(tree.code == "150000")
                #expect(tree.children.filter { $0.level == .prefecture }.count == 12)
                #expect(tree.children.first { $0.code == "150300" }?.articleCount == 2)
            }
            try await client.execute(uri: "/api/regions?under=\(q("兴安盟"))", method: .get) { response in
                let tree = try decode(RegionNode.self, response)
                #expect(tree.code == "152200")
                #expect(tree.children.contains { $0.name == "乌兰浩特市" })
            }
        }
    }

    @Test func articleCarriesTextAndSpans() async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/api/articles/hinggan", method: .get) { response in
                #expect(response.status == .ok)
                let article = try decode(ArticleJSON.self, response)
                #expect(article.id == "hinggan")
                let scalars = Array(article.text.unicodeScalars)
                let covered = article.spans.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
                #expect(covered == ["4580个", "2.2万人"])
                #expect(article.spans.map(\.anchor) == article.spans.map { "fig-\($0.start)" })
            }
        }
    }

    enum JSONValue: Decodable, Equatable {
        case string(String), number(Double)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { self = .number(number) } else { self = .string(try container.decode(String.self)) }
        }
    }
    struct ProgramList: Decodable { let programs: [ProgramGroup] }
    struct IndicatorList: Decodable { let indicators: [IndicatorSummary] }
    struct ArticleJSON: Decodable { let id: String; let text: String; let spans: [TextSpan] }
}
