/// Step a: Unicode clean-up before any layout decision.
///
/// - Full-width ASCII letters and digits become half-width (`１２３` → `123`, `ＯＤＲ` → `ODR`);
///   Chinese punctuation (`，。（）：`) stays full-width.
/// - Line endings (`\r\n`, `\r`, U+0085, U+2028, U+2029) become `\n`.
/// - Zero-width characters (U+200B…U+200D, U+2060, U+FEFF, soft hyphen) and control characters
///   other than `\n` are dropped; a tab becomes a space.
/// - NBSP, the other Unicode spaces and the ideographic space U+3000 become a plain space.
public struct TextNormalizer: Sendable {
    /// Creates a normalizer.
    public init() {}

    /// Returns `text` normalized.
    ///
    /// - Complexity: O(n) in Unicode scalars, one pass, no intermediate strings.
    public func normalize(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        output.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if previousWasCR {
                previousWasCR = false
                if value == 0x0A { continue }
            }
            switch value {
            case 0x0D:
                output.append("\n")
                previousWasCR = true
            case 0x0A, 0x85, 0x2028, 0x2029:
                output.append("\n")
            case 0x09, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                output.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200D, 0x2060, 0xFEFF, 0xAD:
                continue
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                output.append(Unicode.Scalar(value - 0xFEE0)!)
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }
}
