import Foundation
import Testing
import ZhiliCore
import ZhiliICU
@testable import ZhiliIngest

@Suite struct RobustnessTests {
    static let cleaner = try! Cleaner()

    @Test func anEmptyFileIsAWarningNotACrash() {
        #expect {
            _ = try Self.cleaner.clean(RawDocument(source: "empty.txt", bytes: []))
        } throws: { error in
            (error as? Diagnostic)?.severity == .warning
        }
        #expect(throws: Diagnostic.self) { _ = try Self.cleaner.clean(RawDocument(source: "blank.txt", bytes: Array(" \n\n \r\n".utf8))) }
    }

    @Test func binaryGarbageIsAnError() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect {
            _ = try Self.cleaner.clean(RawDocument(source: "garbage.bin", bytes: bytes))
        } throws: { error in
            let problem = error as? Diagnostic
            return problem?.severity == .error && problem?.source == "garbage.bin"
        }
    }

    @Test func invalidUTF8IsRepairedWithAWarning() throws {
        var bytes = Fixtures.bytes("002_17843914ab0f768a.txt")
        let offset = 1000
        bytes.insert(contentsOf: [0xFF, 0xFE, 0xC0], at: offset)
        let articles = try Self.cleaner.clean(RawDocument(source: "bad.txt", bytes: bytes))
        #expect(articles.count == 1)
        #expect(articles[0].warnings.contains { $0.contains("byte offset \(offset)") })
        #expect(articles[0].title == "巴彦淖尔:筑牢安全发展之基 守护百姓平安幸福")
    }

    /// An HTML page of three news paragraphs around `middle`, each with a figure of its own.
    static func page(around middle: String) -> String {
        func paragraph(_ n: Int) -> String {
            "<p>呼和浩特市新城区开展矛盾纠纷排查化解工作，共化解纠纷\(n)件，同比增长15%。今年以来，各街道调解委员会接待群众来访，做到小事不出社区、大事不出街道。</p>"
        }
        return "<html><head><title>新城区化解矛盾纠纷</title></head><body><div class=\"content\">"
            + paragraph(120) + middle + paragraph(130) + "</div></body></html>"
    }

    static func cleanHTML(_ html: String) throws -> Article {
        let articles = try cleaner.clean(RawDocument(source: "page.html", bytes: Array(html.utf8), format: .html))
        try #require(articles.count == 1)
        return articles[0]
    }

    // Issue #19, defect 3: libxml2 stops at the 256th level of nesting, so the text after it
    // was lost without a word.
    @Test func deeplyNestedHTMLKeepsTheTextAfterAndInside() throws {
        for depth in [300, 5_000] {
            let inner = "<p>深处的段落说明了网格员入户走访的情况。</p><script>var hidden = '脚本文字';</script><p>第二个深处段落。</p><div style=\"display:none\">隐藏的文字</div>"
            let html = Self.page(around: String(repeating: "<div><span>", count: depth) + inner + String(repeating: "</span></div>", count: depth))
            let article = try Self.cleanHTML(html)
            let text = article.paragraphs.joined(separator: "\n")
            #expect(text.contains("纠纷120件"))
            #expect(text.contains("纠纷130件"), "the paragraph after \(depth) levels")
            #expect(article.paragraphs.contains("第二个深处段落。"), "deep paragraphs stay apart")
            #expect(!text.contains("脚本文字") && !text.contains("隐藏的文字"))
            #expect(article.warnings.contains { $0.contains("nested deeper than 200") } == (depth > 200))
        }
    }

    // Issue #19, defect 3: a script or text block over libxml2's 10 MB text limit stopped the
    // parser there.
    @Test func blocksOverTenMegabytesKeepTheTextAfter() throws {
        let script = "<script>" + String(repeating: "var a = 1;", count: 1_100_000) + "</script>"
        let scripted = try Self.cleanHTML(Self.page(around: script))
        #expect(scripted.paragraphs.joined().contains("纠纷130件"))
        #expect(!scripted.paragraphs.joined().contains("var a"))
        let long = "<p>" + String(repeating: "这是很长的文字。", count: 450_000) + "</p>"
        let texted = try Self.cleanHTML(Self.page(around: long))
        #expect(texted.paragraphs.joined().contains("纠纷130件"))
        #expect(texted.paragraphs.contains { $0.count == 3_600_000 })
    }

    @Test func aFiftyMegabyteSingleLine() throws {
        let unit = Array("筑牢祖国北疆安全稳定屏障，2023年乌海市划分640个网格ODR，".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50_000_000 + unit.count)
        while bytes.count < 50_000_000 { bytes += unit }
        let articles = try Self.cleaner.clean(RawDocument(source: "long.txt", bytes: bytes))
        #expect(articles.count == 1)
        #expect(articles[0].paragraphs.count == 1)
        #expect(articles[0].paragraphs[0].utf8.count == bytes.count)
    }

    /// Cleans `text` in `charset` and as UTF-8, and expects the same articles.
    ///
    /// The text is normalized first: a legacy-charset copy cannot hold what normalization removes
    /// anyway (000 has one NBSP, which GBK and Big5 cannot encode).
    static func expectSameArticles(_ text: String, charset: String, byteOrderMark: [UInt8] = [], seed: String) throws {
        let text = TextNormalizer().normalize(text)
        let original = try cleaner.clean(RawDocument(source: seed, bytes: Array(text.utf8)))
        let encoded = try byteOrderMark + CharsetConverter.encode(text, charset: charset)
        let articles = try cleaner.clean(RawDocument(source: seed, bytes: encoded))
        #expect(articles.count == original.count, "\(seed) in \(charset)")
        for (article, expected) in zip(articles, original) {
            #expect(article.paragraphs == expected.paragraphs, "\(seed) in \(charset)")
            #expect(article.title == expected.title)
            #expect(article.captions == expected.captions)
            #expect(article.authors == expected.authors)
            #expect(article.warnings.isEmpty, "\(seed) in \(charset): \(article.warnings)")
        }
    }

    @Test(arguments: Fixtures.seeds)
    func gbkAndGB18030CopiesGiveTheSameText(seed: String) throws {
        let text = String(decoding: Fixtures.bytes(seed), as: UTF8.self)
        try Self.expectSameArticles(text, charset: "GBK", seed: seed)
        try Self.expectSameArticles(text, charset: "GB18030", seed: seed)
    }

    @Test(arguments: Fixtures.seeds)
    func big5CopiesGiveTheSameText(seed: String) throws {
        let traditional = try Transform("Simplified-Traditional").apply(String(decoding: Fixtures.bytes(seed), as: UTF8.self))
        // ICU's transform yields a few characters outside Big5 (啓 in 001); a real Big5 copy holds
        // what Big5 can hold, so the reference text is the transform read back through Big5.
        let big5 = try CharsetConverter.encode(TextNormalizer().normalize(traditional), charset: "Big5")
        let representable = try big5.withUnsafeBytes { try CharsetConverter.decode($0, charset: "Big5") }.text
        let lost = zip(representable.unicodeScalars, TextNormalizer().normalize(traditional).unicodeScalars).filter { $0 != $1 }.count
        #expect(lost <= 3, "\(seed): \(lost) characters not in Big5")
        try Self.expectSameArticles(representable, charset: "Big5", seed: seed)
    }

    @Test(arguments: Fixtures.seeds)
    func utf16CopiesWithBOMGiveTheSameText(seed: String) throws {
        let text = String(decoding: Fixtures.bytes(seed), as: UTF8.self)
        try Self.expectSameArticles(text, charset: "UTF-16LE", byteOrderMark: [0xFF, 0xFE], seed: seed)
        try Self.expectSameArticles(text, charset: "UTF-16BE", byteOrderMark: [0xFE, 0xFF], seed: seed)
    }

    @Test func htmlDocumentsAreCleanedLikeText() throws {
        let html = """
            <html><head><meta charset="utf-8"><script>alert(1)</script></head><body>
            <nav>首页 &gt; 乌兰察布新闻 &gt; 正文</nav>
            <h1>集宁区:精准“把脉”筑牢安全稳定屏障</h1>
            <p>近年来,集宁区坚定不移贯彻总体国家安全观,让祖国北疆安全稳定屏障坚如磐石。</p>
            <p>深化基层治理 筑牢社会安全屏障</p>
            <p>“调解工作要晓之以理,动之以情。”李明说。<br>(本报记者 赛娜)</p>
            <p>[责任编辑:辛永红]</p><footer>今日内蒙古</footer></body></html>
            """
        let articles = try Self.cleaner.clean(RawDocument(source: "page.html", bytes: Array(html.utf8), format: .html))
        #expect(articles.count == 1)
        #expect(articles[0].title == "集宁区:精准“把脉”筑牢安全稳定屏障")
        #expect(articles[0].paragraphs == [
            "近年来,集宁区坚定不移贯彻总体国家安全观,让祖国北疆安全稳定屏障坚如磐石。",
            "深化基层治理 筑牢社会安全屏障",
            "“调解工作要晓之以理,动之以情。”李明说。",
        ])
        #expect(articles[0].authors == ["赛娜"])
        #expect(articles[0].editors == ["辛永红"])
    }

    @Test func idsAreStable() throws {
        let articles = try Self.cleaner.clean(RawDocument(source: "corpus/raw/001_9bd966c708ea4a13.txt", bytes: Fixtures.bytes("001_9bd966c708ea4a13.txt")))
        #expect(articles.map(\.index) == [0, 1])
        // Ids hash content: the same bytes read from another path give the same ids, and the
        // two articles of the page differ.
        let moved = try Self.cleaner.clean(RawDocument(source: "mirror/copy.txt", bytes: Fixtures.bytes("001_9bd966c708ea4a13.txt")))
        #expect(articles.map(\.id) == moved.map(\.id))
        #expect(articles.map(\.id) == articles.map { ContentText.identifier(title: $0.title, paragraphs: $0.paragraphs) })
        #expect(Set(articles.map(\.id)).count == 2)
        #expect(articles.allSatisfy { $0.id.utf8.count == 16 })
    }
}

extension RobustnessTests {
    @Test func utf16WithoutBOMNeedsAForcedEncoding() throws {
        let text = "标题在这里\n\n筑牢祖国北疆安全稳定屏障，乌海市划分640个网格（ODR）。"
        let bytes = try CharsetConverter.encode(text, charset: "UTF-16LE")
        #expect(throws: Diagnostic.self) { _ = try Self.cleaner.clean(RawDocument(source: "u.txt", bytes: bytes)) }
        let forced = try Self.cleaner.clean(RawDocument(source: "u.txt", bytes: bytes, declaredCharset: "UTF-16LE", charsetIsForced: true))
        #expect(forced.first?.paragraphs == ["筑牢祖国北疆安全稳定屏障，乌海市划分640个网格（ODR）。"])
        // Periodic noise is binary.
        let noise = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        #expect(Cleaner.binaryReason(noise) != nil)
    }
}
