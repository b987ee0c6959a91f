import ZhiliICU

/// Finds query words in a text and cuts the passage that shows most of them.
///
/// Matching is literal on folded text (case and full-width folded like the index), so every
/// highlight is an exact range of the original text in Unicode scalars.
enum SnippetBuilder {
    /// Passage length in Unicode scalars.
    static let width = 96
    /// Context kept before the first match, at most.
    static let lead = 24

    /// Sorted, merged ranges of the needle groups in `text`: each group's first needle where it
    /// occurs, else the group's other needles (the segments of a word that only matched in parts).
    static func highlights(of groups: [[String]], in text: [Unicode.Scalar]) -> [TextRange] {
        merged(taggedHighlights(of: groups, in: text).map(\.range))
    }

    /// Unmerged matches, each with the index of its needle group.
    static func taggedHighlights(of groups: [[String]], in text: [Unicode.Scalar]) -> [(range: TextRange, group: Int)] {
        var ranges: [(range: TextRange, group: Int)] = []
        for (index, group) in groups.enumerated() {
            guard let whole = group.first else { continue }
            var found = occurrences(of: [whole], in: text)
            if found.isEmpty { found = occurrences(of: Array(group.dropFirst()), in: text) }
            ranges += found.map { ($0, index) }
        }
        ranges.sort { $0.range < $1.range }
        return ranges
    }

    /// Ranges of `needles` in `text` (Unicode scalar offsets), unsorted.
    ///
    /// - Complexity: O(n · m · k) for n scalars, k needles of length m; texts are articles, needles few.
    static func occurrences(of needles: [String], in text: [Unicode.Scalar]) -> [TextRange] {
        var ranges: [TextRange] = []
        for needle in needles {
            let pattern = Array(needle.unicodeScalars)
            guard let first = pattern.first, pattern.count <= text.count else { continue }
            var start = 0
            let lastStart = text.count - pattern.count
            while start <= lastStart {
                if text[start] == first {
                    var offset = 1
                    while offset < pattern.count && text[start + offset] == pattern[offset] { offset += 1 }
                    if offset == pattern.count {
                        ranges.append(TextRange(start: start, end: start + pattern.count))
                        start += pattern.count
                        continue
                    }
                }
                start += 1
            }
        }
        return ranges
    }

    /// Sorts and merges overlapping or touching ranges.
    static func merged(_ ranges: [TextRange]) -> [TextRange] {
        var result: [TextRange] = []
        for range in ranges.sorted() {
            if let last = result.last, range.start <= last.end {
                result[result.count - 1].end = max(last.end, range.end)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// The scalars of `text`, folded like the index (Traditional to Simplified, then case and
    /// width); the folds keep one scalar for one, so indices are those of `text`.
    static func foldedScalars(_ text: String) -> [Unicode.Scalar] {
        TraditionalFolding.fold(text).unicodeScalars.map(TermFolding.fold)
    }

    /// The best passage of `text` for `needles`; the opening of `text` when nothing matches.
    ///
    /// - Complexity: O(n) in the length of `text` for a fixed query.
    static func snippet(of text: String, needles: [[String]]) -> Snippet {
        let original = Array(text.unicodeScalars)
        let folded = foldedScalars(text)
        let tagged = taggedHighlights(of: needles, in: folded)
        var start = 0
        if !tagged.isEmpty {
            // The window holding the most distinct query words wins, then the most matches; the earliest on ties.
            var bestScore = -1
            for (index, match) in tagged.enumerated() {
                var groups = Set<Int>()
                var cursor = index
                while cursor < tagged.count, tagged[cursor].range.end <= match.range.start + width - lead {
                    groups.insert(tagged[cursor].group)
                    cursor += 1
                }
                let score = groups.count * 1000 + (cursor - index)
                if score > bestScore {
                    bestScore = score
                    start = windowStart(before: match.range.start, in: original)
                }
            }
        }
        let ranges = merged(tagged.map(\.range))
        var end = min(original.count, start + width)
        // Stop at a paragraph break that follows the last match in the window.
        let lastMatchEnd = ranges.last(where: { $0.start < end })?.end ?? start
        if let newline = original[max(start, min(lastMatchEnd, end))..<end].firstIndex(of: "\n") { end = newline }
        var visible = [TextRange]()
        for range in ranges where range.end > start && range.start < end {
            visible.append(TextRange(start: max(range.start, start) - start, end: min(range.end, end) - start))
        }
        return Snippet(
            text: String(String.UnicodeScalarView(original[start..<end])), start: start, highlights: visible,
            truncatedStart: start > 0, truncatedEnd: end < original.count)
    }

    /// Where a passage showing a match at `matchStart` should begin: just after a sentence end or
    /// paragraph break within ``lead`` scalars, else ``lead`` scalars before.
    private static func windowStart(before matchStart: Int, in text: [Unicode.Scalar]) -> Int {
        var index = matchStart
        let floor = max(0, matchStart - lead)
        while index > floor {
            switch text[index - 1] {
            case "\n", "。", "！", "？", "；", "!", "?", ";": return index
            default: index -= 1
            }
        }
        return floor
    }
}
