/// A search query's full-text condition as a tree of index terms, built once from ``ParsedQuery``
/// and the segmenter (``SearchPlan``) and written out in each engine's syntax: FTS5 for
/// ``SQLiteStore`` (``fts5``), `tsquery` for the PostgreSQL store.
///
/// ```swift
/// // 网格 "矛盾纠纷" -诈骗, segmented
/// FullTextQuery(required: [.term("网格"), .anyOf([.phrase(["矛盾", "纠纷"]), .term("矛盾纠纷")])],
///               excluded: [.term("诈骗")])
/// ```
package struct FullTextQuery: Sendable, Hashable {
    /// One condition on the indexed terms of an article (title and body, never across the two).
    package indirect enum Node: Sendable, Hashable {
        /// The article holds this term.
        case term(String)
        /// The article holds these terms at consecutive positions (colocated sub-terms share a position).
        case phrase([String])
        /// Every node matches.
        case allOf([Node])
        /// At least one node matches.
        case anyOf([Node])
    }

    /// Conditions that must all match.
    package var required: [Node]
    /// Conditions none of which may match.
    package var excluded: [Node]

    /// The FTS5 MATCH expression: every term a quoted string (`"` doubled), so no typed text acts as syntax.
    package var fts5: String {
        var expression = required.map(Self.fts5).joined(separator: " AND ")
        if !excluded.isEmpty {
            expression = "(" + expression + ") NOT (" + excluded.map(Self.fts5).joined(separator: " OR ") + ")"
        }
        return expression
    }

    private static func fts5(_ node: Node) -> String {
        switch node {
        case .term(let term): return quoted(term)
        case .phrase(let terms): return quoted(terms.joined(separator: " "))
        case .allOf(let nodes): return "(" + nodes.map(fts5).joined(separator: " AND ") + ")"
        case .anyOf(let nodes): return "(" + nodes.map(fts5).joined(separator: " OR ") + ")"
        }
    }

    /// `term` as an FTS5 string literal.
    package static func quoted(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
