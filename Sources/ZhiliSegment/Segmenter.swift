import ZhiliText
import ZhiliCore
import ZhiliICU

/// Splits Chinese text into tokens: lexicon words over Han runs, ICU word breaks elsewhere, and a
/// figure reader on top.
///
/// ICU's CJK dictionary splits domain words and place names (网格员 → 网|格|员, 集宁区 → 集|宁|区),
/// takes no user words, and runs at about 7 MB/s here. So runs of Han characters are split along
/// the most probable path through the lexicon (``BestPath``: jieba's dictionary with domain terms and
/// region names on top), and ICU's rule-based word breaks segment the rest (Latin words, numbers,
/// URLs, kana). The segmenter then walks these segments and, at each one:
/// - reads a number there with ``NumberReader`` and, with a unit or percent sign after it, makes one
///   `.figure` token (`2000余起`, `41.3%`, `2.2万人`); a lone Chinese numeral only counts before a
///   measure word (两个, but not 一起, 统一, 五化同推);
/// - else keeps the segment.
///
/// Whitespace is skipped. Offsets count Unicode scalars. Not thread-safe (it owns an ICU break
/// iterator and reusable buffers): give each thread its own segmenter.
public final class Segmenter {
    /// The words kept whole on top of ICU's segmentation.
    public let lexicon: Lexicon
    private let breaker: WordBreaker
    var units: [UInt16] = []
    private var segmentEnds: [Int32] = []
    private var segmentKinds: [WordRuleKind] = []
    /// Scratch for ``BestPath``: path scores and word ends per position.
    private var pathScores: [Float] = []
    private var pathEnds: [Int32] = []
    private let logTotal: Float
    /// Sum of the prefetched lexicon slots; kept so the prefetch loads are not optimized away.
    private var warmth: UInt64 = 0

    /// Creates a segmenter with the bundled lexicon (domain terms, region names, general words ICU splits).
    public convenience init() throws {
        try self.init(lexicon: .bundled)
    }

    /// Creates a segmenter that keeps the words of `lexicon` whole.
    ///
    /// To add user words to the bundled ones, merge them first:
    /// `var lexicon = Lexicon.bundled; lexicon.merge(try Lexicon(contentsOf: url))`.
    public init(lexicon: Lexicon) throws {
        self.lexicon = lexicon
        logTotal = lexicon.logTotal
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
        try segmentEnds.withUnsafeBufferPointer { ends in
            try segmentKinds.withUnsafeBufferPointer { kinds in
                try SegmentPass(text: text, ends: ends, kinds: kinds).run(body)
            }
        }
    }

    // MARK: Buffers

    func loadUnits(_ text: String) {
        units.removeAll(keepingCapacity: true)
        units.append(contentsOf: text.utf16)
    }

    /// Fills `segmentEnds` and `segmentKinds`: best lexicon paths over Han runs, ICU's word breaks
    /// over stretches with letters or digits, and one segment per other character.
    private func loadSegments(_ text: UnsafeBufferPointer<UInt16>) throws {
        // Move the buffers out while filling them, so appends in the closure need no access checks.
        var ends = segmentEnds, kinds = segmentKinds
        var scores = pathScores, next = pathEnds
        segmentEnds = []
        segmentKinds = []
        pathScores = []
        pathEnds = []
        defer {
            segmentEnds = ends
            segmentKinds = kinds
            pathScores = scores
            pathEnds = next
        }
        ends.removeAll(keepingCapacity: true)
        kinds.removeAll(keepingCapacity: true)
        ends.reserveCapacity(text.count + 1)
        kinds.reserveCapacity(text.count + 1)
        if scores.count < text.count + 1 {
            scores = [Float](repeating: 0, count: text.count + 1)
            next = [Int32](repeating: 0, count: text.count + 1)
        }
        let count = text.count
        var position = 0
        try lexicon.withBestPath(logTotal: logTotal) { path in
            try scores.withUnsafeMutableBufferPointer { scores in
                try next.withUnsafeMutableBufferPointer { next in
                    while position < count {
                        let start = position
                        let unit = text[position]
                        if CharacterClass.isHan(utf16: unit) {
                            repeat { position += 1 } while position < count && CharacterClass.isHan(utf16: text[position])
                            warmth &+= path.solve(text, from: start, to: position, score: scores.baseAddress!, next: next.baseAddress!)
                            var wordStart = start
                            while wordStart < position {
                                wordStart = start + Int(next[wordStart - start])
                                ends.append(Int32(wordStart))
                                kinds.append(.ideograph)
                            }
                        } else if Segmenter.isPunctuationOrSpace(unit) {
                            position += 1
                            ends.append(Int32(position))
                            kinds.append(.none)
                        } else {
                            // Letters, digits and the like, up to the next Han character, space or
                            // punctuation that ends them: ICU's rules (41.3, 2022-05-01, northnews@126.com).
                            repeat { position += 1 } while position < count && !CharacterClass.isHan(utf16: text[position])
                                && !(Segmenter.isSpace(text[position]) || Segmenter.isClosingPunctuation(text[position]))
                            try breaker.forEachSegment(in: UnsafeBufferPointer(rebasing: text[start..<position])) { _, end, kind in
                                ends.append(Int32(start + end))
                                kinds.append(kind)
                            }
                        }
                    }
                }
            }
        }
        // A sentinel so lookups past the last segment stop.
        ends.append(Int32.max)
        kinds.append(.none)
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

    /// Whitespace, or punctuation that never joins a Latin word or number (Chinese punctuation,
    /// brackets, quotes): a segment of its own without asking ICU.
    @inline(__always)
    static func isPunctuationOrSpace(_ unit: UInt16) -> Bool {
        isSpace(unit) || isClosingPunctuation(unit) || (unit >= 0x3001 && unit <= 0x303F) || (unit >= 0x2010 && unit <= 0x2027)
            || unit == 0xFF08 || unit == 0xFF09 || unit == 0xFF1A || unit == 0xFF1B || unit == 0xFF01 || unit == 0xFF1F
            || unit == 0x28 || unit == 0x29 || unit == 0x22 || unit == 0x27 || unit == 0x5B || unit == 0x5D
    }

    /// Chinese full stops and commas, which end any Latin word or number before them.
    @inline(__always)
    static func isClosingPunctuation(_ unit: UInt16) -> Bool {
        unit == 0x3002 || unit == 0xFF0C || unit == 0x3001 || unit == 0xFF1B || unit == 0xFF1A || unit == 0xFF01 || unit == 0xFF1F
    }
}
