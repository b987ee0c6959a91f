import Testing
@testable import ZhiliStore

@Suite struct ParsedQueryTests {
    typealias Item = ParsedQuery.Item

    @Test(arguments: [
        ("调解室", ParsedQuery(clauses: [[.word("调解室")]])),
        ("网格员 兴安盟", ParsedQuery(clauses: [[.word("网格员")], [.word("兴安盟")]])),
        ("网格员　兴安盟", ParsedQuery(clauses: [[.word("网格员")], [.word("兴安盟")]])),
        ("\"老李 调解室\"", ParsedQuery(clauses: [[.phrase("老李 调解室")]])),
        ("“矛盾纠纷”", ParsedQuery(clauses: [[.phrase("矛盾纠纷")]])),
        ("调解 OR 化解 网格", ParsedQuery(clauses: [[.word("调解"), .word("化解")], [.word("网格")]])),
        ("调解 | 化解", ParsedQuery(clauses: [[.word("调解"), .word("化解")]])),
        ("网格 -诈骗", ParsedQuery(clauses: [[.word("网格")]], exclusions: [.word("诈骗")])),
        ("网格 －诈骗", ParsedQuery(clauses: [[.word("网格")]], exclusions: [.word("诈骗")])),
        ("网格 -\"电信 诈骗\"", ParsedQuery(clauses: [[.word("网格")]], exclusions: [.phrase("电信 诈骗")])),
        ("OR 调解 OR", ParsedQuery(clauses: [[.word("调解")]])),
        ("or 调解", ParsedQuery(clauses: [[.word("or")], [.word("调解")]])),
        ("网格 - 诈骗", ParsedQuery(clauses: [[.word("网格")], [.word("-")], [.word("诈骗")]])),
        ("--", ParsedQuery(clauses: [[.word("--")]])),
        ("\"未闭合的引号", ParsedQuery(clauses: [[.phrase("未闭合的引号")]])),
        ("\"\"", ParsedQuery(clauses: [])),
        ("NEAR(调解 网格)", ParsedQuery(clauses: [[.word("NEAR(调解")], [.word("网格)")]])),
        ("a'b", ParsedQuery(clauses: [[.word("a'b")]])),
        ("", ParsedQuery(clauses: [])),
        ("   ", ParsedQuery(clauses: [])),
    ])
    func parses(_ text: String, _ expected: ParsedQuery) {
        #expect(ParsedQuery(text) == expected)
    }
}

@Suite struct SearchPlanTests {
    @Test(arguments: [
        "'", "\"", "*", "NEAR(", "--", "'; DROP TABLE articles; --", "\") OR 1=1 --", "调解\" OR \"",
        "NEAR(调解 网格, 2)", "title:调解", "^调解", "调解*", "{title body}:调解", "调解 AND NOT 网格", "\u{0}", "调解\u{0}室",
        "-", "-调解", "OR", "|",
    ])
    func everyQueryTermIsAQuotedString(_ query: String) throws {
        let segmenter = try SegmenterFactory.make()
        do {
            let plan = try SearchPlan(request: SearchRequest(query: query), segmenter: segmenter)
            guard let expression = plan.expression else { return }
            // Outside quoted strings the expression holds only parentheses, spaces and the operators we wrote.
            var outside = ""
            var inString = false
            var scalars = Array(expression.unicodeScalars)[...]
            while let scalar = scalars.popFirst() {
                if scalar == "\"" {
                    if inString, scalars.first == "\"" { scalars.removeFirst(); continue }
                    inString.toggle()
                    continue
                }
                if !inString { outside.unicodeScalars.append(scalar) }
            }
            #expect(!inString)
            let words = outside.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" })
            #expect(words.allSatisfy { ["AND", "OR", "NOT"].contains($0) }, "unexpected syntax outside strings: \(outside)")
        } catch let error as StoreError {
            guard case .invalidQuery = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
    }

    @Test func rejectsOverlongQueries() throws {
        let segmenter = try SegmenterFactory.make()
        let query = String(repeating: "调解", count: SearchRequest.maximumQueryLength)
        #expect(throws: StoreError.self) { try SearchPlan(request: SearchRequest(query: query), segmenter: segmenter) }
    }

    @Test(arguments: [("调解室", 1), ("网格员 调解", 2)])
    func segmentsQueriesWithTheIndexSegmenter(_ query: String, _ minimumNeedles: Int) throws {
        let plan = try SearchPlan(request: SearchRequest(query: query), segmenter: try SegmenterFactory.make())
        #expect(plan.needles.count >= minimumNeedles)
        #expect(plan.expression?.contains("\"") == true)
    }

    /// Issue #19 defect 13: `--limit 0` became 1 and anything above 200 became 200 without a word.
    @Test(arguments: [(0, 0), (-5, 0), (201, 0), (20, -1), (20, SearchRequest.maximumOffset + 1)])
    func refusesAPageItCannotGive(_ limit: Int, _ offset: Int) throws {
        #expect(throws: StoreError.self) {
            try SearchPlan(request: SearchRequest(query: "调解", limit: limit, offset: offset), segmenter: try SegmenterFactory.make())
        }
    }

    @Test func keepsAPageItCanGive() throws {
        let plan = try SearchPlan(request: SearchRequest(query: "调解", limit: 200, offset: 40), segmenter: try SegmenterFactory.make())
        #expect(plan.request.limit == 200 && plan.request.offset == 40)
    }
}

@Suite struct SnippetBuilderTests {
    @Test func highlightsMapBackToTheText() {
        let text = "近日,在“老李调解室”里,居民王女士正在和民警李明讲述着自己遇到的麻烦。"
        let snippet = SnippetBuilder.snippet(of: text, needles: [["调解室"], ["李明"]])
        let scalars = Array(snippet.text.unicodeScalars)
        let marked = snippet.highlights.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        #expect(marked == ["调解室", "李明"])
    }

    @Test func foldsCaseAndWidth() {
        let ranges = SnippetBuilder.highlights(of: [["odr"]], in: SnippetBuilder.foldedScalars("上线ＯＤＲ与ODR平台"))
        #expect(ranges == [TextRange(start: 2, end: 5), TextRange(start: 6, end: 9)])
    }

    @Test func opensTheTextWhenNothingMatches() {
        let snippet = SnippetBuilder.snippet(of: "第一段。\n第二段。", needles: [["网格"]])
        #expect(snippet.start == 0)
        #expect(snippet.highlights.isEmpty)
    }

    @Test func highlightsSegmentsOnlyWhereTheWholeWordIsMissing() {
        let groups = [["网格员", "网格", "员"]]
        #expect(SnippetBuilder.highlights(of: groups, in: Array("网格员与网格".unicodeScalars)) == [TextRange(start: 0, end: 3)])
        #expect(SnippetBuilder.highlights(of: groups, in: Array("网格的成员".unicodeScalars)) == [TextRange(start: 0, end: 2), TextRange(start: 4, end: 5)])
    }

    @Test(arguments: [["调解室", "调解"], ["调解", "调解室"]])
    func mergesOverlappingMatches(_ needles: [String]) {
        #expect(SnippetBuilder.highlights(of: needles.map { [$0] }, in: Array("老李调解室".unicodeScalars)) == [TextRange(start: 2, end: 5)])
    }
}

@Suite struct TermFoldingTests {
    @Test(arguments: [("ODR", "odr"), ("ＯＤＲ", "odr"), ("１２３４５", "12345"), ("调解室", "调解室"), ("E-mail", "e-mail")])
    func folds(_ input: String, _ expected: String) {
        #expect(TermFolding.fold(input) == expected)
        var output: [UInt8] = []
        let bytes = Array(input.utf8)
        let changed = bytes.withUnsafeBufferPointer { TermFolding.fold(utf8: $0, into: &output) }
        #expect(changed == (input != expected))
        #expect(input.unicodeScalars.contains(where: TermFolding.changes) == (input != expected))
        if changed { #expect(String(decoding: output, as: UTF8.self) == expected) }
    }
}
