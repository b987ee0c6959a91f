/// Step b (across blocks): joins a sentence that a page or column gap split into two
/// paragraphs: `…现场讲解电力保护法` + `律法规,受到了群众的交口称赞。`.
///
/// A body paragraph is joined with the next body paragraph when it does not end a sentence
/// (nor with a colon), is not shaped like a heading, and the next one is not a heading or a
/// list item. Headings, real paragraph ends and list items are left alone.
public struct PageGapJoiner: Sendable {
    /// Creates the step.
    public init() {}

    /// `paragraphs` with page-gap breaks joined.
    ///
    /// - Complexity: O(n) in the total length.
    public func join(_ paragraphs: [Paragraph]) -> [Paragraph] {
        var result: [Paragraph] = []
        result.reserveCapacity(paragraphs.count)
        for paragraph in paragraphs {
            if let previous = result.last, shouldJoin(previous.text, paragraph.text) {
                result[result.count - 1].text += paragraph.text
                result[result.count - 1].lines = previous.lines.lowerBound...max(previous.lines.upperBound, paragraph.lines.upperBound)
            } else {
                result.append(paragraph)
            }
        }
        return result
    }

    /// Whether `first` was cut off and `second` continues it.
    public func shouldJoin(_ first: String, _ second: String) -> Bool {
        !TextShape.endsSentence(first) && !TextShape.endsWithColon(first)
            && !TextShape.isHeading(first) && !TextShape.isHeading(second)
            && !Self.startsListItem(second)
    }

    /// `1.`, `1、`, `(一)`, `一、`, `第一,` and bullet starts.
    static func startsListItem(_ text: String) -> Bool {
        var iterator = text.unicodeScalars.makeIterator()
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(6)
        while scalars.count < 6, let scalar = iterator.next() { scalars.append(scalar) }
        guard let first = scalars.first else { return false }
        if "•·●■□◆◇-*(（【".unicodeScalars.contains(first) { return true }
        var index = 0
        while index < scalars.count, TextShape.isListNumeral(scalars[index]) { index += 1 }
        if index > 0, index < scalars.count, "、.．)）".unicodeScalars.contains(scalars[index]) { return true }
        // `hasPrefix` compares characters; only a start other than ASCII or a unified Han
        // ideograph besides 第 needs it.
        if first.value < 0x80 || ((0x4E00...0x9FFF).contains(first.value) && first != "第") { return false }
        return text.hasPrefix("第") && index == 0 && scalars.count > 2 && TextShape.isListNumeral(scalars[1])
    }
}
