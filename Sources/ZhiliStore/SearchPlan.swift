import ZhiliCore
import ZhiliICU
import ZhiliSegment

/// A parsed, segmented query ready to run: the FTS5 expression, the words to highlight and the
/// clamped page.
///
/// Every segment becomes a quoted FTS5 string (`"调解"`, with `"` doubled), so nothing the user
/// types can act as FTS5 syntax; the expression itself reaches SQLite as a bound parameter.
struct SearchPlan: Sendable {
    /// The request (its limit and offset checked).
    var request: SearchRequest
    /// The FTS5 MATCH expression, or nil when the query is empty (filters only).
    var expression: String?
    /// What to highlight, per query word or phrase: the whole word first, then its segments, which
    /// are highlighted only where the whole word does not occur in a text.
    var needles: [[String]]
    /// Folded words and phrases as typed (for matching program names).
    var terms: [String]
    /// The tokens of each FTS5 phrase of ``expression``, in the order FTS5 numbers them.
    var phrases: [[String]]

    init(request: SearchRequest, segmenter: Segmenter) throws {
        // A page the store cannot give is refused, not quietly replaced by another.
        guard (1...SearchRequest.maximumLimit).contains(request.limit) else {
            throw StoreError.invalidQuery("limit \(request.limit) is not between 1 and \(SearchRequest.maximumLimit)")
        }
        guard (0...SearchRequest.maximumOffset).contains(request.offset) else {
            throw StoreError.invalidQuery("offset \(request.offset) is not between 0 and \(SearchRequest.maximumOffset); narrow the query with filters instead")
        }
        self.request = request
        let query = request.query
        guard query.unicodeScalars.count <= SearchRequest.maximumQueryLength else {
            throw StoreError.invalidQuery("the query is longer than \(SearchRequest.maximumQueryLength) characters")
        }
        needles = []
        terms = []
        phrases = []
        let parsed = ParsedQuery(query)
        if parsed.clauses.isEmpty && parsed.exclusions.isEmpty {
            guard query.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else {
                throw StoreError.invalidQuery("the query has no words to search for")
            }
            expression = nil
            return
        }

        var positive: [String] = []
        for clause in parsed.clauses {
            var alternatives: [String] = []
            for item in clause {
                let segments = try Self.segments(of: item.text, segmenter: segmenter)
                guard let fts = Self.expression(for: item, segments: segments, phrases: &phrases) else { continue }
                alternatives.append(fts)
                needles.append(segments.count == 1 ? segments : [segments.joined()] + segments)
                terms.append(segments.joined())
            }
            if alternatives.count == 1 {
                positive.append(alternatives[0])
            } else if alternatives.count > 1 {
                positive.append("(" + alternatives.joined(separator: " OR ") + ")")
            }
        }
        var negative: [String] = []
        for item in parsed.exclusions {
            let segments = try Self.segments(of: item.text, segmenter: segmenter)
            if let fts = Self.expression(for: item, segments: segments, phrases: &phrases) { negative.append(fts) }
        }
        guard !positive.isEmpty else {
            if negative.isEmpty {
                throw StoreError.invalidQuery("the query has no words to search for, only punctuation or operators")
            }
            throw StoreError.invalidQuery("the query only excludes (-word); add a word to look for")
        }
        var expression = positive.joined(separator: " AND ")
        if !negative.isEmpty {
            expression = "(" + expression + ") NOT (" + negative.joined(separator: " OR ") + ")"
        }
        self.expression = expression
        var seen = Set<[String]>()
        needles = needles.filter { seen.insert($0).inserted }
    }

    /// The folded, non-punctuation segments of `text`.
    static func segments(of text: String, segmenter: Segmenter) throws -> [String] {
        // Queries in Traditional characters search the Simplified index terms.
        let text = TraditionalFolding.fold(text)
        let scalars = Array(text.unicodeScalars)
        var result: [String] = []
        for token in try segmenter.tokens(in: text) where token.kind != .punct {
            var segment = String.UnicodeScalarView()
            for index in token.start..<min(token.end, scalars.count) {
                let scalar = TermFolding.fold(scalars[index])
                // A space or quote inside a token would break the FTS5 string; none survives segmentation,
                // but the guard keeps the invariant local.
                if scalar == " " { continue }
                segment.append(scalar)
            }
            if !segment.isEmpty { result.append(String(segment)) }
        }
        return result
    }

    /// `segment` as an FTS5 string literal.
    static func quoted(_ segment: String) -> String {
        "\"" + segment.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The FTS5 expression of one item: a word needs every segment (AND); a phrase needs them in
    /// order, or the whole phrase as one indexed sub-token (a phrase inside a longer word).
    /// Appends the tokens of each FTS5 phrase written to `phrases`, in the order written.
    static func expression(for item: ParsedQuery.Item, segments: [String], phrases: inout [[String]]) -> String? {
        guard !segments.isEmpty else { return nil }
        if segments.count == 1 {
            phrases.append(segments)
            return quoted(segments[0])
        }
        switch item {
        case .word:
            phrases += segments.map { [$0] }
            return "(" + segments.map(quoted).joined(separator: " AND ") + ")"
        case .phrase:
            phrases += [segments, [segments.joined()]]
            return "(" + quoted(segments.joined(separator: " ")) + " OR " + quoted(segments.joined()) + ")"
        }
    }
}
