import ZhiliText

/// A MinHash signature of a shingle set, ``hashCount`` values: two sets agree at one position with
/// probability close to their Jaccard similarity, so signatures estimate it, and their bands
/// (``LSHIndex``) find similar sets without comparing every pair.
///
/// One-permutation MinHash (Li, Owen and Zhang 2012) with rotation densification (Shrivastava and
/// Li 2014): each shingle hash is permuted once (`h = a · x + b`, `h ^= h >> 15`, `h *= c`, mod
/// 2^32, with odd `a` and `c` and with `a`, `b` drawn from FNV-1a-seeded SplitMix64, so signatures
/// are the same on every run and machine); its top 6 bits choose one of 64 bins and the bin keeps
/// the least of the other bits. An empty bin (a set of fewer shingles than bins) takes the value
/// of the next non-empty bin to its right, offset by the distance. One hash per shingle instead of
/// 64: a news article's signature costs about as much as reading its shingles once.
public struct MinHash: Sendable, Hashable {
    /// Values per signature (bins).
    public static let hashCount = 64

    /// The least permuted hash of each bin (all `UInt32.max` for an empty set).
    public let values: [UInt32]

    /// The signature of `shingles`.
    /// - Complexity: O(number of shingles + ``hashCount``).
    public init(_ shingles: ShingleSet) {
        let (a, b) = Self.permutation
        var bins = [UInt32](repeating: .max, count: Self.hashCount)
        var filled: UInt64 = 0   // one bit per bin
        bins.withUnsafeMutableBufferPointer { bins in
            for shingle in shingles.hashes {
                var h = a &* shingle &+ b
                h ^= h >> 15
                h &*= 0x2C1B_3C6D
                h ^= h >> 12
                let bin = Int(h >> 26)
                let rest = h & 0x03FF_FFFF
                if rest < bins[bin] { bins[bin] = rest }
                filled |= 1 << UInt64(bin)
            }
        }
        if filled != 0 && filled != .max {
            // Densification: an empty bin borrows from the next filled bin to its right (cyclically),
            // marked with the distance so that borrowed values only match values borrowed alike.
            for bin in 0..<Self.hashCount where filled & (1 << UInt64(bin)) == 0 {
                var distance = 1
                while filled & (1 << UInt64((bin + distance) % Self.hashCount)) == 0 { distance += 1 }
                bins[bin] = bins[(bin + distance) % Self.hashCount] &+ UInt32(distance) << 26
            }
        }
        values = bins
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

    /// The permutation's multiplier (odd) and offset, from SplitMix64 seeded with FNV-1a of a fixed string.
    static let permutation: (UInt32, UInt32) = {
        var z = FNV1a.hash(Array("zhili minhash".utf8)) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return (UInt32(truncatingIfNeeded: z >> 32) | 1, UInt32(truncatingIfNeeded: z))
    }()
}
