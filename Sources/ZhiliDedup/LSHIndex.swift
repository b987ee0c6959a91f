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
    /// Members remembered per bucket: the newest.
    public static let bucketLimit = 8

    /// The newest members of one bucket, in a ring.
    private struct Bucket {
        var members = SIMD8<Int32>(repeating: -1)
        var count: UInt8 = 0
        var next: UInt8 = 0
    }

    /// Open addressing on the band keys themselves (already hashes): slots of keys (0 for empty)
    /// and their buckets, a power of two in size, at most half full.
    private var keys: [UInt64] = Array(repeating: 0, count: 1024)
    private var slots: [Bucket] = Array(repeating: Bucket(), count: 1024)
    private var used = 0
    /// Shared bands per member, zero between calls.
    private var counts: [UInt8] = []

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

    /// Members sharing at least one of the band keys `keys`, with how many bands each shares,
    /// most first (newest first among equals).
    /// - Complexity: O(bands × ``bucketLimit``), one hash lookup per band.
    public mutating func candidates(ofBands keys: [UInt64]) -> [(member: Int32, bands: Int)] {
        visit(keys, adding: nil)
    }

    /// Adds `member` under the band keys `keys`, and returns the members that shared a band with
    /// it before (as ``candidates(ofBands:)``), with one hash lookup per band for both.
    @discardableResult
    public mutating func insert(_ member: Int32, bands keys: [UInt64]) -> [(member: Int32, bands: Int)] {
        if counts.count <= Int(member) { counts += [UInt8](repeating: 0, count: Int(member) + 1 - counts.count) }
        return visit(keys, adding: member)
    }

    private mutating func visit(_ bandKeys: [UInt64], adding member: Int32?) -> [(member: Int32, bands: Int)] {
        var touched: [Int32] = []
        touched.reserveCapacity(bandKeys.count * Self.bucketLimit)
        for key in bandKeys {
            let key = key | 1   // never 0, the empty slot's mark
            var slot = Int(truncatingIfNeeded: key >> 7) & (keys.count - 1)
            while keys[slot] != 0 && keys[slot] != key { slot = (slot &+ 1) & (keys.count - 1) }
            if keys[slot] == key { Self.count(slots[slot], counts: &counts, touched: &touched) }
            guard let member else { continue }
            if keys[slot] == 0 {
                keys[slot] = key
                used += 1
            }
            Self.add(member, to: &slots[slot])
            if used * 2 > keys.count { grow() }
        }
        // Sorted as packed (bands, member) keys: most bands first, then the newest member.
        var packed = touched.map { UInt64(counts[Int($0)]) << 32 | UInt64(UInt32(bitPattern: $0)) }
        for found in touched { counts[Int(found)] = 0 }
        packed.sort(by: >)
        return packed.map { (member: Int32(bitPattern: UInt32(truncatingIfNeeded: $0)), bands: Int($0 >> 32)) }
    }

    private static func add(_ member: Int32, to bucket: inout Bucket) {
        bucket.members[Int(bucket.next)] = member
        bucket.next = (bucket.next + 1) % UInt8(bucketLimit)
        bucket.count = min(bucket.count + 1, UInt8(bucketLimit))
    }

    /// Doubles the table.
    private mutating func grow() {
        let (oldKeys, oldSlots) = (keys, slots)
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        slots = Array(repeating: Bucket(), count: oldKeys.count * 2)
        for (index, key) in oldKeys.enumerated() where key != 0 {
            var slot = Int(truncatingIfNeeded: key >> 7) & (keys.count - 1)
            while keys[slot] != 0 { slot = (slot &+ 1) & (keys.count - 1) }
            keys[slot] = key
            slots[slot] = oldSlots[index]
        }
    }

    private static func count(_ bucket: Bucket, counts: inout [UInt8], touched: inout [Int32]) {
        for slot in 0..<Int(bucket.count) {
            let found = Int(bucket.members[slot])
            if counts[found] == 0 { touched.append(Int32(found)) }
            counts[found] &+= 1
        }
    }
}
