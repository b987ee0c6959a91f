import Foundation
import GRDB

/// What `zhili check --db` finds in an index file: SQLite's own integrity check of every page,
/// whether the schema is Zhili's and up to date, and the full-text index's check of its structure.
///
/// ```swift
/// let check = IndexCheck(path: "zhili.db")
/// check.isIntact   // false: check.findings lists what SQLite, the schema or FTS5 found
/// ```
public struct IndexCheck: Sendable {
    /// The file checked.
    public let path: String
    /// What is wrong, one line each; empty when the file is intact.
    public private(set) var findings: [String] = []
    /// Number of articles, when the articles table could be read.
    public private(set) var articleCount: Int?

    /// Whether nothing was found wrong.
    public var isIntact: Bool { findings.isEmpty }

    /// Checks the index at `path`; reads it only (the full-text check runs in a transaction that
    /// is rolled back).
    public init(path: String) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            findings = ["no such file"]
            return
        }
        do {
            var configuration = Configuration()
            configuration.label = "zhili-check"
            configuration.prepareDatabase { db in SQLiteStore.registerTokenizer(db) }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = Schema.migrator(segmenters: try SegmenterPool())
            try queue.inDatabase { db in
                let pages = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)")
                if pages != ["ok"] { findings += pages.map { "SQLite: " + $0 } }
                if try migrator.hasBeenSuperseded(db) {
                    findings.append("written by a newer Zhili: upgrade zhili to check it")
                    return
                }
                if !(try migrator.hasCompletedMigrations(db)) {
                    findings.append("not an up-to-date Zhili index (run `zhili index` on it to migrate it)")
                    return
                }
                try db.inTransaction {
                    do {
                        try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES('integrity-check')")
                    } catch let error as DatabaseError {
                        findings.append("full-text index: \(error.message ?? "\(error.resultCode)")")
                    }
                    return .rollback
                }
                articleCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM articles")
            }
        } catch let error as DatabaseError {
            findings.append("SQLite: \(error.message ?? "\(error.resultCode)")")
        } catch {
            findings.append("\(error)")
        }
    }
}
