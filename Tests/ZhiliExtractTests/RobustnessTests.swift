import Testing
import ZhiliCore
import ZhiliExtract

/// Odd input degrades to fewer results, never to a crash.
@Suite struct RobustnessTests {
    @Test(arguments: [
        "",
        "“",
        "”“”“",
        "《",
        "《未闭合的标题2000余起",
        "99999999999999999999999999万元",
        "１２３４５６７８万元和４１．３％",
        "\u{0}\u{FFFD}\u{1F600}2000余起😀",
        "同比下降",
        "%%%",
        "第",
        "网格5780个,,,,,,",
        "“两全”",
        "调解室",
        String(repeating: "网格员2.2万人,", count: 2000),
    ])
    func oddInputDoesNotCrash(_ paragraph: String) throws {
        let record = try ExtractionFixture.record(paragraph)
        let count = paragraph.unicodeScalars.count
        for figure in record.figures { #expect(figure.start >= 0 && figure.end <= count && figure.start < figure.end) }
        for program in record.programs { #expect(program.start >= 0 && program.end <= count) }
    }

    @Test func emptyArticleHasEmptyRecord() throws {
        let record = try Extractor().extract(Article(source: "empty"))
        #expect(record.figures.isEmpty && record.programs.isEmpty && record.regions.isEmpty)
    }

    @Test func offsetsCountScalarsAcrossParagraphsAndAstralCharacters() throws {
        // One-, two-, three- and four-byte UTF-8 before the figure.
        let article = Article(source: "t", paragraphs: ["😀𠀀é·a第一段。", "网格员2.2万人。"])
        let record = try Extractor().extract(article)
        let figure = try #require(record.figures.first)
        let scalars = Array(article.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[figure.start..<figure.end])) == "2.2万人")
        #expect(figure.sentence == "网格员2.2万人。")
    }
}
