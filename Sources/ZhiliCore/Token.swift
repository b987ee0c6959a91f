/// What a token is.
public enum TokenKind: String, Sendable, Codable, Hashable {
    /// A Chinese word or lexicon term.
    case word
    /// A number with its unit, such as `2000余起` or `41.3%`.
    case figure
    /// A bare number.
    case number
    /// Punctuation or a symbol.
    case punct
    /// A run of Latin letters (and digits), such as `ODR` or `E-mail`.
    case latin
}

/// A segment of an article's text. Offsets count Unicode scalars into the text.
public struct Token: Sendable, Codable, Hashable {
    /// Offset of the first scalar.
    public var start: Int
    /// Offset just past the last scalar.
    public var end: Int
    /// What the token is.
    public var kind: TokenKind

    /// Creates a token over `start..<end`.
    public init(start: Int, end: Int, kind: TokenKind) {
        self.start = start
        self.end = end
        self.kind = kind
    }

    /// Number of scalars covered.
    public var length: Int { end - start }
}
