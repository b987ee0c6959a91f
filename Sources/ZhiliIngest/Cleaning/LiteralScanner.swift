/// Tells which of up to 64 groups of literal strings occur in a text, scanning its UTF-8
/// bytes once: the prefilter that spares most lines a regular-expression match.
///
/// Literals start at a character boundary, so the scan steps from character to character. A
/// one-byte literal is found by a table look-up. Longer ones are keyed by the low twelve bits
/// of their first scalar: one test in a 4,096-bit set (small enough to stay in the L1 cache)
/// rules out almost every character of Chinese prose, and only the characters it lets through
/// have the literals of their key compared in full.
struct LiteralScanner: Sendable {
    /// One literal and the groups it belongs to.
    private struct Entry: Sendable {
        var bytes: [UInt8]
        var groups: UInt64
    }

    /// The groups of the one-byte (ASCII) literals, by byte.
    private var single = [UInt64](repeating: 0, count: 128)
    /// The keys (see ``key(at:in:)``) of the first characters of the literals of two or more
    /// bytes, as a 4,096-bit set.
    private var starts = [UInt64](repeating: 0, count: 64)
    /// The literals of two or more bytes by the key of their first character.
    private var buckets = [[Entry]](repeating: [], count: 4096)
    /// Every group bit in use.
    let allGroups: UInt64

    /// A scanner for one group of literals (none may be empty).
    init(_ literals: [String]) { self.init(groups: [literals]) }

    /// A scanner for up to 64 groups; group `i` is reported as bit `1 << i`.
    init(groups: [[String]]) {
        precondition(groups.count <= 64, "at most 64 groups")
        var all: UInt64 = 0
        for (group, literals) in groups.enumerated() {
            let bit = UInt64(1) << UInt64(group)
            for literal in literals {
                let bytes = Array(literal.utf8)
                precondition(!bytes.isEmpty, "empty literal")
                all |= bit
                if bytes.count == 1 {
                    // A one-byte string is ASCII.
                    single[Int(bytes[0])] |= bit
                    continue
                }
                let key = bytes.withUnsafeBufferPointer { Self.key(at: 0, in: $0).key }
                starts[key >> 6] |= 1 << UInt64(key & 63)
                buckets[key].append(Entry(bytes: bytes, groups: bit))
            }
        }
        allGroups = all
    }

    /// The key of the character that starts at `index` in valid UTF-8 `bytes`: the low twelve
    /// bits of its scalar (an ASCII byte is its own key); and its length in bytes (1 for a
    /// stray continuation byte).
    @inline(__always)
    private static func key(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (key: Int, length: Int) {
        let lead = bytes[index]
        if lead < 0xC0 { return (Int(lead), 1) }
        if lead < 0xE0 { return (Int(lead & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F), 2) }
        if lead < 0xF0 { return (Int(bytes[index + 1] & 0x3F) << 6 | Int(bytes[index + 2] & 0x3F), 3) }
        return (Int(bytes[index + 2] & 0x3F) << 6 | Int(bytes[index + 3] & 0x3F), 4)
    }

    /// Whether `text` contains a literal of any group.
    func occurs(in text: String) -> Bool { groups(in: text) != 0 }

    /// The groups with a literal in `text`.
    ///
    /// - Complexity: O(n) in UTF-8 bytes.
    func groups(in text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { groups(in: $0) }
    }

    /// The groups with a literal in `bytes` (valid UTF-8).
    func groups(in bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        var found: UInt64 = 0
        single.withUnsafeBufferPointer { single in
            starts.withUnsafeBufferPointer { starts in
                var index = 0
                while index < count {
                    let lead = bytes[index]
                    if lead < 0x80 { found |= single[Int(lead)] }
                    let (key, length) = Self.key(at: index, in: bytes)
                    if starts[key >> 6] & (1 << UInt64(key & 63)) != 0 {
                        for entry in buckets[key] where entry.groups & ~found != 0 && Self.holds(bytes, entry.bytes, at: index) {
                            found |= entry.groups
                        }
                    }
                    if found == allGroups { return }
                    index += length
                }
            }
        }
        return found
    }

    /// Whether `literal` occurs in `bytes` at `index`.
    @inline(__always)
    private static func holds(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: [UInt8], at index: Int) -> Bool {
        guard index + literal.count <= bytes.count else { return false }
        for offset in 0..<literal.count where bytes[index + offset] != literal[offset] { return false }
        return true
    }
}
