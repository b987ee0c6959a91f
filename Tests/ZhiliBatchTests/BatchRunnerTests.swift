import Foundation
import Testing
import ZhiliBatch
import ZhiliCore
import ZhiliIngest

/// A small dump in every form, with known good and broken records.
private struct GeneratedDump {
    let scratch = ScratchDirectory()
    var goodDocuments = 0
    var brokenRecords = 0

    init() {
        func paragraph(_ n: Int) -> String { "第\(n)段：集宁区网格员\(n * 37 % 500)人，化解矛盾纠纷\(n * 11)起。" }
        // Plain text files.
        for n in 0..<5 {
            _ = scratch.write("texts/\(n).txt", Array((paragraph(n) + "\n" + paragraph(n + 1)).utf8))
            goodDocuments += 1
        }
        // Undecodable for the processor double.
        _ = scratch.write("texts/bad.txt", [0xFF, 0xFE, 0x00, 0xC3])
        brokenRecords += 1
        // JSON Lines with a malformed line, a poisoned document and an overlong line.
        var lines: [UInt8] = []
        for n in 0..<40 {
            switch n {
            case 7: lines += Array("{\"text\": \"未闭合\n".utf8); brokenRecords += 1
            case 12: lines += jsonLine(["text": "POISON \(n)"]); brokenRecords += 1
            case 20: lines += jsonLine(["text": String(repeating: "长", count: 2000)]); brokenRecords += 1
            default: lines += jsonLine(["text": paragraph(n), "title": "标题\(n)", "date": "2023-01-0\(n % 9 + 1)"]); goodDocuments += 1
            }
        }
        _ = scratch.write("dump.jsonl", lines)
        // Gzip JSON Lines, complete, and one truncated after some records.
        var more: [UInt8] = []
        for n in 100..<130 { more += jsonLine(["text": paragraph(n)]) }
        _ = scratch.write("more.jsonl.gz", Gzip.compress(more))
        goodDocuments += 30
        var cut: [UInt8] = []
        for n in 200..<260 { cut += jsonLine(["content": paragraph(n) + String(repeating: "（填充文字）", count: n % 5)]) }
        let compressed = Gzip.compress(cut, level: 0)
        // A stored (level 0) stream keeps bytes in order, so the cut keeps a known prefix of whole lines.
        let truncated = Array(compressed[0..<(compressed.count / 2)])
        _ = scratch.write("truncated.jsonl.gz", truncated)
        let keptLines = Self.completeLinesInflated(from: truncated)
        goodDocuments += keptLines
        brokenRecords += 1
        // WARC.gz with a broken header between good records.
        var warc: [UInt8] = Gzip.compress(warcInfo())
        for n in 300..<310 {
            if n == 305 {
                warc += Gzip.compress(Array("WARC/1.0\r\nWARC-Type: response\r\nno colon here\r\nContent-Length: 10\r\n\r\n0123456789\r\n\r\n".utf8))
                brokenRecords += 1
            }
            warc += Gzip.compress(warcResponse(uri: "http://news.example.cn/\(n).html", html: Array("<p>\(paragraph(n))</p>".utf8)))
            goodDocuments += 1
        }
        _ = scratch.write("crawl.warc.gz", warc)
    }

    /// Whole lines readable from a truncated gzip file.
    static func completeLinesInflated(from bytes: [UInt8]) -> Int {
        let reader = ByteReader(try! GzipByteSource(MemoryByteSource(bytes), source: "x"))
        var count = 0
        do { while try reader.readLine() != nil { count += 1 } } catch {}
        return count
    }

    var inputs: [InputFile] { InputFile.discover([scratch.path]) }
}

@Suite struct BatchRunnerTests {
    /// The failure that interrupts a run in the middle of a checkpoint.
    private struct Interruption: Error {}

    /// Runs the batch; with `interruptAt` N, the run stops with ``Interruption`` at its N-th
    /// checkpoint, after that group's outputs were written and before the journal records it, as
    /// a crash would.
    private func run(
        _ dump: GeneratedDump, into out: ScratchDirectory, jobs: Int, resume: Bool = false, checkpointBytes: Int = 1 << 20,
        strict: Bool = false, interruptAt: Int? = nil
    ) throws -> BatchSummary {
        let options = BatchOptions(
            inputs: dump.inputs, jobs: jobs, outputPath: out.path + "/out.jsonl", csvDirectory: out.path + "/csv",
            errorsPath: out.path + "/errors.jsonl", journalPath: out.path + "/out.jsonl.journal", resume: resume, strict: strict,
            maxArticleBytes: 3000, checkpointBytes: checkpointBytes, checkpointInterval: 1000)
        let runner = BatchRunner(options: options, makeProcessor: { ParagraphProcessor() })
        guard let interruptAt else { return try runner.run() }
        var checkpoints = 0
        return try runner.run(sink: { _ in
            checkpoints += 1
            if checkpoints == interruptAt { throw Interruption() }
        })
    }

    private func exists(_ out: ScratchDirectory, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: out.path + "/" + name)
    }

    private func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)
    }

    @Test func countsAddUpOnADumpWithBrokenRecords() throws {
        let dump = GeneratedDump()
        let out = ScratchDirectory()
        let summary = try run(dump, into: out, jobs: 2)
        #expect(summary.totals.articles == dump.goodDocuments)
        #expect(summary.totals.documents == dump.goodDocuments)
        #expect(summary.totals.errors == dump.brokenRecords)
        #expect(summary.exitStatus == 3)
        #expect(lines(out.read("out.jsonl")).count == dump.goodDocuments)
        let errors = try lines(out.read("errors.jsonl")).map { try JSONDecoder().decode(ErrorRecord.self, from: Data($0)) }
        #expect(errors.count == dump.brokenRecords)
        #expect(errors.allSatisfy { $0.offset != nil || $0.line != nil })
        #expect(errors.contains { $0.line == 8 && $0.reason.contains("malformed JSON") })
        #expect(errors.contains { $0.file.hasSuffix("truncated.jsonl.gz") && $0.reason.contains("truncated") })
        #expect(errors.contains { $0.file.hasSuffix("crawl.warc.gz") && $0.reason.contains("malformed WARC header") })
        #expect(errors.contains { $0.line == 21 && $0.reason.contains("max-article-bytes") })
        // Every good JSON line of dump.jsonl is in the output, by source.
        let sources = Set(try lines(out.read("out.jsonl")).map { try JSONDecoder().decode(ArticleRecord.self, from: Data($0)).article.source })
        for line in 1...40 where ![8, 13, 21].contains(line) {
            #expect(sources.contains(dump.scratch.path + "/dump.jsonl:\(line)"))
        }
        let articlesCSV = String(decoding: out.read("csv/articles.csv"), as: UTF8.self)
        #expect(out.read("csv/articles.csv").starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(articlesCSV.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count >= dump.goodDocuments + 1)
        let figureRows = String(decoding: out.read("csv/figures.csv"), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }.count
        #expect(figureRows == summary.totals.figures + 1)
    }

    @Test(arguments: [2, 4])
    func outputIsTheSameWhateverTheJobs(jobs: Int) throws {
        let dump = GeneratedDump()
        let one = ScratchDirectory(), many = ScratchDirectory()
        _ = try run(dump, into: one, jobs: 1)
        _ = try run(dump, into: many, jobs: jobs)
        for name in ["out.jsonl", "errors.jsonl", "csv/articles.csv", "csv/figures.csv", "csv/regions.csv", "csv/programs.csv"] {
            let same = one.read(name) == many.read(name)
            #expect(same, "\(name) differs")
        }
    }

    @Test(arguments: [1, 3, 6])
    func resumeAfterAnInterruptionEqualsAnUninterruptedRun(keptCheckpoints: Int) throws {
        let dump = GeneratedDump()
        let reference = ScratchDirectory()
        _ = try run(dump, into: reference, jobs: 2, checkpointBytes: 2000)

        // Interrupted run: it stops while writing the checkpoint after `keptCheckpoints`, with that
        // group's records already in the outputs; a half-written line ends the journal.
        let interrupted = ScratchDirectory()
        #expect(throws: Interruption.self) {
            try run(dump, into: interrupted, jobs: 2, checkpointBytes: 2000, interruptAt: keptCheckpoints + 1)
        }
        let journalLines = lines(interrupted.read("out.jsonl.journal"))
        try #require(journalLines.count == keptCheckpoints + 1)
        let checkpoint = try JSONDecoder().decode(Checkpoint.self, from: Data(journalLines.last!))
        var journal = interrupted.read("out.jsonl.journal")
        journal += Array(journalLines.last!.prefix(20))
        _ = interrupted.write("out.jsonl.journal", journal)
        let written = checkpoint.sizes.map { path, size in interrupted.read(String(path.dropFirst(interrupted.path.count + 1))).count - size }
        #expect(written.contains { $0 > 0 }, "the interrupted group's records are past the checkpoint")

        let summary = try run(dump, into: interrupted, jobs: 2, resume: true, checkpointBytes: 2000)
        #expect(summary.resumed)
        for name in ["out.jsonl", "errors.jsonl", "csv/articles.csv", "csv/figures.csv", "csv/regions.csv", "csv/programs.csv"] {
            let same = reference.read(name) == interrupted.read(name)
            #expect(same, "\(name) differs after resume")
        }
        #expect(summary.totals.articles == dump.goodDocuments)
        #expect(summary.totals.errors == dump.brokenRecords)
        #expect(!exists(interrupted, "out.jsonl.journal"))
    }

    @Test func strictStopsAtTheFirstBadRecord() throws {
        let dump = GeneratedDump()
        let out = ScratchDirectory()
        let summary = try run(dump, into: out, jobs: 2, strict: true)
        #expect(summary.stoppedAtError)
        #expect(summary.totals.errors == 1)
        #expect(lines(out.read("errors.jsonl")).count == 1)
        #expect(summary.exitStatus == 3)
    }

    /// A run that reaches its end removes its journal (a stopped one keeps it); `--resume` after
    /// it starts afresh and writes the same output.
    @Test func aFinishedRunLeavesNoJournal() throws {
        let dump = GeneratedDump()
        let out = ScratchDirectory()
        _ = try run(dump, into: out, jobs: 2)
        #expect(!exists(out, "out.jsonl.journal"))
        let before = out.read("out.jsonl")
        let summary = try run(dump, into: out, jobs: 2, resume: true)
        #expect(out.read("out.jsonl") == before)
        #expect(summary.totals.articles == dump.goodDocuments)
        #expect(!exists(out, "out.jsonl.journal"))

        let stopped = ScratchDirectory()
        _ = try run(dump, into: stopped, jobs: 2, strict: true)
        #expect(exists(stopped, "out.jsonl.journal"))
    }

    @Test func outputsAndTheJournalGetMissingFolders() throws {
        let dump = GeneratedDump()
        let out = ScratchDirectory()
        let options = BatchOptions(
            inputs: dump.inputs, jobs: 1, outputPath: out.path + "/a/b/out.jsonl", csvDirectory: out.path + "/c/d",
            errorsPath: out.path + "/e/errors.jsonl", journalPath: out.path + "/f/run.journal")
        let summary = try BatchRunner(options: options, makeProcessor: { ParagraphProcessor() }).run()
        #expect(summary.totals.articles > 100)
        for name in ["a/b/out.jsonl", "c/d/articles.csv", "e/errors.jsonl", "f"] { #expect(exists(out, name), "\(name)") }
        #expect(!exists(out, "f/run.journal"))
    }
}

/// Issue #19 (9): the bounds of a batch.
@Suite struct BatchBoundsTests {
    @Test func jobsAreBoundedByTheCoreCount() {
        #expect(BatchOptions(inputs: [], jobs: 100_000).jobs == ProcessInfo.processInfo.activeProcessorCount * 4)
        #expect(BatchOptions(inputs: [], jobs: 2).jobs == 2)
    }

    @Test func theErrorsFileListsAtMostMaxErrorsPerInputThenTheCount() throws {
        let scratch = ScratchDirectory()
        _ = scratch.write("a.jsonl", Array(String(repeating: "{}\n", count: 25).utf8))
        _ = scratch.write("b.jsonl", Array(String(repeating: "{}\n", count: 2).utf8))
        let out = ScratchDirectory()
        let options = BatchOptions(
            inputs: InputFile.discover([scratch.path]), jobs: 2, outputPath: out.path + "/out.jsonl",
            errorsPath: out.path + "/errors.jsonl", maxErrorsPerInput: 10)
        let summary = try BatchRunner(options: options, makeProcessor: { ParagraphProcessor() }).run()
        #expect(summary.totals.errors == 27)
        let errors = try out.read("errors.jsonl").split(separator: 0x0A).map { try JSONDecoder().decode(ErrorRecord.self, from: Data($0)) }
        #expect(errors.count == 10 + 1 + 2)
        #expect(errors[10].file.hasSuffix("a.jsonl"))
        #expect(errors[10].reason.hasPrefix("15 more errors in this input left out"))
        #expect(errors[11...].allSatisfy { $0.file.hasSuffix("b.jsonl") })
    }
}
