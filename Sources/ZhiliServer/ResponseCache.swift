import Foundation
import Hummingbird

/// A bounded cache of encoded JSON answers, keyed by the request's query string.
///
/// Caching spares the full-text query, the snippets and the JSON encoding of repeated searches.
/// When the index changes under the server, ``IndexWatch`` empties the cache, and an answer
/// computed before that (``generation`` moved on) is not kept.
/// Evicts first-in first-out once `capacity` entries are held; a capacity of 0 disables it.
public final class ResponseCache: @unchecked Sendable {
    /// Most entries held.
    public let capacity: Int
    /// Largest answer kept, in bytes.
    public let maxEntryBytes: Int
    private let lock = NSLock()
    private var entries: [String: ByteBuffer] = [:]
    private var order: [String] = []
    private var next = 0
    private var currentGeneration = 0

    /// Creates a cache of at most `capacity` answers of at most `maxEntryBytes` each.
    public init(capacity: Int, maxEntryBytes: Int = 64 * 1024) {
        self.capacity = max(0, capacity)
        self.maxEntryBytes = maxEntryBytes
    }

    /// The cached answer for `key`, if any.
    public func value(for key: String) -> ByteBuffer? {
        guard capacity > 0 else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    /// Changes at each ``removeAll()``: read it before computing an answer, hand it to
    /// ``store(_:for:generation:)``.
    public var generation: Int {
        lock.lock()
        defer { lock.unlock() }
        return currentGeneration
    }

    /// Forgets every answer; answers computed before are no longer kept.
    public func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        entries.removeAll()
        order.removeAll()
        next = 0
        currentGeneration += 1
    }

    /// Keeps `value` for `key`, evicting the oldest entry when full, unless the cache was emptied
    /// since `generation` was read (the answer may predate a change of the index).
    public func store(_ value: ByteBuffer, for key: String, generation: Int) {
        guard capacity > 0, value.readableBytes <= maxEntryBytes else { return }
        lock.lock()
        defer { lock.unlock() }
        if entries[key] != nil || generation != currentGeneration { return }
        if order.count < capacity {
            order.append(key)
        } else {
            entries[order[next]] = nil
            order[next] = key
            next = (next + 1) % capacity
        }
        entries[key] = value
    }

    /// Number of cached answers.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
