import ArgumentParser
import Foundation
import ZhiliCore
import ZhiliIngest

/// `zhili clean`: raw scraped articles in, clean article records out.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Clean raw scraped articles into article records (JSON Lines).",
        discussion: """
            Reads files, directories and - (standard input) like `zhili extract`: text, HTML, JSON Lines \
            and WARC, gzip-compressed or not; in directories, .txt, .html/.htm and .jsonl files unless \
            --include says otherwise. Each article becomes one JSON object per line with id, source, \
            index, url, title, subtitle, date, outlet, authors, editors, paragraphs, captions, text and warnings, \
            in input order whatever --jobs is.

            Problems are reported on standard error (or, for skipped records, in --errors) with the \
            file and byte offset (or line); a bad file or record never stops the others. With --out, \
            the run is journaled and --resume continues an interrupted one.

            With --explain, each document is printed as readable text followed by every piece of it \
            that left the body, one per line: its line number, the text, and the rule that removed it \
            (a boilerplate pattern with its kind, metadata, title, subtitle, byline, caption, repeated \
            caption, doubled run, pinyin). A line removed by mistake names the pattern to fix; a \
            line kept by mistake can be removed with a pattern in a --boilerplate file.

            Exit status: 0 when every input was read, 1 when any input or record failed \
            (warnings, such as replaced invalid bytes or an empty file, do not count).

            Examples:
              zhili clean corpus/raw
              zhili clean --format text corpus/raw/002_17843914ab0f768a.txt
              zhili clean --encoding GBK old.txt
              zhili clean --explain page.html
              cat dump.jsonl | zhili clean --text-field body -
            """
    )

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case jsonl, text
    }

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Option(help: "Output format: jsonl (one JSON record per article) or text (readable).")
    var format: Format = .jsonl

    @Flag(help: "Print each document as readable text with every removed line or block and the rule that removed it (implies --format text).")
    var explain = false

    @OptionGroup var documents: DocumentOptions

    @OptionGroup var batch: BatchRunOptions

    /// In directories, the files `clean` reads unless --include says otherwise.
    static let defaultInclude = ["*.txt", "*.text", "*.html", "*.htm", "*.xhtml", "*.jsonl", "*.ndjson"]

    func run() throws {
        let cleaner = try documents.cleaner()
        let output = out ?? "-"
        let options = try batch.options(
            input, files: input.files(defaultInclude: Self.defaultInclude), output: output,
            defaultJournal: output == "-" ? nil : output + ".journal", decoder: documents.decoder,
            outputShape: ["format=\(explain ? "explain" : format.rawValue)"])
        let format = self.format
        let explain = self.explain
        let summary = try batch.run(options, reporter: reporter) { CleaningProcessor(cleaner: cleaner, format: format, explain: explain) }
        if !batch.quiet { reporter.report(summary.line) }
        if summary.failures > 0 { throw ExitCode(1) }
    }

    /// An article as readable text.
    static func readable(_ article: Article) -> String {
        var lines: [String] = ["=== \(article.source) #\(article.index) [\(article.id)]"]
        if let title = article.title { lines.append("标题: \(title)") }
        if let subtitle = article.subtitle { lines.append("副标题: \(subtitle)") }
        if let date = article.date { lines.append("日期: \(date)") }
        if let outlet = article.outlet { lines.append("来源: \(outlet)") }
        if !article.authors.isEmpty { lines.append("作者: \(article.authors.joined(separator: "、"))") }
        if !article.editors.isEmpty { lines.append("编辑: \(article.editors.joined(separator: "、"))") }
        lines.append("")
        lines += article.paragraphs
        if !article.captions.isEmpty {
            lines.append("")
            lines += article.captions.map { "图: \($0)" }
        }
        for warning in article.warnings { lines.append("! \(warning)") }
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// What the cleaner removed from one document, one removal a line in line order (then in
    /// the order the steps removed them): `  63  返回顶部  ← drop 分享让更多人看到|…`.
    /// For an HTML page (`fromHTML`), lines count in the page's main text, as the rules saw it;
    /// the blocks the main text left out come first, marked `-`.
    static func explanation(_ removals: [Removal], source: String, fromHTML: Bool = false) -> String {
        guard !removals.isEmpty else { return "--- \(source): nothing removed\n\n" }
        let width = String(removals.map(\.line).max() ?? 0).count
        var lines = ["--- \(source): removed" + (fromHTML ? " (lines of the page's main text)" : "")]
        let ordered = removals.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        for removal in ordered {
            let number = removal.line == 0 ? "-" : String(removal.line)
            lines.append(String(repeating: " ", count: width - number.count + 2) + number + "  " + removal.text + "  ← " + removal.rule.description)
        }
        return lines.joined(separator: "\n") + "\n\n"
    }
}
