import Testing
@testable import ZhiliIngest

@Suite struct CaptionDetectorTests {
    static let previousSentence = Paragraph("推动前端解决问题。")

    @Test(arguments: [
        ("民警在社区宣传法律法规。", 1),
        ("边境巡逻。", 1),
        ("参军入伍保家卫国。", 3),
        ("(本版图片均由包音德力格尔摄)", 1),
        ("“普法早市”让法治观念深入人心。黄海龙 摄", 1),
        ("人民调解员将矛盾化解在基层。海宣 摄", 1),
        ("图为民警在巡逻", 1),
    ])
    func findsCaptions(text: String, gap: Int) {
        #expect(CaptionDetector().isCaption(Paragraph(text, gapBefore: gap), after: Self.previousSentence))
    }

    @Test(arguments: [
        "便民热线,反映物业公司乱收费问题。",
        "平安是最大的民生。护一方平安,必须剑指违法犯罪。",
        "“调解工作要晓之以理。”李明说。",
        "延伸社会治理触角",
        "他拍摄了很多照片,记录下这一刻。",
    ])
    func leavesBodyAlone(text: String) {
        #expect(!CaptionDetector().isCaption(Paragraph(text), after: Self.previousSentence))
    }

    @Test func aShortTailAfterAPageGapIsNotACaption() {
        let broken = Paragraph("内部单位安全保卫大队全体民警始终把提高政治站位放在")
        #expect(!CaptionDetector().isCaption(Paragraph("工作首位。", gapBefore: 1), after: broken))
        // …but after a picture's wider gap it is.
        #expect(CaptionDetector().isCaption(Paragraph("冒雪巡逻。", gapBefore: 3), after: broken))
    }
}

extension CaptionDetectorTests {
    @Test func aShortSentenceUnderAHeadingOrAtTheStartIsBody() {
        #expect(!CaptionDetector().isCaption(Paragraph("这是一串可喜的数字。"), after: Paragraph("匠心独运 打出监管重拳")))
        #expect(!CaptionDetector().isCaption(Paragraph("正文第一段。"), after: nil))
    }
}
