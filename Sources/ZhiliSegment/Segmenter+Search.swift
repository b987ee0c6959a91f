import ZhiliText
import ZhiliCore

extension Segmenter {
    /// The tokens of `text` for a search index: each token, followed by the words inside it.
    ///
    /// A word of three or more characters is followed by every lexicon word of two or more
    /// characters inside it (网格员 → 网格; 老李调解室 → 老李, 调解, 调解室), each marked
    /// ``SearchToken/isColocated``. A figure is followed by its number
    /// (2000余起 → 2000). Pieces come in order of start, longer first. Offsets count scalars.
    ///
    /// - Complexity: O(n · k) for n characters and words of at most k characters.
    public func searchTokens(in text: String) throws -> [SearchToken] {
        loadUnits(text)
        let units = self.units
        var result: [SearchToken] = []
        result.reserveCapacity(units.count / 2)
        var tokens: [(start: Int, end: Int, kind: TokenKind)] = []
        try units.withUnsafeBufferPointer { buffer in
            try segment(buffer) { start, end, kind in tokens.append((start, end, kind)) }
            // UTF-16 offset to scalar offset, only needed with surrogate pairs.
            var scalarAt: [Int] = []
            if buffer.contains(where: { $0 & 0xF800 == 0xD800 }) {
                scalarAt.reserveCapacity(buffer.count + 1)
                var scalar = 0
                for unit in buffer {
                    scalarAt.append(scalar)
                    if !UTF16.isTrailSurrogate(unit) { scalar += 1 }
                }
                scalarAt.append(scalar)
            }
            func scalar(_ offset: Int) -> Int { scalarAt.isEmpty ? offset : scalarAt[offset] }
            var pieces: [(start: Int, end: Int)] = []
            for token in tokens {
                result.append(SearchToken(start: scalar(token.start), end: scalar(token.end), kind: token.kind, isColocated: false))
                switch token.kind {
                case .word where token.end - token.start >= 3:
                    pieces.removeAll(keepingCapacity: true)
                    let upToEnd = UnsafeBufferPointer(rebasing: buffer[..<token.end])
                    for from in token.start..<(token.end - 1) {
                        lexicon.trie.forEachMatch(in: upToEnd, from: from) { end, _ in
                            if end - from >= 2, end - from < token.end - token.start { pieces.append((from, end)) }
                        }
                    }
                    pieces.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
                    for piece in pieces {
                        result.append(SearchToken(start: scalar(piece.start), end: scalar(piece.end), kind: .word, isColocated: true))
                    }
                case .figure:
                    if let number = NumberReader.read(buffer, at: token.start), number.numeralEnd < token.end {
                        result.append(SearchToken(start: scalar(token.start), end: scalar(number.numeralEnd), kind: .number, isColocated: true))
                    }
                default:
                    break
                }
            }
        }
        return result
    }
}
