import ArgumentParser
import Foundation
import ZhiliCore
import ZhiliStore

/// `zhili compare`: one indicator across regions, one kind of value, every value with its source sentence.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare an indicator across regions (the 12 leagues and cities of Inner Mongolia by default).",
        discussion: """
            Every figure is a level (网格5780个), a change (同比下降31.7%), a rate (化解率41.3%) or a \
            target (力争达到98%); one comparison shows one kind. By default each region gets its latest \
            dated value (an undated one when it has no dated value), a cluster of copies of an article \
            counting once; a league that reports none of its own shows its counties' values \
            ("from N county reports"). Notes on what was left out go to standard error.

            Examples:
              zhili compare --indicator grids --db zhili.db
              zhili compare --indicator 刑事案件 --kind change --format md
              zhili compare --indicator grid_workers --year 2021..2023 --by year
              zhili compare --indicator hazards_found --rollup --all
              zhili compare --indicator grids --level county --within 鄂尔多斯
            """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, md
    }

    /// Table layouts.
    enum Layout: String, ExpressibleByArgument, CaseIterable {
        case year
    }

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Indicator id or Chinese label (see `zhili indicators`).", valueName: "id|label"))
    var indicator: String

    @Option(help: ArgumentHelp(
        "Kind of value compared (default: rate for an indicator measured in %, level otherwise).",
        valueName: "level|change|rate|target"))
    var kind: FigureRole?

    @Option(help: ArgumentHelp("Level of the compared regions.", valueName: "prefecture|county"))
    var level: RegionLevel = .prefecture

    @Option(help: ArgumentHelp("Region whose divisions are compared (default 内蒙古自治区).", valueName: "name|code"))
    var within: String?

    @Option(help: ArgumentHelp("Only values for this year or range of years; undated values are left out and counted.", valueName: "2022|2021..2023"))
    var year: YearRange?

    @Flag(help: "List every value, not only the latest of each region.")
    var all = false

    @Option(help: ArgumentHelp("A region × year table: the latest value of each region in each year.", valueName: "year"))
    var by: Layout?

    @Flag(help: "For a league without values of its own, sum its counties' levels when every county reports.")
    var rollup = false

    @Option(help: ArgumentHelp("Output format.", valueName: "table|csv|json|md"))
    var format: Format = .table

    @Option(help: ArgumentHelp("Columns a table may use; sentences are shortened to fit (default: the terminal's width; 0: no limit).", valueName: "n"))
    var width: Int?

    func validate() throws {
        if all && by != nil { throw ValidationError("--all and --by year are exclusive: a region × year table shows one value per cell") }
        if level == .province { throw ValidationError("--level takes prefecture or county") }
    }

    mutating func run() throws {
        let store = try reporter.run { try database.open(.readOnly) }
        let selection: CompareRequest.Selection = by != nil ? .byYear : all ? .all : .latest
        let request = CompareRequest(
            indicator: indicator, level: level, within: within, years: year?.range, kind: kind,
            selection: selection, rollup: rollup)
        let comparison = try reporter.run { try store.compare(request) }
        let output = ComparisonOutput(comparison: comparison, width: width ?? ComparisonOutput.terminalWidth())
        switch format {
        case .json: try JSONOutput.print(comparison)
        case .csv: print(output.csv(), terminator: "")
        case .md: print(output.markdown())
        case .table: print(output.table())
        }
        for note in output.notes(rollupAsked: rollup) {
            reporter.report(note)
        }
    }
}

extension RegionLevel: ExpressibleByArgument {}
extension FigureRole: ExpressibleByArgument {}
