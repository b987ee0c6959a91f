import Foundation
import Testing
import ZhiliCore
import ZhiliICU
@testable import ZhiliIngest

/// Chinese page shapes built around the seed articles' gold paragraphs: the cleaner must give
/// back exactly those paragraphs, and the title, date and outlet the page states.
@Suite struct HTMLPageTests {
    /// Seeds holding one article (captions are left out of the pages).
    static let seeds = ["000_2cf5b494796738ac.txt", "002_17843914ab0f768a.txt", "003_8b228848fdd751f3.txt",
                        "004_854fb02c5fd2bc62.txt"]

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// An old TRS/WCM government portal: layout tables, a nav bar, a breadcrumb, an info line
    /// with a font-size widget, the text in `TRS_Editor`, share, print and close links, an editor
    /// footer, a related-reading list, a sidebar of links and a copyright footer.
    static func trsPage(title: String, paragraphs: [String], breaks: Bool = false) -> String {
        // Older editors write paragraphs as lines indented with no-break spaces between <br>s.
        let body = breaks
            ? paragraphs.map { "&nbsp;&nbsp;&nbsp;&nbsp;\(escaped($0))" }.joined(separator: "<br>\n<br>\n")
            : paragraphs.map { "<p style=\"text-indent:2em\">\(escaped($0))</p>" }.joined(separator: "\n")
        let related = (1...6).map { "<li><a href=\"/xw/t2023070\($0)_1.html\">乌兰察布市召开第\($0)次重点工作推进会议</a><span>2023-07-0\($0)</span></li>" }
            .joined()
        let hot = (1...8).map { "<tr><td><a href=\"/rd/\($0).html\">热点：全市安全生产专项整治第\($0)阶段工作部署</a></td></tr>" }.joined()
        return """
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
            <title>\(escaped(title))_政务动态_乌兰察布市人民政府</title>
            <meta name="SiteName" content="乌兰察布市人民政府"><meta name="ColumnName" content="政务动态">
            <meta name="ArticleTitle" content="\(escaped(title))"><meta name="PubDate" content="2023-07-07 09:30">
            <meta name="ContentSource" content="正北方网">
            <script type="text/javascript">var _hmt = _hmt || []; document.write("统计代码");</script>
            <style>.nav a { color: #fff; }</style>
            </head><body>
            <table width="1000" align="center" class="top"><tr><td><img src="/images/logo.png" alt="乌兰察布市人民政府"></td></tr>
            <tr><td class="nav"><a href="/">首页</a> | <a href="/zw/">政务</a> | <a href="/fz/">法治</a> | <a href="/ms/">民生</a> | <a href="/gk/">政务公开</a> | <a href="/hd/">互动交流</a></td></tr></table>
            <table width="1000" align="center"><tr><td class="weizhi">您当前的位置：<a href="/">首页</a> &gt; <a href="/xw/">新闻</a></td></tr></table>
            <table width="1000" align="center"><tr><td width="700" valign="top">
            <table width="100%"><tr><td align="center" class="biaoti">\(escaped(title))</td></tr>
            <tr><td align="center" class="info">发布时间：2023-07-07 来源：正北方网 【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</td></tr>
            <tr><td class="zoom" id="zoom"><div class="TRS_Editor">
            \(body)
            </div></td></tr>
            <tr><td><div class="bdsharebuttonbox">分享到：<a href="#" class="bds_weixin">微信</a> <a href="#" class="bds_tsina">微博</a> <a href="#" class="bds_qzone">QQ空间</a></div></td></tr>
            <tr><td align="right"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></td></tr>
            <tr><td align="right">【责任编辑：辛永红】</td></tr>
            <tr><td class="xgyd"><div class="title">相关阅读</div><ul>\(related)</ul></td></tr>
            </table></td>
            <td width="280" valign="top" class="right"><table><tr><td>热点新闻</td></tr>\(hot)</table></td></tr></table>
            <table width="1000" align="center" class="bottom"><tr><td>版权所有：乌兰察布市人民政府 主办：乌兰察布市人民政府办公室<br>
            网站标识码：1509000001 蒙ICP备05003877号 联系电话：0474-1234567</td></tr></table>
            </body></html>
            """
    }

    /// A news site in divs: a header with an app banner and a nav list, a breadcrumb, og tags,
    /// `<time>`, the text in `article-content`, a hidden print copy, 上一篇/下一篇, a related list,
    /// a comment form and a footer.
    static func newsPage(title: String, paragraphs: [String]) -> String {
        let body = paragraphs.map { "<p>\(escaped($0))</p>" }.joined(separator: "\n")
        let related = (1...5).map { "<li><a href=\"/a/2023051\($0).html\">内蒙古各地扎实推进基层治理现代化建设第\($0)篇</a></li>" }.joined()
        return """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escaped(title)) - 正北方网</title>
            <meta property="og:title" content="\(escaped(title))"><meta property="og:site_name" content="正北方网">
            <meta property="article:published_time" content="2023-05-12T08:15:00+08:00">
            <link rel="canonical" href="https://www.northnews.cn/2023/0512/123456.html">
            </head><body>
            <div class="app-banner">打开正北方网APP，阅读体验更佳 <a href="/app">立即打开</a></div>
            <header class="site-header"><a class="logo" href="/">正北方网</a>
            <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zw">政务</a></li><li><a href="/fz">法治</a></li><li><a href="/sh">社会</a></li></ul></header>
            <div class="crumbs"><a href="/">首页</a> &gt; <a href="/fz">法治</a> &gt; 正文</div>
            <div class="main-wrap"><div class="article">
            <h1 class="article-title">\(escaped(title))</h1>
            <div class="article-meta"><time datetime="2023-05-12T08:15">2023-05-12 08:15</time> <span>来源：正北方网</span> <span>作者：赛娜</span></div>
            <div class="article-content">
            \(body)
            </div>
            <div style="display: none" class="print-copy"><p>这是隐藏的打印版本，不能进入正文，否则正文会重复一遍内容。</p></div>
            <div class="share-bar">分享到：<a href="#">微信</a><a href="#">微博</a></div>
            <div class="pages"><p>上一篇：<a href="/a/1.html">乌兰察布召开平安建设工作会议</a></p><p>下一篇：<a href="/a/3.html">呼和浩特推进社会治理现代化</a></p></div>
            <div class="related-news"><h3>相关新闻</h3><ul>\(related)</ul></div>
            <form class="comment-form" action="/comment"><p>发表评论（请文明发言，评论内容需审核后才能显示）</p><textarea name="c">说点什么吧</textarea><button>提交</button></form>
            </div></div>
            <footer><p>正北方网版权所有 未经授权禁止复制</p><p>蒙ICP备05003877号</p></footer>
            </body></html>
            """
    }

    static func cleanHTML(_ html: String) throws -> [Article] {
        try Cleaner().clean(RawDocument(source: "page.html", bytes: Array(html.utf8), format: .html))
    }

    @Test(arguments: seeds)
    func trsTablePageGivesTheGoldParagraphs(seed: String) throws {
        let gold = try GoldenTests.gold(seed).articles[0]
        let articles = try Self.cleanHTML(Self.trsPage(title: gold.title!, paragraphs: gold.paragraphs))
        try #require(articles.count == 1)
        #expect(articles[0].paragraphs == gold.paragraphs, "\(GoldenTests.diff(gold.paragraphs, articles[0].paragraphs))")
        #expect(articles[0].title == gold.title)
        #expect(articles[0].date == "2023-07-07T09:30")
        #expect(articles[0].outlet == "正北方网")
        #expect(articles[0].editors == ["辛永红"])
    }

    @Test(arguments: seeds)
    func trsPageWithLineBreaksGivesTheGoldParagraphs(seed: String) throws {
        let gold = try GoldenTests.gold(seed).articles[0]
        let articles = try Self.cleanHTML(Self.trsPage(title: gold.title!, paragraphs: gold.paragraphs, breaks: true))
        try #require(articles.count == 1)
        #expect(articles[0].paragraphs == gold.paragraphs, "\(GoldenTests.diff(gold.paragraphs, articles[0].paragraphs))")
        #expect(articles[0].title == gold.title)
    }

    /// A notice of two short sentences still beats the page's menus and link lists.
    @Test(arguments: [false, true])
    func shortNoticeIsTheText(breaks: Bool) throws {
        let paragraphs = ["为做好冬季安全生产工作，现将有关事项通知如下。", "请各单位于12月10日前报送自查情况。"]
        let articles = try Self.cleanHTML(Self.trsPage(title: "关于开展冬季安全生产检查的通知", paragraphs: paragraphs, breaks: breaks))
        try #require(articles.count == 1)
        #expect(articles[0].paragraphs == paragraphs)
        #expect(articles[0].title == "关于开展冬季安全生产检查的通知")
    }

    @Test func shortNewsIsTheText() throws {
        let paragraphs = ["记者从市公安局获悉，全市今年破获电信诈骗案件120起。", "警方提醒市民提高防范意识。"]
        let articles = try Self.cleanHTML(Self.newsPage(title: "全市破获电信诈骗案件120起", paragraphs: paragraphs))
        try #require(articles.count == 1)
        #expect(articles[0].paragraphs == paragraphs)
    }

    /// A short photo line is a caption after a picture, and body text after a paragraph.
    @Test func photoLinesAfterPicturesAreCaptions() throws {
        let html = """
            <html><body><div class="content">
            <p>近日，集宁区公安分局在社区开展防诈骗宣传活动，向居民讲解常见的电信诈骗手法。</p>
            <p><img src="/a.jpg"></p><p style="text-align:center">民警在社区宣传法律法规。</p>
            <p>活动中，民警向居民发放宣传资料三百余份，现场解答群众咨询五十余人次。</p>
            <p>居民纷纷表示很受教育。</p>
            </div></body></html>
            """
        let articles = try Self.cleanHTML(html)
        try #require(articles.count == 1)
        #expect(articles[0].captions == ["民警在社区宣传法律法规。"])
        #expect(articles[0].paragraphs.last == "居民纷纷表示很受教育。")
    }

    /// Old portals serve GBK and say so in a meta tag: the file is read in that charset.
    @Test func gbkTablePageIsReadInItsCharset() throws {
        let gold = try GoldenTests.gold(Self.seeds[0]).articles[0]
        let html = Self.trsPage(title: gold.title!, paragraphs: gold.paragraphs)
            .replacingOccurrences(of: "charset=utf-8", with: "charset=gbk")
        let bytes = try CharsetConverter.encode(html, charset: "GBK")
        let file = Fixtures.temporaryDirectory().appendingPathComponent("t20230707_1234.html")
        try Data(bytes).write(to: file)
        let reader = DumpReader(InputFile(path: file.path, size: bytes.count), maxArticleBytes: 1 << 24)
        guard case .document(let document)? = reader.next() else {
            Issue.record("no document read from \(file.path)")
            return
        }
        #expect(document.declaredCharset?.lowercased() == "gbk")
        let articles = try Cleaner().clean(document)
        try #require(articles.count == 1)
        #expect(articles[0].paragraphs == gold.paragraphs)
        #expect(articles[0].title == gold.title)
        #expect(articles[0].outlet == "正北方网")
    }

    @Test(arguments: seeds)
    func newsPageGivesTheGoldParagraphs(seed: String) throws {
        let gold = try GoldenTests.gold(seed).articles[0]
        let articles = try Self.cleanHTML(Self.newsPage(title: gold.title!, paragraphs: gold.paragraphs))
        try #require(articles.count == 1)
        #expect(articles[0].paragraphs == gold.paragraphs, "\(GoldenTests.diff(gold.paragraphs, articles[0].paragraphs))")
        #expect(articles[0].title == gold.title)
        #expect(articles[0].date == "2023-05-12T08:15")
        #expect(articles[0].outlet == "正北方网")
        #expect(articles[0].authors == ["赛娜"])
    }

    @Test func newsPageMetadata() throws {
        let page = HTMLPage.parse(Self.newsPage(title: "集宁区:精准“把脉”筑牢安全稳定屏障", paragraphs: ["第一段。"]))
        #expect(page.title == "集宁区:精准“把脉”筑牢安全稳定屏障")
        #expect(page.canonicalURL == "https://www.northnews.cn/2023/0512/123456.html")
        #expect(page.outlet == "正北方网")
    }

    /// Asked to explain, a page lists the visible blocks its main text left out, with why.
    @Test func explainingListsWhatThePageLeftOut() throws {
        let gold = try GoldenTests.gold(Self.seeds[0]).articles[0]
        let html = Self.trsPage(title: gold.title!, paragraphs: gold.paragraphs)
        let page = HTMLPage.parse(html, explaining: true)
        let leftOut = Dictionary(grouping: page.leftOut, by: \.text).mapValues { $0.map(\.rule) }
        #expect(leftOut["您当前的位置：首页 > 新闻"] != nil)
        #expect(leftOut["乌兰察布市召开第1次重点工作推进会议2023-07-01"] != nil, "\(page.leftOut.map { "\($0.rule) \($0.text)" })")
        #expect(leftOut["热点：全市安全生产专项整治第1阶段工作部署"] != nil)
        #expect(page.leftOut.allSatisfy { $0.line == 0 && !gold.paragraphs.contains($0.text) })
        #expect(HTMLPage.parse(html).leftOut.isEmpty)
        // The cleaner hands them on as removals, before the text's own.
        var removals: [Removal] = []
        _ = try Cleaner().clean(RawDocument(source: "page.html", bytes: Array(html.utf8), format: .html), removals: &removals)
        #expect(removals.prefix(page.leftOut.count).elementsEqual(page.leftOut))
    }

    @Test func hiddenElementsNeverReachTheText() {
        let html = """
            <html><body><div class="content">
            <p>基层强则国家强，基层安则天下安。让老百姓过上好日子是党和政府一切工作的出发点和落脚点。</p>
            <p hidden>隐藏属性的段落，不应出现。</p>
            <p aria-hidden="true">读屏隐藏的段落，不应出现。</p>
            <div style="DISPLAY : NONE"><p>样式隐藏的段落，不应出现，哪怕它很长很长很长很长很长很长很长很长。</p></div>
            <div style="visibility:hidden">不可见的段落，不应出现。</div>
            <p>去年以来，巴彦淖尔市聚焦社会更安定，扎实做好防范化解社会矛盾控制性工程。</p>
            <!-- 注释，不应出现 --><script>var a = "脚本，不应出现";</script><style>p { color: red }</style>
            <form><input value="表单"><select><option>选项，不应出现</option></select><button>按钮</button></form>
            </div></body></html>
            """
        #expect(HTMLText.extract(html) == """
            基层强则国家强，基层安则天下安。让老百姓过上好日子是党和政府一切工作的出发点和落脚点。

            去年以来，巴彦淖尔市聚焦社会更安定，扎实做好防范化解社会矛盾控制性工程。
            """)
    }

    /// Furniture inside the text's own block goes line by line (boilerplate patterns).
    @Test func furnitureInsideTheTextBlockIsDropped() throws {
        let html = """
            <html><body><td><div class="article">
            您当前的位置：<a href="/">首页</a> &gt; <a href="/xw/">新闻</a><br>
            【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】<br>
            近年来，集宁区坚定不移贯彻总体国家安全观，加快构建大安全格局、完善大平安体系，维护社会稳定。<br>
            调解室不大，却承担着化解基层矛盾纠纷的重任，群众有诉求、有矛盾都愿意找他。<br>
            <a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a><br>
            【责任编辑：辛永红】
            </div></td></body></html>
            """
        let articles = try Self.cleanHTML(html)
        try #require(articles.count == 1)
        #expect(articles[0].paragraphs == [
            "近年来，集宁区坚定不移贯彻总体国家安全观，加快构建大安全格局、完善大平安体系，维护社会稳定。",
            "调解室不大，却承担着化解基层矛盾纠纷的重任，群众有诉求、有矛盾都愿意找他。",
        ])
        #expect(articles[0].editors == ["辛永红"])
    }

    @Test func linkDenseListsLeaveTheText() {
        let links = (1...8).map { "<li><a href=\"/\($0).html\">全市召开第\($0)次平安建设工作推进会议部署下一阶段任务</a></li>" }.joined()
        let html = """
            <html><body><div id="main"><div class="detail">
            <p>近年来，集宁区坚定不移贯彻总体国家安全观，加快构建大安全格局、完善大平安体系，维护社会稳定。</p>
            <ul>\(links)</ul>
            <p>调解室不大，却承担着化解基层矛盾纠纷的重任，群众有诉求、有矛盾都愿意找他。</p>
            <ul><li>第一，提升防诈骗意识，不要轻信陌生来电。</li><li>第二，不要点击莫名链接，不要随意透露个人信息。</li></ul>
            <p>推荐阅读：<a href="/x.html">集宁区推进基层治理</a> <a href="/y.html">乌兰察布平安建设</a></p>
            </div></div>
            <div class="list"><ul>\(links)</ul></div>
            </body></html>
            """
        #expect(HTMLText.extract(html) == """
            近年来，集宁区坚定不移贯彻总体国家安全观，加快构建大安全格局、完善大平安体系，维护社会稳定。

            调解室不大，却承担着化解基层矛盾纠纷的重任，群众有诉求、有矛盾都愿意找他。

            第一，提升防诈骗意识，不要轻信陌生来电。

            第二，不要点击莫名链接，不要随意透露个人信息。
            """)
    }

    @Test(arguments: [
        ("https://www.gov.cn/xinwen/2023-05/12/content_1.htm", "2023-05-12" as String?),
        ("https://news.example.com/2023/05/12/story.html", "2023-05-12"),
        ("http://www.wulanchabu.gov.cn/xw/202307/t20230707_1234.html", "2023-07-07"),
        ("https://www.northnews.cn/p/1.html", nil),
        ("https://www.quantamagazine.org/tuft-cells-set-off-immune-responses-20191115/", "2019-11-15"),
        ("https://example.com/item-20191234/", nil),
    ])
    func dateInURL(url: String, date: String?) {
        #expect(HTMLPage.date(inURL: url) == date)
    }

    @Test(arguments: [
        ("集宁区召开安全生产工作会议_政务动态_乌兰察布市人民政府", "乌兰察布市人民政府", "集宁区召开安全生产工作会议"),
        ("Ein langer Titel über Dinge | Site", "Site", "Ein langer Titel über Dinge"),
        ("集宁区:精准“把脉”筑牢安全稳定屏障 - 正北方网", nil, "集宁区:精准“把脉”筑牢安全稳定屏障"),
        ("平安建设护稳定", nil, "平安建设护稳定"),
        ("五大任务 兴安担当——兴安盟高质量发展系列报道之二_要闻_兴安日报", nil, "五大任务 兴安担当——兴安盟高质量发展系列报道之二"),
        ("通知_通知公告_乌兰察布市人民政府办公室", "乌兰察布市人民政府办公室", "通知"),
        ("Site | A much longer title of the story itself", nil, "A much longer title of the story itself"),
    ])
    func titleWithoutSiteName(title: String, site: String?, expected: String) {
        #expect(HTMLPage.withoutSiteName(title, siteName: site) == expected)
    }

    @Test func aTitleThatIsTheSiteNameIsNoTitle() {
        #expect(HTMLPage.chooseTitle(meta: nil, headline: nil, title: "乌兰察布市人民政府", siteName: "乌兰察布市人民政府") == nil)
        #expect(HTMLPage.chooseTitle(meta: nil, headline: "集宁区召开安全生产工作会议", title: "乌兰察布市人民政府",
                                     siteName: "乌兰察布市人民政府") == "集宁区召开安全生产工作会议")
    }

    @Test func aNavigationHeadlineIsNotTheTitle() {
        let title = HTMLPage.chooseTitle(meta: nil, headline: "首页", title: "平安建设护稳定 社会治理促和谐_新闻中心_正北方网", siteName: nil)
        #expect(title == "平安建设护稳定 社会治理促和谐")
    }
}
