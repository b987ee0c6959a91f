import Testing
@testable import ZhiliIngest

@Suite struct ArticleSplitterTests {
    static func paragraphs(_ texts: [String]) -> [Paragraph] { texts.map { Paragraph($0) } }

    @Test func splitsAtAHeadingFollowedByAByline() {
        let drafts = ArticleSplitter().split(Self.paragraphs([
            "警企联合:唱响首府卫士之歌", "——来自呼和浩特市公安局的报道", "本报通讯员●李海立",
            "有一种奉献,叫“躬耕警苑”。", "匠心独运 打出监管重拳", "这是一串可喜的数字。",
            "多元化解矛盾纠纷 推进基层社会治理", "本报记者●李亮 通讯员●王永●王霞", "为深入推进基层社会治理。",
        ]))
        #expect(drafts.count == 2)
        #expect(drafts[0].title == "警企联合:唱响首府卫士之歌")
        #expect(drafts[0].subtitle == "来自呼和浩特市公安局的报道")
        #expect(drafts[0].authors == ["李海立"])
        #expect(drafts[0].paragraphs == ["有一种奉献,叫“躬耕警苑”。", "匠心独运 打出监管重拳", "这是一串可喜的数字。"])
        #expect(drafts[1].title == "多元化解矛盾纠纷 推进基层社会治理")
        #expect(drafts[1].subtitle == nil)
        #expect(drafts[1].authors == ["李亮", "王永", "王霞"])
        #expect(drafts[1].paragraphs == ["为深入推进基层社会治理。"])
    }

    @Test func subheadsWithoutBylinesStayInOneArticle() {
        let drafts = ArticleSplitter().split(Self.paragraphs([
            "五大任务 兴安担当", "—兴安盟高质量发展系列报道之二", "晨曦微亮,执勤战士坚守岗位。",
            "夯实平安法治基石", "“真想不到。”他说。", "(胡日查 韩学文 王越)", "(本版图片均由包音德力格尔摄)",
        ]))
        #expect(drafts.count == 1)
        #expect(drafts[0].title == "五大任务 兴安担当")
        #expect(drafts[0].subtitle == "兴安盟高质量发展系列报道之二")
        #expect(drafts[0].paragraphs == ["晨曦微亮,执勤战士坚守岗位。", "夯实平安法治基石", "“真想不到。”他说。"])
        #expect(drafts[0].authors == ["胡日查", "韩学文", "王越"])
        #expect(drafts[0].captions == ["(本版图片均由包音德力格尔摄)"])
    }

    @Test func theTitleIsTheFirstHeadingEvenAfterTheLead() {
        let drafts = ArticleSplitter().split(Self.paragraphs([
            "筑牢祖国北疆安全稳定屏障，是内蒙古必须履行好的重大责任。", "平安建设护稳定 社会治理促和谐",
            "安全生产重于山 毫不懈怠促发展", "近日，笔者走进乌达产业园。",
        ]))
        #expect(drafts[0].title == "平安建设护稳定 社会治理促和谐")
        #expect(drafts[0].paragraphs == ["筑牢祖国北疆安全稳定屏障，是内蒙古必须履行好的重大责任。", "安全生产重于山 毫不懈怠促发展", "近日，笔者走进乌达产业园。"])
    }

    @Test func aContainerTitleWins() {
        let drafts = ArticleSplitter().split(Self.paragraphs(["标题在这里", "正文第一段。"]), title: "标题在这里")
        #expect(drafts[0].title == "标题在这里")
        #expect(drafts[0].paragraphs == ["正文第一段。"])
        let other = ArticleSplitter().split(Self.paragraphs(["正文第一段。", "小标题在这里", "正文第二段。"]), title: "JSON 标题")
        #expect(other[0].title == "JSON 标题")
        #expect(other[0].paragraphs == ["正文第一段。", "小标题在这里", "正文第二段。"])
    }

    @Test func trailingBylinesLeaveTheLastParagraph() {
        let drafts = ArticleSplitter().split(Self.paragraphs(["标题在这里", "贡献力量。(本报记者 赛娜 通讯员 张家欣 王小玉)"]))
        #expect(drafts[0].paragraphs == ["贡献力量。"])
        #expect(drafts[0].authors == ["赛娜", "张家欣", "王小玉"])
    }
}
