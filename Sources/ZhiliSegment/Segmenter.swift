import ZhiliCore
import ZhiliICU

/// Splits Chinese text into tokens: ICU word breaks with a domain lexicon layered on top.
///
/// Not thread-safe (it owns an ICU break iterator): give each thread its own segmenter.
public final class Segmenter {
    private let breaker: WordBreaker

    /// Creates a segmenter.
    public init() throws {
        breaker = try WordBreaker(locale: "zh")
    }

    /// The tokens of `text`, with offsets in Unicode scalars; whitespace is skipped.
    public func tokens(in text: String) throws -> [Token] {
        let units = Array(text.utf16)
        var tokens: [Token] = []
        tokens.reserveCapacity(units.count / 2)
        // Map UTF-16 offsets to scalar offsets as we go (surrogate pairs count once).
        var scalarOffset = 0
        var unitOffset = 0
        try units.withUnsafeBufferPointer { buffer in
            try breaker.forEachSegment(in: buffer) { start, end, rule in
                let startScalar = scalarOffset
                var isSpace = true
                while unitOffset < end {
                    let unit = buffer[unitOffset]
                    if UTF16.isLeadSurrogate(unit) { unitOffset += 1 }
                    if !(unit == 0x20 || unit == 0x0A || unit == 0x09 || unit == 0x0D || unit == 0x3000) { isSpace = false }
                    unitOffset += 1
                    scalarOffset += 1
                }
                if isSpace { return }
                let kind: TokenKind
                switch rule {
                case .number: kind = .number
                case .letter: kind = .latin
                case .ideograph, .kana: kind = .word
                case .none: kind = .punct
                }
                tokens.append(Token(start: startScalar, end: scalarOffset, kind: kind))
            }
        }
        return tokens
    }
}
