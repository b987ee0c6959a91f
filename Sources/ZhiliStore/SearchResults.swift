import ZhiliCore

/// One page of ranked search hits.
public struct SearchResults: Sendable, Codable, Hashable {
    /// The query as the store understood it (terms, phrases, exclusions), for display and debugging.
    public var interpretation: String
    /// The region the region filter resolved to, if one was given.
    public var region: RegionRef?
    /// Number of matching articles in all pages, a cluster of copies counting once (a lower bound
    /// when `totalIsExact` is false).
    public var total: Int
    /// Whether `total` counts every match; false when counting stopped at the store's limit.
    public var totalIsExact: Bool
    /// The hits of this page, best first.
    public var hits: [SearchHit]
    /// Where this page ended, for ``SearchRequest/after`` (JSON: its token); nil when the page is
    /// the last one.
    public var next: SearchCursor?

    enum CodingKeys: String, CodingKey {
        case interpretation, region, total, totalIsExact = "total_is_exact", hits, next
    }

    /// Creates results.
    public init(
        interpretation: String, region: RegionRef?, total: Int, totalIsExact: Bool = true, hits: [SearchHit], next: SearchCursor? = nil
    ) {
        self.interpretation = interpretation
        self.region = region
        self.total = total
        self.totalIsExact = totalIsExact
        self.hits = hits
        self.next = next
    }
}

/// One article matching a search.
public struct SearchHit: Sendable, Codable, Hashable {
    /// The article's stable id.
    public var articleID: String
    /// Headline.
    public var title: String?
    /// Publication date, ISO 8601.
    public var date: String?
    /// Publishing newspaper or site.
    public var outlet: String?
    /// A passage of the body around the best matches, with the matches marked.
    public var snippet: Snippet
    /// Offsets of query matches in the title (Unicode scalars).
    public var titleHighlights: [TextRange]
    /// Regions the article is about, most salient first.
    public var regions: [RegionRef]
    /// Programs of the article whose names contain a query word or the program filter.
    public var matchedPrograms: [String]
    /// Every distinct program the article names, in text order.
    public var programs: [String]
    /// Relevance: higher is better (negated BM25; 0 when the query is empty).
    public var score: Double
    /// Other sources of the same article: its other paths and the sources of its near-duplicate
    /// copies ("also on N sites"); a cluster of copies is one hit.
    public var copies: Int

    /// Creates a hit.
    public init(
        articleID: String, title: String?, date: String?, outlet: String?, snippet: Snippet,
        titleHighlights: [TextRange], regions: [RegionRef], matchedPrograms: [String], programs: [String], score: Double,
        copies: Int = 0
    ) {
        self.articleID = articleID
        self.title = title
        self.date = date
        self.outlet = outlet
        self.snippet = snippet
        self.titleHighlights = titleHighlights
        self.regions = regions
        self.matchedPrograms = matchedPrograms
        self.programs = programs
        self.score = score
        self.copies = copies
    }

    enum CodingKeys: String, CodingKey {
        case articleID = "article_id", title, date, outlet, snippet, titleHighlights = "title_highlights"
        case regions, matchedPrograms = "matched_programs", programs, score, copies
    }

    /// Decodes a hit; `copies` defaults to 0 for hits saved before it existed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        articleID = try container.decode(String.self, forKey: .articleID)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        date = try container.decodeIfPresent(String.self, forKey: .date)
        outlet = try container.decodeIfPresent(String.self, forKey: .outlet)
        snippet = try container.decode(Snippet.self, forKey: .snippet)
        titleHighlights = try container.decode([TextRange].self, forKey: .titleHighlights)
        regions = try container.decode([RegionRef].self, forKey: .regions)
        matchedPrograms = try container.decode([String].self, forKey: .matchedPrograms)
        programs = try container.decode([String].self, forKey: .programs)
        score = try container.decode(Double.self, forKey: .score)
        copies = try container.decodeIfPresent(Int.self, forKey: .copies) ?? 0
    }
}

/// A passage of an article's body with highlighted ranges.
public struct Snippet: Sendable, Codable, Hashable {
    /// The passage, without ellipses.
    public var text: String
    /// Offset of the passage in the article text (Unicode scalars).
    public var start: Int
    /// Matches, as offsets into `text` (Unicode scalars), sorted and disjoint.
    public var highlights: [TextRange]
    /// Whether the body goes on before the passage.
    public var truncatedStart: Bool
    /// Whether the body goes on after the passage.
    public var truncatedEnd: Bool

    /// Creates a snippet.
    public init(text: String, start: Int, highlights: [TextRange], truncatedStart: Bool, truncatedEnd: Bool) {
        self.text = text
        self.start = start
        self.highlights = highlights
        self.truncatedStart = truncatedStart
        self.truncatedEnd = truncatedEnd
    }

    enum CodingKeys: String, CodingKey {
        case text, start, highlights, truncatedStart = "truncated_start", truncatedEnd = "truncated_end"
    }
}

/// A half-open range of Unicode scalar offsets.
public struct TextRange: Sendable, Codable, Hashable, Comparable {
    /// First scalar.
    public var start: Int
    /// Just past the last scalar.
    public var end: Int

    /// Creates `start..<end`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Orders by start, then end.
    public static func < (lhs: TextRange, rhs: TextRange) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}
