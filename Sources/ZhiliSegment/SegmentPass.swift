import ZhiliCore
import ZhiliICU

/// One walk over a text's ICU segments, deciding each token: figure, lexicon word or ICU's segment.
///
/// Holds borrowed buffers only (text, ICU boundaries, lexicon trie), so the inner loop does no
/// reference counting.
struct SegmentPass {
    /// The text, UTF-16.
    let text: UnsafeBufferPointer<UInt16>
    /// ICU segment ends, followed by a sentinel `Int32.max`.
    let ends: UnsafeBufferPointer<Int32>
    /// ICU rule kind of each segment.
    let kinds: UnsafeBufferPointer<WordRuleKind>
    /// The lexicon.
    let trie: LexiconTrieView

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
            // A lexicon word outlasts ICU's segment only into a following Han segment.
            if rule == .ideograph, kinds[segment + 1] == .ideograph, let end = lexiconMatch(at: position, segment: segment) {
                try body(position, end, .word)
                position = end
                continue
            }
            // ICU's segment (or what a figure left of it); a lone numeral that is no quantity is a word.
            let kind: TokenKind
            switch rule {
            case .ideograph, .kana: kind = .word
            case .letter: kind = .latin
            case .number:
                // ICU's number rule also covers 一 inside words and runs such as `northnews@126`.
                if Segmenter.isHan(unit) { kind = .word } else if unit < 0x80, (unit | 0x20) >= 0x61, (unit | 0x20) <= 0x7A { kind = .latin } else { kind = .number }
            case .none: kind = .punct
            }
            var end = Int(ends[segment])
            // ICU keeps spaces apart from words, but trim defensively.
            while end > position + 1, Segmenter.isSpace(text[end - 1]) { end -= 1 }
            try body(position, end, kind)
            position = end
        }
    }

    /// Loads the lexicon edges that the walks at ICU segment starts will need, two levels deep.
    ///
    /// Each level's loads are independent of one another, so the processor overlaps their cache
    /// misses instead of paying for them one at a time during the walks. Returns a value that
    /// depends on every load, so the compiler keeps them.
    func warm() -> UInt64 {
        var sink: UInt64 = 0
        let segments = ends.count - 1
        let count = text.count
        // Level 2: the edge after each segment's first unit.
        var start = 0
        for segment in 0..<segments {
            defer { start = Int(ends[segment]) }
            guard kinds[segment] == .ideograph, kinds[segment + 1] == .ideograph, start + 1 < count else { continue }
            let first = trie.step(LexiconTrie.root, text[start])
            if first >= 0 { sink &+= trie.touch(LexiconTrie.node(first), text[start + 1]) }
        }
        // Level 3, now that level 2 is in cache.
        start = 0
        for segment in 0..<segments {
            defer { start = Int(ends[segment]) }
            guard kinds[segment] == .ideograph, kinds[segment + 1] == .ideograph, start + 2 < count else { continue }
            let first = trie.step(LexiconTrie.root, text[start])
            guard first >= 0 else { continue }
            let second = trie.step(LexiconTrie.node(first), text[start + 1])
            if second >= 0 { sink &+= trie.touch(LexiconTrie.node(second), text[start + 2]) }
        }
        return sink
    }

    /// Reads a figure or number at `start`; nil when what is there is no quantity (一起, 统一).
    func readFigure(at start: Int, segment: Int) -> (Int, TokenKind)? {
        guard let number = NumberReader.read(text, at: start) else { return nil }
        if number.isNeverQuantity || number.flags.contains(.digitSequence) { return (number.end, .number) }
        let isPercent = !number.flags.isDisjoint(with: [.percent, .perMille, .percentagePoints])
        if number.isSingleChineseCharacter {
            // 两个, 三项: only safe measure words, and ICU must agree the word ends there (一次性).
            // 一 before a measure word is an article (一个缩影, 一种方式), not a count.
            guard number.value != 1, let end = FigureUnits.loneTrie.longestMatch(in: text, from: number.end),
                  isBoundary(end, from: segment) else { return nil }
            return (end, .figure)
        }
        if number.isChineseOnly {
            // 十分, 千万: a Chinese numeral inside a longer ICU word is part of that word.
            let unitEnd = isPercent ? nil : FigureUnits.trie.longestMatch(in: text, from: number.end)
            let end = unitEnd ?? number.end
            if isBoundary(end, from: segment) { return (end, unitEnd != nil || isPercent ? .figure : .number) }
            if unitEnd != nil, isBoundary(number.end, from: segment) { return (number.end, .number) }
            return nil
        }
        if isPercent { return (number.end, .figure) }
        if let unitEnd = FigureUnits.trie.longestMatch(in: text, from: number.end) { return (unitEnd, .figure) }
        return (number.end, .number)
    }

    /// The end of the longest lexicon word at `start` that outlasts ICU's segment and ends on an ICU boundary.
    ///
    /// - Complexity: O(k) in the length k of the longest word starting there.
    @inline(__always)
    func lexiconMatch(at start: Int, segment: Int) -> Int? {
        var cursor = trie.step(LexiconTrie.root, text[start])
        if cursor < 0 { return nil }
        let segmentEnd = Int(ends[segment])
        var index = start + 1
        var best: Int?
        var boundarySegment = segment
        while index < text.count {
            cursor = trie.step(LexiconTrie.node(cursor), text[index])
            if cursor < 0 { break }
            index += 1
            if index > segmentEnd, LexiconTrie.isWord(cursor) {
                while Int(ends[boundarySegment]) < index { boundarySegment += 1 }
                if Int(ends[boundarySegment]) == index { best = index }
            }
        }
        return best
    }

    /// Whether `offset` is an ICU boundary, searching from `segment` on.
    @inline(__always)
    func isBoundary(_ offset: Int, from segment: Int) -> Bool {
        var index = segment
        while Int(ends[index]) < offset { index += 1 }
        return Int(ends[index]) == offset
    }
}
