import Foundation
import Testing
import ZhiliCore
@testable import ZhiliStore

@Suite struct SQLiteStoreSearchTests {
    let store = Fixtures.shared

    private func ids(_ query: String, _ filters: SearchFilters = SearchFilters()) throws -> [String] {
        try store.search(SearchRequest(query: query, filters: filters)).hits.map(\.articleID)
    }

    @Test func findsAWordInsideALongerWordAndRanksTheTitleMatchFirst() throws {
        let hits = try store.search(SearchRequest(query: "调解室")).hits
        #expect(hits.first?.articleID == "laoli")
        let snippet = try #require(hits.first?.snippet)
        let scalars = Array(snippet.text.unicodeScalars)
        #expect(snippet.highlights.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }.allSatisfy { $0.contains("调解室") })
        #expect(hits.first?.matchedPrograms == ["老李调解室"])
        #expect(hits.first?.regions == [Fixtures.jining])
    }

    @Test(arguments: [
        ("调解", ["hinggan", "laoli", "ordos"]),
        ("网", ["bayannur", "hinggan", "wuhai"]),
        ("格", ["bayannur", "hinggan", "wuhai"]),
        ("网格员", ["bayannur", "hinggan", "wuhai"]),
        ("odr", ["ordos"]),
        ("ＯＤＲ", ["ordos"]),
        ("枫桥经验", ["ordos"]),
        ("网格 调解", ["hinggan"]),
        ("调解 OR 诈骗", ["hinggan", "laoli", "ordos", "wuhai"]),
        ("网格 -诈骗", ["bayannur", "hinggan"]),
        ("网格 -\"电信网络诈骗\"", ["bayannur", "hinggan"]),
        ("\"矛盾纠纷\"", ["hinggan", "laoli", "ordos"]),
        ("\"纠纷矛盾\"", []),
        ("不存在的词", []),
    ])
    func matches(_ query: String, _ expected: [String]) throws {
        #expect(try ids(query).sorted() == expected)
    }

    /// A quoted phrase is segmented alone the way it is in context: the best path reads both the
    /// query 化解矛盾纠纷 and the article's 排查化解矛盾纠纷 as …化解|矛盾纠纷, where greedy longest
    /// match read the query as 化解矛盾|纠纷 and missed.
    @Test func phraseSegmentedAloneMatchesContext() throws {
        #expect(try ids("\"化解矛盾纠纷\"") == ["laoli"])
    }

    @Test(arguments: [
        ("乌兰察布", ["laoli"]),
        ("乌兰察布市", ["laoli"]),
        ("150900", ["laoli"]),
        ("集宁区", ["laoli"]),
        ("兴安盟", []),
        ("内蒙古", ["laoli", "ordos"]),
        ("鄂尔多斯", ["ordos"]),
    ])
    func regionFilterIncludesEverythingBelow(_ region: String, _ expected: [String]) throws {
        #expect(try ids("调解室 OR 枫桥经验", SearchFilters(region: region)).sorted() == expected)
    }

    @Test func unknownRegionIsAnError() throws {
        #expect(throws: StoreError.unknownRegion("火星")) { try store.search(SearchRequest(query: "网格", filters: SearchFilters(region: "火星"))) }
    }

    @Test(arguments: [(2022...2022, ["hinggan"]), (2021...2022, ["hinggan", "wuhai"]), (2023...2030, ["bayannur"]), (2010...2011, [])])
    func yearRange(_ years: ClosedRange<Int>, _ expected: [String]) throws {
        #expect(try ids("网格员", SearchFilters(years: years)).sorted() == expected)
    }

    @Test func programAndIndicatorFilters() throws {
        #expect(try ids("网格", SearchFilters(program: "代办制")) == ["bayannur"])
        #expect(try ids("网格", SearchFilters(indicator: "grid_workers")).sorted() == ["bayannur", "hinggan"])
        #expect(try ids("", SearchFilters(indicator: "grids")).sorted() == ["bayannur", "hinggan", "wuhai"])
    }

    @Test func emptyQueryListsFilteredArticlesNewestFirst() throws {
        #expect(try ids("", SearchFilters(region: "内蒙古")) == ["ordos", "laoli", "bayannur", "hinggan", "wuhai"])
    }

    @Test func pagesAndTotals() throws {
        let first = try store.search(SearchRequest(query: "网格", limit: 2))
        #expect(first.total == 3)
        #expect(first.hits.count == 2)
        let second = try store.search(SearchRequest(query: "网格", limit: 2, offset: 2))
        #expect(second.total == 3)
        #expect(second.hits.count == 1)
        let past = try store.search(SearchRequest(query: "网格", limit: 2, offset: 10))
        #expect(past.total == 3)
        #expect(past.hits.isEmpty)
    }

    @Test(arguments: [
        "'", "\"", "*", "NEAR(", "--", "'; DROP TABLE articles; --", "\") OR 1=1 --", "调解\" OR \"",
        "NEAR(调解 网格, 2)", "title:调解", "body:网格", "^调解", "调解*", "{title}:网格", "调解 AND NOT 网格",
        "网格) OR (诈骗", "\u{0}", "调解\u{0}室", "-", "-调解", "OR", "调解室'", "网格员\"", "%", "_", "\\",
    ])
    func syntaxCharactersNeverInjectOrCrash(_ query: String) throws {
        do {
            let results = try store.search(SearchRequest(query: query))
            for hit in results.hits { #expect(["laoli", "hinggan", "bayannur", "wuhai", "ordos"].contains(hit.articleID)) }
        } catch let error as StoreError {
            guard case .invalidQuery(let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(!message.contains("report it"), "the FTS5 engine rejected a generated expression: \(message)")
        }
        #expect(try store.articleCount() == 5)
    }

    @Test func syntaxCharactersAroundWordsStillFindTheWords() throws {
        #expect(try ids("调解室'").first == "laoli")
        #expect(try ids("(网格员)").sorted() == ["bayannur", "hinggan", "wuhai"])
        #expect(try ids("NEAR(网格员").isEmpty, "NEAR is an ordinary word that must match too")
        #expect(try ids("调解*") .sorted() == ["hinggan", "laoli", "ordos"])
    }

    @Test func onlyExclusionsIsAClearError() throws {
        #expect(throws: StoreError.self) { try store.search(SearchRequest(query: "-网格")) }
    }
}
