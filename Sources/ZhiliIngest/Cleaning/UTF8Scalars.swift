/// Reading single Unicode scalars out of valid UTF-8 bytes, for the byte-level cleaning loops.
enum UTF8Scalars {
    /// The scalar whose bytes start at `index`, and its length in bytes.
    @inline(__always)
    static func scalar(startingAt index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        let value: UInt32
        let length: Int
        if lead < 0x80 {
            return (Unicode.Scalar(lead), 1)
        } else if lead < 0xE0 {
            value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            length = 2
        } else if lead < 0xF0 {
            value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            length = 3
        } else {
            value = UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
            length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The scalar whose bytes end just before `end`, and the index of its first byte.
    @inline(__always)
    static func scalar(endingAt end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int) {
        var start = end - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return (scalar(startingAt: start, in: bytes).0, start)
    }
}
