import Foundation
import ZhiliCore
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

    /// Prepares `records` for the writer on all cores.
    func prepare(_ records: [ArticleRecord]) throws -> [PreparedRecord] {
        // Bodies first, then the non-empty titles, in one pass over all cores.
        var texts = records.map(\.article.text)
        var titleIndex: [Int?] = []
        titleIndex.reserveCapacity(records.count)
        for record in records {
            if let title = record.article.title, !title.isEmpty {
                titleIndex.append(texts.count)
                texts.append(title)
            } else {
                titleIndex.append(nil)
            }
        }
        let entries = try prepare(texts: texts)
        return records.indices.map { index in
            PreparedRecord(record: records[index], terms: [entries[index]] + (titleIndex[index].map { [entries[$0]] } ?? []))
        }
    }

    /// The index terms of each of `texts`, computed on all cores, in order.
    func prepare(texts: [String]) throws -> [TermHandoff.Entry] {
        guard texts.count > 1 else { return try texts.map(prepareOne) }
        let workers = min(texts.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let failure = FailureBox()
        let slots = PreparedSlots(count: texts.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                try self.with { segmenter in
                    var scratch = DocumentTerms.Scratch()
                    var index = worker
                    while index < texts.count {
                        slots.set(index, try Self.entry(texts[index], segmenter: segmenter, scratch: &scratch))
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

    /// Prepares one record with a pooled segmenter.
    func prepare(_ record: ArticleRecord) throws -> PreparedRecord {
        var terms = [try prepareOne(record.article.text)]
        if let title = record.article.title, !title.isEmpty { terms.append(try prepareOne(title)) }
        return PreparedRecord(record: record, terms: terms)
    }

    private func prepareOne(_ text: String) throws -> TermHandoff.Entry {
        try with { segmenter in
            var scratch = DocumentTerms.Scratch()
            return try Self.entry(text, segmenter: segmenter, scratch: &scratch)
        }
    }

    private static func entry(_ text: String, segmenter: Segmenter, scratch: inout DocumentTerms.Scratch) throws -> TermHandoff.Entry {
        TermHandoff.Entry(text: text, terms: try DocumentTerms(text: text, segmenter: segmenter, scratch: &scratch))
    }
}

/// Results filled in by concurrent workers, one slot each.
private final class PreparedSlots: @unchecked Sendable {
    private var slots: [TermHandoff.Entry?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: TermHandoff.Entry) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [TermHandoff.Entry] { slots.compactMap { $0 } }
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
