/// One line of the source after line-level repairs, with the spaces it began with.
public struct SourceLine: Sendable, Equatable {
    /// The line's text, trimmed; empty for a blank line.
    public var text: String
    /// The number of spaces and tabs the line began with: two or more are a paragraph's
    /// indent (two ideographic spaces in newspapers); one may be an indent or a word space
    /// that a column break put first (``ColumnJoiner`` decides).
    public var indent: Int
    /// The line's 1-based number in the cleaned text; 0 for the empty line that stands for a
    /// removed one (it ends a block of lines, but is no blank line: not part of a picture's gap).
    public var number: Int

    /// Creates a line.
    public init(_ text: String, indent: Int = 0, number: Int = 0) {
        self.text = text
        self.indent = indent
        self.number = number
    }

    /// Whether the line is a blank line of the text (not one that stands for a removed line).
    public var isBlank: Bool { text.isEmpty && number > 0 }
}

/// A paragraph being cleaned, with the number of blank lines that preceded it.
public struct Paragraph: Sendable, Equatable {
    /// The paragraph's text, one line.
    public var text: String
    /// Blank lines between this paragraph and the previous one (0 inside a block; lines removed
    /// by the cleaner do not count).
    public var gapBefore: Int
    /// The numbers of the lines where it starts and ends (``SourceLine/number``).
    public var lines: ClosedRange<Int>

    /// Creates a paragraph.
    public init(_ text: String, gapBefore: Int = 1, lines: ClosedRange<Int> = 0...0) {
        self.text = text
        self.gapBefore = gapBefore
        self.lines = lines
    }
}
