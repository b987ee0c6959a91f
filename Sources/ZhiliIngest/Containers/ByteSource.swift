#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZhiliCore

/// A forward-only stream of bytes: a file, standard input, or the inflated content of a gzip file.
///
/// Readers pull from a source in chunks so that a 1 GB dump is never held in memory.
public protocol ByteSource: AnyObject {
    /// Fills the start of `buffer` and returns how many bytes were read; 0 means the end.
    ///
    /// Throws a ``Diagnostic`` naming the source and byte offset when the bytes cannot be read
    /// (an I/O error, a truncated or corrupt gzip stream); the bytes returned before stay valid.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Bytes taken from the file so far (compressed bytes for gzip), for progress reports.
    var bytesFromFile: Int { get }
}

/// A file or standard input read with `read(2)`.
public final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Bytes left to read in the input's range; nil reads to the end.
    private var remaining: Int?
    /// The path, or `-` for standard input.
    public let path: String
    /// Bytes read so far.
    public private(set) var bytesFromFile = 0

    /// Opens `path` for reading; `-` is standard input.
    public convenience init(path: String) throws(Diagnostic) {
        try self.init(InputFile(path: path, size: nil))
    }

    /// Opens `input` by the bytes of its path; `-` is standard input.
    public init(_ input: InputFile) throws(Diagnostic) {
        path = input.path
        if input.path == "-" {
            descriptor = 0
            ownsDescriptor = false
        } else {
            let fd = InputFile.withCPath(input.pathBytes) { open($0, O_RDONLY | O_CLOEXEC) }
            guard fd >= 0 else {
                throw Diagnostic(source: path, reason: "cannot open: \(String(cString: strerror(errno)))")
            }
            descriptor = fd
            ownsDescriptor = true
            if let range = input.range {
                guard lseek(fd, off_t(range.lowerBound), SEEK_SET) >= 0 else {
                    let reason = String(cString: strerror(errno))
                    throw Diagnostic(source: path, offset: range.lowerBound, reason: "cannot seek: \(reason)")
                }
                remaining = range.count
            }
        }
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let wanted = min(buffer.count, remaining ?? .max)
        guard wanted > 0 else { return 0 }
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, base, wanted)
            #else
            let count = Darwin.read(descriptor, base, wanted)
            #endif
            if count >= 0 {
                bytesFromFile += count
                if let left = remaining { remaining = left - count }
                return count
            }
            if errno == EINTR { continue }
            throw Diagnostic(source: path, offset: bytesFromFile, reason: "read failed: \(String(cString: strerror(errno)))")
        }
    }
}

/// A byte source over bytes already in memory, for tests and small inputs.
public final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    /// Bytes handed out so far.
    public private(set) var bytesFromFile = 0

    /// Creates a source that yields `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - bytesFromFile)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + bytesFromFile, byteCount: count)
        }
        bytesFromFile += count
        return count
    }
}
