import Testing
@testable import ZhiliIngest

@Suite struct BoilerplateFilterTests {
    static let filter = BoilerplateFilter(patterns: try! BoilerplatePatterns.builtIn())

    @Test(arguments: [
        "首页 > 乌兰察布新闻 > 正文",
        "人民网>>内蒙古频道>>盟市>>巴彦淖尔",
        "人民网",
        "小字号",
        "分享让更多人看到",
        "返回顶部",
        "[责任编辑:辛永红]",
        "(责编:刘泽、张雪冬)",
        "正北方网联系方式:电话:0471-6651113 | E-mail:northnews@126.com",
        "今日内蒙古",
        "当前位置：首页 > 新闻",
        "<img src=\"a.jpg\">",
        "20230106_photo.jpg",
        "往期阅读",
        "当前版: 08版 上一版  下一版",
        "上一版 下一版",
        "放大 缩小 默认",
    ])
    func dropsBoilerplate(line: String) {
        guard case .drop = Self.filter.classify(line) else {
            Issue.record("kept: \(line)")
            return
        }
    }

    /// A dropped line names the pattern that dropped it: the first `drop` pattern in the file
    /// that matches it whole, or the `strip` pattern that left nothing of it.
    @Test(arguments: [
        ("人民网", BoilerplatePatterns.Kind.drop, "今日内蒙古|正北方网|人民网|新华网|央视网|中国新闻网|中国网|光明网|内蒙古新闻网|草原云|北疆新闻"),
        ("首页 > 乌兰察布新闻 > 正文", .drop, "(首页|主页|网站首页)\\s*(>|＞|›|»|/).*"),
        ("<img src=\"a.jpg\">", .strip, "</?[A-Za-z][^<>]{0,300}>"),
        ("20230106_photo.jpg", .strip, "[A-Za-z0-9_./:-]{1,200}\\.(jpg|jpeg|png|gif|webp|bmp|JPG|JPEG|PNG|GIF)\\b"),
        ("版权所有 © 2023 正北方网", .end, "(版权所有|Copyright|COPYRIGHT|©).{0,120}"),
    ])
    func namesThePatternThatRemovedALine(line: String, kind: BoilerplatePatterns.Kind, pattern: String) {
        let removal = Self.filter.removal(of: line)
        #expect(removal?.kind == kind)
        #expect(removal?.source == pattern)
    }

    @Test func namesEachStripMatch() {
        let pieces = Self.filter.strips(in: "<p>正文&nbsp;文字</p>").map { (Self.filter.patterns.patterns[$0.pattern].source, $0.text) }
        #expect(pieces.map(\.1) == ["<p>", "&nbsp;", "</p>"])
        #expect(pieces.map(\.0) == ["</?[A-Za-z][^<>]{0,300}>", "&(nbsp|amp|lt|gt|quot|#[0-9]{1,6});", "</?[A-Za-z][^<>]{0,300}>"])
    }

    @Test(arguments: ["版权声明", "版权所有 © 2023 正北方网", "Copyright 2023 northnews.cn"])
    func endsAtCopyright(line: String) {
        #expect(Self.filter.removal(of: line)?.kind == .end)
    }

    @Test(arguments: [
        ("<p>正文<b>加粗</b></p>", "正文加粗"),
        ("正文&nbsp;文字", "正文文字"),
    ])
    func stripsHTMLLeftovers(line: String, expected: String) {
        #expect(Self.filter.classify(line) == .keep(expected))
    }

    @Test(arguments: [
        "深化基层治理 筑牢社会安全屏障",
        "集宁区:精准“把脉”筑牢安全稳定屏障",
        "“调解工作要晓之以理,动之以情,释之以法。”李明说。",
        "实行“12345”和“110”两线联动，市民只需拨打“12345”就能获得服务；",
        "织密平安防护网",
        "1. 建章立制,防患未然。",
        "当前版本的系统已经升级完毕。",
        "他把照片放大缩小后仔细查看。",
    ])
    func keepsBody(line: String) {
        #expect(Self.filter.classify(line) == .keep(line))
    }

    @Test func userPatternsExtendTheBuiltIns() throws {
        let filter = try Fixtures.filter(withExtraPatterns: "# site footer\ndrop 北疆之窗.*\nend 附件下载\n")
        #expect(filter.removal(of: "北疆之窗欢迎您")?.source == "北疆之窗.*")
        #expect(filter.removal(of: "附件下载")?.kind == .end)
        #expect(filter.removal(of: "小字号")?.kind == .drop)
    }

    @Test func badPatternFilesAreRejectedWithTheirLine() {
        #expect(throws: BoilerplateError.self) { try BoilerplatePatterns(parsing: "drop ok\nremove x\n", name: "bad.txt") }
        do {
            _ = try BoilerplatePatterns(parsing: "drop ok\nstrip (unclosed\n", name: "bad.txt")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
        }
    }
}
