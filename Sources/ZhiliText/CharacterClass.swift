/// The package's one table of character classes, each written as the characters themselves.
///
/// Every test is a `switch` over scalar literals or Unicode block ranges, which the compiler turns
/// into a few comparisons; `@inlinable` so that the cleaner's, segmenter's and extractor's inner
/// loops pay no call. Adding a character to a class means adding it to one `case` line here.
public enum CharacterClass {
    /// A Han ideograph: CJK Unified Ideographs and extension A, the compatibility ideographs, and
    /// extensions B–H with the compatibility supplement.
    @inlinable @inline(__always)
    public static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x323AF: return true
        default: return false
        }
    }

    /// ``isHan(_:)`` for a UTF-16 code unit (surrogates, halves of extension characters, are not).
    @inlinable @inline(__always)
    public static func isHan(utf16 unit: UInt16) -> Bool {
        (unit >= 0x4E00 && unit <= 0x9FFF) || (unit >= 0x3400 && unit <= 0x4DBF) || (unit >= 0xF900 && unit <= 0xFAFF)
    }

    /// An ASCII digit 0–9.
    @inlinable @inline(__always)
    public static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

    /// An ASCII or full-width digit (0–9, ０–９).
    @inlinable @inline(__always)
    public static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "0"..."9", "０"..."９": return true
        default: return false
        }
    }

    /// An ASCII letter.
    @inlinable @inline(__always)
    public static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A
    }

    /// A space or tab (line breaks are not).
    @inlinable @inline(__always)
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

    /// Punctuation that ends a sentence: a statement's figures, years and regions stay within it.
    @inlinable @inline(__always)
    public static func isSentenceEnd(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "。", "！", "？", "!", "?": return true
        default: return false
        }
    }

    /// Punctuation a line of prose may end with where the line break is real: the sentence ends,
    /// and the ellipsis, semicolons and full-width full stop that close list items and quotations.
    @inlinable @inline(__always)
    public static func isLineEnd(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "。", "！", "？", "!", "?", "…", "；", ";", "．": return true
        default: return false
        }
    }

    /// A closing quote or bracket, which stays with the sentence end before it.
    @inlinable @inline(__always)
    public static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "”", "’", "」", "』", "）", ")", "\"", "'", "》", "】", "]": return true
        default: return false
        }
    }

    /// Punctuation that ends a clause: a phrase (metric, program name) never runs across it.
    @inlinable @inline(__always)
    public static func isClauseBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "。", "！", "？", "!", "?", "，", ",", "；", ";", "：", ":", "\n", "…", "—", "|", "｜": return true
        default: return false
        }
    }

    /// Punctuation found inside sentences but not in headlines.
    @inlinable @inline(__always)
    public static func isSentencePunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "，", ",", "。", "；", ";", "！", "!", "？", "?", "、", "…": return true
        default: return false
        }
    }
}
