import ZhiliCore

/// The terms the full-text index holds for a segmented text: each token, and inside each longer
/// word its finer sub-tokens at the same position (search-mode granularity).
///
/// 老李调解室 is indexed as itself and, colocated, as every substring of 1 to
/// ``IndexTerms/maximumSubTokenLength`` characters (老, 李, 调解, 调解室 …), so 1- and 2-character
/// queries match inside longer words while the positions of whole words keep phrase queries exact.
/// A figure such as 2.2万人 is also indexed as its number (2.2), its unit part (万人) and each character
/// of the unit. Punctuation is not indexed.
public enum IndexTerms {
    /// Longest sub-token emitted inside a word, in characters.
    public static let maximumSubTokenLength = 4

    /// Calls `body` with each term of `tokens` as a scalar range; `colocated` terms share the
    /// position of the term before them.
    ///
    /// `scalars` must be the Unicode scalars of the segmented text (used to find number runs in figures).
    /// - Complexity: O(n · k) for n scalars and k = ``maximumSubTokenLength``; allocates nothing.
    @inlinable
    public static func forEach<Scalars: RandomAccessCollection>(
        in tokens: [Token], scalars: Scalars,
        _ body: (_ start: Int, _ end: Int, _ colocated: Bool) throws -> Void
    ) rethrows where Scalars.Element == Unicode.Scalar, Scalars.Index == Int {
        for token in tokens {
            let length = token.end - token.start
            guard length > 0 else { continue }
            switch token.kind {
            case .punct:
                continue
            case .word:
                try body(token.start, token.end, false)
                guard length > 1 else { continue }
                for width in 1...min(length - 1, maximumSubTokenLength) {
                    var start = token.start
                    while start + width <= token.end {
                        try body(start, start + width, true)
                        start += 1
                    }
                }
            case .figure:
                try body(token.start, token.end, false)
                var numberEnd = token.start
                while numberEnd < token.end, isNumberScalar(scalars[numberEnd]) { numberEnd += 1 }
                guard numberEnd > token.start, numberEnd < token.end else { continue }
                try body(token.start, numberEnd, true)
                if token.end - numberEnd > 1 { try body(numberEnd, token.end, true) }
                for start in numberEnd..<token.end { try body(start, start + 1, true) }
            case .number, .latin:
                try body(token.start, token.end, false)
            }
        }
    }

    /// Whether `scalar` belongs to the numeric head of a figure (ASCII or full-width digits, `.` and `,`).
    @inlinable
    public static func isNumberScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x2E, 0x2C, 0xFF10...0xFF19, 0xFF0E: return true
        default: return false
        }
    }
}
