import ZhiliCore

extension Segmenter {
    /// The tokens of `text` for a search index: each token, followed by the words inside it.
    ///
    /// A word of three or more characters is followed by every lexicon word inside it and every
    /// piece of two or more characters ICU found inside it (网格员 → 网格; 老李调解室 → 老李, 调解,
    /// 调解室), each marked ``SearchToken/isColocated``. A figure is followed by its number
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
            var segmentIndex = 0
            for token in tokens {
                result.append(SearchToken(start: scalar(token.start), end: scalar(token.end), kind: token.kind, isColocated: false))
                switch token.kind {
                case .word where token.end - token.start >= 3:
                    pieces.removeAll(keepingCapacity: true)
                    lexicon.trie.withView { trie in
                        for from in token.start..<(token.end - 1) {
                            var node = LexiconTrie.root
                            var index = from
                            while index < token.end {
                                let cursor = trie.step(node, buffer[index])
                                if cursor < 0 { break }
                                index += 1
                                if LexiconTrie.isWord(cursor), index - from >= 2, index - from < token.end - token.start {
                                    pieces.append((from, index))
                                }
                                node = LexiconTrie.node(cursor)
                            }
                        }
                    }
                    // ICU's own pieces inside the token.
                    while segmentIndex < segmentEnds.count, Int(segmentEnds[segmentIndex]) <= token.start { segmentIndex += 1 }
                    var pieceStart = token.start
                    var index = segmentIndex
                    while index < segmentEnds.count, Int(segmentEnds[index]) <= token.end {
                        let pieceEnd = Int(segmentEnds[index])
                        if pieceEnd - pieceStart >= 2, pieceEnd - pieceStart < token.end - token.start {
                            pieces.append((pieceStart, pieceEnd))
                        }
                        pieceStart = pieceEnd
                        index += 1
                    }
                    pieces.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
                    var previous: (start: Int, end: Int)?
                    for piece in pieces where previous.map({ $0 != piece }) ?? true {
                        result.append(SearchToken(start: scalar(piece.start), end: scalar(piece.end), kind: .word, isColocated: true))
                        previous = piece
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
