import ArgumentParser
import Foundation
import ZhiliCore
import ZhiliStore

/// `zhili compare`: one indicator across regions, every value with its source sentence.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare an indicator across regions (the 12 leagues and cities of Inner Mongolia by default).",
        discussion: """
            One row per value: a region with several values for a year gets several rows, each with its \
            article and quoted sentence; regions without a value are listed as missing.

            Examples:
              zhili compare --indicator grids --db zhili.db
              zhili compare --indicator dispute_resolution_rate --level county --within 鄂尔多斯 --format md
            """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, md
    }

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Indicator id (see `zhili indicators`).", valueName: "id"))
    var indicator: String

    @Option(help: ArgumentHelp("Level of the compared regions.", valueName: "prefecture|county"))
    var level: RegionLevel = .prefecture

    @Option(help: ArgumentHelp("Region whose divisions are compared (default 内蒙古自治区).", valueName: "name|code"))
    var within: String?

    @Option(help: "Only values for this year.")
    var year: Int?

    @Option(help: "Most values listed per region, newest first (0: all).")
    var rowsPerRegion: Int = 50

    @Option(help: ArgumentHelp("Output format.", valueName: "table|csv|json|md"))
    var format: Format = .table

    mutating func run() throws {
        let store = try reporter.run { try database.open(.readOnly) }
        let comparison = try reporter.run {
            try store.compare(CompareRequest(indicator: indicator, level: level, within: within, year: year, rowsPerRegion: rowsPerRegion))
        }
        switch format {
        case .json:
            try JSONOutput.print(comparison)
        case .csv:
            print(csv(comparison), terminator: "")
        case .md:
            print(markdown(comparison))
        case .table:
            let headers = ["region", "value", "unit", "year", "article", "sentence"]
            var rows = comparison.rows.map { row in
                [row.region.name, Self.number(row), row.unit ?? "", row.year.map(String.init) ?? "", row.articleID, row.sentence]
            }
            rows += comparison.missing.map { [$0.name, "—", "", "", "", "(missing)"] }
            let label = comparison.indicator.label.map { " (\($0))" } ?? ""
            print("\(comparison.indicator.id)\(label) by \(comparison.level.rawValue) in \(comparison.within.name)\(year.map { ", \($0)" } ?? "")")
            print(TextTable.render(headers: headers, rows: rows))
        }
        if format != .json, !comparison.omitted.isEmpty {
            let names = Dictionary(comparison.rows.map { ($0.region.code, $0.region.name) }, uniquingKeysWith: { first, _ in first })
            let notes = comparison.omitted.sorted { $0.key < $1.key }.map { "\(names[$0.key] ?? $0.key) \($0.value)" }
            reporter.report("more values not listed (--rows-per-region 0 lists all): \(notes.joined(separator: ", "))")
        }
    }

    /// The value as written for people: integers without decimals, ranges as `a–b`.
    static func number(_ row: ComparisonRow) -> String {
        func format(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
        if let valueMax = row.valueMax { return format(row.value) + "–" + format(valueMax) }
        return format(row.value) + (row.qualifier ?? "")
    }

    private func csv(_ comparison: Comparison) -> String {
        func field(_ text: String?) -> String {
            guard let text else { return "" }
            if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return text
        }
        var lines = ["region_code,region,value,value_max,unit,qualifier,year,article_id,title,date,sentence"]
        for row in comparison.rows {
            lines.append([
                row.region.code, row.region.name, String(row.value), row.valueMax.map { String($0) }, row.unit, row.qualifier,
                row.year.map(String.init), row.articleID, row.title, row.date, row.sentence,
            ].map(field).joined(separator: ","))
        }
        for region in comparison.missing {
            lines.append([region.code, region.name, "", "", "", "", "", "", "", "", ""].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func markdown(_ comparison: Comparison) -> String {
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var lines = [
            "| Region | Value | Unit | Year | Source | Sentence |",
            "|---|---:|---|---|---|---|",
        ]
        for row in comparison.rows {
            let source = [row.title, row.date].compactMap { $0 }.joined(separator: ", ")
            lines.append("| \(cell(row.region.name)) | \(Self.number(row)) | \(cell(row.unit ?? "")) | \(row.year.map(String.init) ?? "") | \(cell(source.isEmpty ? row.articleID : source)) | \(cell(row.sentence)) |")
        }
        for region in comparison.missing {
            lines.append("| \(cell(region.name)) | — | | | | missing |")
        }
        return lines.joined(separator: "\n")
    }
}

extension RegionLevel: ExpressibleByArgument {}
