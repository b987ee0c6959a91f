import Foundation

/// Where a page of search hits ended, to continue after it without skipping ranked hits again
/// (keyset pagination: the next page starts below the last hit's score and key).
///
/// Hits are in one total order in both stores: score, highest first, then the store's article key,
/// highest first (an empty query: date, newest first with undated articles last, then the key).
/// A cursor is that position of the last hit of a page; ``SearchResults/next`` gives it and
/// ``SearchRequest/after`` takes it back. Users see it only as ``token``, an opaque string.
///
/// ```swift
/// let first = try store.search(SearchRequest(query: "调解", limit: 20))
/// let second = try store.search(SearchRequest(query: "调解", limit: 20, after: first.next))
/// ```
public struct SearchCursor: Sendable, Hashable, Codable {
    /// What a page was ordered by.
    public enum Order: Sendable, Hashable {
        /// A text query: the score of the last hit.
        case score(Double)
        /// An empty query (filters only): the date of the last hit (nil: undated).
        case date(String?)
    }

    /// The ordering value of the last hit.
    public var order: Order
    /// The store's key of the last hit (the tiebreak of equal scores or dates).
    public var key: Int64

    /// Creates a cursor after a hit with `order` and `key`.
    public init(order: Order, key: Int64) {
        self.order = order
        self.key = key
    }

    /// The cursor as an opaque URL- and shell-safe string (`--after`, `?after=`).
    public var token: String {
        let text: String
        switch order {
        case .score(let score): text = "s1." + String(score.bitPattern, radix: 16) + "." + String(key)
        case .date(let date?): text = "d1." + String(key) + "." + date
        case .date(nil): text = "n1." + String(key)
        }
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a ``token``; nil for a string no store gave.
    public init?(token: String) {
        guard token.count <= 200 else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let fields = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        switch fields.first {
        case "s1" where fields.count == 3:
            guard let bits = UInt64(fields[1], radix: 16), let key = Int64(fields[2]) else { return nil }
            let score = Double(bitPattern: bits)
            guard score.isFinite else { return nil }
            self.init(order: .score(score), key: key)
        case "d1" where fields.count == 3:
            guard let key = Int64(fields[1]), !fields[2].isEmpty else { return nil }
            self.init(order: .date(fields[2]), key: key)
        case "n1" where fields.count == 2:
            guard let key = Int64(fields[1]) else { return nil }
            self.init(order: .date(nil), key: key)
        default:
            return nil
        }
    }

    /// Decodes a cursor from its ``token``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let token = try container.decode(String.self)
        guard let cursor = SearchCursor(token: token) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a search cursor: \(token)")
        }
        self = cursor
    }

    /// Encodes the cursor as its ``token``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(token)
    }
}
