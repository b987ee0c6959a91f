import CZhiliICU

/// The result of converting bytes to Unicode.
public struct DecodedText: Sendable {
    /// The decoded text; invalid sequences are U+FFFD.
    public var text: String
    /// Byte offsets of the first invalid sequences (at most 100 are kept).
    public var invalidOffsets: [Int]
    /// How many invalid sequences there were in all.
    public var invalidCount: Int
}

/// Conversion from a named charset to Unicode with ICU's `ucnv`.
///
/// ICU documentation: <https://unicode-org.github.io/icu-docs/apidoc/released/icu4c/ucnv_8h.html>.
public enum CharsetConverter {
    /// Whether ICU has a converter for `charset` (names and aliases such as "GBK", "big5", "utf-16le").
    public static func isKnown(_ charset: String) -> Bool {
        zhili_charset_is_known(charset) != 0
    }

    /// Decodes `bytes` from `charset`, replacing invalid sequences with U+FFFD and noting their offsets.
    public static func decode(_ bytes: UnsafeRawBufferPointer, charset: String) throws(ICUError) -> DecodedText {
        let length = bytes.count
        if length == 0 { return DecodedText(text: "", invalidOffsets: [], invalidCount: 0) }
        guard length < Int(Int32.max / 2) - 2 else {
            throw ICUError(code: 1, operation: "ucnv_toUnicode: input of \(length) bytes is too large")
        }
        let source = bytes.baseAddress!.assumingMemoryBound(to: CChar.self)
        var offsets = [Int32](repeating: 0, count: 100)
        var invalidCount: Int32 = 0
        var status: Int32 = 0
        // Every byte becomes at most one UTF-16 unit, or a surrogate pair for 4-byte sequences.
        let capacity = 2 * length + 2
        var written = 0
        let units = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
            written = Int(zhili_convert_to_utf16(
                charset, source, Int32(length), buffer.baseAddress, Int32(capacity),
                &offsets, Int32(offsets.count), &invalidCount, &status))
            count = status > 0 ? 0 : min(written, capacity)
        }
        try ICUError.check(status, "ucnv_toUnicode(\(charset))")
        let text = String(decoding: units, as: UTF16.self)
        let kept = min(Int(invalidCount), offsets.count)
        return DecodedText(text: text, invalidOffsets: offsets[0..<kept].map(Int.init), invalidCount: Int(invalidCount))
    }

    /// Encodes `text` in `charset` (unmappable characters become the charset's substitution byte).
    public static func encode(_ text: String, charset: String) throws(ICUError) -> [UInt8] {
        let units = Array(text.utf16)
        var capacity = units.count * 4 + 16
        while true {
            var status: Int32 = 0
            var needed: Int32 = 0
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                needed = units.withUnsafeBufferPointer { source in
                    buffer.withMemoryRebound(to: CChar.self) { dest in
                        zhili_convert_from_utf16(charset, source.baseAddress, Int32(units.count), dest.baseAddress, Int32(capacity), &status)
                    }
                }
                count = status > 0 ? 0 : Int(needed)
            }
            if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ {
                capacity = Int(needed) + 16
                continue
            }
            try ICUError.check(status, "ucnv_fromUChars(\(charset))")
            return bytes
        }
    }
}
