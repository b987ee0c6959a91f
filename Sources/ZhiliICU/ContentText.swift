import ZhiliText

/// The content of a text with its form taken away: Traditional characters folded to Simplified
/// (``TraditionalFolding``), ASCII letters lower-cased, full-width digits and letters made ASCII,
/// and everything that is not a Han character, letter or digit (punctuation, spaces, line
/// breaks, symbols) dropped. Two copies of one article that differ only in script, punctuation
/// width or line breaks have the same content text; it is what article ids hash and what
/// near-duplicate detection shingles.
///
/// ```swift
/// ContentText.scalars(of: "網格員 2,300 名。")   // 网格员2300名
/// ```
public enum ContentText {
    /// The content scalars of `text`, as scalar values.
    ///
    /// - Complexity: O(n) in the number of scalars, one table read each.
    public static func scalars(of text: String) -> [UInt32] {
        var result: [UInt32] = []
        append(text, to: &result)
        return result
    }

    /// Appends the content scalars of `text` to `result`.
    public static func append(_ text: String, to result: inout [UInt32]) {
        result.reserveCapacity(result.count + text.utf8.count / 3 + 8)
        var text = text
        TraditionalFolding.table.withUnsafeBufferPointer { table in
            text.withUTF8 { bytes in
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        index &+= 1
                        switch byte {
                        case 0x30...0x39, 0x61...0x7A: result.append(UInt32(byte))
                        case 0x41...0x5A: result.append(UInt32(byte | 0x20))
                        default: break
                        }
                        continue
                    }
                    let value: UInt32
                    if byte & 0xF0 == 0xE0, index &+ 2 < bytes.count {
                        // Three bytes: every Han character of the BMP and CJK punctuation, decoded inline.
                        value = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index &+ 1] & 0x3F) << 6 | UInt32(bytes[index &+ 2] & 0x3F)
                        index &+= 3
                    } else {
                        let (scalar, length) = UTF8Cursor.scalar(startingAt: index, in: bytes)
                        value = scalar.value
                        index &+= length
                    }
                    switch value {
                    case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF:
                        let simplified = table[Int(value)]
                        result.append(simplified == 0 ? value : UInt32(simplified))
                    case 0x20000...0x323AF:
                        result.append(value)
                    case 0xFF10...0xFF19:
                        result.append(value - 0xFF10 + 0x30)   // ０–９
                    case 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                        result.append((value - 0xFF21 + 0x41) | 0x20)   // Ａ–Ｚ, ａ–ｚ
                    case 0x2000..<0x2070, 0x3000..<0x3040, 0xFE30...:
                        break   // general and CJK punctuation, full-width forms: the common case, no lookup
                    default:
                        // Other scripts' letters (Mongolian, Latin with accents) count; symbols do not.
                        if let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic { result.append(value) }
                    }
                }
            }
        }
    }

    /// The 16-hex-digit content id of an article: FNV-1a over the content scalars of its title, a
    /// line feed, then those of its body, one step per scalar (its value's four bytes xored in at
    /// once). Copies that differ only in script, punctuation, spacing, line breaks or where they
    /// were found have one id.
    public static func identifier(title: String?, paragraphs: [String]) -> String {
        var body: [UInt32] = []
        for paragraph in paragraphs { append(paragraph, to: &body) }
        return identifier(title: scalars(of: title ?? ""), body: body)
    }

    /// ``identifier(title:paragraphs:)`` from the content scalars of the title and of the body.
    public static func identifier(title: [UInt32], body: [UInt32]) -> String {
        var hash = FNV1a()
        @inline(__always) func add(_ value: UInt32) {
            hash.value ^= UInt64(value)
            hash.value &*= 0x0000_0100_0000_01B3
        }
        for value in title { add(value) }
        add(0x0A)
        for value in body { add(value) }
        return hash.hexDigits
    }
}
