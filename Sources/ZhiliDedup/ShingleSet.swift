import ZhiliICU
import ZhiliText

/// The character shingles of a text: every run of ``length`` consecutive content scalars
/// (``ContentText``: folded, punctuation and spaces dropped), each hashed to 32 bits, sorted and
/// without repeats.
///
/// ```swift
/// let a = ShingleSet(text: "综治中心覆盖率达100%")
/// let b = ShingleSet(text: "綜治中心覆蓋率達100%。")
/// a.containment(in: b)   // 1.0: same content
/// ```
public struct ShingleSet: Sendable, Hashable {
    /// Scalars per shingle.
    public static let defaultLength = 4

    /// The shingle hashes, ascending, distinct.
    public let hashes: [UInt32]

    /// The shingles of content scalars `scalars` (``ContentText/scalars(of:)``).
    ///
    /// A text shorter than `length` scalars has one shingle, the whole text (none when empty).
    /// - Complexity: O(n log n) in the number of scalars.
    public init(scalars: [UInt32], length: Int = ShingleSet.defaultLength) {
        guard !scalars.isEmpty else {
            hashes = []
            return
        }
        let width = min(length, scalars.count)
        var result: [UInt32] = []
        result.reserveCapacity(scalars.count - width + 1)
        for start in 0...(scalars.count - width) {
            var hash = FNV1a()
            for offset in 0..<width {
                let value = scalars[start + offset]
                hash.add(UInt8(truncatingIfNeeded: value))
                hash.add(UInt8(truncatingIfNeeded: value >> 8))
                hash.add(UInt8(truncatingIfNeeded: value >> 16))
            }
            result.append(UInt32(truncatingIfNeeded: hash.value ^ (hash.value >> 32)))
        }
        result.sort()
        var unique = 0
        for index in result.indices where index == 0 || result[index] != result[index - 1] {
            result[unique] = result[index]
            unique += 1
        }
        result.removeSubrange(unique...)
        hashes = result
    }

    /// The shingles of `text`.
    public init(text: String, length: Int = ShingleSet.defaultLength) {
        self.init(scalars: ContentText.scalars(of: text), length: length)
    }

    /// Number of distinct shingles.
    public var count: Int { hashes.count }

    /// Number of shingles both sets hold.
    /// - Complexity: O(m + n), one merge of the two sorted arrays.
    public func intersectionCount(with other: ShingleSet) -> Int {
        var i = 0, j = 0, shared = 0
        let a = hashes, b = other.hashes
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return shared
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
