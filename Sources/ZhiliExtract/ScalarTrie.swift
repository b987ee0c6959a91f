/// An immutable trie over Unicode scalars that finds the longest key starting at a position.
///
/// Keys map to integer payloads chosen by the builder. Nodes live in flat arrays so a
/// lookup touches no `String` and allocates nothing.
///
/// ```swift
/// var builder = ScalarTrie.Builder()
/// builder.insert("新城区", payload: 1)
/// let trie = builder.build()
/// trie.longestMatch(in: Array("新城区公安".unicodeScalars), from: 0) // (end: 3, payload: 1)
/// ```
public struct ScalarTrie: Sendable {
    /// Accumulates keys before freezing them into a ``ScalarTrie``.
    public struct Builder {
        var edges: [[UInt32: Int32]] = [[:]]
        var payloads: [Int32] = [-1]

        /// Creates an empty builder.
        public init() {}

        /// Adds `key` with `payload`; a later insert of the same key replaces the payload.
        public mutating func insert(_ key: String, payload: Int) {
            var node = 0
            for scalar in key.unicodeScalars {
                if let next = edges[node][scalar.value] {
                    node = Int(next)
                } else {
                    edges.append([:])
                    payloads.append(-1)
                    let next = Int32(edges.count - 1)
                    edges[node][scalar.value] = next
                    node = Int(next)
                }
            }
            payloads[node] = Int32(payload)
        }

        /// Freezes the keys.
        public func build() -> ScalarTrie { ScalarTrie(edges: edges, payloads: payloads) }
    }

    private let edges: [[UInt32: Int32]]
    private let payloads: [Int32]

    /// Whether the trie holds no key.
    public var isEmpty: Bool { edges.count <= 1 }

    /// The longest key that starts at `start` in `scalars`, as its end offset and payload.
    ///
    /// - Complexity: O(*k*) where *k* is the length of the longest key.
    @inline(__always)
    public func longestMatch(in scalars: UnsafeBufferPointer<Unicode.Scalar>, from start: Int) -> (end: Int, payload: Int)? {
        var node = 0
        var best: (end: Int, payload: Int)?
        var index = start
        while index < scalars.count, let next = edges[node][scalars[index].value] {
            node = Int(next)
            index += 1
            let payload = payloads[node]
            if payload >= 0 { best = (index, Int(payload)) }
        }
        return best
    }

    /// The longest key that starts at `start` in `scalars`.
    public func longestMatch(in scalars: [Unicode.Scalar], from start: Int) -> (end: Int, payload: Int)? {
        scalars.withUnsafeBufferPointer { longestMatch(in: $0, from: start) }
    }

    /// The longest key that ends exactly at `end` (scanning backwards needs a reversed trie).
    ///
    /// Build the trie from reversed keys; this walks `scalars` leftwards from `end - 1`.
    @inline(__always)
    public func longestMatch(in scalars: UnsafeBufferPointer<Unicode.Scalar>, endingAt end: Int) -> (start: Int, payload: Int)? {
        var node = 0
        var best: (start: Int, payload: Int)?
        var index = end - 1
        while index >= 0, let next = edges[node][scalars[index].value] {
            node = Int(next)
            let payload = payloads[node]
            if payload >= 0 { best = (index, Int(payload)) }
            index -= 1
        }
        return best
    }

    /// Whether `word` is a key.
    public func contains(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard let match = longestMatch(in: scalars, from: 0) else { return false }
        return match.end == scalars.count
    }
}

extension ScalarTrie {
    /// A trie of `words` (payload = index), read forwards, or backwards when `reversed`.
    public init(words: [String], reversed: Bool = false) {
        var builder = Builder()
        for (index, word) in words.enumerated() {
            builder.insert(reversed ? String(String.UnicodeScalarView(word.unicodeScalars.reversed())) : word, payload: index)
        }
        self = builder.build()
    }
}
