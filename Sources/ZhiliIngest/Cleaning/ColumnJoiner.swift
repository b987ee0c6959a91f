import ZhiliText

/// Step b (across lines): turns blocks of lines into paragraphs, joining lines that narrow
/// newspaper columns broke mid-sentence.
///
/// Lines separated by blank lines form blocks. Within a block:
/// - a short headline split over two or three lines (no sentence punctuation) is joined with
///   one space: `“两全”代办解民忧` + `服务群众“零距离”`;
/// - a *column-wrapped* block — more than half of its lines (except the last) end mid-sentence —
///   is joined without spaces, starting a new paragraph at each indented line and after a line
///   much shorter than the column (under 60% of the block's longest line) that ends a sentence
///   or is shaped like a heading;
/// - any other block keeps one paragraph per line (text with a paragraph on every line).
///
/// Breaks *between* blocks inside a sentence (page gaps) are joined by ``PageGapJoiner``.
public struct ColumnJoiner: Sendable {
    /// Creates the step.
    public init() {}

    /// The paragraphs of `lines` (blank lines separate blocks).
    ///
    /// - Complexity: O(n) in the total length of the lines.
    public func paragraphs(from lines: [SourceLine]) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        var block: [SourceLine] = []
        var gap = 0
        func flush() {
            guard !block.isEmpty else { return }
            if block.count == 1 {
                // Most blocks are one line: one paragraph, without an array for it.
                paragraphs.append(Paragraph(block[0].text, gapBefore: gap))
            } else {
                paragraphs += self.paragraphs(ofBlock: block, gapBefore: gap)
            }
            block.removeAll(keepingCapacity: true)
            gap = 0
        }
        for line in lines {
            if line.text.isEmpty {
                flush()
                gap += 1
            } else {
                block.append(line)
            }
        }
        flush()
        return paragraphs
    }

    /// The paragraphs of one block of consecutive non-blank lines.
    func paragraphs(ofBlock block: [SourceLine], gapBefore: Int) -> [Paragraph] {
        guard block.count > 1 else { return [Paragraph(block[0].text, gapBefore: gapBefore)] }
        if isSplitHeadline(block) {
            return [Paragraph(block.map(\.text).joined(separator: " "), gapBefore: gapBefore)]
        }
        let inner = block.dropLast()
        let broken = inner.filter { !TextShape.endsSentence($0.text) }.count
        guard broken * 2 > inner.count else {
            return block.enumerated().map { Paragraph($1.text, gapBefore: $0 == 0 ? gapBefore : 0) }
        }
        let width = block.map { TextShape.length($0.text, limit: 400) }.max() ?? 0
        var result: [Paragraph] = []
        var current = ""
        var previousEndsParagraph = false
        for (index, line) in block.enumerated() {
            if index > 0, line.indented || previousEndsParagraph, !current.isEmpty {
                result.append(Paragraph(current, gapBefore: result.isEmpty ? gapBefore : 0))
                current = ""
            }
            if let last = current.unicodeScalars.last, let first = line.text.unicodeScalars.first,
               CharacterClass.isASCIILetter(last), CharacterClass.isASCIILetter(first) {
                current += " "
            }
            current += line.text
            let short = TextShape.length(line.text, limit: 400) * 10 < width * 6
            previousEndsParagraph = short && (TextShape.endsSentence(line.text) || TextShape.isHeading(line.text))
        }
        if !current.isEmpty { result.append(Paragraph(current, gapBefore: result.isEmpty ? gapBefore : 0)) }
        return result
    }

    /// Two or three short lines without sentence punctuation: one headline set on several lines.
    func isSplitHeadline(_ block: [SourceLine]) -> Bool {
        guard block.count <= 3 else { return false }
        return block.allSatisfy { line in
            TextShape.length(line.text, limit: 21) <= 20
                && !line.text.unicodeScalars.contains(where: CharacterClass.isSentencePunctuation)
                && line.text.unicodeScalars.contains(where: CharacterClass.isHan)
        }
    }
}
