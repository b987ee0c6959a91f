import Foundation
import GRDB
import ZhiliStore

/// Times raw SQL variants on a built index (development aid: `--experiment`).
enum SQLExperiment {
    static func run(indexPath: String, rounds: Int) throws {
        _ = try SQLiteStore(path: indexPath, mode: .readOnly) // validates; registers nothing globally
        var configuration = Configuration()
        configuration.readonly = true
        configuration.prepareDatabase { db in try SQLiteStore.prepareConnection(db) }
        let pool = try DatabasePool(path: indexPath, configuration: configuration)
        let terms = ["\"网格\"", "\"调解室\"", "\"网格员\" AND \"调解\""]
        let variants: [(String, String)] = [
            ("count", "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?"),
            ("rowids", "SELECT count(*) FROM (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)"),
            ("bm25 all", "SELECT count(*) FROM (SELECT rowid, bm25(article_fts) FROM article_fts WHERE article_fts MATCH ?)"),
            ("bm25 top10", "SELECT rowid, bm25(article_fts) AS s FROM article_fts WHERE article_fts MATCH ? ORDER BY s LIMIT 10"),
            ("rank top10", "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rank LIMIT 10"),
            ("bm25 newest 200", "SELECT rowid, bm25(article_fts) AS s FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 200"),
            ("zhili_rank 200", "SELECT rowid, zhili_rank(article_fts, 5.0, 1000) AS s FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 200"),
            ("newest 200", "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 200"),
            ("newest 10", "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 10"),
            ("oldest 10", "SELECT rowid FROM article_fts WHERE article_fts MATCH ? LIMIT 10"),
            ("count 1000", "SELECT count(*) FROM (SELECT 1 FROM article_fts WHERE article_fts MATCH ? LIMIT 1000)"),
            ("join articles", "SELECT count(*) FROM (SELECT a.key FROM article_fts JOIN articles a ON a.key = article_fts.rowid WHERE article_fts MATCH ?)"),
        ]
        for term in terms {
            for (name, sql) in variants {
                var latency = Latency()
                for _ in 0..<rounds {
                    latency.samples.append(try measure { _ = try pool.read { db in try Row.fetchAll(db, sql: sql, arguments: [term]) } })
                }
                print("\(term.padding(toLength: 22, withPad: " ", startingAt: 0)) \(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(latency.summary)")
            }
        }
    }
}
