import ZhiliText
import ZhiliCore
import ZhiliICU

/// One walk over a text's segments, deciding each token: a figure, or the segment itself.
///
/// Holds borrowed buffers only (text, segment boundaries), so the inner loop does no reference
/// counting.
struct SegmentPass {
    /// The text, UTF-16.
    let text: UnsafeBufferPointer<UInt16>
    /// Segment ends, followed by a sentinel `Int32.max`.
    let ends: UnsafeBufferPointer<Int32>
    /// Kind of each segment (ICU's rule kinds; `.ideograph` for lexicon words).
    let kinds: UnsafeBufferPointer<WordRuleKind>

    /// Calls `body` with every token, in order, as UTF-16 offsets.
    ///
    /// - Complexity: O(n) in the length of the text.
    func run(_ body: (_ start: Int, _ end: Int, _ kind: TokenKind) throws -> Void) rethrows {
        let count = text.count
        var position = 0
        var segment = 0
        while position < count {
            while Int(ends[segment]) <= position { segment += 1 }
            let rule = kinds[segment]
            let unit = text[position]
            if rule == .none, Segmenter.isSpace(unit) {
                position += 1
                continue
            }
            if rule != .letter, Numeral.canStart(UInt32(unit)),
               let (end, kind) = readFigure(at: position, segment: segment) {
                try body(position, end, kind)
                position = end
                continue
            }
            // The segment (or what a figure left of it); a lone numeral that is no quantity is a word.
            let kind: TokenKind
            switch rule {
            case .ideograph, .kana: kind = .word
            case .letter: kind = .latin
            case .number:
                // ICU's number rule also covers 一 inside words and runs such as `northnews@126`.
                if CharacterClass.isHan(utf16: unit) { kind = .word } else if unit < 0x80, (unit | 0x20) >= 0x61, (unit | 0x20) <= 0x7A { kind = .latin } else { kind = .number }
            case .none: kind = .punct
            }
            var end = Int(ends[segment])
            // Segments keep spaces apart from words, but trim defensively.
            while end > position + 1, Segmenter.isSpace(text[end - 1]) { end -= 1 }
            try body(position, end, kind)
            position = end
        }
    }

    /// Reads a figure or number at `start`; nil when what is there is no quantity (一起, 统一).
    func readFigure(at start: Int, segment: Int) -> (Int, TokenKind)? {
        guard let number = NumberReader.read(text, at: start) else { return nil }
        if number.isNeverQuantity || number.flags.contains(.digitSequence) { return (number.end, .number) }
        let isPercent = !number.flags.isDisjoint(with: [.percent, .perMille, .percentagePoints])
        if number.isSingleChineseCharacter {
            // 两个, 三项: only safe measure words, and the segmentation must agree the word ends there (一次性).
            // 一 before a measure word is an article (一个缩影, 一种方式), not a count.
            guard number.value != 1, let end = MeasureWords.afterLoneNumeralTrie.longestMatch(in: text, from: number.end)?.end,
                  isBoundary(end, from: segment) else { return nil }
            return (end, .figure)
        }
        if number.isChineseOnly {
            // 十分, 千万: a Chinese numeral inside a longer word is part of that word.
            let unitEnd = isPercent ? nil : MeasureWords.trie.longestMatch(in: text, from: number.end)?.end
            let end = unitEnd ?? number.end
            if isBoundary(end, from: segment) { return (end, unitEnd != nil || isPercent ? .figure : .number) }
            if unitEnd != nil, isBoundary(number.end, from: segment) { return (number.end, .number) }
            return nil
        }
        if isPercent { return (number.end, .figure) }
        if let unitEnd = MeasureWords.trie.longestMatch(in: text, from: number.end)?.end { return (unitEnd, .figure) }
        return (number.end, .number)
    }

    /// Whether `offset` is a segment boundary, searching from `segment` on.
    @inline(__always)
    func isBoundary(_ offset: Int, from segment: Int) -> Bool {
        var index = segment
        while Int(ends[index]) < offset { index += 1 }
        return Int(ends[index]) == offset
    }
}
