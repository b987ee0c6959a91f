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
        let store = try CommandFailure.report { try database.open(.readOnly) }
        let indicators = try CommandFailure.report { try store.indicators() }
        if json {
            try JSONOutput.print(indicators)
            return
        }
        let headers = ["id", "label", "unit", "figures", "articles"]
        let rows = indicators.map { [$0.id, $0.label ?? "", $0.unit ?? "", "\($0.figureCount)", "\($0.articleCount)"] }
        print(TextTable.render(headers: headers, rows: rows))
    }
}

/// A plain text table with columns aligned by display width.
enum TextTable {
    /// The table as lines: header, rule, rows.
    static func render(headers: [String], rows: [[String]]) -> String {
        var widths = headers.map(TerminalText.width)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], TerminalText.width(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : TerminalText.pad(cell, to: widths[index])
            }.joined(separator: "  ")
        }
        var lines = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}
