import ZhiliCore

/// The measure words of ``ZhiliCore/MeasureWords`` as tries over UTF-16, for the segmenter's
/// figure tokens (`2000余起`, `23700人`, `384.5万元`).
enum FigureUnits {
    /// A trie of every measure word.
    static let trie: LexiconTrie = build(MeasureWords.all.map(\.word))
    /// A trie of the measure words safe after a lone Chinese numeral.
    static let loneTrie: LexiconTrie = build(MeasureWords.afterLoneNumeral)

    private static func build(_ units: [String]) -> LexiconTrie {
        var trie = LexiconTrie()
        for (index, unit) in units.enumerated() {
            if let node = trie.insert(unit.utf16) { trie.setWord(node, entry: Int32(index), logFrequency: 0) }
        }
        return trie
    }
}

extension LexiconTrie {
    /// The end of the longest word of the trie that starts at `start` in `text`, or nil.
    ///
    /// - Complexity: O(k) in the length k of the longest word.
    @inline(__always)
    func longestMatch(in text: UnsafeBufferPointer<UInt16>, from start: Int) -> Int? {
        withView { trie in
            var node = LexiconTrie.root
            var index = start
            var best: Int?
            while index < text.count {
                let cursor = trie.step(node, text[index])
                if cursor < 0 { break }
                index += 1
                if LexiconTrie.isWord(cursor) { best = index }
                node = LexiconTrie.node(cursor)
            }
            return best
        }
    }
}
