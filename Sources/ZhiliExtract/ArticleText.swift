import ZhiliText

/// An article's body as Unicode scalars, with its paragraph and sentence boundaries.
///
/// Every offset the extractor reports counts scalars into this array, which is also how
/// ``ZhiliCore/Article`` defines offsets.
struct ArticleText {
    /// The body's scalars.
    let scalars: [Unicode.Scalar]
    /// Start offset of each paragraph, ascending.
    let paragraphStarts: [Int]
    /// Start offset of each sentence, ascending (a sentence ends after 。！？!? or at a line break).
    let sentenceStarts: [Int]
    /// The body's UTF-8 bytes: substrings and word tests work on them.
    let utf8: [UInt8]
    /// UTF-8 offset of each scalar offset (one more entry than scalars).
    let utf8Offsets: [Int32]

    init(_ text: String) {
        var text = text
        let utf8 = text.withUTF8 { Array($0) }
        let (scalars, offsets) = utf8.withUnsafeBufferPointer(UTF8Cursor.decode)
        self.utf8 = utf8
        self.scalars = scalars
        utf8Offsets = offsets
        var paragraphs = [0]
        var sentences = [0]
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" {
                paragraphs.append(index + 1)
                sentences.append(index + 1)
            } else if CharacterClass.isSentenceEnd(scalar) {
                // Keep closing quotes and brackets with the sentence they end.
                var end = index + 1
                while end < scalars.count, CharacterClass.isCloser(scalars[end]) { end += 1 }
                if end < scalars.count, scalars[end] != "\n" { sentences.append(end) }
                index = end - 1
            }
            index += 1
        }
        paragraphStarts = paragraphs
        sentenceStarts = sentences
    }

    var count: Int { scalars.count }

    /// The scalar at `index`, or a space outside the text.
    @inline(__always)
    subscript(_ index: Int) -> Unicode.Scalar {
        index >= 0 && index < scalars.count ? scalars[index] : " "
    }

    /// The range of the sentence holding `offset`.
    func sentence(at offset: Int) -> Range<Int> {
        span(at: offset, in: sentenceStarts)
    }

    /// The range of the paragraph holding `offset`.
    func paragraph(at offset: Int) -> Range<Int> {
        span(at: offset, in: paragraphStarts)
    }

    private func span(at offset: Int, in starts: [Int]) -> Range<Int> {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var end = low + 1 < starts.count ? starts[low + 1] : scalars.count
        while end > starts[low], scalars[end - 1] == "\n" { end -= 1 }
        return starts[low]..<end
    }

    /// The text of `range` as a String.
    func string(_ range: Range<Int>) -> String {
        let lower = max(0, range.lowerBound), upper = min(scalars.count, range.upperBound)
        guard lower < upper else { return "" }
        return String(decoding: utf8[Int(utf8Offsets[lower])..<Int(utf8Offsets[upper])], as: UTF8.self)
    }

    /// Whether the text at scalar `offset` spells `word`.
    ///
    /// - Complexity: O(*w*) byte comparisons for a word of *w* UTF-8 bytes.
    @inline(__always)
    func has(_ word: String, at offset: Int) -> Bool {
        guard offset >= 0, offset < scalars.count else { return false }
        return matches(word, atByte: Int(utf8Offsets[offset]))
    }

    /// Whether the text ending just before scalar `offset` spells `word`.
    @inline(__always)
    func has(_ word: String, endingAt offset: Int) -> Bool {
        guard offset > 0, offset <= scalars.count else { return false }
        return matches(word, atByte: Int(utf8Offsets[offset]) - word.utf8.count)
    }

    @inline(__always)
    private func matches(_ word: String, atByte start: Int) -> Bool {
        let count = word.utf8.count
        guard start >= 0, start + count <= utf8.count else { return false }
        if let result = word.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            for index in 0..<count where utf8[start + index] != bytes[index] { return false }
            return true
        }) {
            return result
        }
        var index = start
        for byte in word.utf8 {
            if utf8[index] != byte { return false }
            index += 1
        }
        return true
    }
}
