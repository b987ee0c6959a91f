import ArgumentParser
import Foundation
import ZhiliCore
import ZhiliStore

/// `zhili index`: loads JSON Lines records (the output of `zhili extract`) into an index.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add extracted records (JSON Lines) to a search index.",
        discussion: """
            Reads the JSON Lines that `zhili extract` writes, from files or standard input (`-` or no \
            path), and adds every record to the index; a record whose id is already indexed replaces it. \
            A line that is not a record is reported on standard error with its file and line, and skipped.

            Examples:
              zhili extract corpus/raw | zhili index --db zhili.db
              zhili index records.jsonl more.jsonl --db zhili.db
            """)

    @Argument(help: ArgumentHelp("JSON Lines files of records; `-` or none reads standard input.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Records written per transaction.")
    var batchSize: Int = 1000

    @Flag(help: "Merge the full-text index after loading (smaller, faster index; takes a while on large builds).")
    var optimize = false

    mutating func run() throws {
        let store = try CommandFailure.report { try database.open(.readWrite) }
        let started = Date()
        var summary = WriteSummary()
        var skipped = 0
        var batch: [ArticleRecord] = []
        batch.reserveCapacity(batchSize)
        let decoder = JSONDecoder()
        let sources = paths.isEmpty ? ["-"] : paths
        for source in sources {
            let reader: RecordLineReader
            do {
                reader = try RecordLineReader(path: source)
            } catch {
                FileHandle.standardError.write(Data("\(Diagnostic(source: source, reason: "cannot open: \(error.localizedDescription)"))\n".utf8))
                skipped += 1
                continue
            }
            try reader.forEachLine { line, number, offset in
                guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return }
                do {
                    batch.append(try decoder.decode(ArticleRecord.self, from: line))
                } catch {
                    skipped += 1
                    let diagnostic = Diagnostic(source: source, offset: offset, line: number, reason: "not an article record: \(Self.describe(error))")
                    FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
                    return
                }
                if batch.count >= max(1, batchSize) {
                    summary = summary + (try CommandFailure.report { try store.write(batch) })
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        if !batch.isEmpty { summary = summary + (try CommandFailure.report { try store.write(batch) }) }
        if optimize { try store.optimize() }
        let seconds = Date().timeIntervalSince(started)
        let count = summary.inserted + summary.replaced
        let rate = seconds > 0 ? Double(count) / seconds : 0
        FileHandle.standardError.write(Data(String(
            format: "indexed %d records (%d new, %d replaced) into %@ in %.2f s (%.0f records/s); %d skipped\n",
            count, summary.inserted, summary.replaced, database.db, seconds, rate, skipped).utf8))
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

/// Streams the lines of a file or standard input in chunks, without loading the whole input.
struct RecordLineReader {
    let handle: FileHandle
    let chunkSize = 1 << 22

    /// Opens `path`, or standard input for `-`.
    init(path: String) throws {
        handle = path == "-" ? FileHandle.standardInput : try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    }

    /// Calls `body` with each line (without its newline), its 1-based number and its byte offset.
    func forEachLine(_ body: (Data, Int, Int) throws -> Void) throws {
        var pending = Data()
        var number = 0
        var offset = 0
        while true {
            let chunk = try handle.read(upToCount: chunkSize) ?? Data()
            if chunk.isEmpty { break }
            pending.append(chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                number += 1
                try body(pending[start..<newline], number, offset)
                offset += newline - start + 1
                start = newline + 1
            }
            pending = Data(pending[start...])
        }
        if !pending.isEmpty {
            number += 1
            try body(pending, number, offset)
        }
    }
}
