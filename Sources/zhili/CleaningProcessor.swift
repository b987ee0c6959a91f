import ZhiliBatch
import ZhiliCore
import ZhiliIngest

/// `zhili clean`'s stage for one worker thread: the cleaner, then each article as a JSON line
/// or as readable text (with `--explain`, followed by what the cleaner removed and why); the
/// articles' warnings become notes on standard error.
final class CleaningProcessor: DocumentProcessor {
    typealias Record = Never

    private let cleaner: Cleaner
    private let format: CleanCommand.Format
    private let explain: Bool

    init(cleaner: Cleaner, format: CleanCommand.Format, explain: Bool = false) {
        self.cleaner = cleaner
        self.format = format
        self.explain = explain
    }

    func process(_ document: RawDocument, into output: inout ProcessedDocument<Never>) throws {
        guard explain else {
            for article in try cleaner.clean(document) { append(article, into: &output) }
            return
        }
        var removals: [Removal] = []
        var articles: [Article] = []
        do {
            articles = try cleaner.clean(document, removals: &removals)
        } catch {
            // A document of nothing but boilerplate: what removed it all is the answer.
            guard error.severity == .warning else { throw error }
            output.notes.append(error)
        }
        for article in articles { append(article, into: &output) }
        output.lines += Array(CleanCommand.explanation(removals, source: document.source, fromHTML: document.format == .html).utf8)
    }

    /// One article in the output format, and its warnings as notes.
    private func append(_ article: Article, into output: inout ProcessedDocument<Never>) {
        switch explain ? .text : format {
        case .jsonl: JSONLineWriter.appendLine(article, to: &output.lines)
        case .text: output.lines += Array(CleanCommand.readable(article).utf8)
        }
        output.articles += 1
        for warning in article.warnings {
            output.notes.append(Diagnostic(.warning, source: article.source, reason: warning))
        }
    }
}
