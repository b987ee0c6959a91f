import Testing
@testable import ZhiliIngest

@Suite struct HTMLTextTests {
    @Test func keepsTheMainTextOnly() {
        let html = """
            <html><head><title>标题</title><style>p{color:red}</style><script>var x = "脚本";</script></head>
            <body><header>网站头部</header><nav>首页 | 新闻</nav>
            <!-- 注释 -->
            <h1>集宁区:精准“把脉”</h1>
            <p>第一段&nbsp;文字&amp;符号&#x4E2D;。</p><p>第二段<br>换行。</p>
            <div>块<span>内联</span>文字</div>
            <aside>侧栏</aside><footer>版权所有</footer></body></html>
            """
        let text = HTMLText.extract(html)
        #expect(text == "集宁区:精准“把脉”\n\n第一段\u{00A0}文字&符号中。\n\n第二段\n换行。\n\n块内联文字", "\(text)")
    }

    @Test(arguments: ["", "   ", "<html></html>", "<<<>>>"])
    func toleratesEmptyAndBrokenPages(html: String) {
        _ = HTMLText.extract(html)  // must not crash
    }

    @Test func unclosedTagsAreRecovered() {
        #expect(HTMLText.extract("<p>一<p>二<div>三") == "一\n\n二\n\n三")
    }
}
