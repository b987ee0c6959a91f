#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZhiliCore

/// One line read by a ``ByteReader``, without its line terminator.
public struct ByteLine: Sendable {
    /// The bytes of the line (empty when it was longer than the limit).
    public var bytes: [UInt8]
    /// Byte offset of the line's first byte in the stream.
    public var offset: Int
    /// 1-based line number.
    public var number: Int
    /// Length of the line in bytes, even when it was too long to keep.
    public var length: Int
    /// True when the line was longer than the limit and its bytes were dropped.
    public var isOverlong: Bool
}

/// A buffered cursor over a ``ByteSource`` that reads lines and byte counts, tracking offsets.
///
/// Memory stays bounded by the buffer and the longest line kept: longer lines are skipped
/// without being stored.
///
/// A reader is itself a ``ByteSource`` (handing out its buffered bytes first), so a gzip
/// stream can be layered over a reader that was used to sniff the file's first bytes.
public final class ByteReader: ByteSource {
    private let source: any ByteSource
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var ended = false
    /// Byte offset in the stream of the next unread byte.
    public private(set) var offset = 0
    /// Number of lines read so far.
    public private(set) var lineNumber = 0

    /// Bytes of the underlying source consumed through this reader (read from it, less those
    /// still buffered), in the underlying source's units.
    public var bytesFromFile: Int { source.bytesFromFile - (end - start) }

    public func read(into target: UnsafeMutableRawBufferPointer) throws -> Int {
        guard target.count > 0 else { return 0 }
        if start == end, try !fill() { return 0 }
        let take = min(target.count, end - start)
        target.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: take)
        start += take
        offset += take
        return take
    }

    /// Creates a reader over `source` with a buffer of `capacity` bytes; offsets count from
    /// `offset` and lines from `lineNumber` (for a source that starts inside a file).
    public init(_ source: any ByteSource, capacity: Int = 1 << 20, offset: Int = 0, lineNumber: Int = 0) {
        self.source = source
        self.offset = offset
        self.lineNumber = lineNumber
        buffer = .allocate(byteCount: max(capacity, 64), alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Reads more bytes into the buffer; false at the end of the stream.
    private func fill() throws -> Bool {
        if ended { return false }
        if start > 0 {
            if end > start {
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: end - start)
            }
            end -= start
            start = 0
        }
        if end == buffer.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            larger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = larger
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        if count == 0 {
            ended = true
            return false
        }
        end += count
        return true
    }

    /// The next line, or nil at the end of the stream; a final line without "\n" counts.
    ///
    /// "\r\n" and "\n" both end a line. A line longer than `maxLength` bytes comes back with
    /// `isOverlong` set and no bytes.
    /// - Complexity: O(length of the line), with `memchr` over the buffer.
    public func readLine(maxLength: Int = .max) throws -> ByteLine? {
        let lineOffset = offset
        var scanned = 0
        var overlong = false
        var dropped = 0
        while true {
            let available = end - start
            if scanned < available {
                let from = buffer.baseAddress! + start + scanned
                if let hit = memchr(from, 0x0A, available - scanned) {
                    let length = UnsafeRawPointer(hit) - UnsafeRawPointer(buffer.baseAddress! + start)
                    return takeLine(length: length, consumed: length + 1, lineOffset: lineOffset, dropped: dropped, overlong: overlong, maxLength: maxLength)
                }
                scanned = available
            }
            if !overlong && scanned > maxLength { overlong = true }
            if overlong {
                // Drop what was scanned so the buffer does not grow with the line.
                dropped += scanned
                offset += scanned
                start = end
                scanned = 0
            }
            if try !fill() {
                let length = end - start
                if length == 0 && dropped == 0 { return nil }
                return takeLine(length: length, consumed: length, lineOffset: lineOffset, dropped: dropped, overlong: overlong, maxLength: maxLength)
            }
        }
    }

    private func takeLine(length: Int, consumed: Int, lineOffset: Int, dropped: Int, overlong: Bool, maxLength: Int) -> ByteLine {
        var kept = length
        if kept > 0 && buffer[start + kept - 1] == 0x0D { kept -= 1 }
        let total = dropped + kept
        let isOverlong = overlong || total > maxLength
        let bytes = isOverlong ? [] : Array(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + kept)]))
        start += consumed
        offset += consumed
        lineNumber += 1
        return ByteLine(bytes: bytes, offset: lineOffset, number: lineNumber, length: total, isOverlong: isOverlong)
    }

    /// Up to `count` bytes (fewer only at the end of the stream).
    public func read(count: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            if start == end, try !fill() { break }
            let take = min(count - result.count, end - start)
            result.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<(start + take)]))
            start += take
            offset += take
        }
        return result
    }

    /// Skips up to `count` bytes without keeping them; returns how many were skipped.
    @discardableResult
    public func skip(count: Int) throws -> Int {
        var skipped = 0
        while skipped < count {
            if start == end, try !fill() { break }
            let take = min(count - skipped, end - start)
            start += take
            offset += take
            skipped += take
        }
        return skipped
    }

    /// The next `count` bytes without consuming them (fewer at the end of the stream).
    public func peek(count: Int) throws -> [UInt8] {
        while end - start < count, try fill() {}
        let take = min(count, end - start)
        return Array(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + take)]))
    }

    /// Puts `bytes` back in front of the unread bytes, as if they had not been read yet.
    public func unread(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if start < bytes.count {
            let needed = bytes.count + (end - start)
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(buffer.count, needed), alignment: 16)
            larger.baseAddress!.advanced(by: bytes.count).copyMemory(from: buffer.baseAddress! + start, byteCount: end - start)
            buffer.deallocate()
            buffer = larger
            end = needed
            start = bytes.count
        }
        start -= bytes.count
        bytes.withUnsafeBytes { buffer.baseAddress!.advanced(by: start).copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        offset -= bytes.count
    }

    /// Everything up to the end of the stream, or nil when it is longer than `limit` bytes
    /// (then the rest is skipped, and `offset` tells the full length).
    public func readToEnd(limit: Int) throws -> [UInt8]? {
        var result: [UInt8] = []
        while true {
            if start == end, try !fill() { return result }
            let take = end - start
            if result.count + take > limit {
                start = end
                offset += take
                while try fill() {
                    offset += end - start
                    start = end
                }
                return nil
            }
            result.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
            start = end
            offset += take
        }
    }
}
