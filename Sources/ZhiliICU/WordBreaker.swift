import CZhiliICU

/// The kind ICU's word rules give to the segment that ends at a boundary.
public enum WordRuleKind: Sendable, Equatable {
    /// Spaces, punctuation and symbols (`UBRK_WORD_NONE`).
    case none
    /// Numbers (`UBRK_WORD_NUMBER`).
    case number
    /// Letters outside Han and kana (`UBRK_WORD_LETTER`).
    case letter
    /// Kana (`UBRK_WORD_KANA`).
    case kana
    /// Ideographs, found through ICU's CJK dictionary (`UBRK_WORD_IDEO`).
    case ideograph

    /// Maps an ICU rule status value to its kind.
    @inlinable
    public init(ruleStatus: Int32) {
        switch ruleStatus {
        case 100..<200: self = .number
        case 200..<300: self = .letter
        case 300..<400: self = .kana
        case 400..<500: self = .ideograph
        default: self = .none
        }
    }
}

/// An ICU word break iterator over UTF-16 text (`ubrk_open(UBRK_WORD, …)`).
///
/// Not thread-safe: give each thread its own breaker.
/// ICU documentation: <https://unicode-org.github.io/icu-docs/apidoc/released/icu4c/ubrk_8h.html>.
public final class WordBreaker {
    private let handle: OpaquePointer
    private var boundaries: [Int32] = []
    private var statuses: [Int32] = []

    /// Opens a breaker for `locale` (Chinese by default).
    public init(locale: String = "zh") throws(ICUError) {
        var status: Int32 = 0
        let handle = zhili_word_breaker_open(locale, &status)
        try ICUError.check(status, "ubrk_open(\(locale))")
        guard let handle else { throw ICUError(code: 1, operation: "ubrk_open(\(locale))") }
        self.handle = handle
    }

    deinit { zhili_word_breaker_close(handle) }

    /// Calls `body` with every segment of `text` as a UTF-16 range and its rule kind.
    ///
    /// - Complexity: O(n) in the length of `text`; allocates nothing per segment.
    public func forEachSegment(
        in text: UnsafeBufferPointer<UInt16>,
        _ body: (_ start: Int, _ end: Int, _ kind: WordRuleKind) throws -> Void
    ) throws {
        let count = try fillBoundaries(text)
        var start = 0
        for index in 0..<count {
            let end = Int(boundaries[index])
            try body(start, end, WordRuleKind(ruleStatus: statuses[index]))
            start = end
        }
    }

    /// Returns the segment end offsets of `text` (UTF-16), excluding 0.
    public func boundaries(of text: String) throws -> [Int] {
        let units = Array(text.utf16)
        return try units.withUnsafeBufferPointer { buffer in
            let count = try fillBoundaries(buffer)
            return boundaries[0..<count].map(Int.init)
        }
    }

    private func fillBoundaries(_ text: UnsafeBufferPointer<UInt16>) throws(ICUError) -> Int {
        guard text.count > 0, let base = text.baseAddress else { return 0 }
        // A word boundary lies at most at every code unit, so length + 1 always suffices.
        let needed = text.count + 1
        if boundaries.count < needed {
            boundaries = [Int32](repeating: 0, count: needed)
            statuses = [Int32](repeating: 0, count: needed)
        }
        var status: Int32 = 0
        let count = boundaries.withUnsafeMutableBufferPointer { bounds in
            statuses.withUnsafeMutableBufferPointer { rules in
                zhili_word_breaker_boundaries(
                    handle, base, Int32(text.count),
                    bounds.baseAddress, rules.baseAddress, Int32(bounds.count), &status)
            }
        }
        try ICUError.check(status, "ubrk_setText")
        return Int(count)
    }
}
