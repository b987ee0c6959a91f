import ZhiliText

/// A MinHash signature: for each of ``hashCount`` hash functions, the least hash of any shingle
/// of a set. Two sets agree at one position with probability equal to their Jaccard similarity,
/// so signatures estimate it, and their bands (``LSHIndex``) find similar sets without comparing
/// every pair.
///
/// The hash family is `h_i(x) = (a_i · x + b_i) mod 2^64`, top 32 bits, over the shingle's 32-bit
/// hash, with odd multipliers `a_i` and offsets `b_i` drawn once from FNV-1a-seeded SplitMix64, so
/// signatures are the same on every run and machine.
public struct MinHash: Sendable, Hashable {
    /// Hash functions per signature.
    public static let hashCount = 64

    /// The least hash of each function (all `UInt32.max` for an empty set).
    public let values: [UInt32]

    /// The signature of `shingles`.
    /// - Complexity: O(``hashCount`` × number of shingles).
    public init(_ shingles: ShingleSet) {
        let family = Self.family
        var minima = [UInt64](repeating: .max, count: Self.hashCount)
        minima.withUnsafeMutableBufferPointer { minima in
            family.withUnsafeBufferPointer { family in
                for shingle in shingles.hashes {
                    let x = UInt64(shingle)
                    for index in 0..<Self.hashCount {
                        let hashed = family[index].a &* x &+ family[index].b
                        if hashed < minima[index] { minima[index] = hashed }
                    }
                }
            }
        }
        values = minima.map { UInt32(truncatingIfNeeded: $0 >> 32) }
    }

    /// Creates a signature from stored values.
    public init(values: [UInt32]) {
        self.values = values
    }

    /// The share of positions where the two signatures agree: an estimate of Jaccard similarity.
    public func similarity(to other: MinHash) -> Double {
        let count = min(values.count, other.values.count)
        guard count > 0 else { return 0 }
        var same = 0
        for index in 0..<count where values[index] == other.values[index] { same += 1 }
        return Double(same) / Double(count)
    }

    /// The multipliers (odd) and offsets of the hash family.
    static let family: [(a: UInt64, b: UInt64)] = {
        var seed = FNV1a.hash(Array("zhili minhash".utf8))
        func next() -> UInt64 {
            // SplitMix64.
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (0..<hashCount).map { _ in (next() | 1, next()) }
    }()
}
