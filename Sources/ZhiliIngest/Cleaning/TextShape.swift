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
    static let sentenceEnds: Set<Unicode.Scalar> = ["。", "！", "？", "!", "?", "…", "；", ";", "．"]
    /// Closing quotes and brackets that may follow a sentence end.
    static let closers: Set<Unicode.Scalar> = ["”", "’", "」", "』", "）", ")", "\"", "'", "》", "】", "]"]
    /// Punctuation found inside sentences but not in headlines.
    static let sentencePunctuation: Set<Unicode.Scalar> = [
        "，", ",", "。", "；", ";", "！", "!", "？", "?", "、", "…",
    ]

    /// Whether `text` ends a sentence: its last scalar (before closing quotes) is sentence-final.
    static func endsSentence<S: BidirectionalCollection>(_ text: S) -> Bool where S.Element == Unicode.Scalar {
        var index = text.endIndex
        var closersSeen = 0
        while index > text.startIndex {
            index = text.index(before: index)
            let scalar = text[index]
            if isSpace(scalar) { continue }
            if closers.contains(scalar) {
                closersSeen += 1
                if closersSeen > 3 { return false }
                continue
            }
            return sentenceEnds.contains(scalar)
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
    /// no sentence punctuation, and not a parenthesised note.
    static func isHeading(_ text: String) -> Bool {
        var count = 0
        var han = 0
        for scalar in text.unicodeScalars {
            count += 1
            if count > 40 || sentencePunctuation.contains(scalar) { return false }
            if isHan(scalar) { han += 1 }
        }
        guard han >= 2, let first = text.unicodeScalars.first else { return false }
        if first == "(" || first == "（" || first == "[" || first == "【" { return false }
        return !endsWithColon(text)
    }

    /// Number of Unicode scalars in `text`, counting at most `limit`.
    static func length(_ text: String, limit: Int = .max) -> Int {
        var count = 0
        for _ in text.unicodeScalars {
            count += 1
            if count >= limit { return count }
        }
        return count
    }

    /// `text` without leading and trailing spaces.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    /// Text with every space and tab removed (used to compare paragraphs).
    static func withoutSpaces(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isSpace(scalar) && scalar != "\n" { result.append(scalar) }
        return String(result)
    }
}
