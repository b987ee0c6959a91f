import ArgumentParser
import Foundation
import ZhiliStore

/// `zhili search`: ranked full-text search over an index.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search indexed articles, ranked by relevance.",
        discussion: """
            Words separated by spaces must all match; "a phrase" must match in order; OR between two \
            words matches either; -word leaves out articles with that word. Chinese words are segmented \
            like the index, so 调解 also finds 老李调解室. Characters such as ' * ( and -- are plain text.

            Examples:
              zhili search 调解室 --db zhili.db
              zhili search 网格员 --region 兴安盟 --year 2021..2023
              zhili search '"矛盾纠纷" -诈骗' --limit 5 --json
              zhili search 调解 --limit 20 --after TOKEN
            """)

    @Argument(help: "The query; several arguments are joined with spaces.")
    var query: [String]

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only articles about this region or a region below it (name, short name or code).", valueName: "name|code"))
    var region: String?

    @Option(help: ArgumentHelp("Only articles from this year or range of years.", valueName: "2022|2021..2023"))
    var year: YearRange?

    @Option(help: ArgumentHelp("Only articles naming a program containing this text.", valueName: "name"))
    var program: String?

    @Option(help: ArgumentHelp("Only articles reporting this indicator (see `zhili indicators`).", valueName: "id"))
    var indicator: String?

    @Option(help: "Number of hits.")
    var limit: Int = 10

    @Option(help: "Hits to skip.")
    var offset: Int = 0

    @Option(help: ArgumentHelp("Continue after the page that printed this token (its last line).", valueName: "token"))
    var after: String?

    @Flag(help: "Print the results as JSON.")
    var json = false

    mutating func run() throws {
        let cursor = try reporter.run { () throws -> SearchCursor? in
            guard let after else { return nil }
            guard let cursor = SearchCursor(token: after) else {
                throw StoreError.invalidQuery("--after \(after) is not a token a search printed; copy it from the \"next page\" line or the JSON's \"next\"")
            }
            return cursor
        }
        let store = try reporter.run { try database.open(.readOnly) }
        let request = SearchRequest(
            query: query.joined(separator: " "),
            filters: SearchFilters(region: region, years: year?.range, program: program, indicator: indicator),
            limit: limit, offset: offset, after: cursor)
        let results = try reporter.run { try store.search(request) }
        if json {
            try JSONOutput.print(results)
            return
        }
        var header = "\(results.total)\(results.totalIsExact ? "" : "+") result\(results.total == 1 ? "" : "s")"
        if let region = results.region { header += " in \(region.name) (\(region.code))" }
        print(header)
        for (index, hit) in results.hits.enumerated() {
            let title = hit.title.map { TerminalText.highlight($0, hit.titleHighlights) } ?? "(untitled)"
            print("\n\(request.after == nil ? "\(request.offset + index + 1). " : "- ")\(title)")
            let meta = [hit.date, hit.outlet, hit.regions.isEmpty ? nil : hit.regions.prefix(3).map(\.name).joined(separator: "、")]
                .compactMap { $0 }
            let copies = hit.copies > 0 ? ["also on \(hit.copies) site\(hit.copies == 1 ? "" : "s")"] : []
            print("   " + (meta + copies + [String(format: "score %.2f", hit.score)]).joined(separator: " · "))
            let snippet = hit.snippet
            print("   " + (snippet.truncatedStart ? "…" : "") + TerminalText.highlight(snippet.text, snippet.highlights)
                .replacingOccurrences(of: "\n", with: " ") + (snippet.truncatedEnd ? "…" : ""))
            if !hit.matchedPrograms.isEmpty {
                print("   programs: " + hit.matchedPrograms.joined(separator: "、"))
            } else if !hit.programs.isEmpty {
                print("   programs named: " + hit.programs.prefix(5).joined(separator: "、"))
            }
            print("   id: \(hit.articleID)")
        }
        if let next = results.next {
            print("\nnext page: --after \(next.token)")
        }
    }
}
