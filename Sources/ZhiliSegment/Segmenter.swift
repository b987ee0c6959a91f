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
    var units: [UInt16] = []
    var segmentEnds: [Int32] = []
    private var segmentKinds: [WordRuleKind] = []
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
                try lexicon.trie.withView { trie in
                    let pass = SegmentPass(text: text, ends: ends, kinds: kinds, trie: trie)
                    warmth &+= pass.warm()
                    try pass.run(body)
                }
            }
        }
    }

    // MARK: Buffers

    func loadUnits(_ text: String) {
        units.removeAll(keepingCapacity: true)
        units.append(contentsOf: text.utf16)
    }

    private func loadSegments(_ text: UnsafeBufferPointer<UInt16>) throws {
        // Move the buffers out while filling them, so appends in the closure need no access checks.
        var ends = segmentEnds, kinds = segmentKinds
        segmentEnds = []
        segmentKinds = []
        defer {
            segmentEnds = ends
            segmentKinds = kinds
        }
        ends.removeAll(keepingCapacity: true)
        kinds.removeAll(keepingCapacity: true)
        ends.reserveCapacity(text.count + 1)
        kinds.reserveCapacity(text.count + 1)
        try breaker.forEachSegment(in: text) { _, end, kind in
            ends.append(Int32(end))
            kinds.append(kind)
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

    @inline(__always)
    static func isHan(_ unit: UInt16) -> Bool {
        (unit >= 0x4E00 && unit <= 0x9FFF) || (unit >= 0x3400 && unit <= 0x4DBF) || (unit >= 0xF900 && unit <= 0xFAFF)
    }
}
