import ZhiliText

/// Locality-sensitive hashing over MinHash signatures: each signature is cut into ``bands`` bands
/// of ``rows`` values, and two sets that agree on every value of some band are candidates.
/// With 32 bands of 2 rows a pair of Jaccard similarity `s` becomes a candidate with probability
/// `1 − (1 − s²)³²`: 0.95 at s = 0.3, 0.47 at s = 0.1; candidates are then verified exactly
/// (``DuplicateIndex``).
///
/// A bucket keeps its newest ``bucketLimit`` members only, so a dump where thousands of articles
/// share a paragraph costs a bounded number of candidates per article.
public struct LSHIndex: Sendable {
    /// Bands per signature.
    public static let bands = 32
    /// Signature values per band.
    public static let rows = MinHash.hashCount / bands
    /// Members remembered per bucket, newest first.
    public static let bucketLimit = 32

    /// Bucket key → the newest entry of the bucket (an index into `entries`).
    private var heads: [UInt64: Int32] = [:]
    /// Chain of entries: the member and the next (older) entry of its bucket, -1 at the end.
    private var entries: [(member: Int32, next: Int32, depth: Int32)] = []

    /// An empty index.
    public init() {}

    /// The bucket key of each band of `signature`.
    public static func bandKeys(of signature: MinHash) -> [UInt64] {
        (0..<bands).map { band in
            var hash = FNV1a()
            hash.add(UInt8(band))
            for row in 0..<rows {
                let value = signature.values[band * rows + row]
                for shift in stride(from: 0, to: 32, by: 8) { hash.add(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
            }
            return hash.value
        }
    }

    /// Members sharing at least one band with `signature`, with how many bands each shares, most first.
    public func candidates(of signature: MinHash) -> [(member: Int32, bands: Int)] {
        var counts: [Int32: Int] = [:]
        for key in Self.bandKeys(of: signature) {
            var entry = heads[key] ?? -1
            while entry >= 0 {
                let found = entries[Int(entry)]
                counts[found.member, default: 0] += 1
                entry = found.next
            }
        }
        return counts.map { ($0.key, $0.value) }.sorted { ($0.bands, $0.member) > ($1.bands, $1.member) }
    }

    /// Adds `member` under each band of `signature`.
    public mutating func insert(_ member: Int32, signature: MinHash) {
        for key in Self.bandKeys(of: signature) {
            let head = heads[key] ?? -1
            let depth = head >= 0 ? entries[Int(head)].depth + 1 : 1
            entries.append((member, head, depth))
            heads[key] = Int32(entries.count - 1)
            if depth > Self.bucketLimit {
                // Cut the chain at the limit: the oldest member leaves this bucket.
                var entry = Int32(entries.count - 1)
                for _ in 1..<Self.bucketLimit { entry = entries[Int(entry)].next }
                entries[Int(entry)].next = -1
                entries[entries.count - 1].depth = Int32(Self.bucketLimit)
            }
        }
    }
}
