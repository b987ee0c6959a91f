import Foundation
import Testing

/// End-to-end tests of `zhili programs --timeline`: dated articles from several regions go in
/// through `zhili extract --db`, the timeline comes out as text and as CSV for pandas.
@Suite struct ProgramsCommandTests {
    /// Three articles naming 老李调解室: 集宁区 (2021), 乌兰浩特市 (2022), and 化德县 without a date.
    static func index() throws -> String {
        let directory = CLI.scratch()
        let articles = [
            ("a.txt", "集宁区推广“老李调解室”经验", "2021年03月02日09:30  来源：乌兰察布日报",
             "近年来，集宁区公安分局在各派出所推广“老李调解室”的经验做法，累计排查化解矛盾纠纷2000余起，群众满意度明显提升。"),
            ("b.txt", "乌兰浩特市学习“老李调解室”", "2022年07月15日10:00  来源：兴安日报",
             "乌兰浩特市组织各社区民警赴外地学习“老李调解室”做法，在全市12个社区设立调解工作室，化解邻里纠纷300余起。"),
            ("c.txt", "化德县开展矛盾纠纷排查", "来源：正北方网",
             "化德县各乡镇学习“老李调解室”，组织干部走村入户，开展矛盾纠纷排查化解工作，取得良好成效。"),
        ]
        for (name, title, dateline, body) in articles {
            try Data("\(title)\n\n\(dateline)\n\n\(body)\n".utf8).write(to: directory.appendingPathComponent(name))
        }
        let db = directory.appendingPathComponent("index/zhili.db").path
        let extract = try CLI.run(["extract", directory.path, "--db", db, "--quiet"])
        try #require(extract.status == 0, "\(extract.stderr)")
        return db
    }

    @Test func timelineListsFirstAndLatestByRegionAndLevel() throws {
        let db = try Self.index()
        let run = try CLI.run(["programs", "--timeline", "老李调解室", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.lines
        #expect(lines.first?.hasPrefix("老李调解室 · 2 dated articles, 1 undated left out") == true, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("county ") && $0.contains("集宁区") && $0.contains("2021-03-02") })
        #expect(lines.contains { $0.hasPrefix("county ") && $0.contains("乌兰浩特市") && $0.contains("兴安盟") && $0.contains("2022-07-15") })
        #expect(lines.contains { $0.hasPrefix("province ") && $0.contains("2021-03-02  2022-07-15  2 ") })
        #expect(!run.stdout.contains("化德县"))
    }

    /// The CSV reads in pandas as it is: one header, integer codes, years and counts, ISO dates.
    @Test func timelineCSVHasIntegerCodesAndYears() throws {
        let db = try Self.index()
        let run = try CLI.run(["programs", "--timeline", "老李调解室", "--level", "county", "--format", "csv", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
        let header = try #require(rows.first)
        #expect(header == [
            "program", "level", "region_code", "region_name", "prefecture_code", "prefecture_name",
            "first_date", "first_year", "first_article_id", "first_title", "first_region_code",
            "latest_date", "latest_year", "latest_article_id", "latest_title", "clusters", "aliases",
        ])
        #expect(rows.count == 3)
        for row in rows.dropFirst() {
            let field = Dictionary(uniqueKeysWithValues: zip(header, row))
            for column in ["region_code", "prefecture_code", "first_year", "latest_year", "first_region_code", "clusters"] {
                #expect(Int(field[column] ?? "") != nil, "\(column) = \(field[column] ?? "nil")")
            }
            #expect(field["level"] == "county")
            #expect(field["first_date"]?.range(of: #"^\d{4}-\d{2}-\d{2}"#, options: .regularExpression) != nil)
        }
        #expect(rows[1][2] == "150902" && rows[1][7] == "2021")
        #expect(rows[2][2] == "152201" && rows[2][4] == "152200")
    }

    @Test func programListAsCSVHasCountsAndYearsAsIntegers() throws {
        let db = try Self.index()
        let run = try CLI.run(["programs", "老李", "--format", "csv", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
        #expect(rows.first == [
            "program", "article_count", "mention_count", "first_date", "first_year", "last_date", "last_year",
            "region_count", "region_codes", "region_names", "years",
        ])
        let row = try #require(rows.first { $0.first == "老李调解室" })
        #expect(row[1] == "3" && row[4] == "2021" && row[6] == "2022", "\(row)")  // the undated article counts here
        #expect(row[8].split(separator: ";").allSatisfy { Int($0) != nil })
    }

    @Test(arguments: [["programs", "--timeline"], ["programs", "--reuse"], ["programs", "--limit", "0"]])
    func badCombinationsAreUsageErrors(arguments: [String]) throws {
        let run = try CLI.run(arguments + ["--db", "/no/such.db"])
        #expect(run.status == 64, "\(run.stderr)")
    }
}
