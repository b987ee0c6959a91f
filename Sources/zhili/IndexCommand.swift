import ArgumentParser
import Foundation
import ZhiliCore
import ZhiliBatch
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

    @Option(help: "Threads that decode and segment records while the writer inserts (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    mutating func run() throws {
        let store = try CommandFailure.report { try database.open(.readWrite) }
        let started = Date()
        var summary = WriteSummary()
        var skipped = 0
        var batch: [PreparedRecord] = []
        let batchSize = max(1, self.batchSize)
        batch.reserveCapacity(batchSize)
        let sources = paths.isEmpty ? ["-"] : paths

        // Worker threads decode each line and segment its text while this thread writes the
        // previous batch; records reach the store in input order.
        let map = OrderedParallelMap<RecordLine, Result<PreparedRecord, Diagnostic>>(
            jobs: max(1, jobs), windowCount: 2 * batchSize, windowWeight: 256 << 20)
        try map.run(
            makeWorker: {
                let decoder = JSONDecoder()
                return { line in
                    switch line {
                    case .unreadable(let diagnostic):
                        return .failure(diagnostic)
                    case .line(let bytes, let source, let number, let offset):
                        do {
                            let record = try decoder.decode(ArticleRecord.self, from: bytes)
                            return .success(try store.prepare(record))
                        } catch {
                            return .failure(Diagnostic(source: source, offset: offset, line: number, reason: "not an article record: \(Self.describe(error))"))
                        }
                    }
                }
            },
            produce: { emit in
                for source in sources {
                    let reader: RecordLineReader
                    do {
                        reader = try RecordLineReader(path: source)
                    } catch {
                        guard emit(.unreadable(Diagnostic(source: source, reason: "cannot open: \(error.localizedDescription)")), 0) else { return }
                        continue
                    }
                    var going = true
                    try reader.forEachLine { line, number, offset in
                        guard going, !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return }
                        going = emit(.line(line, source: source, number: number, offset: offset), line.count)
                    }
                    if !going { return }
                }
            },
            consume: { result in
                switch result {
                case .success(let prepared):
                    batch.append(prepared)
                    if batch.count >= batchSize {
                        summary = summary + (try CommandFailure.report { try store.write(batch) })
                        batch.removeAll(keepingCapacity: true)
                    }
                case .failure(let diagnostic):
                    skipped += 1
                    FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
                }
                return true
            })
        if !batch.isEmpty { summary = summary + (try CommandFailure.report { try store.write(batch) }) }
        try CommandFailure.report { try store.finishWriting() }
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

/// One line of a records file on its way to a worker, or a file that could not be opened.
enum RecordLine: Sendable {
    case line(Data, source: String, number: Int, offset: Int)
    case unreadable(Diagnostic)
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
    ///
    /// - Complexity: O(n); lines are found with `memchr` and each is copied once.
    func forEachLine(_ body: (Data, Int, Int) throws -> Void) throws {
        var pending: [UInt8] = []
        var number = 0
        var offset = 0
        while true {
            let chunk = try handle.read(upToCount: chunkSize) ?? Data()
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            let consumed = try pending.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                var start = 0
                while start < buffer.count,
                      let found = memchr(base + start, 0x0A, buffer.count - start) {
                    let newline = base.distance(to: UnsafeRawPointer(found))
                    number += 1
                    try body(Data(bytes: base + start, count: newline - start), number, offset)
                    offset += newline - start + 1
                    start = newline + 1
                }
                return start
            }
            pending.removeFirst(consumed)
        }
        if !pending.isEmpty {
            number += 1
            try body(Data(pending), number, offset)
        }
    }
}
