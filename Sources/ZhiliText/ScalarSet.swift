/// A set of scalars written as the characters themselves (`"。！？"`), compiled once into a
/// bitmap indexed by scalar value (as long as its largest member needs): ``contains(_:)`` is
/// one bounds test and one bit test, with no hashing. The readable form of a character test
/// that a `switch` over many scalars would spell out as a chain of comparisons.
public struct ScalarSet: Sendable, ExpressibleByStringLiteral {
    /// Bit `v & 63` of word `v >> 6` is set for each member `v`.
    @usableFromInline let bits: [UInt64]

    /// The set of `scalars`.
    public init(_ scalars: some Sequence<Unicode.Scalar>) {
        let values = scalars.map { Int($0.value) }
        var bits = [UInt64](repeating: 0, count: (values.max() ?? 0) / 64 + 1)
        for value in values { bits[value >> 6] |= 1 << UInt64(value & 63) }
        self.bits = bits
    }

    /// The set of the scalars of `characters`.
    public init(stringLiteral characters: String) {
        self.init(characters.unicodeScalars)
    }

    /// Whether `scalar` is a member.
    @inlinable @inline(__always)
    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = Int(scalar.value)
        return value >> 6 < bits.count && bits[value >> 6] & (1 << UInt64(value & 63)) != 0
    }
}
