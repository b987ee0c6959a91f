import Foundation
import ZhiliCore
import ZhiliSegment

/// The index terms of one document as UTF-8 byte ranges, ready for FTS5: what ``ZhiliTokenizer``
/// emits for a document, computed ahead of time so a batch can be segmented on several threads.
struct DocumentTerms: Sendable {
    /// Triples (byte start, byte end, flags): ``colocated`` and ``foldable`` bits.
    var triples: [Int32]

    /// Flag: the term shares the position of the one before it.
    static let colocated: Int32 = 1
    /// Flag: the term holds a scalar ``TermFolding`` changes (A–Z, full-width ASCII forms).
    static let foldable: Int32 = 2

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
        let scalars = scratch.scalars
        IndexTerms.forEach(in: scratch.tokens, scalars: scalars) { start, end, colocated in
            guard end < offsets.count, offsets[end] > offsets[start] else { return }
            triples.append(offsets[start])
            triples.append(offsets[end])
            var flags = colocated ? Self.colocated : 0
            for index in start..<end where TermFolding.changes(scalars[index]) {
                flags |= Self.foldable
                break
            }
            triples.append(flags)
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

    /// A text's bytes and terms with their lookup key, made on any thread before the write.
    struct Entry: Sendable {
        fileprivate let key: Key
        fileprivate let bytes: [UInt8]
        fileprivate let terms: DocumentTerms

        init(text: String, terms: DocumentTerms) {
            bytes = Array(text.utf8)
            key = bytes.withUnsafeBufferPointer(TermHandoff.key)
            self.terms = terms
        }
    }

    private let lock = NSLock()
    private var entries: [Key: [Entry]] = [:]

    fileprivate struct Key: Hashable {
        var count: Int
        var hash: UInt64
    }

    /// Hashes the length and up to 64 bytes from each end: enough to tell texts apart, and the
    /// bytes are compared in full before terms are handed over.
    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ range: Range<Int>) {
            for index in range {
                hash ^= UInt64(bytes[index])
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        if bytes.count <= 128 {
            mix(0..<bytes.count)
        } else {
            mix(0..<64)
            mix(bytes.count - 64..<bytes.count)
        }
        return Key(count: bytes.count, hash: hash)
    }

    /// Registers the terms of `text`.
    func register(_ text: String, _ terms: DocumentTerms) {
        register(Entry(text: text, terms: terms))
    }

    /// Registers a prepared entry.
    func register(_ entry: Entry) {
        lock.lock()
        entries[entry.key, default: []].append(entry)
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

    /// Drops those of `entries` that no tokenizer took (after a failed write, or text FTS5 never
    /// tokenized); cheap when every entry was taken.
    func discard(_ entries: [Entry]) {
        lock.lock()
        defer { lock.unlock() }
        if self.entries.isEmpty { return }
        for entry in entries {
            guard var bucket = self.entries[entry.key],
                  let index = bucket.firstIndex(where: { $0.bytes == entry.bytes })
            else { continue }
            bucket.remove(at: index)
            self.entries[entry.key] = bucket.isEmpty ? nil : bucket
        }
    }
}
