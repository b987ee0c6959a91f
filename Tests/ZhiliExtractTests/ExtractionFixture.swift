import ZhiliCore
import ZhiliExtract

/// A shared extractor for table-driven tests over one-paragraph articles.
enum ExtractionFixture {

    /// The record of a one-paragraph article (optionally titled and dated).
    static func record(_ paragraph: String, title: String? = nil, date: String? = nil) throws -> ArticleRecord {
        // Extractor is not thread-safe: tests run in parallel, so each call gets its own.
        let extractor = try Extractor()
        return try extractor.extract(Article(source: "test", title: title, date: date, paragraphs: [paragraph]))
    }
}
