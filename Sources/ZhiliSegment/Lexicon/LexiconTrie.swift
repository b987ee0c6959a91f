/// A trie over UTF-16 code units stored in flat arrays: a direct table for the first unit and an
/// open-addressing hash table of packed 8-byte edges for the rest.
///
/// Each edge packs parent node (24 bits), code unit (16), child node (23) and whether the child ends
/// a word (1), so one step of a walk reads one cache line. A step's result is a *cursor*:
/// `child << 1 | isWord`, or -1 when there is no such child.
struct LexiconTrie: Sendable {
    /// Cursor of the root's child for each first code unit, or -1.
    private var rootChildren: [Int32]
    /// Packed edges; 0 marks an empty slot (the root's edges live in `rootChildren`).
    private var slots: [UInt64]
    /// Entry index of the word ending at each node, or -1.
    private(set) var wordAt: [Int32]
    /// Natural log of the frequency of the word ending at each node (0 elsewhere).
    private(set) var logFrequencyAt: [Float]
    /// The edge key (parent << 16 | unit) that leads to each node, to find its slot again.
    private var keyOf: [UInt64]
    private var used = 0
    private var shift: UInt64

    /// The root node.
    static let root: Int32 = 0
    /// The cursor of the root.
    static let rootCursor: Int32 = 0
    /// Largest node number an edge can hold.
    static let maxNodes = 1 << 23

    /// An empty trie.
    init() {
        rootChildren = [Int32](repeating: -1, count: 65536)
        slots = [UInt64](repeating: 0, count: 1024)
        shift = 64 - 10
        wordAt = [-1]
        logFrequencyAt = [0]
        keyOf = [0]
    }

    /// Makes room for `nodes` nodes without growing the tables on the way.
    mutating func reserveCapacity(nodes: Int) {
        wordAt.reserveCapacity(nodes)
        logFrequencyAt.reserveCapacity(nodes)
        keyOf.reserveCapacity(nodes)
        while slots.count < nodes * 2 { grow() }
    }

    /// Number of nodes, the root included.
    var nodeCount: Int { wordAt.count }

    /// The node a cursor points at.
    @inline(__always)
    static func node(_ cursor: Int32) -> Int32 { cursor >> 1 }

    /// Whether the node a cursor points at ends a word.
    @inline(__always)
    static func isWord(_ cursor: Int32) -> Bool { cursor & 1 != 0 }

    /// The cursor of `node`'s child along `unit`, or -1.
    func step(_ node: Int32, _ unit: UInt16) -> Int32 {
        withView { $0.step(node, unit) }
    }

    /// Adds the path for `units` and returns its final node (nil when the trie is full).
    mutating func insert<Units: Sequence>(_ units: Units) -> Int32? where Units.Element == UInt16 {
        var node = LexiconTrie.root
        for unit in units {
            let next = step(node, unit)
            if next >= 0 {
                node = LexiconTrie.node(next)
                continue
            }
            guard wordAt.count < LexiconTrie.maxNodes else { return nil }
            let created = Int32(wordAt.count)
            wordAt.append(-1)
            logFrequencyAt.append(0)
            if node == LexiconTrie.root {
                rootChildren[Int(unit)] = created << 1
                keyOf.append(UInt64(unit))
            } else {
                let key = UInt64(UInt32(bitPattern: node)) << 16 | UInt64(unit)
                keyOf.append(key)
                store(key: key, child: created, isWord: false)
            }
            node = created
        }
        return node
    }

    /// Marks `node` as the end of entry `entry`, a word with the given log frequency.
    mutating func setWord(_ node: Int32, entry: Int32, logFrequency: Float) {
        wordAt[Int(node)] = entry
        logFrequencyAt[Int(node)] = logFrequency
        let key = keyOf[Int(node)]
        if key < 0x1_0000 {
            rootChildren[Int(key)] = node << 1 | 1
        } else {
            var slot = slotIndex(key)
            let mask = slots.count - 1
            while slots[slot] & 0xFF_FFFF_FFFF != key { slot = (slot + 1) & mask }
            slots[slot] |= 1 << 63
        }
    }

    /// Calls `body` with a view of the trie that reads it without reference counting or bounds checks.
    func withView<Result>(_ body: (LexiconTrieView) throws -> Result) rethrows -> Result {
        try rootChildren.withUnsafeBufferPointer { root in
            try slots.withUnsafeBufferPointer { slots in
                try logFrequencyAt.withUnsafeBufferPointer { logFrequencies in
                    try body(LexiconTrieView(rootChildren: root, slots: slots, logFrequencies: logFrequencies, shift: shift))
                }
            }
        }
    }

    @inline(__always)
    private func slotIndex(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func store(key: UInt64, child: Int32, isWord: Bool) {
        if (used + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var slot = slotIndex(key)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = key | UInt64(UInt32(bitPattern: child)) << 40 | (isWord ? 1 << 63 : 0)
        used += 1
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        shift -= 1
        used = 0
        let mask = slots.count - 1
        for packed in old where packed != 0 {
            var slot = slotIndex(packed & 0xFF_FFFF_FFFF)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = packed
            used += 1
        }
    }
}

/// A borrowed, read-only view of a ``LexiconTrie`` for the segmenter's inner loop.
struct LexiconTrieView {
    let rootChildren: UnsafeBufferPointer<Int32>
    let slots: UnsafeBufferPointer<UInt64>
    /// Log frequency of the word ending at each node.
    let logFrequencies: UnsafeBufferPointer<Float>
    let shift: UInt64

    /// The cursor (`child << 1 | isWord`) of `node`'s child along `unit`, or -1.
    ///
    /// - Complexity: O(1) expected; one cache line per step.
    @inline(__always)
    func step(_ node: Int32, _ unit: UInt16) -> Int32 {
        if node == LexiconTrie.root { return rootChildren[Int(unit)] }
        let key = UInt64(UInt32(bitPattern: node)) << 16 | UInt64(unit)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let packed = slots[slot]
            if packed & 0xFF_FFFF_FFFF == key {
                return Int32(truncatingIfNeeded: (packed >> 40) & 0x7F_FFFF) << 1 | Int32(truncatingIfNeeded: packed >> 63)
            }
            if packed == 0 { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// Reads the first slot `step(node, unit)` would probe and returns it, so that independent
    /// calls for many positions overlap their cache misses (a software prefetch).
    @inline(__always)
    func touch(_ node: Int32, _ unit: UInt16) -> UInt64 {
        let key = UInt64(UInt32(bitPattern: node)) << 16 | UInt64(unit)
        return slots[Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)]
    }
}
