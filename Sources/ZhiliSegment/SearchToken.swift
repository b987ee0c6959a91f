import ZhiliCore

/// A token for a search index: a segmenter token, or a finer piece of the token before it.
///
/// Search mode emits each token, then the words inside it at the same place, as jieba's search
/// mode does (老李调解室, then 老李, 调解, 调解室), so a query for 调解 finds 老李调解室.
/// Index the pieces with a position increment of 0 (`isColocated`).
public struct SearchToken: Sendable, Hashable {
    /// Offset of the first scalar in the text.
    public var start: Int
    /// Offset just past the last scalar.
    public var end: Int
    /// What the token is.
    public var kind: TokenKind
    /// Whether this is a piece of the previous non-colocated token (same position in the index).
    public var isColocated: Bool

    /// Creates a search token.
    public init(start: Int, end: Int, kind: TokenKind, isColocated: Bool) {
        self.start = start
        self.end = end
        self.kind = kind
        self.isColocated = isColocated
    }

    /// Number of scalars covered.
    public var length: Int { end - start }
}
