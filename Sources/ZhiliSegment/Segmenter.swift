import ZhiliCore
import ZhiliICU

/// Splits Chinese text into tokens: ICU word breaks with a domain lexicon and a figure reader on top.
///
/// ICU's dictionary splits domain words and place names (网格员 → 网|格|员, 集宁区 → 集|宁|区) and cuts
/// figures from their units (2000|余|起). The segmenter walks ICU's segments and, at each one:
/// - reads a number there with ``NumberReader`` and, with a unit or percent sign after it, makes one
///   `.figure` token (`2000余起`, `41.3%`, `2.2万人`); a lone Chinese numeral only counts before a
///   measure word (两个, but not 一起, 统一, 五化同推);
/// - else takes the longest lexicon word starting there that is longer than ICU's segment and ends on
///   an ICU boundary (矛盾纠纷, 枫桥经验, 集宁区);
/// - else keeps ICU's segment.
///
/// Whitespace is skipped. Offsets count Unicode scalars. Not thread-safe (it owns an ICU break
/// iterator and reusable buffers): give each thread its own segmenter.
public final class Segmenter {
    /// The words kept whole on top of ICU's segmentation.
    public let lexicon: Lexicon
    private let breaker: WordBreaker
    private var units: [UInt16] = []
    private var segmentEnds: [Int32] = []
    private var segmentKinds: [WordRuleKind] = []

    /// Creates a segmenter with the bundled lexicon (domain terms and region names).
    public convenience init() throws {
        try self.init(lexicon: .bundled)
    }

    /// Creates a segmenter that keeps the words of `lexicon` whole.
    ///
    /// To add user words to the bundled ones, merge them first:
    /// `var lexicon = Lexicon.bundled; lexicon.merge(try Lexicon(contentsOf: url))`.
    public init(lexicon: Lexicon) throws {
        self.lexicon = lexicon
        breaker = try WordBreaker(locale: "zh")
    }

    /// The tokens of `text`, with offsets in Unicode scalars; whitespace is skipped.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public func tokens(in text: String) throws -> [Token] {
        var tokens: [Token] = []
        try self.tokens(in: text, into: &tokens)
        return tokens
    }

    /// Replaces the contents of `tokens` with the tokens of `text`, reusing its storage.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public func tokens(in text: String, into tokens: inout [Token]) throws {
        tokens.removeAll(keepingCapacity: true)
        try forEachToken(in: text) { start, end, kind in
            tokens.append(Token(start: start, end: end, kind: kind))
        }
    }

    /// Calls `body` with every token of `text` (scalar offsets), allocating nothing per token.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public func forEachToken(in text: String, _ body: (_ start: Int, _ end: Int, _ kind: TokenKind) throws -> Void) throws {
        loadUnits(text)
        let hasSurrogates = units.contains { $0 & 0xF800 == 0xD800 }
        var unitOffset = 0, scalarOffset = 0
        try units.withUnsafeBufferPointer { buffer in
            try segment(buffer) { start, end, kind in
                if !hasSurrogates { return try body(start, end, kind) }
                // Surrogate pairs count as one scalar: convert monotonically as tokens go by.
                let startScalar = Segmenter.advance(buffer, from: &unitOffset, scalar: &scalarOffset, to: start)
                let endScalar = Segmenter.advance(buffer, from: &unitOffset, scalar: &scalarOffset, to: end)
                try body(startScalar, endScalar, kind)
            }
        }
    }

    /// Calls `body` with every token of UTF-16 `text`, as UTF-16 offsets.
    ///
    /// The hot path of ``tokens(in:)``: no allocation per token, buffers reused between calls.
    /// - Complexity: O(n) in the length of `text`.
    public func segment(
        _ text: UnsafeBufferPointer<UInt16>,
        _ body: (_ start: Int, _ end: Int, _ kind: TokenKind) throws -> Void
    ) throws {
        try loadSegments(text)
        let count = text.count
        var position = 0
        var segment = 0
        while position < count {
            while Int(segmentEnds[segment]) <= position { segment += 1 }
            let segmentEnd = Int(segmentEnds[segment])
            let rule = segmentKinds[segment]
            let unit = text[position]
            if Segmenter.isSpace(unit) {
                position += 1
                continue
            }
            if rule != .letter, Numeral.canStart(UInt32(unit)),
               let (end, kind) = readFigure(text, at: position, segment: segment) {
                try body(position, end, kind)
                position = end
                continue
            }
            if Segmenter.isHan(unit), let end = lexiconMatch(text, at: position, segment: segment) {
                try body(position, end, .word)
                position = end
                continue
            }
            // ICU's segment (or what a figure left of it); a lone numeral that is no quantity is a word.
            let kind: TokenKind
            switch rule {
            case .ideograph, .kana: kind = .word
            case .letter: kind = .latin
            case .number: kind = Segmenter.isHan(unit) ? .word : .number
            case .none: kind = .punct
            }
            // ICU groups spaces with nothing else, but trim trailing ones defensively.
            var end = segmentEnd
            while end > position + 1, Segmenter.isSpace(text[end - 1]) { end -= 1 }
            try body(position, end, kind)
            position = end
        }
    }

    // MARK: Steps

    /// Reads a figure or number at `start`; nil when what is there is no quantity (一起, 统一).
    private func readFigure(_ text: UnsafeBufferPointer<UInt16>, at start: Int, segment: Int) -> (Int, TokenKind)? {
        guard let number = NumberReader.read(text, at: start) else { return nil }
        if number.isNeverQuantity { return (number.end, .number) }
        let isPercent = !number.flags.isDisjoint(with: [.percent, .perMille, .percentagePoints])
        if number.isSingleChineseCharacter {
            // 两个, 一次, 三项: only safe measure words, and ICU must agree the word ends there (一次性).
            guard let end = FigureUnits.loneTrie.longestMatch(in: text, from: number.end),
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
    @inline(__always)
    private func lexiconMatch(_ text: UnsafeBufferPointer<UInt16>, at start: Int, segment: Int) -> Int? {
        let trie = lexicon.trie
        var node = trie.child(LexiconTrie.root, text[start])
        if node < 0 { return nil }
        let segmentEnd = Int(segmentEnds[segment])
        var index = start + 1
        var best: Int?
        var boundarySegment = segment
        while index < text.count {
            node = trie.child(node, text[index])
            if node < 0 { break }
            index += 1
            if index > segmentEnd, trie.wordAt[Int(node)] >= 0 {
                while Int(segmentEnds[boundarySegment]) < index { boundarySegment += 1 }
                if Int(segmentEnds[boundarySegment]) == index { best = index }
            }
        }
        return best
    }

    /// Whether `offset` is an ICU boundary, searching from `segment` on.
    @inline(__always)
    private func isBoundary(_ offset: Int, from segment: Int) -> Bool {
        var index = segment
        while index < segmentEnds.count, Int(segmentEnds[index]) < offset { index += 1 }
        return index < segmentEnds.count && Int(segmentEnds[index]) == offset
    }

    // MARK: Buffers

    private func loadUnits(_ text: String) {
        units.removeAll(keepingCapacity: true)
        units.append(contentsOf: text.utf16)
    }

    private func loadSegments(_ text: UnsafeBufferPointer<UInt16>) throws {
        segmentEnds.removeAll(keepingCapacity: true)
        segmentKinds.removeAll(keepingCapacity: true)
        try breaker.forEachSegment(in: text) { _, end, kind in
            segmentEnds.append(Int32(end))
            segmentKinds.append(kind)
        }
        // A sentinel so lookups past the last segment stop.
        segmentEnds.append(Int32.max)
        segmentKinds.append(.none)
    }

    @inline(__always)
    private static func advance(_ buffer: UnsafeBufferPointer<UInt16>, from unit: inout Int, scalar: inout Int, to target: Int) -> Int {
        while unit < target {
            if !UTF16.isTrailSurrogate(buffer[unit]) { scalar += 1 }
            unit += 1
        }
        return scalar
    }

    @inline(__always)
    static func isSpace(_ unit: UInt16) -> Bool {
        unit == 0x20 || unit == 0x0A || unit == 0x09 || unit == 0x0D || unit == 0x3000 || unit == 0xA0
            || unit == 0x0B || unit == 0x0C || unit == 0xFEFF || (unit >= 0x2000 && unit <= 0x200B)
    }

    @inline(__always)
    static func isHan(_ unit: UInt16) -> Bool {
        (unit >= 0x4E00 && unit <= 0x9FFF) || (unit >= 0x3400 && unit <= 0x4DBF) || (unit >= 0xF900 && unit <= 0xFAFF)
    }
}
