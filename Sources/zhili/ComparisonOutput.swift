import Foundation
import ZhiliCore
import ZhiliStore

/// A comparison as a text table, Markdown, CSV and notes, for `zhili compare`.
struct ComparisonOutput {
    let comparison: Comparison
    /// Columns a table may use (0: no limit).
    let width: Int

    /// The terminal's width when standard output is one, else `COLUMNS`, else 0 (no limit).
    static func terminalWidth() -> Int {
        var size = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 0
    }

    /// One line saying what is compared: `grids 网格 · level (个) by prefecture in 内蒙古自治区 · latest dated value per region`.
    var heading: String {
        let indicator = comparison.indicator
        let units = Set(comparison.rows.compactMap(\.unit)).sorted()
        let unit = comparison.kind == .change || units.isEmpty ? "" : " (\(units.joined(separator: ", ")))"
        let selection: String
        switch comparison.selection {
        case .latest: selection = "latest dated value per region"
        case .all: selection = "every value"
        case .byYear: selection = "latest value per region and year"
        }
        let years = comparison.years.map { " · \(Self.years($0))" } ?? ""
        return "\(indicator.id) \(indicator.label ?? "") · \(comparison.kind.rawValue)\(unit) by \(comparison.level.rawValue) in \(comparison.within.name)\(years) · \(selection)"
    }

    /// The region as shown in a row: `乌海市 ← 海南区` for a county's value shown at league level.
    static func region(_ row: ComparisonRow) -> String {
        [row.region.name, row.reportedByNote].compactMap(\.self).joined(separator: " ")
    }

    // MARK: Table

    /// A text table, sentences shortened to ``width``.
    func table() -> String {
        var lines = TerminalText.wrap(heading, toWidth: width)
        if comparison.rows.isEmpty {
            lines.append("no region has a \(comparison.kind.rawValue) value")
        } else if comparison.selection == .byYear {
            let (headers, rows, sources) = matrix()
            lines.append(TextTable.render(headers: headers, rows: rows))
            if !sources.isEmpty {
                lines.append("")
                let sourceHeaders = ["#", "region", "year", "value", "metric", "article", "sentence"]
                let anchors = comparison.rows.filter { $0.year != nil }.map { Optional($0.text) }
                lines.append(TextTable.render(headers: sourceHeaders, rows: shorten(sources, headers: sourceHeaders, anchors: anchors)))
            }
        } else {
            let headers = ["region", "value", "unit", "change", "basis", "year", "metric", "article", "sentence"]
            let rows = comparison.rows.map { row in
                [Self.region(row), row.number, row.unit ?? "", row.change?.rawValue ?? "", row.basis?.rawValue ?? "",
                 row.year.map(String.init) ?? "—", row.metric ?? "", row.articleID, row.sentence]
            }
            let anchors = comparison.rows.map { Optional($0.text) }
            lines.append(TextTable.render(headers: headers, rows: shorten(rows, headers: headers, anchors: anchors)))
        }
        lines += summaryLines().flatMap { TerminalText.wrap($0, toWidth: width) }
        return lines.joined(separator: "\n")
    }

    /// The rows with their last cell (the sentence) shortened so each line fits ``width``, keeping
    /// each row's anchor (the figure as written) in view.
    func shorten(_ rows: [[String]], headers: [String], anchors: [String?] = []) -> [[String]] {
        guard width > 0 else { return rows }
        var widths = headers.map(TerminalText.width)
        for row in rows {
            for (index, cell) in row.enumerated().dropLast() { widths[index] = max(widths[index], TerminalText.width(cell)) }
        }
        let room = max(12, width - widths.dropLast().reduce(0) { $0 + $1 + 2 })
        return rows.enumerated().map { index, row in
            var row = row
            let anchor = index < anchors.count ? anchors[index] : nil
            if let last = row.indices.last { row[last] = TerminalText.shorten(row[last], toWidth: room, keeping: anchor) }
            return row
        }
    }

    /// A region × year table: a row per region (a county reporting for its league gets its own
    /// row), a column per year, each cell a value with a footnote number; and the footnotes.
    func matrix() -> (headers: [String], rows: [[String]], sources: [[String]]) {
        let columns = comparison.columns
        var order: [String] = []
        var cells: [String: [Int: String]] = [:]
        var sources: [[String]] = []
        for row in comparison.rows {
            let name = Self.region(row)
            if cells[name] == nil { order.append(name); cells[name] = [:] }
            guard let year = row.year else { continue }
            sources.append([
                "\(sources.count + 1)", name, String(year), row.label, row.metric ?? "", row.articleID, row.sentence,
            ])
            cells[name]![year] = "\(row.label) [\(sources.count)]"
        }
        let rows = order.map { name in [name] + columns.map { cells[name]?[$0] ?? "—" } }
        return (["region"] + columns.map(String.init), rows, sources)
    }

    /// Lines under a table: regions without a value, regions shown through their counties, and sums.
    func summaryLines() -> [String] {
        var lines: [String] = []
        if !comparison.missing.isEmpty {
            lines.append("no value (\(comparison.missing.count)): " + comparison.missing.map(\.name).joined(separator: "、"))
        }
        let names = Dictionary(comparison.rows.map { ($0.region.code, $0.region.name) }, uniquingKeysWith: { first, _ in first })
        for (code, count) in comparison.reportedBelow.sorted(by: { $0.key < $1.key }) {
            let below = comparison.level == .prefecture ? "county" : "division"
            lines.append("\(names[code] ?? code): from \(count) \(below) report\(count == 1 ? "" : "s") (no value of its own)")
        }
        for rollup in comparison.rollups {
            if let value = rollup.value {
                let years = rollup.years.isEmpty ? "" : ", \(rollup.years.map(String.init).joined(separator: "/"))"
                lines.append("\(rollup.region.name): sum of all \(rollup.counties) counties \(ComparisonRow.format(value))\(rollup.unit ?? "")\(years)")
            } else {
                lines.append("\(rollup.region.name): no sum, \(rollup.reporting) of \(rollup.counties) counties report")
            }
        }
        return lines.isEmpty ? [] : [""] + lines
    }

    /// Notes for standard error: values not listed, undated values left out, values of other kinds.
    func notes(rollupAsked: Bool) -> [String] {
        var notes: [String] = []
        if !comparison.omitted.isEmpty {
            let names = Dictionary(comparison.rows.map { ($0.region.code, $0.region.name) }, uniquingKeysWith: { first, _ in first })
            let counts = comparison.omitted.sorted { $0.key < $1.key }.map { "\(names[$0.key] ?? $0.key) \($0.value)" }
            notes.append("more values not listed (--all lists every value): \(counts.joined(separator: ", "))")
        }
        if comparison.undatedLeftOut > 0 {
            let why = comparison.years != nil ? "by --year" : "from the year table"
            notes.append("\(comparison.undatedLeftOut) undated value\(comparison.undatedLeftOut == 1 ? "" : "s") left out \(why)")
        }
        let others = FigureRole.allCases.compactMap { kind in
            comparison.otherKinds[kind].map { "\($0) \(kind.rawValue) value\($0 == 1 ? "" : "s") (--kind \(kind.rawValue))" }
        }
        if !others.isEmpty {
            notes.append("not compared here: \(others.joined(separator: ", "))")
        }
        if comparison.aboveLevel > 0 {
            let count = comparison.aboveLevel
            notes.append("\(count) value\(count == 1 ? "" : "s") located above \(comparison.level.rawValue) level in \(comparison.within.name) not listed")
        }
        if rollupAsked && comparison.kind != .level {
            notes.append("--rollup sums levels only; \(comparison.kind.rawValue) values are not summed")
        }
        return notes
    }

    // MARK: Markdown

    /// A Markdown table with the same columns as the text table (sentences whole), titles as sources.
    func markdown() -> String {
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        func source(_ row: ComparisonRow) -> String {
            cell([row.title ?? "(untitled)", row.date].compactMap(\.self).joined(separator: ", ")) + " (`\(row.articleID)`)"
        }
        var lines = ["**\(cell(heading))**", ""]
        if comparison.rows.isEmpty {
            lines.append("No region has a \(comparison.kind.rawValue) value.")
        } else if comparison.selection == .byYear {
            let (headers, rows, sources) = matrix()
            lines.append("| " + headers.map(cell).joined(separator: " | ") + " |")
            lines.append("|---|" + headers.dropFirst().map { _ in "---:|" }.joined())
            lines += rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
            if !sources.isEmpty {
                lines += ["", "| # | Region | Year | Value | Metric | Source | Sentence |", "|---:|---|---|---:|---|---|---|"]
                let dated = comparison.rows.filter { $0.year != nil }
                for (source_, row) in zip(sources, dated) {
                    lines.append("| \(source_[0]) | \(cell(source_[1])) | \(source_[2]) | \(cell(source_[3])) | \(cell(row.metric ?? "")) | \(source(row)) | \(cell(row.sentence)) |")
                }
            }
        } else {
            lines += [
                "| Region | Value | Unit | Change | Basis | Year | Metric | Source | Sentence |",
                "|---|---:|---|---|---|---|---|---|---|",
            ]
            for row in comparison.rows {
                let cells = [
                    cell(Self.region(row)), cell(row.number), cell(row.unit ?? ""), row.change?.rawValue ?? "", row.basis?.rawValue ?? "",
                    row.year.map(String.init) ?? "—", cell(row.metric ?? ""), source(row), cell(row.sentence),
                ]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        lines += summaryLines().map { $0.isEmpty ? $0 : "- " + cell($0) }
        return lines.joined(separator: "\n")
    }

    // MARK: CSV

    /// The CSV columns, documented in docs/schema.md.
    static let csvColumns = [
        "region_code", "region", "reported_by_code", "reported_by", "indicator", "kind", "value", "value_max", "signed_value",
        "unit", "qualifier", "change", "basis", "metric", "year", "year_source", "article_id", "title", "date", "sentence",
    ]

    /// One row per value (regions without a value are not rows), in long form for any selection:
    /// a region × year table is `pivot(index="region", columns="year", values="signed_value")` away.
    func csv() -> String {
        func field(_ text: String?) -> String {
            guard let text else { return "" }
            if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return text
        }
        var lines = [Self.csvColumns.joined(separator: ",")]
        for row in comparison.rows {
            lines.append([
                row.region.code, row.region.name, row.reportedBy?.code, row.reportedBy?.name, comparison.indicator.id,
                row.kind.rawValue, ComparisonRow.format(row.value), row.valueMax.map(ComparisonRow.format),
                ComparisonRow.format(row.signedValue), row.unit, row.qualifier, row.change?.rawValue, row.basis?.rawValue,
                row.metric, row.year.map(String.init), row.yearSource?.rawValue, row.articleID, row.title, row.date, row.sentence,
            ].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `2021..2023` or `2022`.
    static func years(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? String(range.lowerBound) : "\(range.lowerBound)..\(range.upperBound)"
    }
}
