import ArgumentParser
import Foundation
import ZhiliBatch
import ZhiliCore
import ZhiliStore

/// `zhili programs`: precedent programs grouped by name, or where and when each spread (`--timeline`).
struct ProgramsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programs",
        abstract: "List named programs by name: regions, years, articles and the figures reported with them.",
        discussion: """
            --timeline gives, for each matching program, its first and latest dated mention in every \
            banner or county, league or city and province (a duplicate cluster counts once per region; \
            undated articles are left out and counted), and the regions whose articles reuse another's \
            text. CSV columns are listed in docs/schema.md.

            Examples:
              zhili programs 调解 --db zhili.db
              zhili programs --region 乌兰察布 --json
              zhili programs --timeline 调解室
              zhili programs --timeline 调解室 --level county --format csv > t.csv
              zhili programs --timeline 调解室 --reuse --format csv
            """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @Argument(help: "Text the program name must contain (or, with --timeline, one of its aliases); none lists every program.")
    var query: String?

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only programs of this region or a region below it.", valueName: "name|code"))
    var region: String?

    @Option(help: "Number of programs.")
    var limit: Int = 20

    @Option(help: "Figures listed per program.")
    var figures: Int = 5

    @Flag(help: "Where and when each program was first and last reported, by region.")
    var timeline = false

    @Option(help: ArgumentHelp("With --timeline: only this level.", valueName: "county|prefecture|province"))
    var level: RegionLevel?

    @Flag(help: "With --timeline: list text reused between regions instead of the regions.")
    var reuse = false

    @Option(help: ArgumentHelp("Output format.", valueName: "text|json|csv"))
    var format: Format = .text

    @Flag(help: "Same as --format json.")
    var json = false

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        if timeline && (query ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--timeline needs a program name or part of one, e.g. zhili programs --timeline 调解室")
        }
        if !timeline && (level != nil || reuse) {
            throw ValidationError("--level and --reuse go with --timeline")
        }
    }

    mutating func run() throws {
        let store = try reporter.run { try database.open(.readOnly) }
        let format = json ? .json : self.format
        if timeline {
            let timelines = try reporter.run {
                try store.programTimelines(ProgramTimelineRequest(query: query ?? "", region: region, limit: limit))
            }
            let shown = timelines.map { timeline in
                var timeline = timeline
                if let level { timeline.regions = timeline.regions(at: level) }
                return timeline
            }
            switch format {
            case .json: try JSONOutput.print(shown)
            case .csv: FileHandle.standardOutput.write(Data(reuse ? ProgramCSV.reuse(shown) : ProgramCSV.timelines(shown)))
            case .text: printTimelines(shown)
            }
            noteLimit(timelines.count)
            return
        }
        let groups = try reporter.run {
            try store.programs(ProgramsRequest(query: query, region: region, limit: limit, figuresPerProgram: figures))
        }
        switch format {
        case .json: try JSONOutput.print(groups)
        case .csv: FileHandle.standardOutput.write(Data(ProgramCSV.groups(groups)))
        case .text: printGroups(groups)
        }
        noteLimit(groups.count)
    }

    /// Says on standard error that more programs may match when the list is full.
    private func noteLimit(_ count: Int) {
        if count == limit {
            reporter.report("note: showing the \(limit) most reported programs; --limit N shows more")
        }
    }

    private func printGroups(_ groups: [ProgramGroup]) {
        if groups.isEmpty { print("no programs found") }
        for group in groups {
            let years = group.years.isEmpty ? "" : " · " + (group.years.count == 1 ? "\(group.years[0])" : "\(group.years.first!)–\(group.years.last!)")
            print("\(group.name) · \(group.articleCount) article\(group.articleCount == 1 ? "" : "s"), \(group.mentionCount) mention\(group.mentionCount == 1 ? "" : "s")\(years)")
            if let first = group.firstSeen, let last = group.lastSeen { print("   seen \(first) … \(last)") }
            if !group.regions.isEmpty { print("   regions: " + group.regions.map(\.name).joined(separator: "、")) }
            for near in group.figures {
                let figure = near.figure
                let label = [figure.indicator, figure.metric].compactMap { $0 }.joined(separator: " ")
                print("   \(figure.text)\(label.isEmpty ? "" : " (\(label))") [\(near.proximity.rawValue)] \(figure.sentence)")
            }
        }
    }

    private func printTimelines(_ timelines: [ProgramTimeline]) {
        if timelines.isEmpty { print("no programs found") }
        for (index, timeline) in timelines.enumerated() {
            if index > 0 { print("") }
            let aliases = timeline.aliases.isEmpty ? "" : " (also " + timeline.aliases.joined(separator: "、") + ")"
            let undated = timeline.undatedArticles == 0 ? "" : ", \(timeline.undatedArticles) undated left out"
            print("\(timeline.program)\(aliases) · \(timeline.datedArticles) dated article\(timeline.datedArticles == 1 ? "" : "s")\(undated)")
            if reuse {
                let rows = timeline.reuse.map { link in
                    [String(link.source.date.prefix(10)), link.source.region.name, "→", String(link.target.date.prefix(10)),
                     link.target.region.name, link.target.id, link.target.title ?? ""]
                }
                print(rows.isEmpty ? "   no text reused between regions" : TextTable.render(
                    headers: ["from", "region", "", "to", "region", "article", "title"], rows: rows))
                continue
            }
            let rows = timeline.regions.map { entry in
                [Self.levelName(entry.level), entry.region.name, entry.level == .county ? entry.prefecture?.name ?? "" : "",
                 String(entry.first.date.prefix(10)), String(entry.latest.date.prefix(10)), String(entry.clusters),
                 entry.first.id, entry.first.title ?? ""]
            }
            print(rows.isEmpty ? "   no dated mention with a region" : TextTable.render(
                headers: ["level", "region", "league", "first", "latest", "articles", "first article", "title"], rows: rows))
            if !timeline.reuse.isEmpty {
                print("   \(timeline.reuse.count) reuse link\(timeline.reuse.count == 1 ? "" : "s") between regions (--reuse lists them)")
            }
        }
    }

    /// `county`, `league/city`, `province`.
    static func levelName(_ level: RegionLevel) -> String {
        switch level {
        case .county: "county"
        case .prefecture: "league/city"
        case .province: "province"
        }
    }
}
