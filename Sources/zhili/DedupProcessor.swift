import ZhiliBatch
import ZhiliCore
import ZhiliDedup
import ZhiliIngest

/// `zhili dedup`'s stage for one worker thread: the cleaner, then each article's shingles and
/// MinHash signature, handed to the command in input order.
final class DedupProcessor: DocumentProcessor {
    /// One article as `zhili dedup` reports it.
    struct Entry: Sendable {
        var document: DedupDocument
        var source: String
        var title: String?
    }

    private let cleaner: Cleaner

    init(cleaner: Cleaner) { self.cleaner = cleaner }

    func process(_ document: RawDocument, into output: inout ProcessedDocument<Entry>) throws {
        for (article, body) in try cleaner.cleanWithContent(document) {
            output.records.append(Entry(document: DedupDocument(article, body: body), source: article.source, title: article.title))
            output.articles += 1
        }
    }
}
