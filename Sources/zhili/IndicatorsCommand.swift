import ArgumentParser
import Foundation
import ZhiliStore

/// `zhili indicators`: the indicator ids in an index, with counts.
struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "List the indicator ids in an index with how many figures and articles report them.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print the list as JSON.")
    var json = false

    mutating func run() throws {
        let store = try reporter.run { try database.open(.readOnly) }
        let indicators = try reporter.run { try store.indicators() }
        if json {
            try JSONOutput.print(indicators)
            return
        }
        let headers = ["id", "label", "unit", "figures", "articles"]
        let rows = indicators.map { [$0.id, $0.label ?? "", $0.unit ?? "", "\($0.figureCount)", "\($0.articleCount)"] }
        print(TextTable.render(headers: headers, rows: rows))
    }
}
