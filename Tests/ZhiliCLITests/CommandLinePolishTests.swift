import Foundation
import Testing

/// What an analyst meets around the commands (issue #17, item 5): folders made for outputs,
/// errors naming the user's own paths, no journal left after a finished run, help examples that
/// read whole, one default index, a clear word about a busy port.
@Suite struct CommandLinePolishTests {
    @Test func outputsGoIntoNewFoldersAndLeaveNoJournal() throws {
        let directory = CLI.scratch()
        let run = try CLI.run([
            "extract", CLI.root.appendingPathComponent("corpus/raw").path, "--out", "new/records.jsonl",
            "--errors", "logs/errors.jsonl", "--csv", "tables/2024", "--quiet",
        ], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory.path).filter { !["stdout", "stderr", "stdin"].contains($0) }.sorted()
        #expect(files == [
            "logs", "logs/errors.jsonl", "new", "new/records.jsonl", "tables", "tables/2024",
            "tables/2024/articles.csv", "tables/2024/figures.csv", "tables/2024/programs.csv", "tables/2024/regions.csv",
        ])
        let indexed = try CLI.run(["extract", CLI.root.appendingPathComponent("corpus/raw").path, "--db", "db/zhili.db", "--quiet"], in: directory)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("db/zhili.db").path))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("db/zhili.db-batch.journal").path))
    }

    @Test func aFolderThatCannotBeMadeIsNamedAsGiven() throws {
        let directory = CLI.scratch()
        FileManager.default.createFile(atPath: directory.appendingPathComponent("taken").path, contents: Data())
        let run = try CLI.run(["extract", CLI.root.appendingPathComponent("corpus/raw").path, "--out", "taken/records.jsonl"], in: directory)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("zhili extract: taken: error: cannot create this folder"), "\(run.stderr)")
        #expect(!run.stderr.contains("journal"))
    }

    /// Each `Examples:` line of every command's help is one whole command at 80 columns (the width
    /// help has off a terminal).
    @Test(arguments: ["clean", "extract", "index", "dedup", "search", "programs", "compare", "indicators", "serve", "check"])
    func helpExamplesAreWholeCommands(command: String) throws {
        let run = try CLI.run([command, "--help"])
        #expect(run.status == 0)
        let lines = run.stdout.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "Examples:") else { return }
        let examples = lines[(start + 1)...].prefix { !$0.isEmpty }
        #expect(!examples.isEmpty)
        for line in examples {
            // A wrapped example leaves a line holding the rest of a command (`--jobs 2`).
            #expect(line.hasPrefix("  ") && line.contains("zhili \(command) ") || line.hasPrefix("  zhili extract"), "broken example line: \(line)")
        }
    }

    @Test func serveAndTheQueriesOpenTheSameDefaultIndex() throws {
        let directory = CLI.scratch()
        let serve = try CLI.run(["serve", "--port", "0"], in: directory)
        let search = try CLI.run(["search", "调解室"], in: directory)
        #expect(serve.status == 1 && search.status == 1)
        #expect(serve.stderr.contains("zhili.db: no such index"), "\(serve.stderr)")
        #expect(search.stderr.contains("zhili.db: no such index"), "\(search.stderr)")
    }

    @Test func aBusyPortSaysSoAndSuggestsAnother() throws {
        let directory = CLI.scratch()
        let index = try CLI.run(["extract", CLI.root.appendingPathComponent("corpus/raw").path, "--db", "zhili.db", "--quiet"], in: directory)
        try #require(index.status == 0, "\(index.stderr)")
        // Hold a listening socket on a free port, then ask zhili serve for it.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let run = try CLI.run(["serve", "--port", String(port)], in: directory)
        #expect(run.status == 1)
        #expect(run.stderr.contains("port \(port) on 127.0.0.1 is already in use"), "\(run.stderr)")
        #expect(run.stderr.contains("--port"))
    }
}
