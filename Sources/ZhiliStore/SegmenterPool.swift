import Foundation
import ZhiliSegment

/// A small pool of segmenters, so concurrent queries each get their own (a segmenter is not thread-safe).
final class SegmenterPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Segmenter] = []

    /// Runs `body` with a segmenter no other thread is using.
    func with<T>(_ body: (Segmenter) throws -> T) throws -> T {
        lock.lock()
        let segmenter = idle.popLast()
        lock.unlock()
        let borrowed = try segmenter ?? Segmenter()
        defer {
            lock.lock()
            if idle.count < 16 { idle.append(borrowed) }
            lock.unlock()
        }
        return try body(borrowed)
    }
}
