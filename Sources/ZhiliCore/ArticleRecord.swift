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
    /// The cluster of near-duplicate copies the article belongs to: the id of the cluster's first
    /// article (its own id when it has no copy); nil until near-duplicate detection has run.
    public var cluster: String?
    /// The id of the copy this article duplicates (the cluster's earliest-dated, else longest copy);
    /// nil for that copy, for an article with no copy, and before detection has run.
    public var duplicateOf: String?
    /// Every source the article was found at (the store's view: one article indexed from several
    /// paths or sites); nil in `zhili extract` output, where each record has its own `source`.
    public var sources: [String]?

    /// Creates a record.
    public init(article: Article, regions: [RegionMention] = [], programs: [ProgramMention] = [], figures: [Figure] = [], tokens: [Token]? = nil) {
        self.article = article
        self.regions = regions
        self.programs = programs
        self.figures = figures
        self.tokens = tokens
    }

    enum CodingKeys: String, CodingKey { case regions, programs, figures, tokens, cluster, duplicateOf = "duplicate_of", sources }

    public init(from decoder: any Decoder) throws {
        article = try Article(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        regions = try container.decodeIfPresent([RegionMention].self, forKey: .regions) ?? []
        programs = try container.decodeIfPresent([ProgramMention].self, forKey: .programs) ?? []
        figures = try container.decodeIfPresent([Figure].self, forKey: .figures) ?? []
        tokens = try container.decodeIfPresent([Token].self, forKey: .tokens)
        cluster = try container.decodeIfPresent(String.self, forKey: .cluster)
        duplicateOf = try container.decodeIfPresent(String.self, forKey: .duplicateOf)
        sources = try container.decodeIfPresent([String].self, forKey: .sources)
    }

    public func encode(to encoder: any Encoder) throws {
        try article.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(regions, forKey: .regions)
        try container.encode(programs, forKey: .programs)
        try container.encode(figures, forKey: .figures)
        try container.encodeIfPresent(tokens, forKey: .tokens)
        try container.encode(cluster, forKey: .cluster)
        try container.encode(duplicateOf, forKey: .duplicateOf)
        try container.encodeIfPresent(sources, forKey: .sources)
    }
}
