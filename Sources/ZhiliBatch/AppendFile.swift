#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZhiliCore

/// An output file that only grows by whole writes, so that after a kill -9 it holds every
/// byte written before, and that can be cut back to a checkpointed size on resume.
public final class AppendFile {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// The path, or `-` for standard output.
    public let path: String
    /// Bytes in the file (for standard output: bytes written).
    public private(set) var size: Int

    /// Opens `path` for appending; `-` is standard output.
    ///
    /// With `resumeAt` nil the file is created empty; otherwise it must hold at least `resumeAt`
    /// bytes and is cut back to exactly that many, dropping what was written after the checkpoint.
    public init(path: String, resumeAt: Int? = nil) throws(Diagnostic) {
        self.path = path
        if path == "-" {
            descriptor = 1
            ownsDescriptor = false
            size = 0
            return
        }
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (resumeAt == nil ? O_TRUNC : 0)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { throw Diagnostic(source: path, reason: "cannot open for writing: \(String(cString: strerror(errno)))") }
        descriptor = fd
        ownsDescriptor = true
        if let resumeAt {
            let end = lseek(fd, 0, SEEK_END)
            guard end >= resumeAt else {
                close(fd)
                throw Diagnostic(source: path, reason: "holds \(end) bytes but the journal recorded \(resumeAt); the output was changed since the interrupted run, so start again without --resume")
            }
            guard ftruncate(fd, off_t(resumeAt)) == 0, lseek(fd, off_t(resumeAt), SEEK_SET) >= 0 else {
                close(fd)
                throw Diagnostic(source: path, reason: "cannot cut back to \(resumeAt) bytes: \(String(cString: strerror(errno)))")
            }
            size = resumeAt
        } else {
            size = 0
        }
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws(Diagnostic) {
        guard !bytes.isEmpty else { return }
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                #if canImport(Glibc)
                let count = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                #else
                let count = Darwin.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                #endif
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        size += written
        if failure != 0 {
            throw Diagnostic(source: path, offset: size, reason: "write failed: \(String(cString: strerror(failure)))")
        }
    }

    /// Asks the system to put the file's bytes on disk (`fsync`).
    public func sync() {
        if ownsDescriptor { fsync(descriptor) }
    }
}
