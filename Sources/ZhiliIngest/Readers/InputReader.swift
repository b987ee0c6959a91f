import Foundation
import ZhiliCore

/// Turns command-line paths into a lazy sequence of documents and diagnostics.
///
/// A path may be a file (read by the reader registered for its extension), a directory
/// (searched recursively for files with a registered extension, in sorted order, hidden files
/// skipped) or `-` for standard input (sniffed: `<` starts HTML, `{` JSON Lines, else text).
/// A file that cannot be read becomes a diagnostic, and the next path is read.
///
/// ```swift
/// for item in InputReader(paths: ["corpus/raw"]) {
///     switch item {
///     case .document(let document): …
///     case .diagnostic(let problem): print(problem)
///     }
/// }
/// ```
public struct InputReader: Sequence, Sendable {
    /// The paths to read, in order.
    public var paths: [String]
    /// Readers by lower-cased file extension (without the dot). Add entries to read more kinds of file.
    public var readers: [String: any DocumentReader]
    /// The reader for files named explicitly whose extension has no reader.
    public var fallback: any DocumentReader

    /// Creates a reader over `paths` with the standard readers (`txt`, `text`, `html`, `htm`, `jsonl`, `ndjson`).
    public init(paths: [String], encoding: String? = nil, fields: JSONFieldNames = JSONFieldNames()) {
        self.paths = paths
        self.readers = Self.standardReaders(encoding: encoding, fields: fields)
        self.fallback = PlainTextReader(encoding: encoding)
    }

    /// The built-in readers by extension.
    public static func standardReaders(encoding: String? = nil, fields: JSONFieldNames = JSONFieldNames()) -> [String: any DocumentReader] {
        let text = PlainTextReader(encoding: encoding)
        let html = HTMLFileReader(encoding: encoding)
        let lines = JSONLinesReader(fields: fields, encoding: encoding)
        return ["txt": text, "text": text, "html": html, "htm": html, "xhtml": html, "jsonl": lines, "ndjson": lines]
    }

    /// The reader for `path`, chosen by its extension, or nil when none is registered.
    public func reader(for path: String) -> (any DocumentReader)? {
        let name = (path as NSString).lastPathComponent
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return readers[name[name.index(after: dot)...].lowercased()]
    }

    /// Starts reading the first path.
    public func makeIterator() -> Iterator { Iterator(reader: self) }

    /// Reads one file at a time; directories are listed only when reached.
    public struct Iterator: IteratorProtocol {
        let reader: InputReader
        /// Paths still to read (reversed: the next one is last), each with whether it was named explicitly.
        var pending: [(path: String, explicit: Bool)]
        var current: AnyIterator<InputItem>?

        init(reader: InputReader) {
            self.reader = reader
            self.pending = reader.paths.reversed().map { ($0, true) }
        }

        /// The next document or diagnostic, or nil when every path is read.
        public mutating func next() -> InputItem? {
            while true {
                if let item = current?.next() { return item }
                current = nil
                guard let (path, explicit) = pending.popLast() else { return nil }
                if let items = open(path, explicit: explicit) { current = items } else { continue }
            }
        }

        private mutating func open(_ path: String, explicit: Bool) -> AnyIterator<InputItem>? {
            if path == "-" {
                let bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
                return InputReader.sniffedReader(for: bytes, reader: reader).items(in: bytes, source: "-")
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return single(Diagnostic(source: path, reason: "no such file or directory"))
            }
            if isDirectory.boolValue {
                do {
                    let names = try FileManager.default.contentsOfDirectory(atPath: path)
                        .filter { !$0.hasPrefix(".") }
                        .sorted()
                    for name in names.reversed() {
                        pending.append(((path as NSString).appendingPathComponent(name), false))
                    }
                } catch {
                    return single(Diagnostic(source: path, reason: "cannot list directory: \(error.localizedDescription)"))
                }
                return nil
            }
            let fileReader: any DocumentReader
            if let registered = reader.reader(for: path) {
                fileReader = registered
            } else if explicit {
                fileReader = reader.fallback
            } else {
                return nil  // an unknown kind of file inside a directory: not ours to read
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                return single(Diagnostic(source: path, reason: "cannot read file (permissions?)"))
            }
            return fileReader.items(in: Array(data), source: path)
        }

        private func single(_ diagnostic: Diagnostic) -> AnyIterator<InputItem> {
            AnyIterator([InputItem.diagnostic(diagnostic)].makeIterator())
        }
    }

    /// The reader for standard input, chosen by its first non-blank byte.
    static func sniffedReader(for bytes: [UInt8], reader: InputReader) -> any DocumentReader {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "<"), let html = reader.readers["html"] { return html }
        if index < bytes.count, bytes[index] == UInt8(ascii: "{"), let lines = reader.readers["jsonl"] { return lines }
        return reader.fallback
    }
}
