/// Folds Traditional Chinese characters to Simplified, one scalar for one, so that an offset into
/// the folded text is the same offset into the text as written: stages match and name things on
/// the folded text (網格員 → 网格员) and quote spans and sentences from the text as written.
///
/// The table is ICU's `Traditional-Simplified` transform applied to each Han character of the
/// Basic Multilingual Plane once per process (characters it maps to more or less than one scalar
/// are left as they are). A character-level fold cannot see phrases: 乾隆 becomes 干隆 and 後 in
/// 皇后 is not there to fold. Folded text is only matched, never shown, so such misses cost a
/// match at worst; docs/architecture.md compares it with OpenCC's phrase-level conversion.
public enum TraditionalFolding {
    /// For each BMP scalar, its Simplified form (0 where it is unchanged).
    static let table: [UInt16] = makeTable()

    /// `text` with every Traditional character folded, or nil when it holds none.
    ///
    /// - Complexity: O(n) in the number of scalars, one table read each.
    public static func folded(_ text: String) -> String? {
        let table = self.table
        guard text.unicodeScalars.contains(where: { $0.value < 0x10000 && table[Int($0.value)] != 0 }) else { return nil }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(fold(scalar, table: table)) }
        return String(result)
    }

    /// `text` folded (itself when it holds no Traditional character).
    public static func fold(_ text: String) -> String { folded(text) ?? text }

    /// The Simplified form of `scalar` (itself when it has none).
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar, table: [UInt16]) -> Unicode.Scalar {
        guard scalar.value < 0x10000 else { return scalar }
        let simplified = table[Int(scalar.value)]
        return simplified == 0 ? scalar : Unicode.Scalar(simplified)!
    }

    private static func makeTable() -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 0x10000)
        guard let transform = try? Transform("Traditional-Simplified") else { return table }
        // One transform call over every character, each on its own line.
        let ranges: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF]
        var characters: [Unicode.Scalar] = []
        var text = String.UnicodeScalarView()
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                characters.append(scalar)
                text.append(scalar)
                text.append("\n")
            }
        }
        guard let converted = try? transform.apply(String(text)) else { return table }
        let lines = converted.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= characters.count else { return table }
        for (scalar, line) in zip(characters, lines) {
            let scalars = line.unicodeScalars
            guard scalars.count == 1, let simplified = scalars.first, simplified != scalar, simplified.value < 0x10000 else { continue }
            table[Int(scalar.value)] = UInt16(simplified.value)
        }
        return table
    }
}
