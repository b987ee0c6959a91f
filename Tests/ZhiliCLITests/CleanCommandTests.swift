import Foundation
import Testing

/// End-to-end tests of `zhili clean`: they run the built binary and check stdout, stderr and
/// the exit code.
@Suite struct CleanCommandTests {
    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func cleansTheCorpusIntoSixRecords() throws {
        let run = try CLI.run(["clean", "corpus/raw"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.count == 6)
        let records = try run.lines.map(Self.object)
        let keys: Set<String> = ["id", "source", "index", "url", "title", "subtitle", "date", "outlet", "authors", "editors", "paragraphs", "captions", "text", "warnings"]
        for record in records { #expect(Set(record.keys) == keys) }
        #expect(records.map { $0["title"] as? String } == [
            "集宁区:精准“把脉”筑牢安全稳定屏障", "警企联合:唱响首府卫士之歌", "多元化解矛盾纠纷 推进基层社会治理",
            "巴彦淖尔:筑牢安全发展之基 守护百姓平安幸福", "五大任务 兴安担当", "平安建设护稳定 社会治理促和谐",
        ])
        #expect(records[3]["date"] as? String == "2023-01-06T09:55")
        #expect(records[3]["outlet"] as? String == "巴彦淖尔日报")
        #expect(records.map { $0["index"] as? Int } == [0, 0, 1, 0, 0, 0])
        let text = try #require(records[0]["text"] as? String)
        #expect(text == (records[0]["paragraphs"] as? [String])?.joined(separator: "\n"))
    }

    @Test func printsReadableText() throws {
        let run = try CLI.run(["clean", "--format", "text", "corpus/raw/002_17843914ab0f768a.txt"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("标题: 巴彦淖尔:筑牢安全发展之基 守护百姓平安幸福"))
        #expect(run.stdout.contains("编辑: 刘泽、张雪冬"))
        #expect(!run.stdout.contains("返回顶部"))
    }

    @Test func aBadFileFailsTheRunButNotTheOthers() throws {
        let directory = CLI.scratch()
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }).write(to: directory.appendingPathComponent("a-garbage.txt"))
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("corpus/raw/003_8b228848fdd751f3.txt"),
                                         to: directory.appendingPathComponent("b-good.txt"))
        let run = try CLI.run(["clean", directory.path, "/no/such/file.txt"])
        #expect(run.status == 1)
        #expect(run.lines.count == 1)
        #expect(run.stderr.contains("a-garbage.txt"))
        #expect(run.stderr.contains("/no/such/file.txt"))
    }

    @Test func readsJSONLinesFromStandardInput() throws {
        let input = """
            {"headline": "标题一", "body": "第一篇正文。", "published": "2023年1月6日"}
            {"headline": "坏行", "body": 
            {"headline": "标题三", "body": "第三篇正文。"}
            """
        let run = try CLI.run(["clean", "--text-field", "body", "--title-field", "headline", "--date-field", "published", "-"], stdin: Data(input.utf8))
        #expect(run.status == 1)
        let records = try run.lines.map(Self.object)
        #expect(records.map { $0["title"] as? String } == ["标题一", "标题三"])
        #expect(records.map { $0["source"] as? String } == ["-:1", "-:3"])
        #expect(records.first?["date"] as? String == "2023-01-06")
        #expect(run.stderr.contains("-:2"))
    }

    @Test func honoursEncodingAndBoilerplateOptions() throws {
        let directory = CLI.scratch()
        // "标题在这里\n\n第一段正文。\n\n本站广告位招租\n\n第二段正文。\n" in GB18030.
        let text = "标题在这里\n\n第一段正文,说了一件事。\n\n本站广告位招租\n\n第二段正文,又说了一件事。\n"
        let file = directory.appendingPathComponent("gb.txt")
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        iconv.arguments = ["-f", "UTF-8", "-t", "GB18030"]
        let input = Pipe()
        let output = Pipe()
        iconv.standardInput = input
        iconv.standardOutput = output
        try iconv.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let encoded = output.fileHandleForReading.readDataToEndOfFile()
        iconv.waitUntilExit()
        #expect(encoded != Data(text.utf8))
        try encoded.write(to: file)
        let patterns = directory.appendingPathComponent("extra.txt")
        try "drop 本站广告位.*\n".write(to: patterns, atomically: true, encoding: .utf8)
        let run = try CLI.run(["clean", "--encoding", "GB18030", "--boilerplate", patterns.path, file.path])
        #expect(run.status == 0, "\(run.stderr)")
        let record = try Self.object(try #require(run.lines.first))
        #expect(record["title"] as? String == "标题在这里")
        #expect(record["paragraphs"] as? [String] == ["第一段正文,说了一件事。", "第二段正文,又说了一件事。"])
    }

    /// `--explain` prints what was removed, line by line, with the rule that removed it.
    @Test func explainsEachRemovalWithItsRule() throws {
        let run = try CLI.run(["clean", "--explain", "corpus/raw/002_17843914ab0f768a.txt"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("标题: 巴彦淖尔:筑牢安全发展之基 守护百姓平安幸福"))
        #expect(run.stdout.contains("--- corpus/raw/002_17843914ab0f768a.txt: removed"))
        #expect(run.stdout.contains("   1  人民网  ← drop 今日内蒙古|正北方网|人民网|"))
        #expect(run.stdout.contains("   6  2023年01月06日09:55 | 来源:巴彦淖尔日报  ← metadata"))
        #expect(run.stdout.contains("   4  巴彦淖尔:筑牢安全发展之基 守护百姓平安幸福  ← title"))
        // A file of nothing but boilerplate still shows what removed it, with a warning.
        let directory = CLI.scratch()
        let file = directory.appendingPathComponent("menu.txt")
        try "首页 > 新闻 > 正文\n返回顶部\n".write(to: file, atomically: true, encoding: .utf8)
        let menu = try CLI.run(["clean", "--explain", file.path])
        #expect(menu.status == 0, "\(menu.stderr)")
        #expect(menu.stdout.contains("  2  返回顶部  ← drop "))
        #expect(menu.stderr.contains("no article text found"))
    }

    /// An HTML page's canonical URL is the record's `url`.
    @Test func recordsCarryTheCanonicalURL() throws {
        let directory = CLI.scratch()
        let page = directory.appendingPathComponent("page.html")
        let html = "<html><head><title>集宁区召开平安建设推进会</title>"
            + "<link rel=\"canonical\" href=\"https://www.example.gov.cn/xw/t20230707_1.html\"></head><body><div class=\"content\">"
            + "<p>近日，集宁区召开平安建设推进会，部署下一阶段矛盾纠纷排查化解工作，要求各街道压实责任。</p></div></body></html>"
        try html.write(to: page, atomically: true, encoding: .utf8)
        let run = try CLI.run(["clean", page.path])
        #expect(run.status == 0, "\(run.stderr)")
        let record = try Self.object(try #require(run.lines.first))
        #expect(record["url"] as? String == "https://www.example.gov.cn/xw/t20230707_1.html")
    }

    @Test func helpDocumentsTheExitStatus() throws {
        let run = try CLI.run(["clean", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Exit status"))
        #expect(run.stdout.contains("--encoding"))
        #expect(run.stdout.contains("--boilerplate"))
    }

    @Test func aBadBoilerplateFileIsAUsageError() throws {
        let directory = CLI.scratch()
        let patterns = directory.appendingPathComponent("bad.txt")
        try "remove this\n".write(to: patterns, atomically: true, encoding: .utf8)
        let run = try CLI.run(["clean", "--boilerplate", patterns.path, "corpus/raw"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("bad.txt:1"))
        #expect(run.stdout.isEmpty)
    }
}

/// `zhili clean` and `zhili index` run as batches: the same --out, --errors, --jobs and --resume as `extract`.
@Suite struct BatchOptionsTests {
    @Test func cleanWritesTheSameRecordsToOutWhateverTheJobs() throws {
        let directory = CLI.scratch()
        let standardOutput = try CLI.run(["clean", "--jobs", "1", "corpus/raw"])
        let out = directory.appendingPathComponent("clean.jsonl").path
        let run = try CLI.run(["clean", "--jobs", "2", "--quiet", "--out", out, "corpus/raw"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self) == standardOutput.stdout)
        // A finished run resumed adds nothing.
        let again = try CLI.run(["clean", "--quiet", "--out", out, "--resume", "corpus/raw"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self) == standardOutput.stdout)
    }

    @Test func skippedRecordsGoToTheErrorsFile() throws {
        let directory = CLI.scratch()
        let extract = try CLI.run(["extract", "--quiet", "corpus/raw/000_2cf5b494796738ac.txt"])
        let records = directory.appendingPathComponent("records.jsonl")
        try Data((extract.stdout + "{not json\n").utf8).write(to: records)
        let errors = directory.appendingPathComponent("errors.jsonl").path
        let db = directory.appendingPathComponent("zhili.db").path
        let index = try CLI.run(["index", records.path, "--db", db, "--errors", errors])
        // A skipped line fails `index` as it fails `extract` (issue #19, 7).
        #expect(index.status == 3, "\(index.stderr)")
        #expect(!index.stderr.contains("{not json"))
        let errorLines = String(decoding: FileManager.default.contents(atPath: errors) ?? Data(), as: UTF8.self).split(separator: "\n")
        #expect(errorLines.count == 1)
        #expect(errorLines.first?.contains("\"line\":2") == true)
        let clean = try CLI.run(["clean", "--errors", errors, records.path])
        #expect(clean.status == 1)
        #expect(!clean.stderr.contains("malformed"))
        #expect(String(decoding: FileManager.default.contents(atPath: errors) ?? Data(), as: UTF8.self).contains("malformed JSON"))
    }
}
