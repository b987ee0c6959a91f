import Foundation
import Hummingbird

/// A bounded cache of encoded JSON answers, keyed by the request's query string.
///
/// The server opens its index read-only, so an answer never goes stale while the server runs;
/// caching spares the full-text query, the snippets and the JSON encoding of repeated searches.
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

    /// Keeps `value` for `key`, evicting the oldest entry when full.
    public func store(_ value: ByteBuffer, for key: String) {
        guard capacity > 0, value.readableBytes <= maxEntryBytes else { return }
        lock.lock()
        defer { lock.unlock() }
        if entries[key] != nil { return }
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
