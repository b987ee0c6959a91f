import Foundation
import ZhiliCore
import ZhiliSegment

/// The index terms of one document as UTF-8 byte ranges, ready for FTS5: what ``ZhiliTokenizer``
/// emits for a document, computed ahead of time so a batch can be segmented on several threads.
struct DocumentTerms: Sendable {
    /// Triples (byte start, byte end, 1 if colocated else 0).
    var triples: [Int32]

    /// Segments `text` and lists its terms (``IndexTerms``) with byte offsets.
    ///
    /// - Complexity: O(n) in the length of `text`.
    init(text: String, segmenter: Segmenter, scratch: inout DocumentTerms.Scratch) throws {
        try segmenter.tokens(in: text, into: &scratch.tokens)
        scratch.scalars.removeAll(keepingCapacity: true)
        scratch.byteOffsets.removeAll(keepingCapacity: true)
        var offset: Int32 = 0
        for scalar in text.unicodeScalars {
            scratch.scalars.append(scalar)
            scratch.byteOffsets.append(offset)
            offset += Int32(UTF8.width(scalar))
        }
        scratch.byteOffsets.append(offset)
        var triples: [Int32] = []
        triples.reserveCapacity(scratch.tokens.count * 6)
        let offsets = scratch.byteOffsets
        IndexTerms.forEach(in: scratch.tokens, scalars: scratch.scalars) { start, end, colocated in
            guard end < offsets.count, offsets[end] > offsets[start] else { return }
            triples.append(offsets[start])
            triples.append(offsets[end])
            triples.append(colocated ? 1 : 0)
        }
        self.triples = triples
    }

    /// Reusable buffers for computing terms.
    struct Scratch {
        var tokens: [Token] = []
        var scalars: [Unicode.Scalar] = []
        var byteOffsets: [Int32] = []
    }
}

/// Hands terms computed ahead of time to the tokenizer that indexes the same text.
///
/// The writer registers a text's terms before inserting it; FTS5 then calls ``ZhiliTokenizer`` with
/// the text's UTF-8 bytes on the writer's thread, and the tokenizer takes the terms registered for
/// byte-identical text instead of segmenting again. Texts are matched by content, so a miss only
/// means segmenting inline.
final class TermHandoff: @unchecked Sendable {
    /// The process-wide handoff.
    static let shared = TermHandoff()

    private let lock = NSLock()
    private var entries: [Key: [(bytes: [UInt8], terms: DocumentTerms)]] = [:]

    private struct Key: Hashable {
        var count: Int
        var hash: UInt64
    }

    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Key(count: bytes.count, hash: hash)
    }

    /// Registers the terms of `text`.
    func register(_ text: String, _ terms: DocumentTerms) {
        let bytes = Array(text.utf8)
        let key = bytes.withUnsafeBufferPointer(Self.key)
        lock.lock()
        entries[key, default: []].append((bytes, terms))
        lock.unlock()
    }

    /// Removes and returns the terms registered for `bytes`, if any.
    func take(_ bytes: UnsafeBufferPointer<UInt8>) -> DocumentTerms? {
        let key = Self.key(bytes)
        lock.lock()
        defer { lock.unlock() }
        guard var bucket = entries[key],
              let index = bucket.firstIndex(where: { $0.bytes.withUnsafeBufferPointer { $0.elementsEqual(bytes) } })
        else { return nil }
        let terms = bucket.remove(at: index).terms
        entries[key] = bucket.isEmpty ? nil : bucket
        return terms
    }

    /// Drops every entry registered for `texts` that no tokenizer took (after a failed write).
    func discard(_ texts: [String]) {
        for text in texts {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBufferPointer { take($0) }
        }
    }
}
