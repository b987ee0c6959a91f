import ZhiliBatch
import ZhiliCore
import ZhiliExtract
import ZhiliIngest

/// `zhili extract`'s stage for one worker thread: the cleaner, then the extractor; each record
/// as a JSON line, CSV rows and (for --db) the record itself.
final class ExtractionProcessor: DocumentProcessor {
    private let cleaner: Cleaner
    private let extractor: Extractor
    private let includeTokens: Bool
    private let encoder = RecordEncoder()

    init(cleaner: Cleaner, extractor: Extractor, includeTokens: Bool) {
        self.cleaner = cleaner
        self.extractor = extractor
        self.includeTokens = includeTokens
    }

    func process(_ document: RawDocument, into output: inout ProcessedDocument<ArticleRecord>) throws {
        let records = try cleaner.clean(document).map { try extractor.extract($0, includeTokens: includeTokens) }
        try encoder.append(records, to: &output, inputBytes: document.bytes.count)
    }
}
