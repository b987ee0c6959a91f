/// Reading Unicode scalars out of well-formed UTF-8 bytes by byte offset: the one hand-written
/// UTF-8 decoder of the package, for loops that need byte offsets (elsewhere `String`'s own
/// views serve).
///
/// Every function expects well-formed UTF-8, as a `String`'s storage always is.
public enum UTF8Cursor {
    /// Whether `byte` continues a multi-byte scalar (`10xxxxxx`).
    @inlinable @inline(__always)
    public static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// The length in bytes of the scalar whose first byte is `lead`.
    @inlinable @inline(__always)
    public static func length(lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The scalar whose bytes start at `index`, and its length in bytes.
    @inlinable @inline(__always)
    public static func scalar(startingAt index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = UInt32(bytes[index])
        let value: UInt32
        let length: Int
        if lead < 0x80 {
            return (Unicode.Scalar(UInt8(lead)), 1)
        } else if lead >= 0xE0 && lead < 0xF0 {
            // Three bytes (tested first): Han characters of the Basic Multilingual Plane.
            value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            length = 3
        } else if lead < 0xE0 {
            value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            length = 2
        } else {
            value = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
            length = 4
        }
        // Well-formed UTF-8 decodes to valid scalars only.
        return (unsafeBitCast(value, to: Unicode.Scalar.self), length)
    }

    /// The scalar whose bytes end just before `end`, and the index of its first byte.
    @inlinable @inline(__always)
    public static func scalar(endingAt end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, start: Int) {
        var start = end - 1
        while start > 0, isContinuation(bytes[start]) { start -= 1 }
        return (scalar(startingAt: start, in: bytes).scalar, start)
    }

    /// The number of scalars in `bytes`, counting at most `limit`.
    ///
    /// - Complexity: O(min(n, limit)): a scalar per byte that is not a continuation byte.
    @inlinable
    public static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = .max) -> Int {
        var count = 0
        for byte in bytes where !isContinuation(byte) {
            count += 1
            if count >= limit { return count }
        }
        return count
    }

    /// The number of scalars in `text`, counting at most `limit`.
    @inlinable
    public static func scalarCount(_ text: String, limit: Int = .max) -> Int {
        var text = text
        return text.withUTF8 { scalarCount($0, limit: limit) }
    }

    /// The scalars of `bytes` and the byte offset of each, plus the end (one more offset than
    /// scalars), so that scalar offsets and byte offsets convert both ways without a search.
    ///
    /// - Complexity: two passes over the bytes, no per-scalar allocation.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> (scalars: [Unicode.Scalar], byteOffsets: [Int32]) {
        let count = scalarCount(bytes)
        var offsets: [Int32] = []
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: count) { scalarBuffer, scalarsMade in
            offsets = [Int32](unsafeUninitializedCapacity: count + 1) { offsetBuffer, offsetsMade in
                var index = 0, made = 0
                while index < bytes.count {
                    let (scalar, length) = scalar(startingAt: index, in: bytes)
                    scalarBuffer[made] = scalar
                    offsetBuffer[made] = Int32(index)
                    made += 1
                    index += length
                }
                offsetBuffer[made] = Int32(index)
                scalarsMade = made
                offsetsMade = made + 1
            }
        }
        return (scalars, offsets)
    }
}
