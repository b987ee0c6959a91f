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
            Reads .txt, .html/.htm and .jsonl files, directories (recursively) and - (standard input). \
            Each article becomes one JSON object per line with id, source, index, title, subtitle, date, \
            outlet, authors, editors, paragraphs, captions, text and warnings.

            Problems are reported on standard error with the file and byte offset (or line); a bad \
            file or record never stops the others.

            Exit status: 0 when every input was read, 1 when any input or record failed \
            (warnings, such as replaced invalid bytes or an empty file, do not count).

            Examples:
              zhili clean corpus/raw
              zhili clean --format text corpus/raw/002_17843914ab0f768a.txt
              zhili clean --encoding GBK old.txt
              cat dump.jsonl | zhili clean --text-field body -
            """
    )

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, text
    }

    @Argument(help: "Files, directories or - for standard input.")
    var paths: [String]

    @Option(help: "Output format: jsonl (one JSON record per article) or text (readable).")
    var format: Format = .jsonl

    @Option(help: "Read every input in this charset (e.g. GBK, GB18030, Big5, UTF-16) instead of detecting it.")
    var encoding: String?

    @Option(help: ArgumentHelp("Extra boilerplate pattern file (same format as the built-in boilerplate.txt); repeatable.", valueName: "file"))
    var boilerplate: [String] = []

    @OptionGroup var jsonFields: JSONFieldOptions

    func run() throws {
        let cleaner: Cleaner
        do {
            cleaner = try Cleaner(configuration: CleanerConfiguration(boilerplateFiles: boilerplate))
        } catch {
            throw ValidationError("boilerplate: \(error)")
        }
        let fields = jsonFields.fieldNames
        let input = InputReader(paths: paths, encoding: encoding, fields: fields)

        // The bytes JSONEncoder with [.sortedKeys, .withoutEscapingSlashes] would write, without its cost.
        var line: [UInt8] = []
        var output = StandardOutput()
        var failed = false
        var articleCount = 0
        for item in input {
            switch item {
            case .diagnostic(let problem):
                report(problem)
                if problem.severity == .error { failed = true }
            case .document(let document):
                do {
                    for article in try cleaner.clean(document) {
                        articleCount += 1
                        switch format {
                        case .jsonl:
                            line.removeAll(keepingCapacity: true)
                            JSONLineWriter.appendLine(article, to: &line)
                            output.write(line)
                        case .text:
                            output.write(Self.readable(article))
                        }
                        for warning in article.warnings {
                            report(Diagnostic(.warning, source: article.source, reason: warning))
                        }
                    }
                } catch {
                    // `clean` throws only diagnostics.
                    report(error)
                    if error.severity == .error { failed = true }
                }
            }
        }
        output.flush()
        if failed { throw ExitCode(1) }
    }

    private func report(_ problem: Diagnostic) {
        FileHandle.standardError.write(Data("zhili clean: \(problem)\n".utf8))
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
}

/// Buffered standard output (one write per 64 KB instead of per record).
struct StandardOutput {
    private var buffer = Data()

    mutating func write(_ text: String) { write(Data(text.utf8)) }

    mutating func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 65_536 { flush() }
    }

    mutating func write(_ data: Data) {
        buffer.append(data)
        if buffer.count >= 65_536 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
