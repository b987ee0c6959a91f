/// The 64-bit FNV-1a hash: the package's one non-cryptographic hash of bytes, for stable ids and
/// fingerprints that must not change between runs or machines (unlike `Hasher`).
public struct FNV1a: Sendable {
    /// The hash of everything added so far.
    public var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A hash of nothing yet.
    @inlinable public init() {}

    /// Adds one byte.
    @inlinable @inline(__always)
    public mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01B3
    }

    /// Adds bytes.
    @inlinable
    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { add(byte) }
    }

    /// Adds the UTF-8 bytes of `text`.
    @inlinable
    public mutating func add(_ text: String) { add(text.utf8) }

    /// The hash of `bytes`.
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = FNV1a()
        hash.add(bytes)
        return hash.value
    }

    /// `value` as sixteen lower-case, zero-padded hex digits.
    public var hexDigits: String {
        let digits: [UInt8] = (0..<16).map { position in
            let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * UInt64(position))) & 0xF
            return nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
        }
        return String(decoding: digits, as: UTF8.self)
    }
}
