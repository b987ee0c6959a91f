import ZhiliCore
import ZhiliICU
import ZhiliSegment

/// A parsed, segmented query ready to run: the FTS5 expression, the words to highlight and the
/// clamped page.
///
/// Every segment becomes a quoted FTS5 string (`"调解"`, with `"` doubled), so nothing the user
/// types can act as FTS5 syntax; the expression itself reaches SQLite as a bound parameter.
package struct SearchPlan: Sendable {
    /// The request (its limit and offset checked).
    package var request: SearchRequest
    /// The FTS5 MATCH expression, or nil when the query is empty (filters only).
    package var expression: String?
    /// The full-text condition, or nil when the query is empty (filters only).
    package var query: FullTextQuery?
    /// What to highlight, per query word or phrase: the whole word first, then its segments, which
    /// are highlighted only where the whole word does not occur in a text.
    package var needles: [[String]]
    /// Folded words and phrases as typed (for matching program names).
    package var terms: [String]
    /// The tokens of each FTS5 phrase of ``expression``, in the order FTS5 numbers them.
    var phrases: [[String]]

    /// Parses and segments `request`'s query; throws ``StoreError/invalidQuery(_:)`` for a page out of range or a query with nothing to search.
    package init(request: SearchRequest, segmenter: Segmenter) throws {
        // A page the store cannot give is refused, not quietly replaced by another.
        guard (1...SearchRequest.maximumLimit).contains(request.limit) else {
            throw StoreError.invalidQuery("limit \(request.limit) is not between 1 and \(SearchRequest.maximumLimit)")
        }
        guard (0...SearchRequest.maximumOffset).contains(request.offset) else {
            throw StoreError.invalidQuery("offset \(request.offset) is not between 0 and \(SearchRequest.maximumOffset); narrow the query with filters instead")
        }
        self.request = request
        let text = request.query
        guard text.unicodeScalars.count <= SearchRequest.maximumQueryLength else {
            throw StoreError.invalidQuery("the query is longer than \(SearchRequest.maximumQueryLength) characters")
        }
        needles = []
        terms = []
        phrases = []
        let parsed = ParsedQuery(text)
        if parsed.clauses.isEmpty && parsed.exclusions.isEmpty {
            guard text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else {
                throw StoreError.invalidQuery("the query has no words to search for")
            }
            expression = nil
            self.query = nil
            return
        }

        var required: [FullTextQuery.Node] = []
        for clause in parsed.clauses {
            var alternatives: [FullTextQuery.Node] = []
            for item in clause {
                let segments = try Self.segments(of: item.text, segmenter: segmenter)
                guard let node = Self.node(for: item, segments: segments, phrases: &phrases) else { continue }
                alternatives.append(node)
                needles.append(segments.count == 1 ? segments : [segments.joined()] + segments)
                terms.append(segments.joined())
            }
            if alternatives.count == 1 {
                required.append(alternatives[0])
            } else if alternatives.count > 1 {
                required.append(.anyOf(alternatives))
            }
        }
        var excluded: [FullTextQuery.Node] = []
        for item in parsed.exclusions {
            let segments = try Self.segments(of: item.text, segmenter: segmenter)
            if let node = Self.node(for: item, segments: segments, phrases: &phrases) { excluded.append(node) }
        }
        guard !required.isEmpty else {
            if excluded.isEmpty {
                throw StoreError.invalidQuery("the query has no words to search for, only punctuation or operators")
            }
            throw StoreError.invalidQuery("the query only excludes (-word); add a word to look for")
        }
        let fullText = FullTextQuery(required: required, excluded: excluded)
        self.query = fullText
        self.expression = fullText.fts5
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

    /// The condition of one item: a word needs every segment (AND); a phrase needs them in
    /// order, or the whole phrase as one indexed sub-term (a phrase inside a longer word).
    /// Appends the terms of each FTS5 phrase written to `phrases`, in the order written.
    static func node(for item: ParsedQuery.Item, segments: [String], phrases: inout [[String]]) -> FullTextQuery.Node? {
        guard !segments.isEmpty else { return nil }
        if segments.count == 1 {
            phrases.append(segments)
            return .term(segments[0])
        }
        switch item {
        case .word:
            phrases += segments.map { [$0] }
            return .allOf(segments.map(FullTextQuery.Node.term))
        case .phrase:
            phrases += [segments, [segments.joined()]]
            return .anyOf([.phrase(segments), .term(segments.joined())])
        }
    }
}

extension SearchPlan {
    /// One hit of this plan from a stored article's values: snippet and highlights from its text,
    /// the programs it names that the query or program filter matches, and how many other
    /// sources its cluster of copies was found at. Both stores build their hits here.
    ///
    /// - Parameters:
    ///   - programs: the names of the programs the article names, in order of first mention.
    ///   - sources: distinct sources of every copy in the article's cluster.
    package func hit(
        articleID: String, title: String?, date: String?, outlet: String?, body: String,
        regions: [RegionRef], programs: [String], score: Double, sources: Int
    ) -> SearchHit {
        let filterProgram = request.filters.program ?? ""
        let matched = programs.filter { name in
            let folded = TermFolding.fold(name)
            return (!filterProgram.isEmpty && name.contains(filterProgram))
                || terms.contains { !$0.isEmpty && folded.contains($0) }
        }
        return SearchHit(
            articleID: articleID, title: title, date: date, outlet: outlet,
            snippet: SnippetBuilder.snippet(of: body, needles: needles),
            titleHighlights: title.map { SnippetBuilder.highlights(of: needles, in: SnippetBuilder.foldedScalars($0)) } ?? [],
            regions: regions, matchedPrograms: matched, programs: programs, score: score,
            copies: max(0, sources - 1))
    }
}
