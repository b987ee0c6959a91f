import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import ZhiliCore
import ZhiliExtract
import ZhiliIngest
import ZhiliStore
@testable import ZhiliServer

/// `/api/compare` and the compare page on an index of the seed articles (corpus/raw, through the
/// real cleaner and extractor): the API answer against a golden file, falls and rises on the page.
/// `ZHILI_UPDATE_GOLDEN=1` rewrites the golden file.
@Suite struct CompareSeedsTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The seed index, built once.
    static let databasePath: String = {
        let corpus = root.appendingPathComponent("corpus/raw")
        let files = try! FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".txt") }.sorted()
        let cleaner = try! Cleaner()
        let extractor = try! Extractor()
        var records: [ArticleRecord] = []
        for item in InputReader(paths: files.map { corpus.appendingPathComponent($0).path }) {
            guard case .document(let document) = item else { continue }
            for article in try! cleaner.clean(document) { records.append(try! extractor.extract(article)) }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zhili-compare-seeds-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("seeds.db").path
        try! SQLiteStore(path: path).write(records)
        return path
    }()

    static func get(_ uri: String) async throws -> (HTTPResponse.Status, String) {
        var logger = Logger(label: "zhili.test")
        logger.logLevel = .warning
        let app = try await buildApplication(databasePath: databasePath, configuration: ServerConfiguration(port: 0), logger: logger)
        return try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in (response.status, String(buffer: response.body)) }
        }
    }

    /// The API's answer, keys sorted and pretty-printed, against `Fixtures/compare-api.json`.
    @Test func apiAnswerMatchesGolden() async throws {
        let uri = "/api/compare?indicator=\(q("刑事案件"))&kind=change&year=2021..2023"
        let (status, body) = try await Self.get(uri)
        #expect(status == .ok)
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8))
        let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        let output = "GET " + uri + "\n" + String(decoding: pretty, as: UTF8.self) + "\n"
        let url = Self.root.appendingPathComponent("Tests/ZhiliServerTests/Fixtures/compare-api.txt")
        if ProcessInfo.processInfo.environment["ZHILI_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try output.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(output == (try String(contentsOf: url, encoding: .utf8)))

        let comparison = try JSONDecoder().decode(Comparison.self, from: Data(body.utf8))
        #expect(comparison.rows.map(\.change) == [.下降, .下降])
        #expect(comparison.rows.map(\.basis) == [.同比, .同比])
        #expect(comparison.rows.allSatisfy { $0.kind == .change && $0.metric == "刑事案件" && $0.title != nil })
    }

    /// Levels by default; a change indicator's levels are counted as other kinds, never mixed in.
    @Test func apiKeepsKindsApart() async throws {
        let (_, body) = try await Self.get("/api/compare?indicator=criminal_cases")
        let comparison = try JSONDecoder().decode(Comparison.self, from: Data(body.utf8))
        #expect(comparison.kind == .level)
        #expect(comparison.rows.isEmpty)
        #expect(comparison.otherKinds == [.change: 2])
    }

    @Test(arguments: [
        ("/api/compare?indicator=grids&kind=total", "kind"),
        ("/api/compare?indicator=grids&select=every", "select"),
        ("/api/compare?indicator=grids&year=2023..2021", "year"),
        ("/api/compare?indicator=grids&rollup=maybe", "rollup"),
    ])
    func badParametersAreNamed(_ uri: String, _ parameter: String) async throws {
        let (status, body) = try await Self.get(uri)
        #expect(status == .badRequest)
        #expect(body.contains(parameter))
    }

    /// The chart labels a fall as one: a bar left of the zero line, its label with ↓ and the basis.
    @Test func comparePageMarksFallsAndRises() async throws {
        let (status, html) = try await Self.get("/compare?indicator=cases_solved&kind=change")
        #expect(status == .ok)
        #expect(html.contains("class=\"bar rise\""))
        #expect(html.contains("同比↑33%"))
        let (_, falls) = try await Self.get("/compare?indicator=\(q("刑事案件"))&kind=change")
        #expect(falls.contains("<rect class=\"bar fall\""))
        #expect(falls.contains("↓ 下降 fall"))
        #expect(falls.contains("同比↓31.7%"))
        #expect(falls.contains("<td class=\"num fall\">同比↓31.7%</td>"))
        #expect(falls.contains("刑事案件（criminal_cases） · 增减变化"))
    }

    /// County values show at league level with where they come from, and the page says so.
    @Test func comparePageShowsCountyReports() async throws {
        let (_, html) = try await Self.get("/compare?indicator=hazards_found")
        #expect(html.contains("<div class=\"meta\">← 海南区</div>"))
        #expect(html.contains("乌海市：本级无数据，来自 1 个旗县区的报道"))
    }
}
