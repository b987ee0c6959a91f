/// Searches of UTF-8 bytes eight at a time (word-at-a-time tests of eight bytes), for byte-level
/// loops over text.
public enum ByteSearch {
    @inlinable static var ones: UInt64 { 0x0101_0101_0101_0101 }

    /// The high bit of every zero byte of `word`, and perhaps of bytes above one: a word with
    /// no bit set holds no zero byte.
    @inlinable @inline(__always)
    public static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & (ones &* 0x80)
    }

    /// Flags the bytes of `word` equal to `byte` (see ``zeroBytes(_:)``).
    @inlinable @inline(__always)
    public static func bytes(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
        zeroBytes(word ^ (ones &* UInt64(byte)))
    }

    /// Whether a UTF-8 byte of `text` satisfies `predicate`: a tight loop over the string's own
    /// bytes (the generic `text.utf8.contains(where:)` costs several times more per byte).
    @inlinable
    public static func contains(in text: String, where predicate: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(where: predicate) }
    }

    /// The index of the first `\n` in `bytes` at or after `start`, or `bytes.count`.
    @inlinable @inline(__always)
    public static func firstNewline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        firstIndex(in: bytes, from: start, flagging: { Self.bytes($0, equalTo: 0x0A) }, where: { $0 == 0x0A })
    }

    /// The index of the first space or tab in `bytes` at or after `start`, or `bytes.count`.
    @inlinable @inline(__always)
    public static func firstSpace(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        firstIndex(in: bytes, from: start, flagging: { Self.bytes($0, equalTo: 0x20) | Self.bytes($0, equalTo: 0x09) },
                   where: { $0 == 0x20 || $0 == 0x09 })
    }

    /// The index of the first byte at or after `start` that satisfies `predicate`, or
    /// `bytes.count`; `flagging` must give a nonzero value for every word holding such a byte.
    @inlinable @inline(__always)
    static func firstIndex(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, flagging: (UInt64) -> UInt64, where predicate: (UInt8) -> Bool
    ) -> Int {
        let count = bytes.count
        var index = start
        if let base = bytes.baseAddress {
            while index + 8 <= count, flagging(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) == 0 {
                index += 8
            }
        }
        while index < count, !predicate(bytes[index]) { index += 1 }
        return index
    }
}
