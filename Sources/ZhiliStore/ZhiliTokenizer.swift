import GRDB
import GRDBSQLite

/// The FTS5 tokenizer `zhili`. Documents arrive already segmented, as a ``TermStream`` (the value
/// ``FullTextTable`` inserts), so the tokenizer only decodes it; queries are split on spaces only,
/// because ``SearchPlan`` segments the user's words itself and writes each as a quoted FTS5 string.
/// Query terms are folded (``TermFolding``) as document terms were when they were serialized.
///
/// The offsets reported to FTS5 are byte offsets into the value it passed (the stream, for
/// documents); a contentless table uses them for nothing else.
/// SQLite documentation: <https://www.sqlite.org/fts5.html#custom_tokenizers>.
final class ZhiliTokenizer: FTS5CustomTokenizer {
    /// The name used in `CREATE VIRTUAL TABLE … tokenize='zhili'`.
    static let name = "zhili"

    private var folded: [UInt8] = []

    init(db: Database, arguments: [String]) throws {}

    func tokenize(
        context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?, nText: CInt, tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return SQLITE_OK }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        if tokenization.contains(.query) {
            return tokenizeQuery(bytes, context: context, callback: tokenCallback)
        }
        var code = SQLITE_OK
        let wellFormed = TermStream.forEachTerm(in: bytes) { term, colocated in
            code = Self.emit(bytes, term, flags: colocated ? FTS5_TOKEN_COLOCATED : 0, context: context, callback: tokenCallback)
            return code == SQLITE_OK
        }
        return wellFormed || code != SQLITE_OK ? code : SQLITE_CORRUPT
    }

    /// Query strings were segmented by ``SearchPlan``: every space-separated piece is one token, folded.
    private func tokenizeQuery(_ bytes: UnsafeBufferPointer<UInt8>, context: UnsafeMutableRawPointer?, callback: FTS5TokenCallback) -> CInt {
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: " ") {
            if index > start {
                let term = UnsafeBufferPointer(rebasing: bytes[start..<index])
                let code = TermFolding.fold(utf8: term, into: &folded)
                    ? folded.withUnsafeBufferPointer { Self.emit($0, 0..<$0.count, offsets: start..<index, flags: 0, context: context, callback: callback) }
                    : Self.emit(bytes, start..<index, flags: 0, context: context, callback: callback)
                if code != SQLITE_OK { return code }
            }
            start = index + 1
        }
        return SQLITE_OK
    }

    /// Hands FTS5 the term `bytes[term]`, found at `offsets` (default: `term`) of its input.
    private static func emit(
        _ bytes: UnsafeBufferPointer<UInt8>, _ term: Range<Int>, offsets: Range<Int>? = nil, flags: CInt,
        context: UnsafeMutableRawPointer?, callback: FTS5TokenCallback
    ) -> CInt {
        let offsets = offsets ?? term
        return UnsafeBufferPointer(rebasing: bytes[term]).withMemoryRebound(to: CChar.self) { chars in
            callback(context, flags, chars.baseAddress, CInt(chars.count), CInt(offsets.lowerBound), CInt(offsets.upperBound))
        }
    }
}
