/// One line of the source after line-level repairs, with whether it was indented.
public struct SourceLine: Sendable, Equatable {
    /// The line's text, trimmed; empty for a blank line.
    public var text: String
    /// True when the line began with white space (an indented first line of a paragraph).
    public var indented: Bool

    /// Creates a line.
    public init(_ text: String, indented: Bool = false) {
        self.text = text
        self.indented = indented
    }
}

/// A paragraph being cleaned, with the number of blank lines that preceded it.
public struct Paragraph: Sendable, Equatable {
    /// The paragraph's text, one line.
    public var text: String
    /// Blank lines between this paragraph and the previous one (0 inside a block).
    public var gapBefore: Int

    /// Creates a paragraph.
    public init(_ text: String, gapBefore: Int = 1) {
        self.text = text
        self.gapBefore = gapBefore
    }
}
