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

    /// Lead bytes after which a rewrite may be due: ASCII controls and DEL, and the UTF-8 lead
    /// bytes of U+0080…U+00BF (C2), U+2000…U+2FFF (E2), U+3000…U+3FFF (E3) and U+F000…U+FFFF (EF).
    private static let special: [Bool] = (0...255).map { byte in
        byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 || byte == 0xE3 || byte == 0xEF
    }

    /// Returns `text` normalized.
    ///
    /// Works on the UTF-8 bytes: every rewrite makes a character shorter or keeps its length,
    /// so the result is built in one buffer of the input's size.
    /// - Complexity: O(n) in UTF-8 bytes, one pass, no intermediate strings.
    public func normalize(_ text: String) -> String {
        var text = text
        // Most documents need no rewrite at all: then the text is returned as it is, without
        // building (and validating) a copy.
        guard text.withUTF8(Self.needsRewrite) else { return text }
        return text.withUTF8 { input in
            String(unsafeUninitializedCapacity: input.count) { output in
                Self.normalize(input, into: output)
            }
        }
    }

    /// Whether `word` may hold a byte that ``special`` marks (below 0x20, 7F, C2, E2, E3 or EF):
    /// false only when none of its eight bytes is one.
    @inline(__always)
    private static func mayHoldSpecial(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let below = (word &- ones &* 0x20) & ~word & (ones &* 0x80)
        return below | ByteSearch.bytes(word, equalTo: 0x7F) | ByteSearch.bytes(word, equalTo: 0xC2)
            | ByteSearch.bytes(word | ones, equalTo: 0xE3) | ByteSearch.bytes(word, equalTo: 0xEF) != 0
    }

    /// Whether `normalize(_:into:)` would change valid UTF-8 `input`.
    ///
    /// Eight bytes are passed at a time while none is special; a word that may hold one is
    /// read character by character.
    private static func needsRewrite(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        special.withUnsafeBufferPointer { special in
            var read = 0
            let count = input.count
            // Bytes before `looked` were in a word that may hold a special byte.
            var looked = 0
            while read < count {
                if read >= looked, read + 8 <= count {
                    guard mayHoldSpecial(UnsafeRawPointer(input.baseAddress! + read).loadUnaligned(as: UInt64.self)) else {
                        read += 8
                        continue
                    }
                    looked = read + 8
                }
                let byte = input[read]
                // A character that needs no rewrite is passed whole (continuation bytes are never special).
                guard special[Int(byte)] else { read += byte < 0xE0 ? 1 : byte < 0xF0 ? 3 : 4; continue }
                switch byte {
                case 0x0A: read += 1
                case 0x00..<0x20, 0x7F: return true
                case 0xC2:
                    switch input[read + 1] {
                    case 0x80...0xA0, 0xAD: return true
                    default: read += 2
                    }
                default:
                    let value = (UInt32(byte & 0x0F) << 12) | (UInt32(input[read + 1] & 0x3F) << 6) | UInt32(input[read + 2] & 0x3F)
                    switch value {
                    case 0x2000...0x200D, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF,
                         0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                        return true
                    default: read += 3
                    }
                }
            }
            return false
        }
    }

    /// Writes the normalized form of valid UTF-8 `input` to `output` (at least as large) and
    /// returns the number of bytes written.
    private static func normalize(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let count = input.count
        var read = 0
        var written = 0
        special.withUnsafeBufferPointer { special in
            while read < count {
                let byte = input[read]
                guard special[Int(byte)] else {
                    output[written] = byte
                    written += 1
                    read += 1
                    continue
                }
                switch byte {
                case 0x0D:
                    output[written] = 0x0A
                    written += 1
                    read += 1
                    if read < count, input[read] == 0x0A { read += 1 }
                case 0x0A:
                    output[written] = 0x0A
                    written += 1
                    read += 1
                case 0x09:
                    output[written] = 0x20
                    written += 1
                    read += 1
                case 0x00..<0x20, 0x7F:
                    read += 1
                case 0xC2:
                    // U+0080…U+00BF.
                    let second = input[read + 1]
                    switch second {
                    case 0x85: output[written] = 0x0A; written += 1
                    case 0xA0: output[written] = 0x20; written += 1
                    case 0x80...0x9F, 0xAD: break
                    default:
                        output[written] = byte
                        output[written + 1] = second
                        written += 2
                    }
                    read += 2
                default:
                    // A three-byte sequence: E2, E3 or EF.
                    let second = input[read + 1]
                    let third = input[read + 2]
                    let value = (UInt32(byte & 0x0F) << 12) | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
                    switch value {
                    case 0x2028, 0x2029:
                        output[written] = 0x0A; written += 1
                    case 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                        output[written] = 0x20; written += 1
                    case 0x200B...0x200D, 0x2060, 0xFEFF:
                        break
                    case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                        output[written] = UInt8(value - 0xFEE0); written += 1
                    default:
                        output[written] = byte
                        output[written + 1] = second
                        output[written + 2] = third
                        written += 3
                    }
                    read += 3
                }
            }
        }
        return written
    }
}
