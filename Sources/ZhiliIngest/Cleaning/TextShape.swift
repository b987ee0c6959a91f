/// Character classes and line shapes shared by the cleaning steps.
///
/// Everything here works on Unicode scalars, never on `Character`.
enum TextShape {
    /// A Han ideograph (CJK Unified Ideographs, extensions A–G, compatibility ideographs).
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x323AF, 0xF900...0xFAFF: return true
        default: return false
        }
    }

    /// An ASCII digit 0–9.
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

    /// An ASCII letter.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A
    }

    /// A space or tab (line breaks are handled separately).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

    /// Punctuation that ends a sentence.
    static let sentenceEnds: ScalarSet = "。！？!?…；;．"
    /// Closing quotes and brackets that may follow a sentence end.
    static let closers: ScalarSet = "”’」』）)\"'》】]"
    /// Punctuation found inside sentences but not in headlines.
    static let sentencePunctuation: ScalarSet = "，,。；;！!？?、…"
    /// The Chinese numerals that list markers use besides ASCII digits.
    static let listNumerals: ScalarSet = "一二三四五六七八九十"

    /// Whether `scalar` ends a sentence (one of ``sentenceEnds``).
    @inline(__always)
    static func isSentenceEnd(_ scalar: Unicode.Scalar) -> Bool { sentenceEnds.contains(scalar) }

    /// Whether `scalar` is a closing quote or bracket (one of ``closers``).
    @inline(__always)
    static func isCloser(_ scalar: Unicode.Scalar) -> Bool { closers.contains(scalar) }

    /// Whether `scalar` is sentence punctuation (one of ``sentencePunctuation``).
    @inline(__always)
    static func isSentencePunctuation(_ scalar: Unicode.Scalar) -> Bool { sentencePunctuation.contains(scalar) }

    /// Whether `text` ends a sentence: its last scalar (before closing quotes) is sentence-final.
    static func endsSentence<S: BidirectionalCollection>(_ text: S) -> Bool where S.Element == Unicode.Scalar {
        var index = text.endIndex
        var closersSeen = 0
        while index > text.startIndex {
            index = text.index(before: index)
            let scalar = text[index]
            if isSpace(scalar) { continue }
            if isCloser(scalar) {
                closersSeen += 1
                if closersSeen > 3 { return false }
                continue
            }
            return isSentenceEnd(scalar)
        }
        return false
    }

    /// Whether `text` ends a sentence.
    static func endsSentence(_ text: String) -> Bool { endsSentence(text.unicodeScalars) }

    /// Whether `text` ends with a colon (a lead-in to what follows, not a broken sentence).
    static func endsWithColon(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return last == "：" || last == ":"
    }

    /// Whether `text` has the shape of a headline or subhead: short, at least two Han characters,
    /// no sentence punctuation, and not a parenthesised note. A leading list marker (`一、`,
    /// `（二）`, `3.`) is allowed: `一、强化巡逻防控` is a subhead.
    ///
    /// Reads the scalars straight from the UTF-8 bytes, and at most 41 of them after the marker.
    static func isHeading(_ text: String) -> Bool {
        let marker = listMarkerLength(text)
        guard !endsWithColon(text) else { return false }
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            for _ in 0..<marker { index += UTF8Scalars.scalar(startingAt: index, in: bytes).1 }
            guard index < bytes.count else { return false }
            let first = UTF8Scalars.scalar(startingAt: index, in: bytes).0
            let punctuation = sentencePunctuation
            var count = 0
            var han = 0
            while index < bytes.count {
                let (scalar, length) = UTF8Scalars.scalar(startingAt: index, in: bytes)
                count += 1
                if count > 40 || punctuation.contains(scalar) { return false }
                if isHan(scalar) { han += 1 }
                index += length
            }
            guard han >= 2 else { return false }
            return !(first == "(" || first == "（" || first == "[" || first == "【")
        }
    }

    /// An ASCII digit or one of the Chinese numerals 一…十 that list markers use.
    @inline(__always)
    static func isListNumeral(_ scalar: Unicode.Scalar) -> Bool { isDigit(scalar) || listNumerals.contains(scalar) }

    /// The length in scalars of a leading list marker: `一、`, `1.`, `2、`, `（三）`, `(4)`; 0 if none.
    static func listMarkerLength(_ text: String) -> Int {
        var scalars = text.unicodeScalars.makeIterator()
        guard var scalar = scalars.next() else { return 0 }
        var index = 0
        let bracketed = scalar == "(" || scalar == "（"
        if bracketed {
            index = 1
            guard let next = scalars.next() else { return 0 }
            scalar = next
        }
        let start = index
        // Only the first eight scalars count.
        while index < 8, isListNumeral(scalar) {
            index += 1
            guard index < 8, let next = scalars.next() else { return 0 }
            scalar = next
        }
        guard index > start, index < 8 else { return 0 }
        let mark = scalar
        if bracketed { return mark == ")" || mark == "）" ? index + 1 : 0 }
        return mark == "、" || mark == "." || mark == "．" ? index + 1 : 0
    }

    /// Number of Unicode scalars in `text`, counting at most `limit`.
    ///
    /// - Complexity: O(min(n, limit)) over the UTF-8 bytes (a scalar per non-continuation byte).
    static func length(_ text: String, limit: Int = .max) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 {
                count += 1
                if count >= limit { return count }
            }
            return count
        }
    }

    /// Whether `text` has at most `limit` Unicode scalars, counting only when its UTF-8 length
    /// cannot decide: a scalar takes one to four bytes.
    @inline(__always)
    static func length(_ text: String, isAtMost limit: Int) -> Bool {
        let bytes = text.utf8.count
        if bytes <= limit { return true }
        if bytes > 4 * limit { return false }
        return length(text, limit: limit + 1) <= limit
    }

    /// A space or tab byte in UTF-8 (neither occurs inside a multi-byte character).
    @inline(__always)
    static func isSpace(byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The length of `text` in UTF-16 code units, counting at most a little past `limit`;
    /// read from the UTF-8 bytes (one unit per scalar, two for a four-byte one).
    static func utf16Length(_ text: String, limit: Int = .max) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 {
                count += byte >= 0xF0 ? 2 : 1
                if count > limit { return count }
            }
            return count
        }
    }

    /// Whether `text` is at most `limit` UTF-16 code units long, counting only when its UTF-8
    /// length cannot decide: every unit takes one to three bytes (a four-byte scalar is two
    /// units), so up to `limit` bytes always fit and more than `3 × limit` never do.
    @inline(__always)
    static func utf16Length(_ text: String, isAtMost limit: Int) -> Bool {
        let bytes = text.utf8.count
        if bytes <= limit { return true }
        if bytes > 3 * limit { return false }
        return utf16Length(text, limit: limit) <= limit
    }

    /// `text` without leading and trailing spaces (`text` itself when it has none).
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let head = utf8.first, let tail = utf8.last else { return text }
        if !isSpace(byte: head), !isSpace(byte: tail) { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    /// Whether `first` and `second` are equal once their spaces, tabs and line breaks are
    /// removed (``withoutSpaces(_:)``); text without any is compared as it is.
    static func equalWithoutSpaces(_ first: String, _ second: String) -> Bool {
        func hasSpace(_ text: String) -> Bool { text.utf8.contains { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A } }
        if !hasSpace(first), !hasSpace(second) { return first == second }
        return withoutSpaces(first) == withoutSpaces(second)
    }

    /// Text with every space and tab removed (used to compare paragraphs).
    static func withoutSpaces(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isSpace(scalar) && scalar != "\n" { result.append(scalar) }
        return String(result)
    }
}

/// A set of scalars written as the characters themselves (`"。！？"`), compiled once into a
/// bitmap indexed by scalar value (as long as its largest member needs): ``contains(_:)`` is
/// one bounds test and one bit test, with no hashing. The readable form of the character
/// tests of the cleaning loops.
struct ScalarSet: Sendable, ExpressibleByStringLiteral {
    /// Bit `v & 63` of word `v >> 6` is set for each member `v`.
    private let bits: [UInt64]

    /// The set of the scalars of `characters`.
    init(stringLiteral characters: String) {
        let values = characters.unicodeScalars.map { Int($0.value) }
        var bits = [UInt64](repeating: 0, count: (values.max() ?? 0) / 64 + 1)
        for value in values { bits[value >> 6] |= 1 << UInt64(value & 63) }
        self.bits = bits
    }

    /// Whether `scalar` is a member.
    @inline(__always)
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = Int(scalar.value)
        return value >> 6 < bits.count && bits[value >> 6] & (1 << UInt64(value & 63)) != 0
    }
}
