import Foundation
import Testing

/// `zhili compare` on an index of the seed articles (corpus/raw), against golden outputs in
/// `Fixtures/compare/`: each kind of value, each format, a region × year table, county reports
/// and a rollup. Each golden file holds the command, what it printed and its notes on standard
/// error. `ZHILI_UPDATE_GOLDEN=1 swift test --filter CompareCommandTests` rewrites them; read the
/// diff before committing it.
@Suite(.serialized) struct CompareCommandTests {
    static let goldenDirectory = CLI.root.appendingPathComponent("Tests/ZhiliCLITests/Fixtures/compare")

    /// The seed index, built once by `zhili extract corpus/raw --db`.
    static let database: String = {
        let path = CLI.scratch().appendingPathComponent("seeds.db").path
        let run = try! CLI.run(["extract", "corpus/raw", "--db", path, "--quiet"])
        precondition(run.status == 0, "cannot index corpus/raw: \(run.stderr)")
        return path
    }()

    /// Golden file name → arguments after `zhili compare` (the database and `--width 100` are added).
    static let cases: [(String, [String])] = [
        ("level-table", ["--indicator", "grids"]),
        ("level-label-year-range", ["--indicator", "网格", "--year", "2021..2023"]),
        ("change-md", ["--indicator", "刑事案件", "--kind", "change", "--format", "md"]),
        ("change-by-year", ["--indicator", "criminal_cases", "--kind", "change", "--by", "year"]),
        ("change-by-year-md", ["--indicator", "criminal_cases", "--kind", "change", "--by", "year", "--format", "md"]),
        ("change-csv-all", ["--indicator", "theft_cases", "--kind", "change", "--format", "csv", "--all"]),
        ("rate-csv", ["--indicator", "dispute_resolution_rate", "--kind", "rate", "--format", "csv"]),
        ("rate-all-table", ["--indicator", "dispute_resolution_rate", "--all"]),
        ("county-reports-rollup", ["--indicator", "hazards_found", "--rollup"]),
        // 正在整改200条 is not a fixed hazard, nor in the indicator's unit: only 已整改8466处 is.
        ("verb-hazards-fixed", ["--indicator", "整改隐患", "--level", "county", "--within", "乌海", "--all"]),
        // 群众重复访同比下降29% is a change of repeat petitions, not a count of petitions.
        ("verb-repeat-petitions", ["--indicator", "重复访", "--kind", "change"]),
        ("county-level-json", ["--indicator", "hazards_found", "--level", "county", "--within", "乌海", "--format", "json"]),
    ]

    @Test(arguments: cases)
    func matchesGolden(_ name: String, _ arguments: [String]) throws {
        let full = ["compare"] + arguments + ["--db", Self.database, "--width", "100"]
        let run = try CLI.run(full)
        #expect(run.status == 0, "\(run.stderr)")
        var output = "$ zhili compare " + arguments.joined(separator: " ") + "\n" + run.stdout
        if !run.stderr.isEmpty { output += "[stderr]\n" + run.stderr }
        let url = Self.goldenDirectory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["ZHILI_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try output.write(to: url, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(output == golden, "zhili compare \(arguments.joined(separator: " ")) differs from \(url.path)")
    }

    /// Changes carry their direction in every format: a fall is never printed as a bare level.
    @Test(arguments: ["table", "csv", "json", "md"])
    func changesCarryTheirDirection(_ format: String) throws {
        let run = try CLI.run(["compare", "--indicator", "criminal_cases", "--kind", "change", "--format", format, "--db", Self.database])
        #expect(run.status == 0)
        #expect(run.stdout.contains("下降"))
        #expect(run.stdout.contains("同比"))
        #expect(run.stdout.contains("刑事案件"))
    }

    /// The default comparison of an indicator reported only as changes lists no value and says where the changes are.
    @Test func levelsNeverMixWithChanges() throws {
        let run = try CLI.run(["compare", "--indicator", "criminal_cases", "--db", Self.database])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("31.7"))
        #expect(run.stderr.contains("2 change values (--kind change)"))
    }

    @Test func sentencesAreShortenedToTheWidth() throws {
        let run = try CLI.run(["compare", "--indicator", "grids", "--db", Self.database, "--width", "90"])
        // CJK characters take two columns, everything else in these lines one.
        let widths = run.lines.map { line in line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) } }
        #expect(widths.max() ?? 0 <= 90)
        #expect(run.stdout.contains("…"))
        // The figure itself stays in view.
        #expect(run.stdout.contains("5780个"))
    }

    /// Labels and units come from indicators.json, not from the first metric stored.
    @Test func indicatorsListsChineseLabelsAndOneUnit() throws {
        let run = try CLI.run(["indicators", "--db", Self.database])
        #expect(run.status == 0)
        let hazards = run.lines.first { $0.hasPrefix("hazards_found ") }
        #expect(hazards?.contains("排查隐患") == true)
        #expect(hazards?.split(separator: " ").contains("处") == true)
        #expect(run.lines.contains { $0.hasPrefix("repeat_petitions ") && $0.contains("重复访") })
        #expect(!run.stdout.contains("正在整改"))
    }

    @Test(arguments: [
        (["--indicator", "no_such_indicator"], "no_such_indicator"),
        (["--indicator", "grids", "--year", "2023..2021"], "--year"),
        (["--indicator", "grids", "--kind", "total"], "--kind"),
        (["--indicator", "grids", "--all", "--by", "year"], "--all"),
    ] as [([String], String)])
    func badQueriesSayWhy(_ arguments: [String], _ named: String) throws {
        let run = try CLI.run(["compare"] + arguments + ["--db", Self.database])
        #expect(run.status != 0)
        #expect(run.stderr.contains(named))
    }
}
