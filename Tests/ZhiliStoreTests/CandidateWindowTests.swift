import Testing
@testable import ZhiliStore

/// The decisions both stores take after a ranking pass (``CandidateWindow``).
@Suite struct CandidateWindowTests {
    @Test func theFirstWindowHoldsSixteenCandidatesAHitAndAtLeastTwoHundredMore() {
        #expect(CandidateWindow(SearchRequest(query: "调解", limit: 10)).size == 210)
        #expect(CandidateWindow(SearchRequest(query: "调解", limit: 20, offset: 40)).size == 960)
    }

    @Test func aPassThatSawEveryMatchIsFinalAndCountsTheHits() {
        var window = CandidateWindow(SearchRequest(query: "调解", limit: 10))
        #expect(window.judge(hits: 10, clusters: 37, candidates: 120) == .done(more: true, total: 37))
        #expect(window.judge(hits: 7, clusters: 7, candidates: 9) == .done(more: false, total: 7))
        var continuing = CandidateWindow(SearchRequest(query: "调解", limit: 10, after: SearchCursor(order: .score(1.5), key: 9)))
        #expect(continuing.judge(hits: 10, clusters: 37, candidates: 120) == .done(more: true, total: nil))
    }

    @Test func copiesFillingTheWindowMakeTheNextPassRankEverything() {
        var window = CandidateWindow(SearchRequest(query: "调解", limit: 10, offset: 20))
        #expect(window.judge(hits: 4, clusters: 24, candidates: window.size) == .rankAgain)
        #expect(window.size == Int(Int32.max))
        #expect(window.judge(hits: 4, clusters: 24, candidates: window.size) == .done(more: true, total: nil))
        var full = CandidateWindow(SearchRequest(query: "调解", limit: 10))
        #expect(full.judge(hits: 10, clusters: 10, candidates: full.size) == .done(more: true, total: nil))
    }

    @Test func anEmptyPageCountsTheMatchesBeforeItIsFinal() {
        var window = CandidateWindow(SearchRequest(query: "调解", limit: 10, offset: 500))
        #expect(window.judge(hits: 0, clusters: 0, candidates: 0) == .countMatches)
        #expect(window.judge(matches: 300) == .done(more: false, total: nil))
        var more = CandidateWindow(SearchRequest(query: "调解", limit: 10, offset: 500))
        _ = more.judge(hits: 0, clusters: 0, candidates: 0)
        #expect(more.judge(matches: more.size) == .rankAgain)
        #expect(more.judge(hits: 0, clusters: 0, candidates: 0) == .done(more: false, total: nil))
    }
}
