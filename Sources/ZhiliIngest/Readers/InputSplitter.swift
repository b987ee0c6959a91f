#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZhiliCore

/// Cuts a large uncompressed JSON Lines or WARC file into byte ranges that start and end at
/// record boundaries, so that each range is read on its own (the work items of
/// `zhili extract --queue`) and together they yield exactly the records of the whole file.
///
/// A JSON Lines range starts just after a newline; a WARC range starts at a `WARC/1.` header
/// that begins a line. Each range is at least `rangeBytes` long (a record is never cut), except
/// the last. Compressed files, standard input, other formats and files no larger than
/// `rangeBytes` stay whole.
///
/// ```swift
/// let parts = try InputSplitter.split(InputFile(path: "dump.jsonl", size: 200 << 20), rangeBytes: 64 << 20)
/// // 4 inputs over dump.jsonl: [0, 67108912), [67108912, …) …
/// ```
///
/// - Complexity: a JSON Lines file is read once, to count the lines before each range (its
///   records are named `path:line`); a WARC file is read only around each cut.
public enum InputSplitter {
    /// The ranges of `input` (or `[input]` when it is not split).
    ///
    /// - Throws: a ``Diagnostic`` naming the file when it cannot be opened or read.
    public static func split(_ input: InputFile, rangeBytes: Int) throws(Diagnostic) -> [InputFile] {
        guard input.path != "-", input.problem == nil, input.range == nil, let size = input.size, rangeBytes > 0, size > rangeBytes else {
            return [input]
        }
        let file = try OpenFile(input)
        let head = try file.read(at: 0, count: 512)
        guard !ContainerFormat.isGzip(head) else { return [input] }
        let format = ContainerFormat.fromName(input.path).format ?? ContainerFormat.sniff(head)
        switch format {
        case .jsonLines: return try jsonLineRanges(input, file: file, size: size, rangeBytes: rangeBytes)
        case .warc: return try warcRanges(input, file: file, size: size, rangeBytes: rangeBytes)
        case .text, .html: return [input]
        }
    }

    /// Ranges cut after the first newline at or past each `rangeBytes` from the range's start.
    private static func jsonLineRanges(_ input: InputFile, file: OpenFile, size: Int, rangeBytes: Int) throws(Diagnostic) -> [InputFile] {
        var parts: [InputFile] = []
        var start = 0
        var linesBefore = 0
        var lines = 0
        var position = 0
        let chunk = 1 << 20
        while position < size {
            let bytes = try file.read(at: position, count: min(chunk, size - position))
            if bytes.isEmpty { break }
            var index = 0
            while index < bytes.count, let newline = bytes[index...].firstIndex(of: 0x0A) {
                lines += 1
                let cut = position + newline + 1
                if cut - start >= rangeBytes && cut < size {
                    parts.append(InputFile(input, range: start..<cut, linesBefore: linesBefore))
                    start = cut
                    linesBefore = lines
                }
                index = newline + 1
            }
            position += bytes.count
        }
        parts.append(InputFile(input, range: start..<size, linesBefore: linesBefore))
        return parts
    }

    /// Ranges cut at the first `WARC/1.` line at or past each `rangeBytes` from the range's start.
    private static func warcRanges(_ input: InputFile, file: OpenFile, size: Int, rangeBytes: Int) throws(Diagnostic) -> [InputFile] {
        let header = Array("\nWARC/1.".utf8)
        var parts: [InputFile] = []
        var start = 0
        while start + rangeBytes < size {
            // Search from one byte before the nominal cut, so a header starting there is found.
            guard let newline = try file.find(header, from: start + rangeBytes - 1, size: size) else { break }
            let cut = newline + 1
            parts.append(InputFile(input, range: start..<cut, linesBefore: 0))
            start = cut
        }
        parts.append(InputFile(input, range: start..<size, linesBefore: 0))
        return parts
    }
}

/// A file opened for `pread`, closed when released.
private final class OpenFile {
    private let descriptor: Int32
    private let path: String

    init(_ input: InputFile) throws(Diagnostic) {
        path = input.path
        descriptor = InputFile.withCPath(input.pathBytes) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw Diagnostic(source: path, reason: "cannot open: \(String(cString: strerror(errno)))") }
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes at `offset` (fewer at the end of the file).
    func read(at offset: Int, count: Int) throws(Diagnostic) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw Diagnostic(source: path, offset: offset + filled, reason: "read failed: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// The offset of the first occurrence of `pattern` at or after `from`, or nil.
    func find(_ pattern: [UInt8], from: Int, size: Int) throws(Diagnostic) -> Int? {
        let chunk = 1 << 20
        var position = from
        while position < size {
            let bytes = try read(at: position, count: min(chunk + pattern.count - 1, size - position))
            guard bytes.count >= pattern.count else { return nil }
            var index = 0
            while index + pattern.count <= bytes.count, let first = bytes[index...].firstIndex(of: pattern[0]) {
                if first + pattern.count <= bytes.count, bytes[first..<(first + pattern.count)].elementsEqual(pattern) {
                    return position + first
                }
                index = first + 1
            }
            position += chunk
        }
        return nil
    }
}
