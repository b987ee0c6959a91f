import Foundation
import Testing

/// End-to-end tests of `zhili search` paging: each page ends with the token of the next, and
/// `--after TOKEN` continues there.
@Suite struct SearchCommandTests {
    @Test func afterTheTokenOfAPageComesTheNextPage() throws {
        let directory = CLI.scratch()
        let db = directory.appendingPathComponent("zhili.db").path
        let extract = try CLI.run(["extract", "corpus/raw", "--db", db])
        #expect(extract.status == 0, "\(extract.stderr)")

        func ids(_ json: String) throws -> [String] {
            let results = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            return (results["hits"] as? [[String: Any]] ?? []).compactMap { $0["article_id"] as? String }
        }
        let whole = try CLI.run(["search", "内蒙古", "--db", db, "--json", "--limit", "50"])
        let all = try ids(whole.stdout)
        try #require(all.count >= 3, "\(whole.stderr)")

        var seen: [String] = []
        var arguments = ["search", "内蒙古", "--db", db, "--limit", "2"]
        while seen.count <= all.count {
            let page = try CLI.run(arguments + ["--json"])
            #expect(page.status == 0, "\(page.stderr)")
            seen += try ids(page.stdout)
            // The text output names the same token on its last line.
            let text = try CLI.run(arguments)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(page.stdout.utf8)) as? [String: Any])
            guard let next = json["next"] as? String else {
                #expect(!text.stdout.contains("next page:"))
                break
            }
            #expect(text.stdout.hasSuffix("\nnext page: --after \(next)\n"), "\(text.stdout)")
            arguments = ["search", "内蒙古", "--db", db, "--limit", "2", "--after", next]
        }
        #expect(seen == all)
    }

    @Test func aTokenFromElsewhereIsRefused() throws {
        let run = try CLI.run(["search", "调解", "--after", "not-a-token", "--db", "/no/such.db"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--after not-a-token is not a token a search printed"), "\(run.stderr)")
    }
}
