import GRDB
import ZhiliCore
import ZhiliSegment

/// The FTS5 tokenizer `zhili`: documents are segmented by Zhili's ``Segmenter`` and indexed with
/// ``IndexTerms`` (words plus colocated sub-tokens); queries are split on spaces only, because
/// ``SearchPlan`` segments the user's words itself and writes each as a quoted FTS5 string.
///
/// FTS5 hands the tokenizer UTF-8 and wants byte offsets, while the segmenter counts Unicode
/// scalars; a per-call table maps one to the other so every reported offset is a byte offset
/// into the original text.
/// SQLite documentation: <https://www.sqlite.org/fts5.html#custom_tokenizers>.
final class ZhiliTokenizer: FTS5CustomTokenizer {
    /// The name used in `CREATE VIRTUAL TABLE … tokenize='zhili'`.
    static let name = "zhili"

    /// `FTS5_TOKEN_COLOCATED`.
    private static let colocatedFlag: CInt = 0x0001
    /// `SQLITE_OK`.
    private static let ok: CInt = 0

    private let segmenter: Segmenter
    private var scratch = DocumentTerms.Scratch()
    private var folded: [UInt8] = []

    init(db: Database, arguments: [String]) throws {
        segmenter = try Segmenter()
    }

    func tokenize(
        context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?, nText: CInt, tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return Self.ok }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        if tokenization.contains(.query) {
            return tokenizeQuery(bytes, context: context, callback: tokenCallback)
        }
        return tokenizeDocument(bytes, context: context, callback: tokenCallback)
    }

    /// Query strings were segmented by ``SearchPlan``: every space-separated piece is one token.
    private func tokenizeQuery(_ bytes: UnsafeBufferPointer<UInt8>, context: UnsafeMutableRawPointer?, callback: FTS5TokenCallback) -> CInt {
        var start = 0
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == 0x20 {
                if index > start {
                    let code = Self.emit(bytes, start, index, flags: 0, fold: true, into: &folded, context: context, callback: callback)
                    if code != Self.ok { return code }
                }
                start = index + 1
            }
            index += 1
        }
        return Self.ok
    }

    private func tokenizeDocument(_ bytes: UnsafeBufferPointer<UInt8>, context: UnsafeMutableRawPointer?, callback: FTS5TokenCallback) -> CInt {
        let terms: DocumentTerms
        if let prepared = TermHandoff.shared.take(bytes) {
            terms = prepared
        } else {
            do {
                terms = try DocumentTerms(text: String(decoding: bytes, as: UTF8.self), segmenter: segmenter, scratch: &scratch)
            } catch {
                return 1 // SQLITE_ERROR
            }
        }
        // A repaired invalid sequence can make decoded offsets run past the input: clamp.
        let limit = Int32(bytes.count)
        // A local buffer: the hot loop then needs no exclusivity checks on the property.
        var folded = self.folded
        defer { self.folded = folded }
        var index = 0
        while index + 2 < terms.triples.count {
            let start = Int(min(terms.triples[index], limit)), end = Int(min(terms.triples[index + 1], limit))
            let flags = terms.triples[index + 2]
            index += 3
            guard end > start else { continue }
            let code = Self.emit(
                bytes, start, end, flags: flags & DocumentTerms.colocated != 0 ? Self.colocatedFlag : 0,
                fold: flags & DocumentTerms.foldable != 0, into: &folded, context: context, callback: callback)
            if code != Self.ok { return code }
        }
        return Self.ok
    }

    /// Hands FTS5 the term `bytes[start..<end]`, folded (``TermFolding``, in `folded`) when `fold`
    /// says it may change.
    private static func emit(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, flags: CInt, fold: Bool,
        into folded: inout [UInt8], context: UnsafeMutableRawPointer?, callback: FTS5TokenCallback
    ) -> CInt {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if fold, TermFolding.fold(utf8: slice, into: &folded) {
            return folded.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    callback(context, flags, chars.baseAddress, CInt(chars.count), CInt(start), CInt(end))
                }
            }
        }
        return slice.withMemoryRebound(to: CChar.self) { chars in
            callback(context, flags, chars.baseAddress, CInt(chars.count), CInt(start), CInt(end))
        }
    }
}
