/// The one trie of the package: words (lexicon words, measure words, region names, program names,
/// indicator patterns …) with an integer payload each, found in a text from any position.
///
/// Keys are UTF-16 code units, the segmenter's unit, and walks read either a UTF-16 buffer (the
/// segmenter) or a buffer of Unicode scalars (the extractor, whose offsets count scalars): a scalar
/// outside the Basic Multilingual Plane is two steps, its surrogates, so both walks find the same
/// words and each reports offsets in its own buffer.
///
/// Stored in flat arrays: a direct table for the first unit and an open-addressing hash table of
/// packed 8-byte edges for the rest. Each edge packs parent node (24 bits), code unit (16), child
/// node (23) and whether the child ends a word (1), so one step reads one cache line. A step's
/// result is a *cursor*, `child << 1 | isWord`, or -1 when there is no such child. Bitmaps of the
/// first units, the one-unit words and (hashed) the first two units rule out most starting
/// positions of a text before the tables are read. A walk allocates nothing.
///
/// ```swift
/// var trie = WordTrie()
/// trie.insert("新城区", payload: 1)
/// Array("新城区公安".unicodeScalars).withUnsafeBufferPointer { trie.longestMatch(in: $0, from: 0) } // (end: 3, payload: 1)
/// ```
public struct WordTrie: Sendable {
    /// Cursor of the root's child for each first code unit, or -1.
    @usableFromInline var rootChildren: [Int32]
    /// Packed edges; 0 marks an empty slot (the root's edges live in `rootChildren`).
    @usableFromInline var slots: [UInt64]
    /// Payload of the word ending at each node, or -1.
    @usableFromInline var payloads: [Int32]
    /// The edge key (parent << 16 | unit) that leads to each node, to find its slot again.
    private var keyOf: [UInt64]
    private var used = 0
    @usableFromInline var shift: UInt64
    /// One bit per code unit: whether some word starts with it (8 KB, so a miss costs no cache miss).
    @usableFromInline var startBits: [UInt64]
    /// One bit per code unit: whether it is a word of one unit.
    @usableFromInline var shortBits: [UInt64]
    /// A hashed bit per pair of first two code units of a word (a Bloom filter: no false negatives).
    @usableFromInline var pairBits: [UInt64]

    /// The root node.
    public static let root: Int32 = 0
    /// Largest node number an edge can hold.
    public static let maxNodes = 1 << 23
    /// Size of the pair filter in bits (16 KB).
    @usableFromInline static let pairBitCount = 1 << 17

    /// An empty trie.
    public init() {
        rootChildren = [Int32](repeating: -1, count: 0x10000)
        slots = [UInt64](repeating: 0, count: 1024)
        shift = 64 - 10
        payloads = [-1]
        keyOf = [0]
        startBits = [UInt64](repeating: 0, count: 0x10000 / 64)
        shortBits = [UInt64](repeating: 0, count: 0x10000 / 64)
        pairBits = [UInt64](repeating: 0, count: WordTrie.pairBitCount / 64)
    }

    /// A trie of `words` (payload = index), spelled forwards, or backwards when `reversed` (for
    /// ``longestMatch(in:endingAt:)``).
    public init(words: [String], reversed: Bool = false) {
        self.init()
        for (index, word) in words.enumerated() {
            insert(reversed ? String(String.UnicodeScalarView(word.unicodeScalars.reversed())) : word, payload: index)
        }
    }

    /// Makes room for `nodes` nodes without growing the tables on the way.
    public mutating func reserveCapacity(nodes: Int) {
        payloads.reserveCapacity(nodes)
        keyOf.reserveCapacity(nodes)
        while slots.count < nodes * 2 { grow() }
    }

    /// Number of nodes, the root included.
    public var nodeCount: Int { payloads.count }

    /// The node a cursor points at.
    @inlinable @inline(__always)
    public static func node(_ cursor: Int32) -> Int32 { cursor >> 1 }

    /// Whether the node a cursor points at ends a word.
    @inlinable @inline(__always)
    public static func isWord(_ cursor: Int32) -> Bool { cursor & 1 != 0 }

    /// The payload of the word ending at `node`, or -1.
    @inlinable @inline(__always)
    public func payload(at node: Int32) -> Int32 { payloads[Int(node)] }

    /// The cursor of `node`'s child along `unit`, or -1.
    @inlinable
    public func step(_ node: Int32, _ unit: UInt16) -> Int32 {
        withView { $0.step(node, unit) }
    }

    // MARK: Building

    /// Adds `word` with `payload`; a later insert of the same word replaces the payload. An empty
    /// word is ignored, as is a word past ``maxNodes``.
    public mutating func insert(_ word: String, payload: Int) {
        guard !word.isEmpty, let node = insertPath(word.utf16) else { return }
        setPayload(node, Int32(payload))
    }

    /// Adds the path for `units` and returns its final node (nil when the trie is full); the node
    /// ends a word once it has a payload (``setPayload(_:_:)``).
    public mutating func insertPath<Units: Sequence>(_ units: Units) -> Int32? where Units.Element == UInt16 {
        var node = WordTrie.root
        var first: UInt16 = 0
        var depth = 0
        for unit in units {
            depth += 1
            if depth == 1 { first = unit }
            let next = step(node, unit)
            if next >= 0 {
                node = WordTrie.node(next)
                continue
            }
            guard payloads.count < WordTrie.maxNodes else { return nil }
            let created = Int32(payloads.count)
            payloads.append(-1)
            if node == WordTrie.root {
                rootChildren[Int(unit)] = created << 1
                keyOf.append(UInt64(unit))
                startBits[Int(unit) >> 6] |= 1 << (UInt64(unit) & 63)
            } else {
                let key = UInt64(UInt32(bitPattern: node)) << 16 | UInt64(unit)
                keyOf.append(key)
                store(key: key, child: created)
                if depth == 2 {
                    let bit = WordTrie.pairBit(first, unit)
                    pairBits[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
            node = created
        }
        return node
    }

    /// Makes `node` the end of a word with `payload` (≥ 0), replacing any payload it had.
    public mutating func setPayload(_ node: Int32, _ payload: Int32) {
        precondition(node != WordTrie.root && payload >= 0, "a word has at least one unit and a payload ≥ 0")
        payloads[Int(node)] = payload
        let key = keyOf[Int(node)]
        if key < 0x1_0000 {
            rootChildren[Int(key)] = node << 1 | 1
            shortBits[Int(key) >> 6] |= 1 << (key & 63)
        } else {
            var slot = slotIndex(key)
            let mask = slots.count - 1
            while slots[slot] & 0xFF_FFFF_FFFF != key { slot = (slot + 1) & mask }
            slots[slot] |= 1 << 63
        }
    }

    private func slotIndex(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func store(key: UInt64, child: Int32) {
        if (used + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var slot = slotIndex(key)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = key | UInt64(UInt32(bitPattern: child)) << 40
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

    @inlinable @inline(__always)
    static func pairBit(_ first: UInt16, _ second: UInt16) -> Int {
        Int(truncatingIfNeeded: ((UInt64(first) << 21 | UInt64(second)) &* 0x9E37_79B9_7F4A_7C15) >> (64 - 17))
    }

    // MARK: Reading

    /// Calls `body` with a view of the trie that reads it without reference counting or bounds checks.
    @inlinable @inline(__always)
    public func withView<Result>(_ body: (View) throws -> Result) rethrows -> Result {
        try rootChildren.withUnsafeBufferPointer { root in
            try slots.withUnsafeBufferPointer { slots in
                try body(View(rootChildren: root, slots: slots, shift: shift))
            }
        }
    }

    /// The node of `word`, or nil when no path spells it (it may be a prefix of words only).
    public func node(of word: String) -> Int32? {
        var node = WordTrie.root
        for unit in word.utf16 {
            let cursor = step(node, unit)
            if cursor < 0 { return nil }
            node = WordTrie.node(cursor)
        }
        return node
    }

    /// The longest word that starts at `start` in `text` (UTF-16 code units or Unicode scalars),
    /// as its end offset and payload.
    ///
    /// - Complexity: O(*k*) in the length *k* of the longest word; most starts that begin no word
    ///   are ruled out by two bitmap reads.
    @inlinable @inline(__always)
    public func longestMatch<Unit: WordTrieUnit>(in text: UnsafeBufferPointer<Unit>, from start: Int) -> (end: Int, payload: Int)? {
        guard start < text.count else { return nil }
        let first = text[start]
        if first.isOneStep {
            let unit = first.firstUnit
            guard startBits[Int(unit >> 6)] & (1 << UInt64(unit & 63)) != 0 else { return nil }
            if shortBits[Int(unit >> 6)] & (1 << UInt64(unit & 63)) == 0 {
                guard start + 1 < text.count else { return nil }
                let bit = Self.pairBit(unit, text[start + 1].firstUnit)
                if pairBits[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return nil }
            }
        }
        var best: (end: Int, payload: Int)?
        forEachMatch(in: text, from: start) { end, payload in best = (end, payload) }
        return best
    }

    /// Calls `body` with the end and payload of every word that starts at `start` in `text`,
    /// shortest first.
    @inlinable @inline(__always)
    public func forEachMatch<Unit: WordTrieUnit>(
        in text: UnsafeBufferPointer<Unit>, from start: Int, _ body: (_ end: Int, _ payload: Int) -> Void
    ) {
        withView { trie in
            var node = WordTrie.root
            var index = start
            while index < text.count {
                let cursor = text[index].child(of: node, in: trie)
                if cursor < 0 { return }
                index += 1
                node = WordTrie.node(cursor)
                if WordTrie.isWord(cursor) { body(index, Int(payloads[Int(node)])) }
            }
        }
    }

    /// The longest word that ends exactly at `end` in `text`, walking leftwards from `end - 1`,
    /// as its start offset and payload.
    ///
    /// Only meaningful for a trie of reversed words (``init(words:reversed:)``).
    @inlinable @inline(__always)
    public func longestMatch<Unit: WordTrieUnit>(in text: UnsafeBufferPointer<Unit>, endingAt end: Int) -> (start: Int, payload: Int)? {
        withView { trie in
            var node = WordTrie.root
            var best: (start: Int, payload: Int)?
            var index = end - 1
            while index >= 0 {
                let cursor = text[index].child(of: node, in: trie)
                if cursor < 0 { break }
                node = WordTrie.node(cursor)
                if WordTrie.isWord(cursor) { best = (index, Int(payloads[Int(node)])) }
                index -= 1
            }
            return best
        }
    }
}

/// What a ``WordTrie`` walk reads a text as: UTF-16 code units (the segmenter's buffer) or
/// Unicode scalars (the extractor's), one step each, or two for a scalar outside the Basic
/// Multilingual Plane (its surrogates, as its words were stored).
public protocol WordTrieUnit {
    /// The first UTF-16 code unit.
    var firstUnit: UInt16 { get }
    /// Whether this is one step of a walk (one UTF-16 code unit).
    var isOneStep: Bool { get }
    /// The cursor of `node`'s child along this unit in `trie`, or -1.
    func child(of node: Int32, in trie: WordTrie.View) -> Int32
}

extension UInt16: WordTrieUnit {
    @inlinable @inline(__always)
    public var firstUnit: UInt16 { self }

    @inlinable @inline(__always)
    public var isOneStep: Bool { true }

    @inlinable @inline(__always)
    public func child(of node: Int32, in trie: WordTrie.View) -> Int32 { trie.step(node, self) }
}

extension Unicode.Scalar: WordTrieUnit {
    @inlinable @inline(__always)
    public var firstUnit: UInt16 { value < 0x10000 ? UInt16(truncatingIfNeeded: value) : UTF16.leadSurrogate(self) }

    @inlinable @inline(__always)
    public var isOneStep: Bool { value < 0x10000 }

    @inlinable @inline(__always)
    public func child(of node: Int32, in trie: WordTrie.View) -> Int32 {
        if value < 0x10000 { return trie.step(node, UInt16(truncatingIfNeeded: value)) }
        let lead = trie.step(node, UTF16.leadSurrogate(self))
        return lead < 0 ? -1 : trie.step(WordTrie.node(lead), UTF16.trailSurrogate(self))
    }
}

extension WordTrie {
    /// A borrowed, read-only view of a ``WordTrie`` for inner loops.
    public struct View {
        @usableFromInline let rootChildren: UnsafeBufferPointer<Int32>
        @usableFromInline let slots: UnsafeBufferPointer<UInt64>
        @usableFromInline let shift: UInt64

        @inlinable
        init(rootChildren: UnsafeBufferPointer<Int32>, slots: UnsafeBufferPointer<UInt64>, shift: UInt64) {
            self.rootChildren = rootChildren
            self.slots = slots
            self.shift = shift
        }

        /// The cursor of the root's child along `unit`: the first step of every walk, one load.
        @inlinable @inline(__always)
        public func start(_ unit: UInt16) -> Int32 { rootChildren[Int(unit)] }

        /// The cursor (`child << 1 | isWord`) of `node`'s child along `unit`, or -1.
        ///
        /// - Complexity: O(1) expected; one cache line per step.
        @inlinable @inline(__always)
        public func step(_ node: Int32, _ unit: UInt16) -> Int32 {
            if node == WordTrie.root { return rootChildren[Int(unit)] }
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
        @inlinable @inline(__always)
        public func touch(_ node: Int32, _ unit: UInt16) -> UInt64 {
            let key = UInt64(UInt32(bitPattern: node)) << 16 | UInt64(unit)
            return slots[Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)]
        }
    }
}
