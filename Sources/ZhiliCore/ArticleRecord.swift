/// The structured record of one article: the clean article plus what extraction found.
///
/// Encodes flat: the article's fields, then `regions`, `programs`, `figures` and, when present, `tokens`.
public struct ArticleRecord: Sendable, Codable, Hashable {
    /// The clean article.
    public var article: Article
    /// Regions the article is about, most salient first.
    public var regions: [RegionMention]
    /// Named programs, in text order.
    public var programs: [ProgramMention]
    /// Figures, in text order.
    public var figures: [Figure]
    /// Tokens of `article.text`, only when asked for.
    public var tokens: [Token]?

    /// Creates a record.
    public init(article: Article, regions: [RegionMention] = [], programs: [ProgramMention] = [], figures: [Figure] = [], tokens: [Token]? = nil) {
        self.article = article
        self.regions = regions
        self.programs = programs
        self.figures = figures
        self.tokens = tokens
    }

    enum CodingKeys: String, CodingKey { case regions, programs, figures, tokens }

    public init(from decoder: any Decoder) throws {
        article = try Article(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        regions = try container.decodeIfPresent([RegionMention].self, forKey: .regions) ?? []
        programs = try container.decodeIfPresent([ProgramMention].self, forKey: .programs) ?? []
        figures = try container.decodeIfPresent([Figure].self, forKey: .figures) ?? []
        tokens = try container.decodeIfPresent([Token].self, forKey: .tokens)
    }

    public func encode(to encoder: any Encoder) throws {
        try article.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(regions, forKey: .regions)
        try container.encode(programs, forKey: .programs)
        try container.encode(figures, forKey: .figures)
        try container.encodeIfPresent(tokens, forKey: .tokens)
    }
}
