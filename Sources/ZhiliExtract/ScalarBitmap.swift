/// A set of Basic Multilingual Plane scalars as one bit each: membership is a shift and a mask,
/// where a `switch` over many scalars compiles to a chain of comparisons.
///
/// Scalars outside the BMP are never members.
struct ScalarBitmap: Sendable {
    private var words = [UInt64](repeating: 0, count: 0x10000 / 64)

    /// A bitmap holding `scalars` (those outside the BMP are ignored).
    init(_ scalars: some Sequence<Unicode.Scalar>) {
        for scalar in scalars where scalar.value < 0x10000 {
            words[Int(scalar.value >> 6)] |= 1 << UInt64(scalar.value & 63)
        }
    }

    /// Whether `scalar` is in the set.
    @inline(__always)
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x10000 && words[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0
    }
}
