import ZhiliCore

/// A unit of work read from an input, before processing.
public enum DumpItem: Sendable {
    /// A document ready for the processor.
    case document(RawDocument)
    /// One line of a JSON Lines dump, decoded on a worker thread.
    case jsonLine(ByteLine)
    /// A record that could not be read; it goes to the errors file.
    case failure(Diagnostic)
}

/// Reads the items of one input in order, streaming: plain text and HTML files are one
/// document, JSON Lines one item per line, WARC one item per response record; gzip is
/// detected by its magic bytes and inflated on the fly. The format comes from the file name
/// (see ``ContainerFormat/fromName(_:)``), else from the first bytes (standard input, unknown names).
///
/// This is the one input path of `zhili clean`, `extract` and `index` (through the batch
/// runner) and of ``InputReader``.
///
/// Reading never throws: an unreadable file, a truncated gzip stream or a broken WARC record
/// becomes a ``DumpItem/failure(_:)`` and the items read before it stay valid.
public final class DumpReader {
    private enum Mode {
        case whole(ContainerFormat)
        case lines
        case warc(WARCReader)
        case finished
    }

    /// The input being read.
    public let input: InputFile
    private let maxArticleBytes: Int
    private let encoding: String?
    private var file: FileByteSource?
    private var reader: ByteReader?
    private var mode: Mode?
    private var pending: [DumpItem] = []

    /// Creates a reader of `input`; documents over `maxArticleBytes` become failures.
    ///
    /// `encoding` forces a charset for text, HTML and WARC documents (JSON is UTF-8).
    public init(_ input: InputFile, maxArticleBytes: Int, encoding: String? = nil) {
        self.input = input
        self.maxArticleBytes = maxArticleBytes
        self.encoding = encoding
    }

    /// Bytes of the input file read so far.
    public var bytesFromFile: Int { file?.bytesFromFile ?? 0 }

    private func open() -> Mode {
        do {
            if let problem = input.problem { throw Diagnostic(source: input.path, reason: problem) }
            let file = try FileByteSource(input)
            self.file = file
            let raw = ByteReader(file, capacity: 256 * 1024, offset: input.range?.lowerBound ?? 0, lineNumber: input.linesBefore ?? 0)
            var reader = raw
            let named = ContainerFormat.fromName(input.path)
            if ContainerFormat.isGzip(try raw.peek(count: 2)) {
                reader = ByteReader(try GzipByteSource(raw, source: input.path), capacity: 1 << 20)
            }
            self.reader = reader
            let format = try named.format ?? ContainerFormat.sniff(reader.peek(count: 512))
            switch format {
            case .text, .html: return .whole(format)
            case .jsonLines: return .lines
            case .warc: return .warc(WARCReader(reader, source: input.path, maxRecordBytes: maxArticleBytes))
            }
        } catch {
            pending.append(.failure(Self.diagnostic(error, source: input.path)))
            return .finished
        }
    }

    private static func diagnostic(_ error: any Error, source: String) -> Diagnostic {
        if let diagnostic = error as? Diagnostic { return diagnostic }
        return Diagnostic(source: source, reason: String(describing: error))
    }

    /// The next item, or nil when the input is exhausted.
    public func next() -> DumpItem? {
        if !pending.isEmpty { return pending.removeFirst() }
        if mode == nil { mode = open() }
        if !pending.isEmpty { return pending.removeFirst() }
        guard let reader else { return nil }
        do {
            switch mode! {
            case .finished:
                return nil
            case .whole(let format):
                mode = .finished
                guard let bytes = try reader.readToEnd(limit: maxArticleBytes) else {
                    return .failure(Diagnostic(source: input.path, offset: 0, reason: "document of \(reader.offset) bytes is over --max-article-bytes \(maxArticleBytes); skipped"))
                }
                let isHTML = format == .html
                return .document(RawDocument(
                    source: input.path, bytes: bytes, format: isHTML ? .html : .text,
                    declaredCharset: encoding ?? (isHTML ? Self.metaCharset(in: bytes) : nil),
                    charsetIsForced: encoding != nil, byteOffset: 0))
            case .lines:
                while let line = try reader.readLine(maxLength: maxArticleBytes) {
                    if line.isOverlong {
                        return .failure(Diagnostic(source: input.path, offset: line.offset, line: line.number, reason: "line \(line.number) of \(line.length) bytes is over --max-article-bytes \(maxArticleBytes); skipped"))
                    }
                    if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                    return .jsonLine(line)
                }
                mode = .finished
                return nil
            case .warc(let warc):
                while let event = try warc.next() {
                    switch event {
                    case .broken(let diagnostic):
                        return .failure(diagnostic)
                    case .record(let record):
                        switch WARCDocuments.outcome(of: record, file: input.path) {
                        case .ignored: continue
                        case .broken(let diagnostic): return .failure(diagnostic)
                        case .document(var document):
                            if let encoding {
                                document.declaredCharset = encoding
                                document.charsetIsForced = true
                            }
                            return .document(document)
                        }
                    }
                }
                mode = .finished
                return nil
            }
        } catch {
            mode = .finished
            return .failure(Self.diagnostic(error, source: input.path))
        }
    }

    /// The charset named by `charset=` in the first 2 KB of an HTML page, if any.
    static func metaCharset(in bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(2048)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let key = Array("charset=".utf8)
        guard head.count > key.count else { return nil }
        for start in 0...(head.count - key.count) where head[start..<(start + key.count)].elementsEqual(key) {
            var index = start + key.count
            while index < head.count, head[index] == 0x22 || head[index] == 0x27 || head[index] == 0x20 { index += 1 }
            var name: [UInt8] = []
            while index < head.count, name.count < 40 {
                let byte = head[index]
                let isNameByte = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
                guard isNameByte else { break }
                name.append(byte)
                index += 1
            }
            if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
        }
        return nil
    }
}
