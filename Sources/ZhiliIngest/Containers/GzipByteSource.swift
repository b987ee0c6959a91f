import CZlib
import ZhiliCore

/// The inflated content of a gzip stream (one or several members), read with Debian's zlib.
///
/// A stream that ends inside a member, or holds corrupt deflate data, throws a ``Diagnostic``
/// with the compressed byte offset once the bytes before it have been returned, so every record
/// read before the damage is kept. zlib documentation: <https://zlib.net/manual.html>.
public final class GzipByteSource: ByteSource {
    private let base: any ByteSource
    private let source: String
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var inMember = false
    private var finished = false
    private var pendingError: Diagnostic?
    /// Inflated bytes returned so far.
    public private(set) var bytesInflated = 0

    /// Bytes taken from the compressed file so far.
    public var bytesFromFile: Int { base.bytesFromFile }

    /// Wraps `base`, the compressed bytes of `source` (named in diagnostics).
    public init(_ base: any ByteSource, source: String, inputChunk: Int = 256 * 1024) throws(Diagnostic) {
        self.base = base
        self.source = source
        input = .allocate(byteCount: inputChunk, alignment: 16)
        // 15 + 16: a gzip wrapper (not raw deflate, not zlib), maximal window.
        let status = zhili_inflate_init2(&stream, 15 + 16)
        guard status == Z_OK else {
            input.deallocate()
            throw Diagnostic(source: source, reason: "zlib inflateInit2 failed (\(status))")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    /// Byte offset in the compressed file of the next byte zlib has not consumed.
    private var compressedOffset: Int { base.bytesFromFile - Int(stream.avail_in) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let pendingError {
            self.pendingError = nil
            finished = true
            throw pendingError
        }
        guard !finished, let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            if stream.avail_in == 0 && !inputEnded {
                let count = try base.read(into: input)
                if count == 0 {
                    inputEnded = true
                } else {
                    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = uInt(count)
                }
            }
            if stream.avail_in == 0 && inputEnded {
                finished = true
                if inMember {
                    throw Diagnostic(
                        source: source, offset: compressedOffset,
                        reason: "gzip stream truncated at compressed byte \(compressedOffset) (after \(bytesInflated) inflated bytes); records before it were kept")
                }
                return 0
            }
            if !inMember && stream.avail_in > 0 {
                // Between members: a new member must start with the gzip magic; anything else is trailing garbage.
                if stream.next_in[0] != 0x1f {
                    if stream.next_in[0] == 0 {
                        // Zero padding (as written by some tape tools) ends the stream quietly.
                        finished = true
                        return 0
                    }
                    finished = true
                    throw Diagnostic(source: source, offset: compressedOffset, reason: "bytes after the last gzip member are not gzip data; ignored")
                }
            }
            stream.next_out = out.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(buffer.count)
            let before = stream.avail_in
            let status = inflate(&stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.avail_out)
            bytesInflated += produced
            switch status {
            case Z_STREAM_END:
                inMember = false
                inflateReset(&stream)
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 || stream.avail_in != before { inMember = true }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                let error = Diagnostic(
                    source: source, offset: compressedOffset,
                    reason: "corrupt gzip data at compressed byte \(compressedOffset): \(message); the rest of the file was skipped")
                if produced > 0 {
                    pendingError = error
                    return produced
                }
                finished = true
                throw error
            }
            if produced > 0 { return produced }
        }
    }
}

/// Gzip compression of a byte buffer with Debian's zlib (for tests, fixtures and tools).
public enum Gzip {
    /// The gzip member holding `bytes`.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        guard zhili_deflate_init2(&stream, level, 15 + 16) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        let capacity = Int(deflateBound(&stream, uLong(bytes.count))) + 32
        var output = [UInt8](repeating: 0, count: capacity)
        var input = bytes
        let written: Int = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = uInt(destination.count)
                _ = deflate(&stream, Z_FINISH)
                return destination.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(written...)
        return output
    }
}
