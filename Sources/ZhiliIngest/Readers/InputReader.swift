import ZhiliCore

/// The documents of command-line paths, read in order on the calling thread.
///
/// The same input path as a batch, without threads: ``InputFile/discover(_:include:exclude:)``
/// lists the files (directories walked in sorted order, `-` for standard input), a
/// ``DumpReader`` reads each one (text, HTML, JSON Lines, WARC, gzip), and a
/// ``JSONLineDecoder`` turns JSON lines into documents. A file or record that cannot be read
/// becomes a diagnostic, and reading goes on.
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
    /// The files to read, in order.
    public var inputs: [InputFile]
    /// A charset forced on every input (`--encoding`), or nil to detect.
    public var encoding: String?
    /// How JSON lines become documents.
    public var decoder: JSONLineDecoder
    /// Documents larger than this are diagnostics.
    public var maxArticleBytes: Int

    /// Creates a reader over `paths` (files, directories or `-`).
    public init(paths: [String], encoding: String? = nil, fields: JSONFieldNames = JSONFieldNames(), maxArticleBytes: Int = 16 << 20) {
        inputs = InputFile.discover(paths)
        self.encoding = encoding
        decoder = JSONLineDecoder(fields: fields, encoding: encoding)
        self.maxArticleBytes = maxArticleBytes
    }

    /// Starts reading the first input.
    public func makeIterator() -> Iterator { Iterator(reader: self) }

    /// Reads one input at a time.
    public struct Iterator: IteratorProtocol {
        let reader: InputReader
        var position = 0
        var current: DumpReader?
        var pending: [InputItem] = []

        init(reader: InputReader) { self.reader = reader }

        /// The next document or diagnostic, or nil when every input is read.
        public mutating func next() -> InputItem? {
            while true {
                if !pending.isEmpty { return pending.removeFirst() }
                if let current, let item = current.next() {
                    switch item {
                    case .document(let document): return .document(document)
                    case .failure(let problem): return .diagnostic(problem)
                    case .jsonLine(let line):
                        do {
                            let (document, warnings) = try reader.decoder.read(line.bytes, file: current.input.path, line: line.number, offset: line.offset)
                            pending = warnings.map(InputItem.diagnostic)
                            return .document(document)
                        } catch {
                            return .diagnostic(error)
                        }
                    }
                }
                guard position < reader.inputs.count else { return nil }
                current = DumpReader(reader.inputs[position], maxArticleBytes: reader.maxArticleBytes, encoding: reader.encoding)
                position += 1
            }
        }
    }
}
