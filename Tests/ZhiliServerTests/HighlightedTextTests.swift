import Testing
@testable import ZhiliServer

@Suite struct HighlightedTextTests {
    static let text = "网格员2.2万人。\n设立老李调解室"

    @Test func marksFiguresAndProgramsAndSplitsParagraphs() {
        let spans = [
            TextSpan(kind: .program, start: 12, end: 17, text: "老李调解室", label: "老李调解室", anchor: "p0"),
            TextSpan(kind: .figure, start: 3, end: 8, text: "2.2万人", label: "grid_workers", anchor: "f0"),
        ]
        let html = HighlightedText.html(text: Self.text, spans: spans)
        #expect(html == """
            <p>网格员<mark class="fig" id="f0" title="grid_workers">2.2万人</mark>。</p>
            <p>设立<a class="prog" id="p0" href="/programs/%E8%80%81%E6%9D%8E%E8%B0%83%E8%A7%A3%E5%AE%A4">老李调解室</a></p>
            """)
    }

    @Test func escapesArticleTextInsideAndOutsideSpans() {
        let text = "<script>alert(1)</script> & <b>5个</b>"
        let spans = [TextSpan(kind: .figure, start: 31, end: 33, text: "5个", label: "<i>", anchor: "f0")]
        let html = HighlightedText.html(text: text, spans: spans)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<i>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;<mark class=\"fig\" id=\"f0\" title=\"&lt;i&gt;\">5个</mark>&lt;/b&gt;"))
    }

    @Test func dropsOverlappingAndOutOfRangeSpans() {
        let spans = [
            TextSpan(kind: .figure, start: 3, end: 8, text: "2.2万人", label: nil, anchor: "f0"),
            TextSpan(kind: .figure, start: 5, end: 9, text: "万人。", label: nil, anchor: "f1"),
            TextSpan(kind: .figure, start: 40, end: 45, text: "", label: nil, anchor: "f2"),
        ]
        let html = HighlightedText.html(text: Self.text, spans: spans)
        #expect(html.components(separatedBy: "<mark").count == 2)
        #expect(html.hasSuffix("设立老李调解室</p>"))
    }

    @Test func textWithoutSpansStaysPlain() {
        #expect(HighlightedText.html(text: "平安", spans: []) == "<p>平安</p>")
    }
}

@Suite struct MarkedTextTests {
    @Test(arguments: [
        ("老李调解室化解纠纷", [(2, 5)], "老李<mark>调解室</mark>化解纠纷"),
        ("调解<b>调解", [(0, 2), (5, 7)], "<mark>调解</mark>&lt;b&gt;<mark>调解</mark>"),
        ("平安", [(1, 9)], "平<mark>安</mark>"),              // clipped at the end
        ("平安建设", [], "平安建设"),                           // unchanged
        ("平安建设", [(0, 3), (1, 2)], "<mark>平安建</mark>设"),  // overlapping range skipped
    ])
    func marks(text: String, ranges: [(Int, Int)], expected: String) {
        #expect(HighlightedText.marked(text, ranges: ranges.map { (start: $0.0, end: $0.1) }) == expected)
    }
}
