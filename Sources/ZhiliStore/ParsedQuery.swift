/// A search query split into what must match, what may match instead, and what must not.
///
/// Grammar (whitespace includes the ideographic space U+3000):
/// - `word word` — both must match (AND);
/// - `"a phrase"`, `“a phrase”` — the words must appear in this order, next to each other;
/// - `word OR word`, `word | word` — either may match (OR binds tighter than AND);
/// - `-word`, `-"a phrase"` (also full-width －) — articles matching it are left out.
///
/// Everything else is literal text: `'`, `*`, `(`, `NEAR(` or `--` never act as operators.
///
/// ```swift
/// ParsedQuery("网格员 -诈骗 调解 OR 化解")
/// // clauses: [[.word("网格员")], [.word("调解"), .word("化解")]], exclusions: [.word("诈骗")]
/// ```
public struct ParsedQuery: Sendable, Hashable {
    /// A word or a phrase of the query, as typed.
    public enum Item: Sendable, Hashable {
        /// Unquoted text: segmented, and every segment must match.
        case word(String)
        /// Quoted text: segmented, and the segments must match in order, adjacent.
        case phrase(String)

        /// The text as typed, without quotes.
        public var text: String {
            switch self {
            case .word(let text), .phrase(let text): return text
            }
        }
    }

    /// Clauses that must all match; each clause matches when any of its items does.
    public var clauses: [[Item]]
    /// Items no hit may match.
    public var exclusions: [Item]

    /// Parses `text`; never fails (unbalanced quotes end at the end of the query).
    ///
    /// - Complexity: O(n) in the length of `text`.
    public init(_ text: String) {
        clauses = []
        exclusions = []
        var pendingOr = false
        var lastWasPositive = false
        for lexeme in Self.lex(text) {
            switch lexeme {
            case .or:
                pendingOr = lastWasPositive
            case .item(let item, let excluded):
                if excluded {
                    exclusions.append(item)
                    lastWasPositive = false
                    pendingOr = false
                } else {
                    if pendingOr, !clauses.isEmpty {
                        clauses[clauses.count - 1].append(item)
                    } else {
                        clauses.append([item])
                    }
                    lastWasPositive = true
                    pendingOr = false
                }
            }
        }
    }

    /// Creates a query from parts.
    public init(clauses: [[Item]], exclusions: [Item] = []) {
        self.clauses = clauses
        self.exclusions = exclusions
    }

    private enum Lexeme {
        case item(Item, excluded: Bool)
        case or
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xA0, 0x3000: return true
        default: return false
        }
    }

    private static func isOpeningQuote(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "\u{201C}" || scalar == "\u{201D}" || scalar == "\u{FF02}"
    }

    private static func isClosingQuote(_ scalar: Unicode.Scalar) -> Bool {
        isOpeningQuote(scalar)
    }

    private static func isMinus(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{FF0D}"
    }

    private static func lex(_ text: String) -> [Lexeme] {
        let scalars = Array(text.unicodeScalars)
        var lexemes: [Lexeme] = []
        var index = 0
        while index < scalars.count {
            if isSpace(scalars[index]) { index += 1; continue }
            var excluded = false
            if isMinus(scalars[index]), index + 1 < scalars.count, !isSpace(scalars[index + 1]), !isMinus(scalars[index + 1]) {
                excluded = true
                index += 1
            }
            if isOpeningQuote(scalars[index]) {
                index += 1
                var phrase = String.UnicodeScalarView()
                while index < scalars.count, !isClosingQuote(scalars[index]) {
                    phrase.append(scalars[index])
                    index += 1
                }
                index += 1 // the closing quote, if any
                let text = String(phrase)
                if !text.unicodeScalars.allSatisfy(isSpace) {
                    lexemes.append(.item(.phrase(text), excluded: excluded))
                }
                continue
            }
            var word = String.UnicodeScalarView()
            while index < scalars.count, !isSpace(scalars[index]), !isOpeningQuote(scalars[index]) {
                word.append(scalars[index])
                index += 1
            }
            let text = String(word)
            if !excluded && (text == "OR" || text == "|" || text == "｜") {
                lexemes.append(.or)
            } else if !text.isEmpty {
                lexemes.append(.item(.word(text), excluded: excluded))
            }
        }
        return lexemes
    }
}
