import Foundation
import ZhiliSegment

/// A small pool of segmenters, so concurrent queries each get their own (a segmenter is not thread-safe).
final class SegmenterPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Segmenter] = []

    /// Creates a pool holding one ready segmenter, so the lexicon loads when the store opens
    /// rather than inside the first query.
    init() throws {
        idle = [try Segmenter()]
    }

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

    /// Computes the index terms of `texts` on all cores and registers them with ``TermHandoff``.
    func prepareTerms(for texts: [String]) throws {
        guard texts.count > 1 else { return }
        let workers = min(texts.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let failure = FailureBox()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                try self.with { segmenter in
                    var scratch = DocumentTerms.Scratch()
                    var index = worker
                    while index < texts.count {
                        TermHandoff.shared.register(texts[index], try DocumentTerms(text: texts[index], segmenter: segmenter, scratch: &scratch))
                        index += workers
                    }
                }
            } catch {
                failure.record(error)
            }
        }
        if let error = failure.error { throw error }
    }
}

/// The first error thrown by concurrent workers.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: (any Error)?

    func record(_ error: any Error) {
        lock.lock()
        if self.error == nil { self.error = error }
        lock.unlock()
    }
}
