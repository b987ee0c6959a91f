import Foundation
import ZhiliCore
import ZhiliSegment

/// A small pool of segmenters, so concurrent queries each get their own (a segmenter is not
/// thread-safe), and the segmentation of texts for the full-text index on all cores.
package final class SegmenterPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Segmenter] = []

    /// Creates a pool holding one ready segmenter, so the lexicon loads when the store opens
    /// rather than inside the first query.
    package init() throws {
        idle = [try Segmenter()]
    }

    /// Runs `body` with a segmenter no other thread is using.
    package func with<T>(_ body: (Segmenter) throws -> T) throws -> T {
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

    /// Prepares `records` for the writer on all cores.
    package func prepare(_ records: [ArticleRecord]) throws -> [PreparedRecord] {
        // Bodies, then titles, in one pass over all cores.
        let terms = try self.terms(of: records.map(\.article.text) + records.map { $0.article.title ?? "" })
        return records.indices.map { index in
            PreparedRecord(record: records[index], titleTerms: terms[records.count + index], bodyTerms: terms[index])
        }
    }

    /// Prepares one record with a pooled segmenter.
    package func prepare(_ record: ArticleRecord) throws -> PreparedRecord {
        try with { segmenter in
            var scratch = TermStream.Scratch()
            return PreparedRecord(
                record: record, titleTerms: try Self.terms(of: record.article.title ?? "", segmenter: segmenter, scratch: &scratch),
                bodyTerms: try Self.terms(of: record.article.text, segmenter: segmenter, scratch: &scratch))
        }
    }

    /// The index terms of each of `texts`, in order, computed on all cores when there are several
    /// (an empty text has none).
    func terms(of texts: [String]) throws -> [TermStream] {
        let workers = min(texts.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        guard workers > 1 else {
            return try with { segmenter in
                var scratch = TermStream.Scratch()
                return try texts.map { try Self.terms(of: $0, segmenter: segmenter, scratch: &scratch) }
            }
        }
        let failure = FailureBox()
        let slots = TermSlots(count: texts.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                try self.with { segmenter in
                    var scratch = TermStream.Scratch()
                    var index = worker
                    while index < texts.count {
                        slots.set(index, try Self.terms(of: texts[index], segmenter: segmenter, scratch: &scratch))
                        index += workers
                    }
                }
            } catch {
                failure.record(error)
            }
        }
        if let error = failure.error { throw error }
        return slots.values
    }

    private static func terms(of text: String, segmenter: Segmenter, scratch: inout TermStream.Scratch) throws -> TermStream {
        text.isEmpty ? .empty : try TermStream(text: text, segmenter: segmenter, scratch: &scratch)
    }
}

/// Results filled in by concurrent workers, one slot each.
private final class TermSlots: @unchecked Sendable {
    private var slots: [TermStream]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: .empty, count: count) }

    func set(_ index: Int, _ value: TermStream) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [TermStream] { slots }
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
