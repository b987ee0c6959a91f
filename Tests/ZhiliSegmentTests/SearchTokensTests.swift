import Testing
import ZhiliCore
@testable import ZhiliSegment

@Suite struct SearchTokensTests {
    /// Token texts in order, colocated pieces prefixed with `+`.
    func search(_ text: String, lexicon: Lexicon = .bundled) throws -> [String] {
        let scalars = Array(text.unicodeScalars)
        return try Segmenter(lexicon: lexicon).searchTokens(in: text).map {
            ($0.isColocated ? "+" : "") + String(String.UnicodeScalarView(scalars[$0.start..<$0.end]))
        }
    }

    @Test func wordsAreFollowedByTheirPieces() throws {
        let tokens = try search("网格员走访")
        let index = try #require(tokens.firstIndex(of: "网格员"))
        #expect(tokens[index + 1] == "+网格")
    }

    @Test func userWordsAreFollowedByTheirPieces() throws {
        var lexicon = Lexicon.bundled
        lexicon.insert(LexiconEntry(word: "老李调解室"))
        let tokens = try search("在老李调解室里", lexicon: lexicon)
        let index = try #require(tokens.firstIndex(of: "老李调解室"))
        let pieces = tokens[(index + 1)...].prefix { $0.hasPrefix("+") }
        #expect(pieces.contains("+调解室"))
        #expect(pieces.contains("+调解"))
        #expect(!pieces.contains("+老李调解室"))
        #expect(tokens.last == "里")
    }

    @Test func figuresAreFollowedByTheirNumber() throws {
        let tokens = try search("累计化解2000余起")
        #expect(tokens.suffix(2) == ["2000余起", "+2000"])
    }

    @Test func shortWordsHaveNoPieces() throws {
        #expect(try search("排查隐患").allSatisfy { !$0.hasPrefix("+") })
    }

    @Test func piecesStayInsideTheirTokenWithScalarOffsets() throws {
        let text = "😀枫桥经验推广"
        let tokens = try Segmenter().searchTokens(in: text)
        var parent: SearchToken?
        for token in tokens {
            if token.isColocated {
                let outer = try #require(parent)
                #expect(token.start >= outer.start && token.end <= outer.end && token.length < outer.length)
            } else {
                parent = token
            }
        }
        let whole = try #require(tokens.first { !$0.isColocated && $0.length == 4 })
        #expect(whole.start == 1)
        #expect(whole.end == 5)
    }
}
