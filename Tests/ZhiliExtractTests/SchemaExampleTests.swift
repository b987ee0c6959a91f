import Foundation
import Testing
import ZhiliCore
import ZhiliExtract

/// Keeps the example in docs/schema.md true: extracting its input gives exactly its JSON.
@Suite struct SchemaExampleTests {
    static var schemaURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/schema.md")
    }

    /// The article of the example: title, date and paragraphs as the doc gives them.
    static let article = Article(
        source: "example.txt", title: "巴彦淖尔:筑牢安全发展之基 守护百姓平安幸福", date: "2023-01-06T09:55",
        outlet: "巴彦淖尔日报",
        paragraphs: [
            "积极推进市域社会治理现代化试点工作,县、乡、村级综治中心覆盖率达100%。强化网格化服务管理,合理划分网格5780个,配备专兼职网格员23700人。",
            "严厉打击电信诈骗等突出违法犯罪行为,全年刑事案件同比下降31.7%,侵财、盗窃案件同比分别下降26.5%和31.1%。深入开展打击整治养老诈骗专项行动,追赃挽损384.5万元。",
            "加快推进“雪亮工程”建设,五原县获得平安内蒙古建设示范旗县称号。",
        ])

    static func encoded() throws -> String {
        let record = try Extractor().extract(article)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    @Test func docExampleMatchesExtraction() throws {
        let actual = try Self.encoded()
        if ProcessInfo.processInfo.environment["ZHILI_PRINT_SCHEMA_EXAMPLE"] != nil { print(actual) }
        let doc = try String(contentsOf: Self.schemaURL, encoding: .utf8)
        let start = try #require(doc.range(of: "```json\n"))
        let end = try #require(doc.range(of: "\n```", range: start.upperBound..<doc.endIndex))
        #expect(String(doc[start.upperBound..<end.lowerBound]) == actual)
    }
}
