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

    /// Open addressing on the band keys themselves (already hashes), one slot of ``slotWidth``
    /// words per key so that a lookup reads one cache line: the key's high 32 bits (0 for empty; a
    /// rare clash of two keys only adds candidates, which are verified), how many members it holds
    /// with where the ring writes next, and its members (``bucketLimit``, newest kept). A power of
    /// two in slots, at most half full.
    private var slots: [UInt32] = Array(repeating: 0, count: 1024 * LSHIndex.slotWidth)
    private var slotCount = 1024
    private var used = 0
    /// Shared bands per member, zero between calls.
    private var counts: [UInt8] = []

    /// Words per slot: key, fill, members.
    private static let slotWidth = 2 + bucketLimit

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
        let limit = Self.bucketLimit, width = Self.slotWidth
        for bandKey in bandKeys {
            let key = UInt32(truncatingIfNeeded: bandKey >> 32) | 1   // never 0, the empty slot's mark
            let mask = slotCount - 1
            var slot = Self.home(key, size: slotCount)
            while slots[slot &* width] != 0 && slots[slot &* width] != key { slot = (slot &+ 1) & mask }
            let base = slot &* width
            // Fill: the count in the low nibble, the ring's next position in the high one.
            let fill = slots[base &+ 1]
            let filled = Int(fill & 0x0F)
            if slots[base] == key {
                for index in (base &+ 2)..<(base &+ 2 &+ filled) {
                    let found = Int(slots[index])
                    if counts[found] == 0 { touched.append(Int32(found)) }
                    counts[found] &+= 1
                }
            }
            guard let member else { continue }
            if slots[base] == 0 {
                slots[base] = key
                used += 1
            }
            let next = Int(fill >> 4)
            slots[base &+ 2 &+ next] = UInt32(bitPattern: member)
            slots[base &+ 1] = UInt32(min(filled + 1, limit)) | UInt32((next + 1) % limit) << 4
            if used * 2 > slotCount { grow() }
        }
        // Sorted as packed (bands, member) keys: most bands first, then the newest member.
        var packed = touched.map { UInt64(counts[Int($0)]) << 32 | UInt64(UInt32(bitPattern: $0)) }
        for found in touched { counts[Int(found)] = 0 }
        packed.sort(by: >)
        return packed.map { (member: Int32(bitPattern: UInt32(truncatingIfNeeded: $0)), bands: Int($0 >> 32)) }
    }

    /// Doubles the table, re-placing each slot by linear probing from its key's home slot.
    private mutating func grow() {
        let old = slots, oldCount = slotCount, width = Self.slotWidth
        slotCount = oldCount * 2
        slots = Array(repeating: 0, count: slotCount * width)
        for index in 0..<oldCount where old[index * width] != 0 {
            var slot = Self.home(old[index * width], size: slotCount)
            while slots[slot * width] != 0 { slot = (slot &+ 1) & (slotCount - 1) }
            for word in 0..<width { slots[slot * width + word] = old[index * width + word] }
        }
    }

    /// The first slot for a key's high 32 bits in a table of `size` slots.
    private static func home(_ key: UInt32, size: Int) -> Int {
        Int(truncatingIfNeeded: key &* 0x9E37_79B1) & (size - 1)
    }
}
