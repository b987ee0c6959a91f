/// Tells whether a text contains any of a fixed set of literal strings, scanning its UTF-8
/// bytes once: the prefilter that spares most lines a regular-expression match.
///
/// Literals of one or two bytes are looked up by their bytes directly; longer ones are found
/// through two 64K-bit tables of byte pairs (first and second, second and third byte) and then
/// compared in full, so a line of Chinese prose costs a few table look-ups per byte.
struct LiteralScanner: Sendable {
    /// The literals, as UTF-8.
    let literals: [[UInt8]]
    private var single = [Bool](repeating: false, count: 256)
    private var pairs = [UInt64](repeating: 0, count: 1024)
    private var leads = [UInt64](repeating: 0, count: 1024)
    private var tails = [UInt64](repeating: 0, count: 1024)
    private var hasSingle = false
    private var hasPairs = false
    private var hasLong = false
    /// Literals of three or more bytes by their first three bytes.
    private var long: [UInt32: [[UInt8]]] = [:]

    /// A scanner for `literals` (none may be empty).
    init(_ literals: [String]) {
        self.literals = literals.map { Array($0.utf8) }
        for bytes in self.literals {
            switch bytes.count {
            case 0: preconditionFailure("empty literal")
            case 1:
                single[Int(bytes[0])] = true
                hasSingle = true
            case 2:
                Self.set(&pairs, bytes[0], bytes[1])
                hasPairs = true
            default:
                Self.set(&leads, bytes[0], bytes[1])
                Self.set(&tails, bytes[1], bytes[2])
                long[Self.key(bytes[0], bytes[1], bytes[2]), default: []].append(bytes)
                hasLong = true
            }
        }
    }

    private static func set(_ table: inout [UInt64], _ first: UInt8, _ second: UInt8) {
        let bit = Int(first) << 8 | Int(second)
        table[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    private static func key(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> UInt32 {
        UInt32(first) << 16 | UInt32(second) << 8 | UInt32(third)
    }

    /// Whether `text` contains one of the literals.
    ///
    /// - Complexity: O(n) in UTF-8 bytes.
    func occurs(in text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ occurs(in: $0) }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { occurs(in: $0) }
    }

    /// Whether `bytes` contain one of the literals.
    func occurs(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        return single.withUnsafeBufferPointer { single in
            pairs.withUnsafeBufferPointer { pairs in
                leads.withUnsafeBufferPointer { leads in
                    tails.withUnsafeBufferPointer { tails in
                        var index = 0
                        while index < count {
                            let first = bytes[index]
                            if hasSingle, single[Int(first)] { return true }
                            if index + 1 < count {
                                let pair = Int(first) << 8 | Int(bytes[index + 1])
                                if hasPairs, pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 { return true }
                                if hasLong, index + 2 < count, leads[pair >> 6] & (1 << UInt64(pair & 63)) != 0 {
                                    let tail = Int(bytes[index + 1]) << 8 | Int(bytes[index + 2])
                                    if tails[tail >> 6] & (1 << UInt64(tail & 63)) != 0,
                                       matchesLong(bytes, at: index) { return true }
                                }
                            }
                            index += 1
                        }
                        return false
                    }
                }
            }
        }
    }

    /// Whether a literal of three or more bytes starts at `index`.
    private func matchesLong(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard let candidates = long[Self.key(bytes[index], bytes[index + 1], bytes[index + 2])] else { return false }
        for literal in candidates where index + literal.count <= bytes.count {
            var offset = 3
            while offset < literal.count, bytes[index + offset] == literal[offset] { offset += 1 }
            if offset == literal.count { return true }
        }
        return false
    }
}
