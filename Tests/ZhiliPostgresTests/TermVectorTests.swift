import Testing
import ZhiliSegment
@testable import ZhiliPostgres
@testable import ZhiliStore

@Suite struct TermVectorTests {
    static func terms(_ text: String) throws -> TermStream {
        let segmenter = try Segmenter()
        var scratch = TermStream.Scratch()
        return try TermStream(text: text, segmenter: segmenter, scratch: &scratch)
    }

    /// Sub-terms share their word's position; the body starts two positions after the title.
    @Test func colocatedTermsShareAPositionAndTheBodyLeavesAGap() throws {
        let vector = TermVector(title: try Self.terms("调解室"), body: try Self.terms("网格员"))
        #expect(vector.text.contains("'调解室':1A"))
        #expect(vector.text.contains("'调解':1A"))
        #expect(vector.text.contains("'网格员':3 "))
        #expect(vector.text.contains("'员':3"))
        #expect(!vector.text.contains(":2"))
    }

    @Test(arguments: [("it's", "'it''s'"), ("a\\b", "'a\\\\b'"), ("调解", "'调解'")])
    func quotesLexemes(_ term: String, _ quoted: String) {
        #expect(TermVector.quoted(term) == quoted)
    }

    @Test func positionsStopAtPostgresLimit() throws {
        // 80,000 characters cycling through 3,000 Han characters: far more than 16,383 positions,
        // and no term near its 256 positions.
        let text = String(String.UnicodeScalarView((0..<80_000).map { Unicode.Scalar(0x4E00 + UInt32($0 % 3_000))! }))
        let vector = TermVector(title: .empty, body: try Self.terms(text))
        #expect(vector.text.contains("16383"))
        #expect(!vector.text.contains("16384"))
    }

    @Test func queriesUseTsqueryOperators() {
        let query = FullTextQuery(
            required: [.term("网格"), .anyOf([.phrase(["矛盾", "纠纷"]), .term("矛盾纠纷")]), .allOf([.term("a'b"), .term("c")])],
            excluded: [.term("诈骗"), .term("反诈")])
        #expect(query.tsquery == "('网格' & (('矛盾' <-> '纠纷') | '矛盾纠纷') & ('a''b' & 'c')) & !('诈骗' | '反诈')")
        #expect(query.fts5 == "(\"网格\" AND (\"矛盾 纠纷\" OR \"矛盾纠纷\") AND (\"a'b\" AND \"c\")) NOT (\"诈骗\" OR \"反诈\")")
    }
}
