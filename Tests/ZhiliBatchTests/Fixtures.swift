import Foundation
import ZhiliBatch
import ZhiliCore
import ZhiliIngest

/// Test double for the cleaning and extraction stages: one article per document, its
/// paragraphs the non-empty lines of the UTF-8 text, and one figure per run of ASCII digits.
///
/// Only for tests; the shipped command uses the real Cleaner and Extractor.
final class ParagraphProcessor: DocumentProcessor {
    private let encoder = RecordEncoder()

    func process(_ document: RawDocument, into output: inout ProcessedDocument<ArticleRecord>) throws {
        try encoder.append(try records(document), to: &output, inputBytes: document.bytes.count)
    }

    private func records(_ document: RawDocument) throws -> [ArticleRecord] {
        guard let text = String(validating: document.bytes, as: UTF8.self) else {
            throw Diagnostic(source: document.source, reason: "not UTF-8")
        }
        if text.contains("POISON") { throw Diagnostic(source: document.source, reason: "poisoned document") }
        let paragraphs = text.split(whereSeparator: \.isNewline).map { String($0) }.filter { !$0.isEmpty }
        let article = Article(source: document.source, title: document.title, date: document.date, paragraphs: paragraphs)
        var figures: [Figure] = []
        let scalars = Array(article.text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard ("0"..."9").contains(scalars[index]) else { index += 1; continue }
            let start = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            let digits = String(String.UnicodeScalarView(scalars[start..<index]))
            figures.append(Figure(text: digits, value: Double(digits) ?? 0, unit: nil, kind: .count, start: start, end: index, sentence: "s,\"q\""))
        }
        return [ArticleRecord(article: article, figures: figures)]
    }
}
