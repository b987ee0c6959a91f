import ZhiliCore
import ZhiliSegment
import ZhiliICU

/// The index terms of one text, serialized as the value inserted into a column of `article_fts`:
/// the text is segmented ahead of time (on any thread, see ``SegmenterPool``), and the `zhili`
/// tokenizer (``ZhiliTokenizer``) only decodes the stream and hands each term to FTS5.
///
/// Each term is a LEB128 header, `byteCount << 1 | colocated`, followed by the term's UTF-8
/// bytes, already folded (``TermFolding``); a colocated term shares the position of the one before
/// it (``IndexTerms``). The full-text table is contentless, so the stream is never stored.
package struct TermStream: Sendable {
    /// The serialized terms.
    package private(set) var bytes: [UInt8] = []

    /// The stream of no terms (a missing title).
    static let empty = TermStream()

    private init() {}

    /// Segments `text` and serializes its terms (``IndexTerms``), folded.
    ///
    /// - Complexity: O(n) in the length of `text`.
    init(text: String, segmenter: Segmenter, scratch: inout Scratch) throws {
        // Traditional characters are indexed as Simplified (網格員 as 网格员); the fold keeps every
        // scalar and byte offset (both forms are three UTF-8 bytes).
        let text = TraditionalFolding.fold(text)
        try segmenter.tokens(in: text, into: &scratch.tokens)
        scratch.scalars.removeAll(keepingCapacity: true)
        scratch.byteOffsets.removeAll(keepingCapacity: true)
        var offset = 0
        for scalar in text.unicodeScalars {
            scratch.scalars.append(scalar)
            scratch.byteOffsets.append(offset)
            offset += UTF8.width(scalar)
        }
        scratch.byteOffsets.append(offset)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scratch.tokens.count * 24)
        var folded: [UInt8] = []
        var utf8Text = text
        utf8Text.withUTF8 { utf8 in
            let offsets = scratch.byteOffsets
            IndexTerms.forEach(in: scratch.tokens, scalars: scratch.scalars) { start, end, colocated in
                guard end < offsets.count, offsets[end] > offsets[start] else { return }
                let term = UnsafeBufferPointer(rebasing: utf8[offsets[start]..<offsets[end]])
                if TermFolding.fold(utf8: term, into: &folded) {
                    Self.append(folded, colocated: colocated, to: &bytes)
                } else {
                    Self.append(term, colocated: colocated, to: &bytes)
                }
            }
        }
        self.bytes = bytes
    }

    private static func append(_ term: some Collection<UInt8>, colocated: Bool, to bytes: inout [UInt8]) {
        var header = term.count << 1 | (colocated ? 1 : 0)
        while header >= 0x80 {
            bytes.append(UInt8(header & 0x7F) | 0x80)
            header >>= 7
        }
        bytes.append(UInt8(header))
        bytes.append(contentsOf: term)
    }

    /// Calls `body` with the byte range of each term in `stream` (a serialized stream, as FTS5
    /// hands it to the tokenizer) and whether it is colocated; stops early when `body` returns false.
    /// Returns false when the stream is malformed (a header or term running past the end).
    package static func forEachTerm(
        in stream: UnsafeBufferPointer<UInt8>, _ body: (_ term: Range<Int>, _ colocated: Bool) -> Bool
    ) -> Bool {
        var index = 0
        while index < stream.count {
            var header = 0, shift = 0, byte: UInt8
            repeat {
                guard index < stream.count, shift < 56 else { return false }
                byte = stream[index]
                index += 1
                header |= Int(byte & 0x7F) << shift
                shift += 7
            } while byte & 0x80 != 0
            let length = header >> 1
            guard length <= stream.count - index else { return false }
            if !body(index..<index + length, header & 1 != 0) { return true }
            index += length
        }
        return true
    }

    /// Reusable buffers for segmenting one text after another.
    struct Scratch {
        var tokens: [Token] = []
        var scalars: [Unicode.Scalar] = []
        var byteOffsets: [Int] = []
    }
}
