import ZhiliICU
import ZhiliText

/// The character shingles of a text: every run of ``length`` consecutive content scalars
/// (``ContentText``: folded, punctuation and spaces dropped), each hashed to 32 bits, the fixed
/// sample of them whose hash is divisible by ``defaultSampling``, sorted and without repeats.
///
/// ```swift
/// let a = ShingleSet(text: "综治中心覆盖率达100%")
/// let b = ShingleSet(text: "綜治中心覆蓋率達100%。")
/// a.containment(in: b)   // 1.0: same content
/// ```
public struct ShingleSet: Sendable, Hashable {
    /// Scalars per shingle.
    public static let defaultLength = 4
    /// One shingle in this many is kept: those whose hash is divisible by it (Broder's MOD-m
    /// sample). Containment and MinHash on the sample estimate those of the whole sets (a 1,200-
    /// character article keeps about 300 shingles; the share's standard error is about 0.03), at a
    /// quarter of the cost of sorting, storing and comparing every shingle.
    public static let defaultSampling: UInt32 = 4

    /// The shingle hashes, ascending, distinct.
    public let hashes: [UInt32]

    /// The shingles of content scalars `scalars` (``ContentText/scalars(of:)``).
    ///
    /// A text shorter than `length` scalars has one shingle, the whole text (none when empty).
    /// `sampling` must be a power of two (1 keeps every shingle).
    /// - Complexity: O(n) in the number of scalars (hashes sorted by radix).
    public init(scalars: [UInt32], length: Int = ShingleSet.defaultLength, sampling: UInt32 = ShingleSet.defaultSampling) {
        guard !scalars.isEmpty else {
            hashes = []
            return
        }
        let width = min(length, scalars.count)
        let mask = sampling &- 1
        var result: [UInt32] = []
        result.reserveCapacity((scalars.count - width) / Int(max(1, sampling)) + 8)
        let (w0, w1, w2, w3) = (Self.weights[0], Self.weights[1], Self.weights[2], Self.weights[3])
        scalars.withUnsafeBufferPointer { scalars in
            for start in 0...(scalars.count - width) {
                // Each scalar times its own odd constant, summed (independent multiplies), then mixed.
                var hash: UInt64
                if width == 4 {
                    hash = UInt64(scalars[start] &+ 1) &* w0 &+ UInt64(scalars[start &+ 1] &+ 1) &* w1
                        &+ UInt64(scalars[start &+ 2] &+ 1) &* w2 &+ UInt64(scalars[start &+ 3] &+ 1) &* w3
                } else {
                    hash = 0
                    for offset in 0..<width {
                        hash &+= UInt64(scalars[start &+ offset] &+ 1) &* Self.weights[offset & 7]
                    }
                }
                hash ^= hash >> 31
                hash &*= 0x94D0_49BB_1331_11EB
                let folded = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
                // A fixed sample: the same shingle is kept in every text that holds it.
                if folded & mask == 0 { result.append(folded) }
            }
        }
        Self.radixSort(&result)
        var unique = 0
        for index in result.indices where index == 0 || result[index] != result[index - 1] {
            result[unique] = result[index]
            unique += 1
        }
        result.removeSubrange(unique...)
        hashes = result
    }

    /// Odd multipliers for the scalars of a shingle, by position.
    private static let weights: [UInt64] = [
        0x9E37_79B9_7F4A_7C15, 0xBF58_476D_1CE4_E5B9, 0x94D0_49BB_1331_11EB, 0xD6E8_FEB8_6659_FD93,
        0xA076_1D64_78BD_642F, 0xE703_7ED1_A0B4_28DB, 0x8EBC_6AF0_9C88_C6E3, 0x5899_65CC_7537_4CC3,
    ]

    /// Sorts 32-bit values in four passes of 8 bits (a news article's shingles in a few microseconds,
    /// where the standard library's stable sort took a tenth of the extraction's time).
    static func radixSort(_ values: inout [UInt32]) {
        guard values.count > 64 else {
            values.sort()
            return
        }
        let count = values.count
        values.withUnsafeMutableBufferPointer { source in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count) { target in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: 257) { counts in
                    var from = source, to = target
                    for shift: UInt32 in [0, 8, 16, 24] {
                        counts.update(repeating: 0)
                        for value in from { counts[Int((value >> shift) & 0xFF) &+ 1] &+= 1 }
                        for digit in 1..<257 { counts[digit] &+= counts[digit &- 1] }
                        for value in from {
                            let digit = Int((value >> shift) & 0xFF)
                            to[counts[digit]] = value
                            counts[digit] &+= 1
                        }
                        swap(&from, &to)
                    }
                }
            }
        }
        // After four passes the sorted values are back in `values`.
    }

    /// The shingles of `text`.
    public init(text: String, length: Int = ShingleSet.defaultLength, sampling: UInt32 = ShingleSet.defaultSampling) {
        self.init(scalars: ContentText.scalars(of: text), length: length, sampling: sampling)
    }

    /// Number of distinct shingles.
    public var count: Int { hashes.count }

    /// Number of shingles both sets hold.
    /// - Complexity: O(m + n), one merge of the two sorted arrays.
    public func intersectionCount(with other: ShingleSet) -> Int {
        hashes.withUnsafeBufferPointer { a in
            other.hashes.withUnsafeBufferPointer { b in
                // Branch-free merge: both sides advance on a tie.
                var i = 0, j = 0, shared = 0
                while i < a.count && j < b.count {
                    let x = a[i], y = b[j]
                    shared &+= x == y ? 1 : 0
                    i &+= x <= y ? 1 : 0
                    j &+= y <= x ? 1 : 0
                }
                return shared
            }
        }
    }

    /// The share of the smaller set's shingles found in the other (0 when either is empty): how
    /// much of the shorter text the longer one holds. A copy trimmed of its first and last
    /// paragraphs, or with its own header and footer lines, is still contained in the original.
    public func containment(with other: ShingleSet) -> Double {
        let smaller = min(count, other.count)
        guard smaller > 0 else { return 0 }
        return Double(intersectionCount(with: other)) / Double(smaller)
    }

    /// Shared shingles over all distinct shingles (0 when both are empty).
    public func jaccard(with other: ShingleSet) -> Double {
        let shared = intersectionCount(with: other)
        let union = count + other.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
    }
}
