/// An immutable trie over Unicode scalars that finds the longest key starting (or ending) at a position.
///
/// Keys map to integer payloads chosen by the builder. The first step is a direct table lookup
/// over the Basic Multilingual Plane (most positions of a text start no key, and fail there);
/// deeper steps search each node's few sorted edges. A lookup allocates nothing.
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
        public func build() -> ScalarTrie {
            var root = [Int32](repeating: -1, count: 0x10000)
            var astralRoot: [UInt32: Int32] = [:]
            for (key, target) in edges[0] {
                if key < 0x10000 { root[Int(key)] = target } else { astralRoot[key] = target }
            }
            var firstEdge: [Int32] = []
            var edgeKeys: [UInt32] = []
            var edgeTargets: [Int32] = []
            firstEdge.reserveCapacity(edges.count + 1)
            for node in edges {
                firstEdge.append(Int32(edgeKeys.count))
                for (key, target) in node.sorted(by: { $0.key < $1.key }) {
                    edgeKeys.append(key)
                    edgeTargets.append(target)
                }
            }
            firstEdge.append(Int32(edgeKeys.count))
            var startBits = [UInt64](repeating: 0, count: 0x10000 / 64)
            var shortBits = [UInt64](repeating: 0, count: 0x10000 / 64)
            var pairBits = [UInt64](repeating: 0, count: ScalarTrie.pairBitCount / 64)
            for (first, child) in edges[0] where first < 0x10000 {
                startBits[Int(first) >> 6] |= 1 << (UInt64(first) & 63)
                if payloads[Int(child)] >= 0 { shortBits[Int(first) >> 6] |= 1 << (UInt64(first) & 63) }
                for second in edges[Int(child)].keys {
                    let bit = ScalarTrie.pairBit(first, second)
                    pairBits[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
            return ScalarTrie(
                root: root, astralRoot: astralRoot, firstEdge: firstEdge, edgeKeys: edgeKeys,
                edgeTargets: edgeTargets, payloads: payloads, startBits: startBits, shortBits: shortBits, pairBits: pairBits)
        }
    }

    private let root: [Int32]
    private let astralRoot: [UInt32: Int32]
    private let firstEdge: [Int32]
    private let edgeKeys: [UInt32]
    private let edgeTargets: [Int32]
    private let payloads: [Int32]
    /// One bit per BMP scalar: whether some key starts with it (8 KB, so a miss costs no cache miss).
    private let startBits: [UInt64]
    /// One bit per BMP scalar: whether it is a key of one scalar.
    private let shortBits: [UInt64]
    /// A hashed bit per pair of first two scalars of a key (a Bloom filter: no false negatives),
    /// so most starts are ruled out without touching the root table or the payloads.
    private let pairBits: [UInt64]
    /// Size of ``pairBits`` in bits (16 KB).
    static let pairBitCount = 1 << 17

    @inline(__always)
    static func pairBit(_ first: UInt32, _ second: UInt32) -> Int {
        Int(truncatingIfNeeded: ((UInt64(first) << 21 | UInt64(second)) &* 0x9E37_79B9_7F4A_7C15) >> (64 - 17))
    }

    /// Whether the trie holds no key.
    public var isEmpty: Bool { payloads.count <= 1 }

    /// The child of `node` along `scalar`, or -1.
    @inline(__always)
    private func step(_ node: Int, _ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if node == 0 {
            return value < 0x10000 ? Int(root[Int(value)]) : Int(astralRoot[value] ?? -1)
        }
        var low = Int(firstEdge[node]), high = Int(firstEdge[node + 1])
        if high - low <= 8 {
            while low < high {
                if edgeKeys[low] == value { return Int(edgeTargets[low]) }
                low += 1
            }
            return -1
        }
        while low < high {
            let middle = (low + high) / 2
            let key = edgeKeys[middle]
            if key == value { return Int(edgeTargets[middle]) }
            if key < value { low = middle + 1 } else { high = middle }
        }
        return -1
    }

    /// The longest key that starts at `start` in `scalars`, as its end offset and payload.
    ///
    /// - Complexity: O(*k*) where *k* is the length of the longest key.
    @inline(__always)
    public func longestMatch(in scalars: UnsafeBufferPointer<Unicode.Scalar>, from start: Int) -> (end: Int, payload: Int)? {
        guard start < scalars.count, mayStart(scalars[start]) else { return nil }
        let first = scalars[start].value
        if first < 0x10000, shortBits[Int(first >> 6)] & (1 << UInt64(first & 63)) == 0 {
            guard start + 1 < scalars.count else { return nil }
            let bit = Self.pairBit(first, scalars[start + 1].value)
            if pairBits[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return nil }
        }
        var node = 0
        var best: (end: Int, payload: Int)?
        var index = start
        while index < scalars.count {
            node = step(node, scalars[index])
            if node < 0 { break }
            index += 1
            let payload = payloads[node]
            if payload >= 0 { best = (index, Int(payload)) }
        }
        return best
    }

    /// Whether some key starts with `scalar` (always true outside the Basic Multilingual Plane).
    @inline(__always)
    public func mayStart(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value >= 0x10000 || startBits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0
    }

    /// Calls `body` with the end and payload of every key that starts at `start`, shortest first.
    @inline(__always)
    public func forEachMatch(in scalars: UnsafeBufferPointer<Unicode.Scalar>, from start: Int, _ body: (_ end: Int, _ payload: Int) -> Void) {
        var node = 0
        var index = start
        while index < scalars.count {
            node = step(node, scalars[index])
            if node < 0 { return }
            index += 1
            let payload = payloads[node]
            if payload >= 0 { body(index, Int(payload)) }
        }
    }

    /// The longest key that starts at `start` in `scalars`.
    public func longestMatch(in scalars: [Unicode.Scalar], from start: Int) -> (end: Int, payload: Int)? {
        scalars.withUnsafeBufferPointer { longestMatch(in: $0, from: start) }
    }

    /// The longest key that ends exactly at `end`, walking `scalars` leftwards from `end - 1`.
    ///
    /// Only meaningful for a trie built from reversed keys (``init(words:reversed:)``).
    @inline(__always)
    public func longestMatch(in scalars: UnsafeBufferPointer<Unicode.Scalar>, endingAt end: Int) -> (start: Int, payload: Int)? {
        var node = 0
        var best: (start: Int, payload: Int)?
        var index = end - 1
        while index >= 0 {
            node = step(node, scalars[index])
            if node < 0 { break }
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
