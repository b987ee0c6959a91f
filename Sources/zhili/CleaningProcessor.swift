import ZhiliBatch
import ZhiliCore
import ZhiliIngest

/// `zhili clean`'s stage for one worker thread: the cleaner, then each article as a JSON line
/// or as readable text; the articles' warnings become notes on standard error.
final class CleaningProcessor: DocumentProcessor {
    typealias Record = Never

    private let cleaner: Cleaner
    private let format: CleanCommand.Format

    init(cleaner: Cleaner, format: CleanCommand.Format) {
        self.cleaner = cleaner
        self.format = format
    }

    func process(_ document: RawDocument, into output: inout ProcessedDocument<Never>) throws {
        for article in try cleaner.clean(document) {
            switch format {
            case .jsonl: JSONLineWriter.appendLine(article, to: &output.lines)
            case .text: output.lines += Array(CleanCommand.readable(article).utf8)
            }
            output.articles += 1
            for warning in article.warnings {
                output.notes.append(Diagnostic(.warning, source: article.source, reason: warning))
            }
        }
    }
}
