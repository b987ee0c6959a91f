import ZhiliText

/// Character classes and line shapes shared by the cleaning steps.
///
/// Everything here works on Unicode scalars, never on `Character`.
enum TextShape {
    /// The Chinese numerals that list markers use besides ASCII digits.
    static let listNumerals: ScalarSet = "一二三四五六七八九十"

    /// Whether `text` ends a sentence: its last scalar (before closing quotes) is sentence-final.
    static func endsSentence<S: BidirectionalCollection>(_ text: S) -> Bool where S.Element == Unicode.Scalar {
        var index = text.endIndex
        var closersSeen = 0
        while index > text.startIndex {
            index = text.index(before: index)
            let scalar = text[index]
            if CharacterClass.isSpace(scalar) { continue }
            if CharacterClass.isCloser(scalar) {
                closersSeen += 1
                if closersSeen > 3 { return false }
                continue
            }
            return CharacterClass.isLineEnd(scalar)
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
            for _ in 0..<marker { index += UTF8Cursor.scalar(startingAt: index, in: bytes).1 }
            guard index < bytes.count else { return false }
            let first = UTF8Cursor.scalar(startingAt: index, in: bytes).0
            var count = 0
            var han = 0
            while index < bytes.count {
                let (scalar, length) = UTF8Cursor.scalar(startingAt: index, in: bytes)
                count += 1
                if count > 40 || CharacterClass.isSentencePunctuation(scalar) { return false }
                if CharacterClass.isHan(scalar) { han += 1 }
                index += length
            }
            guard han >= 2 else { return false }
            return !(first == "(" || first == "（" || first == "[" || first == "【")
        }
    }

    /// An ASCII digit or one of the Chinese numerals 一…十 that list markers use.
    @inline(__always)
    static func isListNumeral(_ scalar: Unicode.Scalar) -> Bool { CharacterClass.isASCIIDigit(scalar) || listNumerals.contains(scalar) }

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
        guard let first = scalars.firstIndex(where: { !CharacterClass.isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !CharacterClass.isSpace($0) })!
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
        for scalar in text.unicodeScalars where !CharacterClass.isSpace(scalar) && scalar != "\n" { result.append(scalar) }
        return String(result)
    }
}
