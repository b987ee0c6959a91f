import Foundation
import Testing

/// End-to-end tests of `zhili extract`: they run the built binary, kill it, resume it, and
/// compare outputs record for record.
@Suite(.serialized) struct ExtractCommandTests {
    /// Writes a JSON Lines dump of `count` seed copies with line 18 malformed, and returns how many
    /// articles its good lines hold (a seed can hold several; the hand-written gold says how many).
    @discardableResult
    static func makeDump(at url: URL, count: Int) throws -> Int {
        let names = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("corpus/raw").path).sorted()
        let seeds = try names.map { try String(contentsOf: CLI.root.appendingPathComponent("corpus/raw/\($0)"), encoding: .utf8) }
        let articlesPerSeed = try names.map { name -> Int in
            let gold = CLI.root.appendingPathComponent("corpus/gold/\(name.replacingOccurrences(of: ".txt", with: ".json"))")
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: gold)) as? [String: Any]
            return (object?["articles"] as? [Any])?.count ?? 1
        }
        var lines = ""
        var articles = 0
        for index in 0..<count {
            if index == 17 {
                lines += "{\"text\": \"未闭合的记录\n"
                continue
            }
            articles += articlesPerSeed[index % seeds.count]
            let text = seeds[index % seeds.count].replacingOccurrences(of: "2000", with: String(1000 + index))
            let data = try JSONSerialization.data(withJSONObject: ["text": text, "url": "http://example.cn/\(index)"], options: [.sortedKeys])
            lines += String(decoding: data, as: UTF8.self) + "\n"
        }
        try lines.write(to: url, atomically: true, encoding: .utf8)
        return articles
    }

    /// Runs `zhili arguments...` (writing `out.jsonl`) until a few checkpoints are on disk, then
    /// kills it with SIGKILL in the middle of the run.
    static func killAfterCheckpoints(_ arguments: [String], in directory: URL) throws {
        let process = try CLI.start(arguments, in: directory)
        let journal = directory.appendingPathComponent("out.jsonl.journal")
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && lineCount(journal) < 3 && Date() < deadline { usleep(5_000) }
        try #require(process.isRunning, "the batch ended before it could be killed; make the dump larger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
    }

    static func lineCount(_ url: URL) -> Int {
        ((try? Data(contentsOf: url)) ?? Data()).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    @Test func versionIsPrinted() throws {
        let run = try CLI.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.5.0")
    }

    @Test func seedsGiveSixRecordsAndExitZero() throws {
        let directory = CLI.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let status = try CLI.run(["extract", "--quiet", CLI.root.appendingPathComponent("corpus/raw").path], in: directory).status
        #expect(status == 0)
        #expect(Self.lineCount(directory.appendingPathComponent("stdout")) == 6)
    }

    @Test func badRecordsGoToTheErrorsFileAndExitThree() throws {
        let directory = CLI.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let articles = try Self.makeDump(at: directory.appendingPathComponent("dump.jsonl"), count: 30)
        let status = try CLI.run(["extract", "dump.jsonl", "--out", "out.jsonl", "--errors", "errors.jsonl", "--csv", "tables", "--jobs", "2"], in: directory).status
        #expect(status == 3)
        #expect(Self.lineCount(directory.appendingPathComponent("out.jsonl")) == articles)
        let errors = try String(contentsOf: directory.appendingPathComponent("errors.jsonl"), encoding: .utf8)
        #expect(errors.contains("\"line\":18"))
        let csv = try Data(contentsOf: directory.appendingPathComponent("tables/articles.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let summary = try String(contentsOf: directory.appendingPathComponent("stderr"), encoding: .utf8)
        #expect(summary.contains("\(articles) articles") && summary.contains("1 errors"))
    }

    @Test func killNineThenResumeEqualsAnUninterruptedRun() throws {
        let directory = CLI.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let articles = try Self.makeDump(at: directory.appendingPathComponent("dump.jsonl"), count: 600)
        let common = ["extract", "dump.jsonl", "--jobs", "2", "--quiet"]

        #expect(try CLI.run(common + ["--out", "reference.jsonl", "--errors", "reference-errors.jsonl"], in: directory).status == 3)

        let arguments = common + ["--out", "out.jsonl", "--errors", "errors.jsonl"]
        try Self.killAfterCheckpoints(arguments, in: directory)
        let partial = Self.lineCount(directory.appendingPathComponent("out.jsonl"))
        #expect(partial < Self.lineCount(directory.appendingPathComponent("reference.jsonl")))

        #expect(try CLI.run(arguments + ["--resume"], in: directory).status == 3)
        let reference = try Data(contentsOf: directory.appendingPathComponent("reference.jsonl"))
        let resumed = try Data(contentsOf: directory.appendingPathComponent("out.jsonl"))
        #expect(Self.lineCount(directory.appendingPathComponent("out.jsonl")) == articles)
        let sameRecords = reference == resumed
        #expect(sameRecords, "resumed output differs from the uninterrupted run")
        let sameErrors = try Data(contentsOf: directory.appendingPathComponent("reference-errors.jsonl")) == Data(contentsOf: directory.appendingPathComponent("errors.jsonl"))
        #expect(sameErrors)
    }

    @Test func killNineWhileIndexingThenResumeLeavesEveryRecordSearchable() throws {
        // Each checkpoint's records, full text included, commit in one transaction; a kill can fall anywhere.
        let directory = CLI.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.makeDump(at: directory.appendingPathComponent("dump.jsonl"), count: 600)
        let arguments = ["extract", "dump.jsonl", "--jobs", "2", "--quiet", "--out", "out.jsonl", "--db", "index.db"]
        try Self.killAfterCheckpoints(arguments, in: directory)
        #expect(try CLI.run(arguments + ["--resume"], in: directory).status == 3)

        // Each dump line swaps 2000 for 1000 + its index: 职工1004余人 is in line 4 only, 职工1599余人 in line 599.
        for line in [4, 599] {
            let query = "\(1000 + line)余人"
            #expect(try CLI.run(["search", query, "--db", "index.db", "--json"], in: directory).status == 0)
            let output = try Data(contentsOf: directory.appendingPathComponent("stdout"))
            let results = try #require(JSONSerialization.jsonObject(with: output) as? [String: Any])
            #expect(results["total"] as? Int == 1, "\(query): \(results["total"] ?? "nil")")
            let hits = results["hits"] as? [[String: Any]] ?? []
            #expect(hits.count == 1)
            let snippet = (hits.first?["snippet"] as? [String: Any])?["text"] as? String ?? ""
            #expect(snippet.contains("职工\(1000 + line)余人"), "\(snippet)")
        }
    }

    @Test func aUserLexiconKeepsItsWordsWhole() throws {
        let directory = CLI.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "人熟地熟 10 l\n".write(to: directory.appendingPathComponent("my.dict"), atomically: true, encoding: .utf8)
        let seed = CLI.root.appendingPathComponent("corpus/raw/000_2cf5b494796738ac.txt").path
        func words(_ extra: [String]) throws -> [String] {
            #expect(try CLI.run(["extract", "--quiet", "--tokens"] + extra + [seed], in: directory).status == 0)
            let line = try String(contentsOf: directory.appendingPathComponent("stdout"), encoding: .utf8).split(separator: "\n")[0]
            let record = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let text = Array((record["text"] as? String ?? "").unicodeScalars)
            let tokens = record["tokens"] as? [[String: Any]] ?? []
            return tokens.compactMap { token in
                guard let start = token["start"] as? Int, let end = token["end"] as? Int else { return nil }
                return String(String.UnicodeScalarView(text[start..<end]))
            }
        }
        #expect(try !words([]).contains("人熟地熟"))
        #expect(try words(["--lexicon", "my.dict"]).contains("人熟地熟"))
    }

    @Test func undatedArticlesTakeTheDefaultYear() throws {
        let directory = CLI.scratch()
        let file = directory.appendingPathComponent("undated.txt")
        try Data("去年,全市化解矛盾纠纷800余件。今年新建调解室12个。".utf8).write(to: file)
        func years(_ extra: [String]) throws -> [String] {
            let run = try CLI.run(["extract", file.path, "--quiet"] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            let line = try #require(run.lines.first)
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return (record["figures"] as? [[String: Any]] ?? []).map { "\($0["year"] ?? "") \($0["year_source"] ?? "")" }
        }
        #expect(try years([]) == ["<null> <null>", "<null> <null>"])
        #expect(try years(["--default-year", "2024"]) == ["2023 default", "2024 default"])
        let refused = try CLI.run(["extract", file.path, "--default-year", "24"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--default-year"))
    }
}
