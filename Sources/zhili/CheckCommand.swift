import ArgumentParser
import Foundation
import ZhiliStore

/// `zhili check`: whether an index file is intact.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an index file: SQLite's integrity check of every page, the schema and the full-text index.",
        discussion: """
            Reads the file only. Prints `intact` with the article count, or `damaged` and one line per \
            finding. A damaged index is refused by `index` and `extract --db`, which never write into it; \
            rebuild it into a new file from your JSON Lines records with `zhili index RECORDS.jsonl --db NEW.db`.

            Exit status: 0 when intact, 1 when damaged or unreadable.

            Examples:
              zhili check --db zhili.db
              zhili check --db zhili.db --json
            """)

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print the verdict as JSON.")
    var json = false

    /// The `--json` answer.
    struct Verdict: Encodable {
        let path: String
        let intact: Bool
        let articles: Int?
        let findings: [String]
    }

    mutating func run() throws {
        guard FileManager.default.fileExists(atPath: database.db) else {
            reporter.report("\(database.db): no such file")
            throw ExitCode(1)
        }
        let check = IndexCheck(path: database.db)
        if json {
            try JSONOutput.print(Verdict(path: check.path, intact: check.isIntact, articles: check.articleCount, findings: check.findings))
        } else if check.isIntact {
            print("\(check.path): intact (\(check.articleCount ?? 0) articles)")
        } else {
            print("\(check.path): damaged")
            for finding in check.findings { print("  \(finding)") }
            print("Rebuild it into a new file from your records: zhili index RECORDS.jsonl --db NEW.db")
        }
        if !check.isIntact { throw ExitCode(1) }
    }
}
