import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ZhiliServer

@Suite struct PageRouteTests {
    /// GETs `uri` and returns status, content type and body.
    static func get(_ uri: String) async throws -> (HTTPResponse.Status, String?, String) {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                (response.status, response.headers[.contentType], String(buffer: response.body))
            }
        }
    }

    @Test func homePageHasTheFormAndTheRegionPicker() async throws {
        let (status, type, html) = try await Self.get("/")
        #expect(status == .ok)
        #expect(type == "text/html; charset=utf-8")
        #expect(html.contains("<form class=\"search\" method=\"get\" action=\"/\""))
        #expect(html.components(separatedBy: "<optgroup ").count == 13)   // 12 leagues and cities
        #expect(html.contains("<option value=\"152200\" >兴安盟 (1)</option>"))
        #expect(html.contains("data-prefecture=\"150900\""))
        #expect(!html.contains("class=\"results\""))
    }

    @Test func searchResultsHighlightAndChip() async throws {
        let (status, _, html) = try await Self.get("/?q=\(q("调解室"))")
        #expect(status == .ok)
        #expect(html.contains("<a href=\"/articles/laoli\">"))
        #expect(html.contains("<mark>调解室</mark>"))
        #expect(html.contains("href=\"/programs/\(q("老李调解室"))\""))
        #expect(html.contains("value=\"调解室\""))
    }

    @Test func regionAndYearFiltersWorkWithoutJavaScript() async throws {
        let (_, _, html) = try await Self.get("/?q=\(q("网格"))&region=152200&county=&from=2022&to=2022")
        #expect(html.contains("/articles/hinggan"))
        #expect(!html.contains("/articles/bayannur"))
        #expect(html.contains("<option value=\"152200\" selected>"))
        let (_, _, county) = try await Self.get("/?q=\(q("调解"))&county=150902")
        #expect(county.contains("/articles/laoli"))
        #expect(county.contains("<option value=\"150902\" selected>"))
    }

    @Test(arguments: [
        "/?q=a&region=999999", "/?q=a&from=2023&to=2021", "/?q=a&from=year", "/?page=0&q=a",
        "/compare?indicator=grids&year=x", "/compare?indicator=no_such_indicator", "/programs?region=1",
    ])
    func badFormValuesShowAnEscapedErrorWith400(uri: String) async throws {
        let (status, type, html) = try await Self.get(uri)
        #expect(status == .badRequest)
        #expect(type == "text/html; charset=utf-8")
        #expect(html.contains("class=\"error\" role=\"alert\""))
    }

    @Test func articleTextContainingScriptIsShownAsText() async throws {
        let (status, _, html) = try await Self.get("/articles/script")
        #expect(status == .ok)
        #expect(html.contains("网格员发现&lt;script&gt;alert(1)&lt;/script&gt;字样的传单,&lt;b&gt;立即&lt;/b&gt;上报。"))
        #expect(html.contains("<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;乌海网格</h1>"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>"))
        // The only scripts are the page's own.
        #expect(html.components(separatedBy: "<script").count == 2)
    }

    @Test func searchEchoesUserTextEscaped() async throws {
        let (_, _, html) = try await Self.get("/?q=\(q("\"><script>alert(1)</script>"))")
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
        let (_, _, results) = try await Self.get("/?q=\(q("网格员"))&region=150300")
        #expect(results.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"))
        #expect(!results.contains("<script>alert"))
    }

    @Test func articlePageMarksFiguresAndPrograms() async throws {
        let (status, _, html) = try await Self.get("/articles/laoli")
        #expect(status == .ok)
        #expect(html.contains("<mark class=\"fig\" id=\"fig-"))
        #expect(html.contains(">2000余起</mark>"))
        #expect(html.contains("<a class=\"prog\" id=\"prog-"))
        #expect(html.contains("<span class=\"chip region\">集宁区</span>"))
    }

    @Test func unknownArticleAndProgramAre404Pages() async throws {
        for uri in ["/articles/nope", "/programs/\(q("没有这个项目"))", "/nothing", "/static/nothing.css"] {
            let (status, type, html) = try await Self.get(uri)
            #expect(status == .notFound)
            #expect(type == "text/html; charset=utf-8")
            #expect(html.contains("<h1>404</h1>"))
        }
    }

    @Test func programPagesListAndDetail() async throws {
        let (_, _, list) = try await Self.get("/programs?q=\(q("代办"))")
        #expect(list.contains("两全代办制"))
        #expect(!list.contains("老李调解室"))
        let (status, _, detail) = try await Self.get("/programs/\(q("老李调解室"))")
        #expect(status == .ok)
        #expect(detail.contains("<h1>老李调解室</h1>"))
        #expect(detail.contains("/articles/laoli"))
    }

    @Test func comparePageDrawsTableChartAndMap() async throws {
        let (status, _, html) = try await Self.get("/compare?indicator=grids")
        #expect(status == .ok)
        #expect(html.contains("<svg class=\"chart\""))
        #expect(html.contains("<svg class=\"map\""))
        #expect(html.components(separatedBy: "<g class=\"bar-row\"").count == 13)
        #expect(html.components(separatedBy: "<circle class=\"value\"").count == 4)
        #expect(html.contains("<a href=\"/articles/bayannur#fig-"))
        #expect(html.contains("<td class=\"num\">5780个</td>"))
        #expect(!html.contains("class=\"bar fall\""))
        #expect(html.components(separatedBy: "<tr class=\"missing\">").count == 10)
        let (_, _, picker) = try await Self.get("/compare")
        #expect(picker.contains("<option value=\"grids\" >"))
        #expect(picker.contains("href=\"/compare?indicator=grids\""))
    }

    @Test func staticFilesAreServed() async throws {
        let (status, type, css) = try await Self.get("/static/app.css")
        #expect(status == .ok)
        #expect(type == "text/css; charset=utf-8")
        #expect(css.contains("mark"))
        let (_, jsType, _) = try await Self.get("/static/app.js")
        #expect(jsType == "text/javascript; charset=utf-8")
    }
}
