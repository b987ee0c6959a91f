import Foundation
import GRDB
import Testing
import ZhiliCore
@testable import ZhiliStore

/// The full-text index lives in `<index>-fts`: a store that opens for writing rebuilds it whenever
/// it does not match the main file, so a crash between the two commits or a lost file loses nothing.
@Suite struct FullTextFileTests {
    private static func paths(_ directory: URL) -> (main: String, fullText: String) {
        let main = directory.appendingPathComponent("test.db").path
        return (main, FullTextFile.path(for: main))
    }

    private static func expectSearchable(_ store: SQLiteStore) throws {
        #expect(try store.search(SearchRequest(query: "调解室")).hits.first?.articleID == "laoli")
        #expect(try store.search(SearchRequest(query: "网格员", filters: SearchFilters(region: "兴安盟"))).hits.first?.articleID == "hinggan")
        #expect(try store.search(SearchRequest(query: "诈骗")).hits.map(\.articleID) == ["wuhai"])
        // Case and width folding of indexed terms (ODR in the title and body) and of the query.
        #expect(try store.search(SearchRequest(query: "ｏｄｒ")).hits.map(\.articleID) == ["ordos"])
    }

    @Test func writesGoToTheFullTextFileBesideTheIndex() throws {
        let (store, directory) = try Fixtures.store()
        let (main, fullText) = Self.paths(directory)
        #expect(FileManager.default.fileExists(atPath: fullText))
        try Self.expectSearchable(store)
        // The main file holds no full-text table of its own; both files agree on the batches written.
        let queue = try DatabaseQueue(path: main)
        let tables = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE name LIKE 'article_fts%'") }
        #expect(tables.isEmpty)
        let mainState = try queue.read { db in try FullTextFile.readState(db, table: Schema.fullTextStateTable) }
        #expect(mainState?.batches == 1)
        #expect(try store.fullText?.state() == mainState)
    }

    @Test func aMissingFullTextFileIsRebuiltFromTheArticles() throws {
        let (_, directory) = try Fixtures.store()
        let (main, fullText) = Self.paths(directory)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fullText + suffix) }
        #expect(throws: StoreError.self) { try SQLiteStore(path: main, mode: .readOnly) }
        let reopened = try SQLiteStore(path: main)
        try Self.expectSearchable(reopened)
        try Self.expectSearchable(try SQLiteStore(path: main, mode: .readOnly))
    }

    @Test func aFullTextFileBehindTheMainFileIsRebuilt() throws {
        // What a kill between the two commits of a batch leaves: the states differ.
        let (store, directory) = try Fixtures.store()
        var replaced = Fixtures.wuhaiFraud
        replaced.article.title = "乌海市建设智慧警务室"
        replaced.article.paragraphs = ["乌海市新建智慧警务室12个。"]
        try store.write([replaced])
        try store.finishWriting()
        let (main, fullText) = Self.paths(directory)
        let queue = try DatabaseQueue(path: fullText)
        try queue.write { db in try db.execute(sql: "UPDATE fts_state SET batches = batches - 1") }
        let reopened = try SQLiteStore(path: main)
        #expect(try reopened.search(SearchRequest(query: "警务室")).hits.map(\.articleID) == ["wuhai"])
        #expect(try reopened.search(SearchRequest(query: "诈骗")).hits.isEmpty)
        #expect(try reopened.search(SearchRequest(query: "调解室")).hits.first?.articleID == "laoli")
        #expect(try reopened.fullText?.state()?.batches == 0)
    }

    @Test func anIndexFromBeforeTheSplitIsUpgraded() throws {
        // An index written before migration v3 kept article_fts in the main file.
        let (_, directory) = try Fixtures.store()
        let (main, fullText) = Self.paths(directory)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fullText + suffix) }
        let queue = try DatabaseQueue(path: main)
        try queue.write { db in
            SQLiteStore.registerTokenizer(db)
            try db.execute(sql: """
                CREATE VIRTUAL TABLE article_fts USING fts5(title, body, content='', tokenize='zhili', detail=full);
                DROP TABLE fulltext_state;
                DELETE FROM grdb_migrations WHERE identifier LIKE 'v3%';
                """)
        }
        let upgraded = try SQLiteStore(path: main)
        try Self.expectSearchable(upgraded)
        let tables = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE name LIKE 'article_fts%'") }
        #expect(tables.isEmpty)
    }
}
