import Foundation
import Testing
import ZhiliCore
@testable import ZhiliStore

/// Pages of a search over more matches than any page: every match ranked, one total order
/// (score, then key), pages that never overlap, and keyset pages (``SearchRequest/after``) equal to
/// offset pages.
@Suite struct SearchPagingTests {
    /// 300 articles with 调解 1–4 times in bodies of three lengths (so many share a score), every
    /// fifth with 调解 in its title, the newest indexed last; dated over four years, every seventh undated.
    static let records: [ArticleRecord] = (0..<300).map { index in
        let body = Fixtures.distinctText(seed: index, length: 60 + (index % 3) * 40) + String(repeating: "调解", count: index % 4 + 1)
        return Fixtures.record(
            id: "paging-\(index)", title: index % 5 == 0 ? "第\(index)篇调解" : "第\(index)篇",
            date: index % 7 == 0 ? nil : "20\(20 + index % 4)-0\(index % 9 + 1)-1\(index % 10)",
            paragraphs: [body], regions: [(Fixtures.hinggan, .prefecture, nil)])
    }

    static let store: SQLiteStore = {
        do {
            let (store, _) = try Fixtures.store([])
            // Several batches, so rowids follow indexing order as in a real index.
            for start in stride(from: 0, to: records.count, by: 50) {
                try store.write(Array(records[start..<min(start + 50, records.count)]))
            }
            return store
        } catch {
            preconditionFailure("cannot build the paging store: \(error)")
        }
    }()

    private func page(_ query: String = "调解", limit: Int, offset: Int = 0, after: SearchCursor? = nil,
                      filters: SearchFilters = SearchFilters()) throws -> SearchResults {
        try Self.store.search(SearchRequest(query: query, filters: filters, limit: limit, offset: offset, after: after))
    }

    @Test func tenPagesOfTwentyAreTheTopTwoHundredInOrder() throws {
        let top = try page(limit: 200)
        var paged: [String] = []
        for number in 0..<10 {
            paged += try page(limit: 20, offset: number * 20).hits.map(\.articleID)
        }
        #expect(Set(paged).count == 200)
        #expect(paged == top.hits.map(\.articleID))
        // Best first, and nothing left out ranks above the 200th.
        let scores = top.hits.map(\.score)
        #expect(scores == scores.sorted(by: >))
        let rest = try page(limit: 100, offset: 200)
        #expect(rest.hits.count == 100)
        #expect(rest.hits.allSatisfy { $0.score <= scores.last! })
        #expect(top.total == 300 && top.totalIsExact)
    }

    @Test(arguments: [50, 150, 200])
    func topTenDoesNotDependOnTheLimit(_ limit: Int) throws {
        let ten = try page(limit: 10).hits.map(\.articleID)
        #expect(Array(try page(limit: limit).hits.map(\.articleID).prefix(10)) == ten)
    }

    @Test(arguments: [1, 7, 20, 64])
    func keysetPagesEqualOffsetPages(_ limit: Int) throws {
        var byCursor: [String] = []
        var cursor: SearchCursor?
        var pages = 0
        repeat {
            let results = try page(limit: limit, after: cursor)
            byCursor += results.hits.map(\.articleID)
            cursor = results.next
            pages += 1
        } while cursor != nil && pages < 400
        var byOffset: [String] = []
        for offset in stride(from: 0, to: 300, by: limit) {
            byOffset += try page(limit: limit, offset: offset).hits.map(\.articleID)
        }
        #expect(byCursor.count == 300)
        #expect(byCursor == byOffset)
        #expect(Set(byCursor).count == 300)
    }

    @Test func theLastPageHasNoNext() throws {
        #expect(try page(limit: 20, offset: 280).next == nil)
        #expect(try page(limit: 20, offset: 260).next != nil)
        #expect(try page(limit: 20, offset: 300).hits.isEmpty)
        #expect(try page("不存在的词", limit: 20).next == nil)
    }

    @Test func anAfterCursorTakesAnOffsetToo() throws {
        let first = try page(limit: 20)
        let skipping = try page(limit: 20, offset: 20, after: first.next)
        #expect(skipping.hits.map(\.articleID) == (try page(limit: 20, offset: 40).hits.map(\.articleID)))
    }

    @Test func listingWithoutWordsPagesByDateWithACursor() throws {
        let filters = SearchFilters(region: "兴安盟")
        let all = try page("", limit: 200, filters: filters).hits.map(\.articleID) + (try page("", limit: 200, offset: 200, filters: filters).hits.map(\.articleID))
        #expect(all.count == 300)
        var byCursor: [String] = []
        var cursor: SearchCursor?
        repeat {
            let results = try page("", limit: 30, after: cursor, filters: filters)
            byCursor += results.hits.map(\.articleID)
            cursor = results.next
        } while cursor != nil && byCursor.count <= 300
        #expect(byCursor == all)
    }

    @Test func aCursorOfTheOtherKindIsRefused() throws {
        let words = try #require(try page(limit: 5).next)
        #expect(throws: StoreError.self) { try page("", limit: 5, after: words, filters: SearchFilters(region: "兴安盟")) }
        let listing = try #require(try page("", limit: 5, filters: SearchFilters(region: "兴安盟")).next)
        #expect(throws: StoreError.self) { try page(limit: 5, after: listing) }
    }

    @Test(arguments: [
        SearchCursor(order: .score(3.25), key: 17), SearchCursor(order: .score(-0.0001), key: 1 << 40),
        SearchCursor(order: .date("2023-05-10"), key: 5), SearchCursor(order: .date("2023.05"), key: 5), SearchCursor(order: .date(nil), key: 9),
    ])
    func tokensReadBack(_ cursor: SearchCursor) throws {
        #expect(SearchCursor(token: cursor.token) == cursor)
        #expect(cursor.token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        let json = try JSONEncoder().encode(cursor)
        #expect(try JSONDecoder().decode(SearchCursor.self, from: json) == cursor)
    }

    @Test(arguments: ["", "garbage", "czE", "czEuLjE", String(repeating: "a", count: 300)])
    func foreignTokensAreRefused(_ token: String) {
        #expect(SearchCursor(token: token) == nil)
    }
}
