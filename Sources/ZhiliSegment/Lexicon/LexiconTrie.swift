/// A trie over UTF-16 code units stored in flat arrays: a direct table for the first unit and an
/// open-addressing hash table for the rest, so a lookup costs one multiply and usually one probe.
struct LexiconTrie: Sendable {
    /// Child of the root for each first code unit (-1 when none).
    private var rootChildren: [Int32]
    /// Hash keys: `(parent << 16 | unit) + 1`, 0 when the slot is empty.
    private var keys: [UInt64]
    /// Child node for each occupied slot.
    private var values: [Int32]
    /// Entry index of the word ending at each node, or -1.
    private(set) var wordAt: [Int32]
    private var used = 0
    private var shift: UInt64

    /// The root node.
    static let root: Int32 = 0

    /// An empty trie.
    init() {
        rootChildren = [Int32](repeating: -1, count: 65536)
        keys = [UInt64](repeating: 0, count: 1024)
        values = [Int32](repeating: -1, count: 1024)
        shift = 64 - 10
        wordAt = [-1]
    }

    /// Number of nodes, the root included.
    var nodeCount: Int { wordAt.count }

    /// The child of `node` along `unit`, or -1.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    func child(_ node: Int32, _ unit: UInt16) -> Int32 {
        if node == LexiconTrie.root { return rootChildren[Int(unit)] }
        let key = (UInt64(UInt32(bitPattern: node)) << 16 | UInt64(unit)) &+ 1
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == 0 { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// Adds the path for `units` and returns its final node.
    mutating func insert<Units: Sequence>(_ units: Units) -> Int32 where Units.Element == UInt16 {
        var node = LexiconTrie.root
        for unit in units {
            let next = child(node, unit)
            if next >= 0 {
                node = next
                continue
            }
            let created = Int32(wordAt.count)
            wordAt.append(-1)
            if node == LexiconTrie.root {
                rootChildren[Int(unit)] = created
            } else {
                store(key: (UInt64(UInt32(bitPattern: node)) << 16 | UInt64(unit)) &+ 1, value: created)
            }
            node = created
        }
        return node
    }

    /// Marks `node` as the end of entry `entry`.
    mutating func setWord(_ node: Int32, entry: Int32) {
        wordAt[Int(node)] = entry
    }

    private mutating func store(key: UInt64, value: Int32) {
        if (used + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while keys[slot] != 0 { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
        used += 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: -1, count: oldKeys.count * 2)
        shift -= 1
        used = 0
        for (index, key) in oldKeys.enumerated() where key != 0 {
            store(key: key, value: oldValues[index])
        }
    }
}
