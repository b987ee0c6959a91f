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
///   or is shaped like a heading. A line that starts with one space after a line that does not
///   end a sentence is no indent: the column broke a heading at its space
///   (`深化基层治理` + ` 筑牢社会安全屏障`), and the space is kept;
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
        paragraphs.reserveCapacity(lines.count / 2)
        var block: [SourceLine] = []
        var gap = 0
        func flush() {
            guard !block.isEmpty else { return }
            if block.count == 1 {
                // Most blocks are one line: one paragraph, without an array for it.
                paragraphs.append(Paragraph(block[0].text, gapBefore: gap, lines: block[0].number...block[0].number))
            } else {
                paragraphs += self.paragraphs(ofBlock: block, gapBefore: gap)
            }
            block.removeAll(keepingCapacity: true)
            gap = 0
        }
        for line in lines {
            if line.text.isEmpty {
                flush()
                if line.isBlank { gap += 1 }
            } else {
                block.append(line)
            }
        }
        flush()
        return paragraphs
    }

    /// The paragraphs of one block of consecutive non-blank lines.
    func paragraphs(ofBlock block: [SourceLine], gapBefore: Int) -> [Paragraph] {
        guard block.count > 1 else { return [Paragraph(block[0].text, gapBefore: gapBefore, lines: block[0].number...block[0].number)] }
        if isSplitHeadline(block) {
            return [Paragraph(block.map(\.text).joined(separator: " "), gapBefore: gapBefore, lines: block[0].number...block[block.count - 1].number)]
        }
        let inner = block.dropLast()
        let broken = inner.filter { !TextShape.endsSentence($0.text) }.count
        guard broken * 2 > inner.count else {
            return block.enumerated().map { Paragraph($1.text, gapBefore: $0 == 0 ? gapBefore : 0, lines: $1.number...$1.number) }
        }
        // Widths count characters, not the spaces justification may have left between them.
        let width = block.map { Self.width(of: $0.text) }.max() ?? 0
        var result: [Paragraph] = []
        var current = ""
        var firstLine = block[0].number
        var lastLine = firstLine
        var previousEndsParagraph = false
        var previousEndsSentence = false
        for (index, line) in block.enumerated() {
            let wordSpace = line.indent == 1 && !previousEndsSentence
            if index > 0, (line.indent > 0 && !wordSpace) || previousEndsParagraph, !current.isEmpty {
                result.append(Paragraph(current, gapBefore: result.isEmpty ? gapBefore : 0, lines: firstLine...lastLine))
                current = ""
                firstLine = line.number
            }
            if let last = current.unicodeScalars.last, let first = line.text.unicodeScalars.first,
               wordSpace || (CharacterClass.isASCIILetter(last) && CharacterClass.isASCIILetter(first)) {
                current += " "
            }
            current += line.text
            lastLine = line.number
            let short = Self.width(of: line.text) * 10 < width * 6
            previousEndsSentence = TextShape.endsSentence(line.text)
            previousEndsParagraph = short && (previousEndsSentence || TextShape.isHeading(line.text))
        }
        if !current.isEmpty { result.append(Paragraph(current, gapBefore: result.isEmpty ? gapBefore : 0, lines: firstLine...lastLine)) }
        return result
    }

    /// The number of scalars of `line` other than spaces and tabs, counting at most 400.
    ///
    /// - Complexity: O(n) over the UTF-8 bytes (a scalar per non-continuation byte).
    static func width(of line: String) -> Int {
        var count = 0
        for byte in line.utf8 where byte & 0xC0 != 0x80 && byte != 0x20 && byte != 0x09 {
            count += 1
            if count == 400 { break }
        }
        return count
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
