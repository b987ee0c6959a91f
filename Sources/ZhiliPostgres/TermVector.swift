import ZhiliStore

/// An article's index terms as the text of a PostgreSQL `tsvector` (`'调解':3A '调解室':3A,9 …`),
/// cast with `::tsvector` so no text search configuration touches them: the terms are exactly the
/// ones the FTS5 index holds (``ZhiliStore/IndexTerms``, serialized by ``ZhiliStore/TermStream``,
/// already folded), in the role of the `simple` configuration's lexemes.
///
/// Positions follow FTS5's: each term one past the previous, a colocated sub-term (调解 inside
/// 调解室) at the position of the word it lies in, so `<->` phrases match exactly where FTS5
/// phrases do. Title terms carry weight A and come first; the body starts two positions after the
/// title, so no phrase runs from one into the other (FTS5 keeps them in separate columns).
///
/// PostgreSQL's limits, and what is done at them: a position above 16,383 is stored as 16,383
/// (phrases are exact only in the first 16,383 terms of an article; words match anywhere), a term
/// keeps at most 256 positions, a term longer than 2,047 bytes is not indexed, and once the
/// distinct terms of one article reach ``maximumLexemeBytes`` later new terms are dropped.
/// Documentation: <https://www.postgresql.org/docs/15/datatype-textsearch.html#DATATYPE-TSVECTOR>.
struct TermVector {
    /// PostgreSQL's largest position (`MAXENTRYPOS - 1`).
    static let maximumPosition = 16_383
    /// PostgreSQL's most positions per lexeme (`MAXNUMPOS`).
    static let maximumPositions = 256
    /// PostgreSQL's longest lexeme in bytes (`MAXSTRLEN`).
    static let maximumLexemeLength = 2_047
    /// Distinct term bytes kept per article, below PostgreSQL's 1 MiB (`MAXSTRPOS`).
    static let maximumLexemeBytes = 1_000_000

    /// The `tsvector` literal.
    let text: String

    /// The vector of an article's title and body terms.
    ///
    /// - Complexity: O(n) in the number of terms.
    init(title: TermStream, body: TermStream) {
        var order: [[UInt8]] = []
        var entries: [[UInt8]: [UInt16]] = [:]   // positions; bit 15 marks a title position
        var lexemeBytes = 0
        var position = 0
        func add(_ stream: TermStream, title: Bool) {
            stream.bytes.withUnsafeBufferPointer { buffer in
                _ = TermStream.forEachTerm(in: buffer) { range, colocated in
                    if !colocated || position == 0 { position += 1 }
                    guard range.count <= Self.maximumLexemeLength else { return true }
                    let term = Array(buffer[range])
                    let stored = UInt16(min(position, Self.maximumPosition)) | (title ? 0x8000 : 0)
                    if var positions = entries[term] {
                        guard positions.count < Self.maximumPositions, positions.last != stored else { return true }
                        positions.append(stored)
                        entries[term] = positions
                    } else {
                        guard lexemeBytes + term.count <= Self.maximumLexemeBytes else { return true }
                        lexemeBytes += term.count
                        order.append(term)
                        entries[term] = [stored]
                    }
                    return true
                }
            }
        }
        add(title, title: true)
        if position > 0 { position += 1 }
        add(body, title: false)

        var text: [UInt8] = []
        text.reserveCapacity(lexemeBytes + order.count * 8)
        for term in order {
            if !text.isEmpty { text.append(0x20) }
            Self.appendQuoted(term, to: &text)
            text.append(UInt8(ascii: ":"))
            for (index, stored) in (entries[term] ?? []).enumerated() {
                if index > 0 { text.append(UInt8(ascii: ",")) }
                text += Array(String(stored & 0x7FFF).utf8)
                if stored & 0x8000 != 0 { text.append(UInt8(ascii: "A")) }
            }
        }
        self.text = String(decoding: text, as: UTF8.self)
    }

    /// Appends `term` in single quotes, with `'` doubled and `\` escaped (the tsvector and
    /// tsquery input syntax).
    static func appendQuoted(_ term: some Sequence<UInt8>, to text: inout [UInt8]) {
        text.append(UInt8(ascii: "'"))
        for byte in term {
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\\") { text.append(byte == UInt8(ascii: "'") ? byte : UInt8(ascii: "\\")) }
            text.append(byte)
        }
        text.append(UInt8(ascii: "'"))
    }

    /// `term` as a quoted tsvector/tsquery lexeme.
    static func quoted(_ term: String) -> String {
        var text: [UInt8] = []
        appendQuoted(term.utf8, to: &text)
        return String(decoding: text, as: UTF8.self)
    }
}

extension FullTextQuery {
    /// The query as `tsquery` text: AND `&`, OR `|`, exclusion `& !`, phrases with `<->`; every
    /// term a quoted lexeme, so nothing typed acts as syntax. Bound as a parameter and cast with `::tsquery`.
    var tsquery: String {
        var query = required.map(Self.tsquery).joined(separator: " & ")
        if !excluded.isEmpty {
            query = "(" + query + ") & !(" + excluded.map(Self.tsquery).joined(separator: " | ") + ")"
        }
        return query
    }

    private static func tsquery(_ node: Node) -> String {
        switch node {
        case .term(let term): return TermVector.quoted(term)
        case .phrase(let terms): return "(" + terms.map(TermVector.quoted).joined(separator: " <-> ") + ")"
        case .allOf(let nodes): return "(" + nodes.map(tsquery).joined(separator: " & ") + ")"
        case .anyOf(let nodes): return "(" + nodes.map(tsquery).joined(separator: " | ") + ")"
        }
    }
}
