/// A marked stretch of article text: a figure or a program mention, in Unicode scalar offsets.
public struct TextSpan: Sendable, Hashable, Codable {
    /// What the span marks.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A reported quantity.
        case figure
        /// A named program.
        case program
    }

    /// Figure or program.
    public var kind: Kind
    /// Offset of the first scalar in the article text.
    public var start: Int
    /// Offset just past the last scalar.
    public var end: Int
    /// The covered text.
    public var text: String
    /// Indicator id for a figure, program name for a program.
    public var label: String?
    /// Anchor id on the article page (`f0`, `p2`), target of links from charts and lists.
    public var anchor: String

    /// Creates a span.
    public init(kind: Kind, start: Int, end: Int, text: String, label: String?, anchor: String) {
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.label = label
        self.anchor = anchor
    }
}
