import ZhiliCore

/// The measure words of ``ZhiliCore/MeasureWords`` as a trie over scalars, for the extractor's
/// figures.
enum FigureUnits {
    static let all = MeasureWords.all.map(\.word)
    static let trie = ScalarTrie(words: all)

    /// The unit at `offset` in `buffer` (longest match) with its end, or nil.
    static func unit(in buffer: UnsafeBufferPointer<Unicode.Scalar>, at offset: Int) -> (unit: String, end: Int)? {
        guard let match = trie.longestMatch(in: buffer, from: offset) else { return nil }
        return (all[match.payload], match.end)
    }
}
