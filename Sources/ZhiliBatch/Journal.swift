import Foundation
import ZhiliCore
import ZhiliIngest
import ZhiliText

/// How far a batch got: the next input position to read and the size of every output then.
///
/// A checkpoint is appended to the journal only after the outputs it describes were written,
/// so the last complete checkpoint always describes records that are intact on disk.
public struct Checkpoint: Sendable, Codable, Hashable {
    /// Index of the input to continue with.
    public var input: Int
    /// Items of that input already done (documents, lines and failures, in reading order).
    public var item: Int
    /// Byte size of each output file, by path.
    public var sizes: [String: Int]
    /// Totals so far.
    public var totals: BatchTotals
    /// True when the batch ran to its end.
    public var done: Bool
}

/// An append-only journal of checkpoints next to the outputs, read by `--resume`.
///
/// The first line names the run (a fingerprint of its inputs and options); each later line is a
/// ``Checkpoint`` in JSON. A line cut short by a kill is ignored.
public final class Journal {
    private let file: AppendFile
    private let encoder: JSONEncoder
    /// The journal's path.
    public let path: String

    private struct Header: Codable {
        var zhiliJournal: Int
        var fingerprint: String
    }

    /// Starts a new journal for the run named by `fingerprint`, replacing any old one.
    public init(path: String, fingerprint: String) throws {
        self.path = path
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        file = try AppendFile(path: path)
        var line = Array(try encoder.encode(Header(zhiliJournal: 1, fingerprint: fingerprint)))
        line.append(0x0A)
        try file.write(line)
    }

    /// Continues the journal at `path` after the checkpoint it already holds.
    private init(continuing path: String, size: Int) throws {
        self.path = path
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        file = try AppendFile(path: path, resumeAt: size)
    }

    /// Opens the journal at `path` for a resumed run: returns it with its last complete
    /// checkpoint, or nil when there is no journal.
    ///
    /// Throws when the journal was written for other inputs or options.
    public static func resume(path: String, fingerprint: String) throws -> (Journal, Checkpoint?)? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var completeEnd = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(bytes[start..<index])
            start = index + 1
            completeEnd = start
        }
        let decoder = JSONDecoder()
        guard let first = lines.first, let header = try? decoder.decode(Header.self, from: Data(first)) else {
            throw Diagnostic(source: path, reason: "not a zhili journal; remove it or run without --resume")
        }
        guard header.fingerprint == fingerprint else {
            throw Diagnostic(source: path, reason: "journal was written for other inputs or options; run without --resume to start again")
        }
        var checkpoint: Checkpoint?
        var keep = completeEnd
        for (index, line) in lines.enumerated().dropFirst().reversed() {
            if let found = try? decoder.decode(Checkpoint.self, from: Data(line)) {
                checkpoint = found
                keep = lines[...index].reduce(0) { $0 + $1.count + 1 }
                break
            }
        }
        if checkpoint == nil { keep = first.count + 1 }
        return (try Journal(continuing: path, size: keep), checkpoint)
    }

    /// Appends `checkpoint` as one line.
    public func append(_ checkpoint: Checkpoint) throws {
        var line = Array(try encoder.encode(checkpoint))
        line.append(0x0A)
        try file.write(line)
    }

    /// Deletes the journal file, once the run it describes has finished; a later `--resume`
    /// then starts afresh.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A stable fingerprint of a run: its inputs (paths and sizes) and the options that shape its output.
    public static func fingerprint(inputs: [InputFile], options: [String]) -> String {
        var hash = FNV1a()
        // Each part ends with 0xFF, a byte UTF-8 never holds, so parts cannot run together.
        func mix(_ text: String) {
            hash.add(text)
            hash.add(0xFF)
        }
        for input in inputs { mix(input.path); mix(input.size.map(String.init) ?? "?") }
        for option in options { mix(option) }
        return hash.hexDigits
    }
}
