/// Tells which of up to eight groups of literal strings occur in a text, scanning its UTF-8
/// bytes once: the prefilter that spares most lines a regular-expression match.
///
/// Literals start at a character boundary, so continuation bytes are skipped. A one-byte
/// literal is found by a table look-up; longer ones through 64K-bit tables of byte pairs
/// (first and second byte; second and third byte for literals of three or more) and then
/// compared in full, so a line of Chinese prose costs a few table look-ups per character.
struct LiteralScanner: Sendable {
    /// One literal and the groups it belongs to.
    private struct Entry: Sendable {
        var bytes: [UInt8]
        var groups: UInt8
    }

    private var single = [UInt8](repeating: 0, count: 256)
    /// Six 64K-bit tables of byte pairs, one after the other (see the `Table` offsets).
    private var tables = [UInt64](repeating: 0, count: 6 * 1024)

    /// Offsets of the pair tables in `tables`.
    private enum Table {
        /// First two bytes of two-byte literals.
        static let shortPairs = 0
        /// First and second, second and third byte of literals of three to five bytes.
        static let leads = 1024, tails = 2048
        /// The same for literals of six or more, and their fifth and sixth bytes (usually the
        /// second of two Han characters).
        static let longLeads = 3072, longTails = 4096, fifths = 5120
    }
    /// Literals of two or more bytes by their first two bytes.
    private var entries: [UInt16: [Entry]] = [:]
    /// Every group bit in use.
    let allGroups: UInt8

    /// A scanner for one group of literals (none may be empty).
    init(_ literals: [String]) { self.init(groups: [literals]) }

    /// A scanner for up to eight groups; group `i` is reported as bit `1 << i`.
    init(groups: [[String]]) {
        precondition(groups.count <= 8, "at most eight groups")
        var all: UInt8 = 0
        for (group, literals) in groups.enumerated() {
            let bit = UInt8(1) << UInt8(group)
            for literal in literals {
                let bytes = Array(literal.utf8)
                precondition(!bytes.isEmpty, "empty literal")
                all |= bit
                if bytes.count == 1 {
                    single[Int(bytes[0])] |= bit
                    continue
                }
                if bytes.count == 2 {
                    Self.set(&tables, Table.shortPairs, bytes[0], bytes[1])
                } else if bytes.count >= 6 {
                    Self.set(&tables, Table.longLeads, bytes[0], bytes[1])
                    Self.set(&tables, Table.longTails, bytes[1], bytes[2])
                    Self.set(&tables, Table.fifths, bytes[4], bytes[5])
                } else {
                    Self.set(&tables, Table.leads, bytes[0], bytes[1])
                    Self.set(&tables, Table.tails, bytes[1], bytes[2])
                }
                entries[UInt16(bytes[0]) << 8 | UInt16(bytes[1]), default: []].append(Entry(bytes: bytes, groups: bit))
            }
        }
        allGroups = all
    }

    private static func set(_ tables: inout [UInt64], _ table: Int, _ first: UInt8, _ second: UInt8) {
        let bit = Int(first) << 8 | Int(second)
        tables[table + bit >> 6] |= 1 << UInt64(bit & 63)
    }

    @inline(__always)
    private static func test(_ tables: UnsafeBufferPointer<UInt64>, _ table: Int, _ pair: Int) -> Bool {
        tables[table + pair >> 6] & (1 << UInt64(pair & 63)) != 0
    }

    /// Whether `text` contains a literal of any group.
    func occurs(in text: String) -> Bool { groups(in: text) != 0 }

    /// The groups with a literal in `text`.
    ///
    /// - Complexity: O(n) in UTF-8 bytes.
    func groups(in text: String) -> UInt8 {
        var text = text
        return text.withUTF8 { groups(in: $0) }
    }

    /// The groups with a literal in `bytes` (valid UTF-8).
    func groups(in bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let count = bytes.count
        var found: UInt8 = 0
        single.withUnsafeBufferPointer { single in
            tables.withUnsafeBufferPointer { tables in
                var index = 0
                while index < count {
                    let first = bytes[index]
                    if first & 0xC0 == 0x80 { index += 1; continue }
                    found |= single[Int(first)]
                    if index + 1 < count {
                        let pair = Int(first) << 8 | Int(bytes[index + 1])
                        var candidate = Self.test(tables, Table.shortPairs, pair)
                        if !candidate, index + 2 < count {
                            let tail = Int(bytes[index + 1]) << 8 | Int(bytes[index + 2])
                            candidate = Self.test(tables, Table.leads, pair) && Self.test(tables, Table.tails, tail)
                            if !candidate, index + 5 < count, Self.test(tables, Table.longLeads, pair),
                               Self.test(tables, Table.longTails, tail) {
                                candidate = Self.test(tables, Table.fifths, Int(bytes[index + 4]) << 8 | Int(bytes[index + 5]))
                            }
                        }
                        if candidate { found |= matches(bytes, at: index) }
                    }
                    if found == allGroups { return }
                    index += 1
                }
            }
        }
        return found
    }

    /// The groups of the literals of two or more bytes that start at `index`.
    private func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt8 {
        guard let candidates = entries[UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])] else { return 0 }
        var found: UInt8 = 0
        for entry in candidates where index + entry.bytes.count <= bytes.count {
            var offset = 2
            while offset < entry.bytes.count, bytes[index + offset] == entry.bytes[offset] { offset += 1 }
            if offset == entry.bytes.count { found |= entry.groups }
        }
        return found
    }
}
