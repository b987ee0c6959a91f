import ZhiliText
import ZhiliCore
@testable import ZhiliIngest

/// The cleaner's invariant: every body character of its input is in `paragraphs`, in
/// `captions`, or in the record of a named rule that removed it (``Removal``), on the line the
/// record names; and nothing comes out that was not in.
///
/// Characters are the non-space scalars of the cleaned text (a file's text after
/// ``TextNormalizer``, an HTML page's main text), counted: the input's counts must equal those
/// of the paragraphs plus the removal records (captions are records of the `caption` rule, and
/// must be the articles' captions).
enum CleaningInvariant {
    /// The problems found, empty when the invariant holds.
    /// Blocks of an HTML page outside its main text (line 0) are not part of the input.
    static func problems(input: String, articles: [Article], removals: [Removal]) -> [String] {
        let removals = removals.filter { $0.line > 0 }
        var problems: [String] = []
        var counts: [Unicode.Scalar: Int] = [:]
        for scalar in input.unicodeScalars where !isSpace(scalar) { counts[scalar, default: 0] += 1 }
        for paragraph in articles.flatMap(\.paragraphs) {
            for scalar in paragraph.unicodeScalars where !isSpace(scalar) { counts[scalar, default: 0] -= 1 }
        }
        for removal in removals {
            for scalar in removal.text.unicodeScalars where !isSpace(scalar) { counts[scalar, default: 0] -= 1 }
        }
        let lost = counts.filter { $0.value > 0 }.sorted { $0.key.value < $1.key.value }
        let made = counts.filter { $0.value < 0 }.sorted { $0.key.value < $1.key.value }
        if !lost.isEmpty { problems.append("lost: " + lost.map { "\($0.key)×\($0.value)" }.joined(separator: " ")) }
        if !made.isEmpty { problems.append("not in the input: " + made.map { "\($0.key)×\(-$0.value)" }.joined(separator: " ")) }

        let captions = removals.filter { $0.rule == .caption }.map(\.text)
        if captions != articles.flatMap(\.captions) { problems.append("captions \(articles.flatMap(\.captions)) but caption records \(captions)") }

        // Each record stands on its line: its characters, in order, from that line's start to
        // its end or, for a record over several column lines, a few times the record's length.
        let lines = input.split(separator: "\n", omittingEmptySubsequences: false)
        var lineStarts: [Int] = [0]
        var stream: [Unicode.Scalar] = []
        for line in lines {
            stream += line.unicodeScalars.filter { !isSpace($0) }
            lineStarts.append(stream.count)
        }
        for removal in removals {
            let wanted = removal.text.unicodeScalars.filter { !isSpace($0) }
            guard removal.line >= 1, removal.line <= lines.count else {
                problems.append("record on line \(removal.line), outside the input: \(removal)")
                continue
            }
            let start = lineStarts[removal.line - 1]
            let window = stream[start..<min(stream.count, max(lineStarts[removal.line], start + 3 * wanted.count + 40))]
            var next = wanted.startIndex
            for scalar in window where next != wanted.endIndex && scalar == wanted[next] { next = wanted.index(after: next) }
            if next != wanted.endIndex { problems.append("not on line \(removal.line): \(removal.rule) \(removal.text)") }
        }
        return problems
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { CharacterClass.isSpace(scalar) || scalar == "\n" }
}
