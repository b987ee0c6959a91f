import ZhiliText

/// The most probable split of a run of Han characters into lexicon words (jieba's algorithm).
///
/// Every lexicon word starting at each position is an edge of a word graph weighted by
/// `log(frequency / total)`; a character that starts no word is a one-character word of frequency 1.
/// The path with the largest sum wins, so 化解矛盾纠纷 becomes 化解|矛盾纠纷 (621 × 3000) rather than
/// 化解矛盾|纠纷 (3 × 1191), which longest match would pick. Ties go to the longer word.
///
/// Borrows every buffer, so the inner loop does no reference counting or allocation.
struct BestPath {
    /// The lexicon's words.
    let trie: WordTrie.View
    /// Natural log of the frequency of the word ending at each trie node.
    let logFrequencies: UnsafeBufferPointer<Float>
    /// Natural log of the lexicon's total frequency.
    let logTotal: Float

    /// Writes the end of the word starting at each position of `text[start..<end]` on the best
    /// path into `next` (indexed from `start`), using `score` (count `end - start + 1`) as scratch.
    ///
    /// Follow the path with `position = next[position - start]` from `start` until `end`.
    /// - Complexity: O(n · k) for n characters and words of at most k characters.
    @inline(__always)
    func solve(
        _ text: UnsafeBufferPointer<UInt16>, from start: Int, to end: Int,
        score: UnsafeMutablePointer<Float>, next: UnsafeMutablePointer<Int32>
    ) -> UInt64 {
        let warmth = warm(text, from: start, to: end)
        let count = end - start
        score[count] = 0
        var index = count - 1
        while index >= 0 {
            // An unknown character: frequency 1.
            var bestScore = score[index + 1] - logTotal
            var bestEnd = index + 1
            var cursor = trie.start(text[start + index])
            var length = index + 1
            while cursor >= 0 {
                if WordTrie.isWord(cursor) {
                    let candidate = logFrequencies[Int(WordTrie.node(cursor))] - logTotal + score[length]
                    if candidate >= bestScore {
                        bestScore = candidate
                        bestEnd = length
                    }
                }
                if length == count { break }
                cursor = trie.step(WordTrie.node(cursor), text[start + length])
                length += 1
            }
            score[index] = bestScore
            next[index] = Int32(bestEnd)
            index -= 1
        }
        return warmth
    }

    /// Loads the second and third edges of the walks from every position before the walks run.
    ///
    /// The loads of one level are independent of one another, so the processor overlaps their
    /// cache misses instead of paying for them one by one in the walks. Returns a value that
    /// depends on every load, so the compiler keeps them.
    @inline(__always)
    private func warm(_ text: UnsafeBufferPointer<UInt16>, from start: Int, to end: Int) -> UInt64 {
        var sink: UInt64 = 0
        guard end - start >= 2 else { return 0 }
        for index in start..<(end - 1) {
            let first = trie.start(text[index])
            if first >= 0 { sink &+= trie.touch(WordTrie.node(first), text[index + 1]) }
        }
        guard end - start >= 3 else { return sink }
        for index in start..<(end - 2) {
            let first = trie.start(text[index])
            guard first >= 0 else { continue }
            let second = trie.step(WordTrie.node(first), text[index + 1])
            if second >= 0 { sink &+= trie.touch(WordTrie.node(second), text[index + 2]) }
        }
        return sink
    }

    /// The total log probability of the best path through `units`, or of one unknown character each.
    func bestScore(of units: [UInt16]) -> Float {
        guard !units.isEmpty else { return 0 }
        var score = [Float](repeating: 0, count: units.count + 1)
        var next = [Int32](repeating: 0, count: units.count + 1)
        units.withUnsafeBufferPointer { text in
            score.withUnsafeMutableBufferPointer { score in
                next.withUnsafeMutableBufferPointer { next in
                    _ = solve(text, from: 0, to: text.count, score: score.baseAddress!, next: next.baseAddress!)
                }
            }
        }
        return score[0]
    }
}
