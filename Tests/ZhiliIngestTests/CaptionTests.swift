import Testing
import ZhiliCore
@testable import ZhiliIngest

@Suite struct CaptionTests {
    static let cleaner = try! Cleaner()

    static func clean(_ text: String) throws -> Article {
        try #require(try cleaner.clean(RawDocument(source: "page.txt", bytes: Array(text.utf8))).first)
    }

    /// A scraped page glues a picture's caption and credit to the paragraph after it: the
    /// caption goes to `captions`, the paragraph stays whole in the body.
    @Test func aCaptionGluedToTheNextParagraphIsSplitOff() throws {
        let article = try Self.clean("""
            浙江深化矛盾纠纷调处化解

            浙江县级矛调中心坚持多元化解,加强人民调解、行政调解衔接联动。
            长兴县矛调中心窗口 王刚 摄数据显示,截至今年三季度末,浙江来信走访总量同比下降25.5%。
            """)
        #expect(article.captions == ["长兴县矛调中心窗口 王刚 摄"])
        #expect(article.paragraphs.last == "数据显示,截至今年三季度末,浙江来信走访总量同比下降25.5%。")
    }

    /// 摄 inside body words (摄像头, 摄影) or without a credit's shape stays in the text.
    @Test(arguments: [
        "通过安装高清摄像头、引入人脸识别技术等举措,实现全天候监控。",
        "展览展出 王刚 摄影作品三十余幅,吸引市民参观。",
        "他拿起相机摄下了这一幕,记录调解的过程。",
    ])
    func bodyTextWithTheCharacterStays(_ paragraph: String) throws {
        let article = try Self.clean("标题\n\n" + paragraph)
        #expect(article.captions.isEmpty)
        #expect(article.paragraphs == [paragraph])
    }
}
