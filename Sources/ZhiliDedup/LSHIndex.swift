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
    public static let bucketLimit = 4

    /// Open addressing on the band keys themselves (already hashes), kept compact for the cache:
    /// per slot the key's high 32 bits (0 for empty; a rare clash of two keys only adds candidates,
    /// which are verified), its members (``bucketLimit`` per slot, a ring) and how many it holds.
    /// A power of two in size, at most half full.
    private var keys: [UInt32] = Array(repeating: 0, count: 1024)
    private var members: [Int32] = Array(repeating: -1, count: 1024 * LSHIndex.bucketLimit)
    private var fill: [UInt8] = Array(repeating: 0, count: 1024)
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
        let limit = Self.bucketLimit
        for bandKey in bandKeys {
            let key = UInt32(truncatingIfNeeded: bandKey >> 32) | 1   // never 0, the empty slot's mark
            let mask = keys.count - 1
            var slot = Self.home(key, size: keys.count)
            while keys[slot] != 0 && keys[slot] != key { slot = (slot &+ 1) & mask }
            let filled = Int(fill[slot] & 0x0F)
            if keys[slot] == key {
                for index in (slot &* limit)..<(slot &* limit &+ filled) {
                    let found = Int(members[index])
                    if counts[found] == 0 { touched.append(Int32(found)) }
                    counts[found] &+= 1
                }
            }
            guard let member else { continue }
            if keys[slot] == 0 {
                keys[slot] = key
                used += 1
            }
            // The ring: the next position to write is in the high nibble.
            let next = Int(fill[slot] >> 4)
            members[slot &* limit &+ next] = member
            fill[slot] = UInt8(min(filled + 1, limit)) | UInt8((next + 1) % limit) << 4
            if used * 2 > keys.count { grow() }
        }
        // Sorted as packed (bands, member) keys: most bands first, then the newest member.
        var packed = touched.map { UInt64(counts[Int($0)]) << 32 | UInt64(UInt32(bitPattern: $0)) }
        for found in touched { counts[Int(found)] = 0 }
        packed.sort(by: >)
        return packed.map { (member: Int32(bitPattern: UInt32(truncatingIfNeeded: $0)), bands: Int($0 >> 32)) }
    }

    /// Doubles the table, re-placing each key by linear probing from its home slot.
    private mutating func grow() {
        let (oldKeys, oldMembers, oldFill) = (keys, members, fill)
        let size = oldKeys.count * 2
        keys = Array(repeating: 0, count: size)
        members = Array(repeating: -1, count: size * Self.bucketLimit)
        fill = Array(repeating: 0, count: size)
        for (index, key) in oldKeys.enumerated() where key != 0 {
            var slot = Self.home(key, size: size)
            while keys[slot] != 0 { slot = (slot &+ 1) & (size - 1) }
            keys[slot] = key
            fill[slot] = oldFill[index]
            for offset in 0..<Self.bucketLimit {
                members[slot * Self.bucketLimit + offset] = oldMembers[index * Self.bucketLimit + offset]
            }
        }
    }

    /// The first slot for a key's high 32 bits in a table of `size` slots.
    private static func home(_ key: UInt32, size: Int) -> Int {
        Int(truncatingIfNeeded: key &* 0x9E37_79B1) & (size - 1)
    }
}
