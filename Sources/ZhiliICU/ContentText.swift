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
        let table = TraditionalFolding.table
        result.reserveCapacity(result.count + text.utf8.count / 3 + 8)
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                    switch byte {
                    case 0x30...0x39, 0x61...0x7A: result.append(UInt32(byte))
                    case 0x41...0x5A: result.append(UInt32(byte | 0x20))
                    default: break
                    }
                    continue
                }
                let (scalar, length) = UTF8Cursor.scalar(startingAt: index, in: bytes)
                index += length
                let value = scalar.value
                if CharacterClass.isHan(scalar) {
                    if value < 0x10000, table[Int(value)] != 0 {
                        result.append(UInt32(table[Int(value)]))
                    } else {
                        result.append(value)
                    }
                } else if value >= 0xFF10 && value <= 0xFF19 {
                    result.append(value - 0xFF10 + 0x30)   // ０–９
                } else if (value >= 0xFF21 && value <= 0xFF3A) || (value >= 0xFF41 && value <= 0xFF5A) {
                    result.append((value - 0xFF21 + 0x41) | 0x20)   // Ａ–Ｚ, ａ–ｚ
                } else if scalar.properties.isAlphabetic && !scalar.properties.isWhitespace {
                    result.append(value)   // other scripts' letters (Mongolian, Latin with accents)
                }
            }
        }
    }

    /// The 16-hex-digit content id of an article: FNV-1a over the UTF-8 of the content scalars of
    /// its title, a line feed, then those of its body. Copies that differ only in script,
    /// punctuation, spacing, line breaks or where they were found have one id.
    public static func identifier(title: String?, paragraphs: [String]) -> String {
        var hash = FNV1a()
        for value in scalars(of: title ?? "") { add(value, to: &hash) }
        hash.add(0x0A)
        for paragraph in paragraphs {
            for value in scalars(of: paragraph) { add(value, to: &hash) }
        }
        return hash.hexDigits
    }

    /// Adds the UTF-8 bytes of scalar `value` to `hash`.
    @inline(__always)
    private static func add(_ value: UInt32, to hash: inout FNV1a) {
        switch value {
        case 0..<0x80:
            hash.add(UInt8(value))
        case 0x80..<0x800:
            hash.add(UInt8(0xC0 | (value >> 6)))
            hash.add(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            hash.add(UInt8(0xE0 | (value >> 12)))
            hash.add(UInt8(0x80 | ((value >> 6) & 0x3F)))
            hash.add(UInt8(0x80 | (value & 0x3F)))
        default:
            hash.add(UInt8(0xF0 | (value >> 18)))
            hash.add(UInt8(0x80 | ((value >> 12) & 0x3F)))
            hash.add(UInt8(0x80 | ((value >> 6) & 0x3F)))
            hash.add(UInt8(0x80 | (value & 0x3F)))
        }
    }
}
