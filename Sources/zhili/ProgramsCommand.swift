import ArgumentParser
import Foundation
import ZhiliStore

/// `zhili programs`: precedent programs grouped by name.
struct ProgramsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programs",
        abstract: "List named programs by name: regions, years, articles and the figures reported with them.",
        discussion: """
            Examples:
              zhili programs 调解 --db zhili.db
              zhili programs --region 乌兰察布 --json
            """)

    @Argument(help: "Text the program name must contain; none lists every program.")
    var query: String?

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only programs of this region or a region below it.", valueName: "name|code"))
    var region: String?

    @Option(help: "Number of programs.")
    var limit: Int = 20

    @Option(help: "Figures listed per program.")
    var figures: Int = 5

    @Flag(help: "Print the groups as JSON.")
    var json = false

    mutating func run() throws {
        let store = try reporter.run { try database.open(.readOnly) }
        let groups = try reporter.run {
            try store.programs(ProgramsRequest(query: query, region: region, limit: limit, figuresPerProgram: figures))
        }
        if json {
            try JSONOutput.print(groups)
            return
        }
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
}
