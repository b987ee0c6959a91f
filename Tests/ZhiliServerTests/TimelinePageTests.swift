import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ZhiliServer

/// `/programs/{name}/timeline` and `/api/programs/timeline` over the fixture index.
@Suite struct TimelinePageTests {
    @Test func timelinePageShowsTheMapTheYearStepsAndTheTables() async throws {
        let (status, _, html) = try await PageRouteTests.get("/programs/\(q("老李调解室"))/timeline")
        #expect(status == .ok)
        #expect(html.contains("<path class=\"county reported y0\" data-code=\"150902\""))
        #expect(html.components(separatedBy: "<path class=\"county").count == 104)
        #expect(html.contains("href=\"/programs/\(q("老李调解室"))/timeline?until=2023\""))
        #expect(html.contains("<tr data-code=\"150902\">"))
        #expect(html.contains("<tr data-code=\"150900\">"))
        #expect(html.contains("<tr data-code=\"150000\">"))
        let firstCell = html.contains("<span class=\"date\">2023-05-10</span> <a href=\"/articles/laoli\">")
        #expect(firstCell)

        let (_, _, program) = try await PageRouteTests.get("/programs/\(q("老李调解室"))")
        #expect(program.contains("href=\"/programs/\(q("老李调解室"))/timeline\""))
    }

    @Test func untilShowsOnlyWhatWasReportedByThen() async throws {
        let (status, _, html) = try await PageRouteTests.get("/programs/\(q("老李调解室"))/timeline?until=2022")
        #expect(status == .ok)
        #expect(html.contains("<path class=\"county\" data-code=\"150902\""))
        #expect(!html.contains("county reported"))
    }

    @Test(arguments: ["/programs/\(q("没有这个项目"))/timeline", "/programs/\(q("老李调解室"))/timeline?until=year"])
    func unknownProgramsAndBadYearsAreErrors(uri: String) async throws {
        let (status, _, _) = try await PageRouteTests.get(uri)
        #expect(status == .notFound || status == .badRequest)
    }

    @Test func apiReturnsTimelinesAndNeedsAQuery() async throws {
        try await ServerFixture.app().test(.router) { client in
            try await client.execute(uri: "/api/programs/timeline?q=\(q("调解室"))", method: .get) { response in
                #expect(response.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let timelines = json?["timelines"] as? [[String: Any]]
                #expect(timelines?.first?["program"] as? String == "老李调解室")
                let regions = timelines?.first?["regions"] as? [[String: Any]]
                #expect(regions?.map { $0["level"] as? String } == ["county", "prefecture", "province"])
                #expect(timelines?.first?["undated_articles"] as? Int == 0)
            }
            try await client.execute(uri: "/api/programs/timeline", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }
}
