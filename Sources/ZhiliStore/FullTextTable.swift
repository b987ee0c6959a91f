import Foundation
import GRDB

/// The full-text index: `article_fts`, a contentless FTS5 table over title and body in the index
/// file, whose rowid is the article's `key`. Rows are written in the same transaction as the
/// article's other rows (``RecordWriter``), as ``TermStream``s the `zhili` tokenizer decodes.
enum FullTextTable {
    /// Creates the table (migration v4).
    static let createSQL = """
        CREATE VIRTUAL TABLE article_fts USING fts5(title, body, content='', tokenize='zhili', detail=full)
        """

    /// Indexes an article's title and body terms under `key`.
    static func insert(key: Int64, title: TermStream, body: TermStream, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)")
            .execute(arguments: [key, Data(title.bytes), Data(body.bytes)])
    }

    /// Forgets row `key`, which was indexed with exactly `title` and `body` (a contentless FTS5
    /// table forgets a row when given the values it indexed).
    static func delete(key: Int64, title: TermStream, body: TermStream, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO article_fts (article_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)")
            .execute(arguments: [key, Data(title.bytes), Data(body.bytes)])
    }

    /// Indexes every stored article, segmenting them on all cores a thousand at a time (migration
    /// v4, which moves an index from the two-file layout of v3 back into one file).
    static func indexStoredArticles(_ db: Database, segmenters: SegmenterPool) throws {
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(db, sql: "SELECT key, title, body FROM articles WHERE key > ? ORDER BY key LIMIT 1000", arguments: [after])
            guard let last = rows.last else { return }
            after = last["key"]
            let texts: [String] = rows.map { $0["body"] } + rows.map { $0["title"] ?? "" }
            let terms = try segmenters.terms(of: texts)
            for (index, row) in rows.enumerated() {
                try insert(key: row["key"], title: terms[rows.count + index], body: terms[index], db)
            }
        }
    }
}
