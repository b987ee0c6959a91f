import ZhiliText

/// Reads reporter and correspondent names out of bylines (part of step f).
///
/// Understands stand-alone bylines (`本报通讯员●李海立`, `本报记者●李亮 通讯员●王永●王霞●黄豹`),
/// parenthesised name lists (`(胡日查 韩学文 王越)`) and trailing bylines at the end of the
/// last paragraph (`…贡献力量。(本报记者 赛娜 通讯员 张家欣 王小玉)`, `(记者 黄景莲)`).
public struct BylineParser: Sendable {
    /// Role words that introduce names, longest first so that `本报记者` wins over `记者`.
    static let roles: [String] = [
        "本报特约通讯员", "本报全媒体记者", "本报融媒体记者", "全媒体记者", "融媒体记者", "本报见习记者",
        "本报实习记者", "本报通讯员", "特约通讯员", "本报记者", "特约记者", "见习记者", "实习记者", "摄影记者",
        "通讯员", "实习生", "记者", "作者", "摄影", "文/图", "图/文", "文图", "撰文", "文", "图",
    ].sorted { $0.count > $1.count }

    /// Separators between roles and names.
    static let separators: ScalarSet = " \t●•・:：、,，/|｜◎■□"

    /// Whether `scalar` is one of ``separators``.
    @inline(__always)
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool { separators.contains(scalar) }

    /// Creates the parser.
    public init() {}

    /// The names in a stand-alone byline, or nil when `text` is not one.
    ///
    /// A byline starts with a role word and holds only role words and names (two to four Han
    /// characters, or up to eight around a `·`).
    public func names(inByline text: String) -> [String]? {
        // The cheap first-scalar test goes first: most paragraphs start with no role word.
        let trimmed = TextShape.trimmed(text)
        guard let first = trimmed.unicodeScalars.first, Self.mayStartRole(first) else { return nil }
        guard TextShape.length(text, isAtMost: 120), TextShape.length(trimmed, isAtMost: 80) else { return nil }
        if trimmed.unicodeScalars.prefix(Self.longestRole + 1).allSatisfy(Self.isPlain) {
            // Plain text where a role word may stand: characters are scalars there (the scalar
            // after the longest role word is plain too, so none joins the one before it), and
            // the prefix test can compare scalars.
            guard Self.longRoleScalars.contains(where: { trimmed.unicodeScalars.starts(with: $0) }) else { return nil }
        } else {
            guard Self.roles.contains(where: { trimmed.hasPrefix($0) && $0.count >= 2 }) else { return nil }
        }
        guard let (names, roleCount) = parse(trimmed), roleCount > 0, !names.isEmpty else { return nil }
        return names
    }

    /// First scalars of the role words of two or more characters (本全融特见实摄通记作文图撰).
    static let roleStarts: Set<UInt32> = Set(roles.filter { $0.count >= 2 }.map { $0.unicodeScalars.first!.value })

    /// False only when no text starting with `scalar` can have a role word of two or more
    /// characters as its (character-wise, canonically compared) prefix: ASCII and unified Han
    /// ideographs other than the roles' first ones, and the scalars below U+2E80, CJK
    /// punctuation and full-width forms, none of which starts a character canonically equal to
    /// a Han ideograph (only CJK compatibility ideographs decompose to one); anything else is
    /// left to `hasPrefix`.
    static func mayStartRole(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x2E80, 0x3000...0x303F, 0xFF00...0xFFEF: return false
        case 0x4E00...0x9FFF: return roleStarts.contains(scalar.value)
        default: return true
        }
    }

    /// The names in a parenthesised byline or list of names (`(胡日查 韩学文)`), or nil.
    public func names(inParenthesized text: String) -> [String]? {
        guard Self.isBracketed(text), TextShape.length(text, isAtMost: 160) else { return nil }
        let scalars = Array(TextShape.trimmed(text).unicodeScalars)
        guard scalars.count >= 4, scalars.count <= 120,
              scalars.first == "(" || scalars.first == "（",
              scalars.last == ")" || scalars.last == "）" else { return nil }
        let inner = String(String.UnicodeScalarView(scalars[1..<(scalars.count - 1)]))
        guard !inner.unicodeScalars.contains(where: { "()（）".unicodeScalars.contains($0) }),
              let (names, roleCount) = parse(TextShape.trimmed(inner)) else { return nil }
        // Without a role word, only a list of two or more names counts (`(事)` is not a byline).
        if roleCount == 0, names.count < 2 { return nil }
        return names.isEmpty ? nil : names
    }

    /// Whether `text`, spaces aside, starts with `(`/`（` and ends with `)`/`）` (read from the bytes).
    static func isBracketed(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var first = 0
            var last = bytes.count
            while first < last, TextShape.isSpace(byte: bytes[first]) { first += 1 }
            while last > first, TextShape.isSpace(byte: bytes[last - 1]) { last -= 1 }
            guard last - first >= 2 else { return false }
            let opens = bytes[first] == 0x28
                || (last - first >= 3 && bytes[first] == 0xEF && bytes[first + 1] == 0xBC && bytes[first + 2] == 0x88)
            let closes = bytes[last - 1] == 0x29
                || (last - first >= 3 && bytes[last - 3] == 0xEF && bytes[last - 2] == 0xBC && bytes[last - 1] == 0x89)
            return opens && closes
        }
    }

    /// Splits a trailing parenthesised byline off the end of a paragraph:
    /// `…贡献力量。(记者 黄景莲)` → (`…贡献力量。`, [`黄景莲`]). Nil when there is none.
    public func trailingByline(in paragraph: String) -> (body: String, names: [String])? {
        let scalars = paragraph.unicodeScalars
        guard let last = scalars.last, last == ")" || last == "）" else { return nil }
        // Look for the opening bracket among the last 160 scalars only.
        var open = scalars.endIndex
        var seen = 0
        var index = scalars.endIndex
        while index > scalars.startIndex, seen < 160 {
            index = scalars.index(before: index)
            seen += 1
            if scalars[index] == "(" || scalars[index] == "（" { open = index; break }
        }
        guard open != scalars.endIndex, open > scalars.startIndex else { return nil }
        let body = String(scalars[..<open])
        guard TextShape.endsSentence(body) else { return nil }
        let note = String(scalars[open...])
        guard let names = names(inParenthesized: note) else { return nil }
        return (TextShape.trimmed(body), names)
    }

    /// Splits a leading news-agency byline off a paragraph: `本报讯（记者 王磊）近日，…` →
    /// (`近日，…`, [`王磊`]). Nil when the paragraph does not start with `…讯` and a bracketed byline.
    public func leadingByline(in paragraph: String) -> (body: String, names: [String])? {
        // `讯` among the first nine scalars, read without a generic prefix view.
        var seen = 0
        var marked = false
        for scalar in paragraph.unicodeScalars {
            if scalar == "讯" { marked = true; break }
            seen += 1
            if seen == 9 { break }
        }
        guard marked else { return nil }
        let scalars = Array(paragraph.unicodeScalars.prefix(80))
        guard let mark = scalars.firstIndex(of: "讯"), mark <= 8, mark + 1 < scalars.count,
              scalars[..<mark].allSatisfy(CharacterClass.isHan) else { return nil }
        var open = mark + 1
        while open < scalars.count, CharacterClass.isSpace(scalars[open]) { open += 1 }
        guard open < scalars.count, scalars[open] == "(" || scalars[open] == "（",
              let close = scalars[open...].firstIndex(where: { $0 == ")" || $0 == "）" }) else { return nil }
        let note = String(String.UnicodeScalarView(scalars[open...close]))
        guard let names = names(inParenthesized: note) else { return nil }
        let rest = String(paragraph.unicodeScalars.dropFirst(close + 1))
        return (TextShape.trimmed(rest), names)
    }

    /// Splits `text` into tokens and sorts them into roles and names; nil when a token is neither.
    func parse(_ text: String) -> (names: [String], roleCount: Int)? {
        if text.unicodeScalars.allSatisfy(Self.isPlain) { return parsePlain(text) }
        return parseCharacters(text)
    }

    /// The role words as scalars, in the order of ``roles``.
    static let roleScalars: [[Unicode.Scalar]] = roles.map { Array($0.unicodeScalars) }
    /// The role words of two or more characters (all role words are plain text) as scalars.
    static let longRoleScalars: [[Unicode.Scalar]] = roleScalars.filter { $0.count >= 2 }
    /// The number of scalars in the longest role word.
    static let longestRole = roleScalars.map(\.count).max() ?? 0

    /// A scalar that is a whole character on its own whatever surrounds it and equals no other
    /// scalar sequence canonically: printable ASCII, unified Han, CJK punctuation without the
    /// combining tone marks, full-width forms and the byline separators. In text made only of
    /// these, comparing characters is comparing scalars.
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0x4E00...0x9FFF, 0x3000...0x3029, 0x3030...0x303F, 0xFF01...0xFF5E: return true
        default: return plainMarks.contains(scalar)
        }
    }

    /// The dots and marks of bylines outside the ranges of ``isPlain(_:)``.
    private static let plainMarks: ScalarSet = "·•●・◎■□"

    /// `parse` for plain text (see ``isPlain(_:)``), on scalars: the same tokens, roles and names.
    ///
    /// Each token is sorted as soon as it ends, so text that is not a byline stops at its
    /// first token that is neither roles nor a name.
    func parsePlain(_ text: String) -> (names: [String], roleCount: Int)? {
        var names: [String] = []
        var roleCount = 0
        var tokenCount = 0
        var token: [Unicode.Scalar] = []
        /// Sorts `token` into roles and a name; false when it is neither.
        func sortToken() -> Bool {
            tokenCount += 1
            var word = token[...]
            while let lead = word.first,
                  let role = Self.roleScalars.first(where: { $0[0] == lead && word.starts(with: $0) && (word.count > $0.count || $0.count >= 2) }) {
                roleCount += 1
                word = word.dropFirst(role.count)
            }
            if word.isEmpty { return true }
            // The name test reads the scalars; only a name becomes a string.
            guard Self.isName(word) else { return false }
            names.append(String(String.UnicodeScalarView(word)))
            return true
        }
        for scalar in text.unicodeScalars {
            if Self.isSeparator(scalar) {
                if !token.isEmpty {
                    guard sortToken() else { return nil }
                    token.removeAll(keepingCapacity: true)
                }
            } else {
                token.append(scalar)
            }
        }
        if !token.isEmpty { guard sortToken() else { return nil } }
        guard tokenCount > 0 else { return nil }
        return (names, roleCount)
    }

    /// `parse` for any text, comparing characters; each token is sorted as soon as it ends.
    func parseCharacters(_ text: String) -> (names: [String], roleCount: Int)? {
        var names: [String] = []
        var roleCount = 0
        var tokenCount = 0
        var token = String.UnicodeScalarView()
        /// Sorts `token` into roles and a name; false when it is neither.
        func sortToken() -> Bool {
            tokenCount += 1
            var word = String(token)
            token = String.UnicodeScalarView()
            while let role = Self.roles.first(where: { word.hasPrefix($0) && (word.count > $0.count || $0.count >= 2) }) {
                roleCount += 1
                word.removeFirst(role.count)
            }
            if word.isEmpty { return true }
            guard isName(word) else { return false }
            names.append(word)
            return true
        }
        for scalar in text.unicodeScalars {
            if Self.isSeparator(scalar) {
                if !token.isEmpty { guard sortToken() else { return nil } }
            } else {
                token.append(scalar)
            }
        }
        if !token.isEmpty { guard sortToken() else { return nil } }
        guard tokenCount > 0 else { return nil }
        return (names, roleCount)
    }

    /// Two to four Han characters, or up to eight with a `·` inside (transliterated names).
    private func isName(_ word: String) -> Bool { Self.isName(word.unicodeScalars) }

    /// ``isName(_:)`` for the scalars of a word.
    static func isName<Scalars: Sequence<Unicode.Scalar>>(_ word: Scalars) -> Bool {
        var han = 0
        var dots = 0
        for scalar in word {
            if CharacterClass.isHan(scalar) { han += 1 } else if scalar == "·" { dots += 1 } else { return false }
            // More than eight Han characters is never a name, with or without a dot.
            if han > 8 { return false }
        }
        return han >= 2 && han <= (dots > 0 ? 8 : 4)
    }
}
