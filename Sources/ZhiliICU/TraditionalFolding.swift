import ZhiliText

/// Folds Traditional Chinese characters to Simplified, one scalar for one, so that an offset into
/// the folded text is the same offset into the text as written: stages match and name things on
/// the folded text (網格員 → 网格员) and quote spans and sentences from the text as written.
///
/// The table is ICU's `Traditional-Simplified` transform applied to each Han character of the
/// Basic Multilingual Plane (characters it maps to more or less than one scalar are left as they
/// are), generated once into TraditionalTable.swift by scripts/gen-traditional-table: compiling
/// the transform's rules in every process took longer than folding a whole dump. A
/// character-level fold cannot see phrases (乾隆 becomes 干隆); docs/traditional-chinese.md
/// compares it with OpenCC's phrase-level conversion.
public enum TraditionalFolding {
    /// For each BMP scalar, its Simplified form (0 where it is unchanged).
    static let table: [UInt16] = makeTable()

    /// `text` with every Traditional character folded, or nil when it holds none.
    ///
    /// - Complexity: O(n) in the number of scalars, one table read each.
    public static func folded(_ text: String) -> String? {
        let table = self.table
        guard holdsTraditional(text, table: table) else { return nil }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(fold(scalar, table: table)) }
        return String(result)
    }

    /// Whether `text` holds a character the table folds, read from its UTF-8 bytes.
    private static func holdsTraditional(_ text: String, table: [UInt16]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let (scalar, length) = UTF8Cursor.scalar(startingAt: index, in: bytes)
                if scalar.value < 0x10000, table[Int(scalar.value)] != 0 { return true }
                index += length
            }
            return false
        }
    }

    /// `text` folded (itself when it holds no Traditional character).
    public static func fold(_ text: String) -> String { folded(text) ?? text }

    /// The Simplified form of `scalar` (itself when it has none), from `table`.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar, table: [UInt16]) -> Unicode.Scalar {
        guard scalar.value < 0x10000 else { return scalar }
        let simplified = table[Int(scalar.value)]
        return simplified == 0 ? scalar : Unicode.Scalar(simplified)!
    }

    /// The table from ``pairs`` (TraditionalTable.swift, generated from ICU's transform).
    private static func makeTable() -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 0x10000)
        var traditional: Unicode.Scalar?
        for scalar in pairs.unicodeScalars where scalar != "\n" {
            if let written = traditional {
                table[Int(written.value)] = UInt16(scalar.value)
                traditional = nil
            } else {
                traditional = scalar
            }
        }
        return table
    }
}
