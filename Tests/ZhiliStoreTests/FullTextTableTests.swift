import Foundation
import GRDB
import Testing
import ZhiliCore
import ZhiliSegment
@testable import ZhiliStore

/// The full-text index is a table of the index file, written in the same transaction as the
/// relational rows of each batch; indexes from the two-file layout are migrated into it.
@Suite struct FullTextTableTests {
    private static func path(_ directory: URL) -> String { directory.appendingPathComponent("test.db").path }

    private static func expectSearchable(_ store: SQLiteStore) throws {
        #expect(try store.search(SearchRequest(query: "调解室")).hits.first?.articleID == "laoli")
        #expect(try store.search(SearchRequest(query: "网格员", filters: SearchFilters(region: "兴安盟"))).hits.first?.articleID == "hinggan")
        #expect(try store.search(SearchRequest(query: "诈骗")).hits.map(\.articleID) == ["wuhai"])
        #expect(try store.search(SearchRequest(query: "\"化解矛盾纠纷\"")).hits.map(\.articleID) == ["laoli"])
        // Case and width folding of indexed terms (ODR in the title and body) and of the query.
        #expect(try store.search(SearchRequest(query: "ｏｄｒ")).hits.map(\.articleID) == ["ordos"])
    }

    /// A connection of the test's own to the index at `path`.
    private static func open(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.prepareDatabase { db in SQLiteStore.registerTokenizer(db) }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Rows of the article, figure and full-text tables.
    private static func rowCounts(_ path: String) throws -> [Int] {
        try open(path).read { db in
            try ["articles", "figures", "article_fts_docsize"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0 }
        }
    }

    /// An index of the fixtures, with no store open on it, rewritten by `sql` into an older layout.
    private static func olderIndex(_ sql: String) throws -> String {
        let directory: URL
        do { (_, directory) = try Fixtures.store() }
        let path = Self.path(directory)
        try open(path).write { db in try db.execute(sql: sql) }
        return path
    }

    @Test func theFullTextIndexIsATableOfTheIndexFile() throws {
        let (store, directory) = try Fixtures.store()
        let path = Self.path(directory)
        try Self.expectSearchable(store)
        #expect(!FileManager.default.fileExists(atPath: path + "-fts"))
        #expect(try Self.rowCounts(path) == [5, 7, 5])
    }

    @Test func aBatchThatFailsMidwayLeavesNeitherItsFullTextNorItsOtherRows() throws {
        let (store, directory) = try Fixtures.store()
        let path = Self.path(directory)
        try Self.open(path).write { db in
            try db.execute(sql: """
                CREATE TRIGGER fail_on_boom BEFORE INSERT ON articles WHEN NEW.id = 'boom'
                BEGIN SELECT RAISE(ABORT, 'boom'); END
                """)
        }
        // Before the failing record: a new article, and a replacement of a stored one.
        var fresh = Fixtures.hingganGrids
        fresh.article.id = "fresh"
        fresh.article.paragraphs = ["阿尔山市新建智慧警务室12个。"]
        var replaced = Fixtures.wuhaiFraud
        replaced.article.title = "乌海市建设社区戒毒康复站"
        replaced.article.paragraphs = ["乌海市新建社区戒毒康复站3个。"]
        replaced.figures = []
        var boom = Fixtures.laoli
        boom.article.id = "boom"
        let before = try Self.rowCounts(path)
        #expect(throws: DatabaseError.self) { try store.write([fresh, replaced, boom]) }
        #expect(try Self.rowCounts(path) == before)
        #expect(try store.search(SearchRequest(query: "警务室")).hits.isEmpty)
        #expect(try store.search(SearchRequest(query: "戒毒")).hits.isEmpty)
        try Self.expectSearchable(store)
        try Self.expectSearchable(try SQLiteStore(path: path, mode: .readOnly))

        // The store goes on writing after the failed batch.
        #expect(try store.write([fresh, replaced]) == WriteSummary(inserted: 1, replaced: 1))
        #expect(try store.search(SearchRequest(query: "警务室")).hits.map(\.articleID) == ["fresh"])
        #expect(try store.search(SearchRequest(query: "戒毒")).hits.map(\.articleID) == ["wuhai"])
        #expect(try store.search(SearchRequest(query: "诈骗")).hits.isEmpty)
    }

    @Test func aTwoFileIndexIsMigratedIntoOneFile() throws {
        // What version 3 left: no full-text table in the index, its state there and in `<index>-fts`.
        let path = try Self.olderIndex("""
            DROP TABLE article_fts;
            CREATE TABLE fulltext_state (
                id INTEGER PRIMARY KEY CHECK (id = 1), generation TEXT NOT NULL, batches INTEGER NOT NULL);
            INSERT INTO fulltext_state VALUES (1, 'generation', 1);
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v4%';
            """)
        let secondFile = try DatabaseQueue(path: path + "-fts")
        try secondFile.writeWithoutTransaction { db in
            try db.execute(sql: """
                PRAGMA journal_mode = WAL;
                CREATE TABLE fts_state (id INTEGER PRIMARY KEY CHECK (id = 1), generation TEXT NOT NULL, batches INTEGER NOT NULL);
                INSERT INTO fts_state VALUES (1, 'generation', 1);
                CREATE VIRTUAL TABLE article_fts USING fts5(title, body, content='', detail=full);
                INSERT INTO article_fts (rowid, title, body) VALUES (1, '旧', '旧的全文索引');
                """)
        }
        try secondFile.close()
        #expect(throws: StoreError.self) { try SQLiteStore(path: path, mode: .readOnly) }

        let migrated = try SQLiteStore(path: path)
        try Self.expectSearchable(migrated)
        try Self.expectSearchable(try SQLiteStore(path: path, mode: .readOnly))
        #expect(try Self.rowCounts(path) == [5, 7, 5])
        for suffix in ["", "-wal", "-shm"] {
            #expect(!FileManager.default.fileExists(atPath: path + "-fts" + suffix))
        }
        let tables = try Self.open(path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE name = 'fulltext_state'")
        }
        #expect(tables.isEmpty)
    }

    @Test func anIndexFromBeforeTheSplitIsUpgraded() throws {
        // Before migration v3 article_fts was in the index file, tokenizing raw text.
        let path = try Self.olderIndex("""
            DROP TABLE article_fts;
            CREATE VIRTUAL TABLE article_fts USING fts5(title, body, content='', detail=full);
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v3%' OR identifier LIKE 'v4%';
            """)
        let upgraded = try SQLiteStore(path: path)
        try Self.expectSearchable(upgraded)
        #expect(try Self.rowCounts(path) == [5, 7, 5])
    }

    @Test func aTermStreamHoldsTheFoldedIndexTermsWithTheirPositions() throws {
        let text = "东胜区ＯＤＲ平台"
        let segmenter = try Segmenter()
        var scratch = TermStream.Scratch()
        let stream = try TermStream(text: text, segmenter: segmenter, scratch: &scratch)
        var decoded: [(String, Bool)] = []
        let wellFormed = stream.bytes.withUnsafeBufferPointer { bytes in
            TermStream.forEachTerm(in: bytes) { term, colocated in
                decoded.append((String(decoding: bytes[term], as: UTF8.self), colocated))
                return true
            }
        }
        #expect(wellFormed)
        // The same terms as IndexTerms lists on the segmenter's tokens, folded.
        let tokens = try segmenter.tokens(in: text)
        let scalars = Array(text.unicodeScalars)
        var expected: [(String, Bool)] = []
        IndexTerms.forEach(in: tokens, scalars: scalars) { start, end, colocated in
            expected.append((TermFolding.fold(String(String.UnicodeScalarView(scalars[start..<end]))), colocated))
        }
        #expect(decoded.map(\.0) == expected.map(\.0))
        #expect(decoded.map(\.1) == expected.map(\.1))
        #expect(decoded.map(\.0).contains("odr"))
        #expect(!decoded.map(\.0).contains("ＯＤＲ"))

        // A header running past the end is malformed.
        let truncated = Array(stream.bytes.dropLast())
        #expect(!truncated.withUnsafeBufferPointer { TermStream.forEachTerm(in: $0) { _, _ in true } })
    }
}
