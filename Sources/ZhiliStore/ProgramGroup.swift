import ZhiliCore

/// A lookup of precedent programs.
public struct ProgramsRequest: Sendable, Codable, Hashable {
    /// Text the program name must contain; nil or empty lists every program.
    public var query: String?
    /// A region name, alias or code; keeps programs mentioned in articles about it or below it.
    public var region: String?
    /// Most groups returned (clamped to 1…``ProgramsRequest/maximumLimit``).
    public var limit: Int
    /// Most figures listed per group.
    public var figuresPerProgram: Int

    /// The largest number of groups a store returns.
    public static let maximumLimit = 500

    /// Creates a request.
    public init(query: String? = nil, region: String? = nil, limit: Int = 50, figuresPerProgram: Int = 10) {
        self.query = query
        self.region = region
        self.limit = limit
        self.figuresPerProgram = figuresPerProgram
    }
}

/// Every mention of one program name, summarized.
public struct ProgramGroup: Sendable, Codable, Hashable {
    /// Canonical program name.
    public var name: String
    /// Regions the mentions belong to (the mention's region, else the article's main region).
    public var regions: [RegionRef]
    /// Publication years of the articles, ascending.
    public var years: [Int]
    /// Number of distinct articles naming the program.
    public var articleCount: Int
    /// Number of mentions.
    public var mentionCount: Int
    /// Earliest article date.
    public var firstSeen: String?
    /// Latest article date.
    public var lastSeen: String?
    /// Articles naming the program, newest first (at most 20).
    public var articles: [ArticleRef]
    /// Figures reported in the same sentence or paragraph as a mention.
    public var figures: [ProgramFigure]

    /// Creates a group.
    public init(
        name: String, regions: [RegionRef], years: [Int], articleCount: Int, mentionCount: Int,
        firstSeen: String?, lastSeen: String?, articles: [ArticleRef], figures: [ProgramFigure]
    ) {
        self.name = name
        self.regions = regions
        self.years = years
        self.articleCount = articleCount
        self.mentionCount = mentionCount
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.articles = articles
        self.figures = figures
    }

    enum CodingKeys: String, CodingKey {
        case name, regions, years, articleCount = "article_count", mentionCount = "mention_count"
        case firstSeen = "first_seen", lastSeen = "last_seen", articles, figures
    }
}

/// A short reference to a stored article.
public struct ArticleRef: Sendable, Codable, Hashable {
    /// The article's stable id.
    public var id: String
    /// Headline.
    public var title: String?
    /// Publication date.
    public var date: String?

    /// Creates a reference.
    public init(id: String, title: String?, date: String?) {
        self.id = id
        self.title = title
        self.date = date
    }
}

/// How close a figure is to a program mention.
public enum Proximity: String, Sendable, Codable, Hashable {
    /// In the same sentence.
    case sentence
    /// In the same paragraph, another sentence.
    case paragraph
}

/// A figure reported near a program mention.
public struct ProgramFigure: Sendable, Codable, Hashable {
    /// The figure as extracted.
    public var figure: Figure
    /// Same sentence or same paragraph.
    public var proximity: Proximity
    /// The article holding both.
    public var articleID: String

    /// Creates a program figure.
    public init(figure: Figure, proximity: Proximity, articleID: String) {
        self.figure = figure
        self.proximity = proximity
        self.articleID = articleID
    }

    enum CodingKeys: String, CodingKey { case figure, proximity, articleID = "article_id" }
}
