/// One word of a lexicon, as written in a jieba dictionary line `word [freq] [tag]`.
public struct LexiconEntry: Sendable, Hashable {
    /// The word.
    public var word: String
    /// Its frequency, when given.
    public var frequency: Int?
    /// Its part-of-speech or domain tag (`n`, `ns`, `nz` …), when given.
    public var tag: String?

    /// Creates an entry.
    public init(word: String, frequency: Int? = nil, tag: String? = nil) {
        self.word = word
        self.frequency = frequency
        self.tag = tag
    }
}
