import ZhiliCore

/// An article as the API and the article page show it: the stored record plus the spans of its
/// figures and programs in the text, each with the anchor that links from charts and lists.
public struct ArticleView: Sendable, Encodable {
    /// The stored record.
    public var record: ArticleRecord
    /// Figure and program spans, in text order.
    public var spans: [TextSpan]

    /// Builds the spans of `record`: one per figure (anchor `fig-START`) and per program mention (`prog-START`).
    public init(record: ArticleRecord) {
        self.record = record
        var spans = record.figures.map { figure in
            TextSpan(kind: .figure, start: figure.start, end: figure.end, text: figure.text,
                     label: figure.indicator ?? figure.metric, anchor: Self.figureAnchor(start: figure.start))
        }
        spans += record.programs.map { program in
            TextSpan(kind: .program, start: program.start, end: program.end, text: program.name,
                     label: program.name, anchor: "prog-\(program.start)")
        }
        self.spans = spans.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    /// The anchor of the figure starting at `start` on the article page.
    public static func figureAnchor(start: Int) -> String { "fig-\(start)" }

    /// The link to a figure in its article.
    public static func figureLink(articleID: String, start: Int) -> String {
        "/articles/\(HTML.urlComponent(articleID))#\(figureAnchor(start: start))"
    }

    enum CodingKeys: String, CodingKey { case spans }

    /// Encodes the record flat (as ``ArticleRecord`` does), then `spans`.
    public func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(spans, forKey: .spans)
    }
}
