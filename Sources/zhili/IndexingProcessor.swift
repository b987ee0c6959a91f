import Foundation
import ZhiliBatch
import ZhiliCore
import ZhiliIngest
import ZhiliStore

/// `zhili index`'s stage for one worker thread: each document is one JSON line holding an
/// article record, decoded and prepared (segmented) for the store.
final class IndexingProcessor: DocumentProcessor {
    private let store: CommandStore
    private let decoder = JSONDecoder()

    init(store: CommandStore) { self.store = store }

    func process(_ document: RawDocument, into output: inout ProcessedDocument<PreparedRecord>) throws {
        let record: ArticleRecord
        do {
            record = try decoder.decode(ArticleRecord.self, from: Data(document.bytes))
        } catch {
            throw Diagnostic(source: document.source, reason: "not an article record: \(Self.describe(error))")
        }
        output.records.append(try store.prepare(record))
        output.articles += 1
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return "malformed JSON (\(context.debugDescription))"
        case DecodingError.keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }
}
