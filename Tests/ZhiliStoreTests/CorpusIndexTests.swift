import Foundation
import Testing
import ZhiliCore
import ZhiliExtract
import ZhiliIngest
@testable import ZhiliStore

/// Issue 5's acceptance cases on an index built from `corpus/raw` through the real cleaner and extractor.
@Suite struct CorpusIndexTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("corpus/raw")

    /// The index of the seed corpus, built once.
    static let store: SQLiteStore = {
        do {
            let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".txt") }.sorted()
            let cleaner = try Cleaner()
            let extractor = try Extractor()
            var records: [ArticleRecord] = []
            for item in InputReader(paths: files.map { corpus.appendingPathComponent($0).path }) {
                guard case .document(let document) = item else { continue }
                for article in try cleaner.clean(document) {
                    records.append(try extractor.extract(article))
                }
            }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zhili-corpus-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: directory.appendingPathComponent("corpus.db").path)
            try store.write(records)
            return store
        } catch {
            preconditionFailure("cannot index corpus/raw: \(error)")
        }
    }()

    @Test func indexesEverySeedArticle() throws {
        #expect(try Self.store.articleCount() >= 5)
    }

    @Test func mediationRoomFindsLaoLiFirst() throws {
        let hit = try #require(try Self.store.search(SearchRequest(query: "调解室")).hits.first)
        let record = try #require(try Self.store.article(id: hit.articleID))
        #expect(record.article.text.contains("老李调解室"))
        #expect(hit.matchedPrograms.contains("老李调解室"))
    }

    @Test func gridWorkersInHingganFindTwentyTwoThousand() throws {
        let results = try Self.store.search(SearchRequest(query: "网格员", filters: SearchFilters(region: "兴安盟")))
        #expect(results.region?.code == "152200")
        let hit = try #require(results.hits.first)
        let record = try #require(try Self.store.article(id: hit.articleID))
        #expect(record.article.text.contains("网格员2.2万人"))
        #expect(record.figures.contains { $0.text == "2.2万人" && $0.value == 22000 })
    }

    @Test func comparesGridsAcrossLeaguesAndCities() throws {
        let comparison = try Self.store.compare(CompareRequest(indicator: "grids"))
        let values = Dictionary(grouping: comparison.rows, by: \.region.name).mapValues { $0.map(\.value) }
        #expect(values["巴彦淖尔市"]?.contains(5780) == true)
        #expect(values["兴安盟"]?.contains(4580) == true)
        #expect(values["乌海市"]?.contains(640) == true)
        #expect(comparison.rows.count + comparison.missing.count >= 12)
    }

    @Test(arguments: ["调", "网", "治"])
    func oneCharacterQueriesMatch(_ query: String) throws {
        let results = try Self.store.search(SearchRequest(query: query))
        #expect(results.total > 0)
        for hit in results.hits.prefix(3) {
            let text = try #require(try Self.store.article(id: hit.articleID)).article
            #expect(text.text.contains(query) || (text.title ?? "").contains(query))
        }
    }

    @Test func phraseQueriesNeedTheWordsInOrder() throws {
        let phrase = try Self.store.search(SearchRequest(query: "\"矛盾纠纷\""))
        #expect(phrase.total > 0)
        for hit in phrase.hits {
            let article = try #require(try Self.store.article(id: hit.articleID)).article
            #expect(article.text.contains("矛盾纠纷") || (article.title ?? "").contains("矛盾纠纷"))
        }
        #expect(try Self.store.search(SearchRequest(query: "\"纠纷矛盾\"")).total == 0)
    }

    @Test func exclusionLeavesArticlesOut() throws {
        let all = try Self.store.search(SearchRequest(query: "网格员")).total
        let without = try Self.store.search(SearchRequest(query: "网格员 -兴安盟"))
        #expect(without.total < all)
        for hit in without.hits {
            let article = try #require(try Self.store.article(id: hit.articleID)).article
            #expect(!article.text.contains("兴安盟") && !(article.title ?? "").contains("兴安盟"))
        }
    }

    @Test(arguments: ["'", "\"", "*", "NEAR(", "--", "网格员' OR 1=1 --", "NEAR(网格 调解, 5)", "调解*"])
    func syntaxCharactersReturnResultsOrAClearError(_ query: String) throws {
        do {
            _ = try Self.store.search(SearchRequest(query: query))
        } catch StoreError.invalidQuery(let message) {
            #expect(!message.contains("report it"))
        }
        #expect(try Self.store.articleCount() >= 5)
    }
}
