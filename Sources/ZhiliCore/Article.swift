import ZhiliText

/// A clean article: the output of the ingest stage and the input of every later stage.
///
/// `text` is the body paragraphs joined by "\n"; every offset that later stages report
/// (tokens, figures, programs) counts Unicode scalars into `text`.
public struct Article: Sendable, Codable, Hashable {
    /// Stable identifier: the cleaner makes it from the article's content (title and body after
    /// cleaning and Traditional → Simplified folding, `ContentText.identifier` in ZhiliICU), so one
    /// article found at several sources has one id; records built by hand default to
    /// ``stableID(source:index:)``.
    public var id: String
    /// Where the article came from: a file path, `path:line` for JSON Lines, or a URL.
    public var source: String
    /// Position of the article within its source (0 for the first).
    public var index: Int
    /// The page's canonical URL (`<link rel="canonical">`, `og:url`), else the URL its container
    /// gave (a JSON `url` field, a WARC target URI); nil when none is known.
    public var url: String?
    /// Headline.
    public var title: String?
    /// Sub-headline such as `来自…的报道`, without leading dashes.
    public var subtitle: String?
    /// Publication date, ISO 8601: `2023-01-06` or `2023-01-06T09:55`.
    public var date: String?
    /// Publishing newspaper or site.
    public var outlet: String?
    /// Reporters and correspondents.
    public var authors: [String]
    /// Responsible editors.
    public var editors: [String]
    /// Body paragraphs, headings included, boilerplate and captions removed.
    public var paragraphs: [String]
    /// Photo captions and picture credits.
    public var captions: [String]
    /// Problems met while reading or cleaning this article (invalid bytes, truncation …).
    public var warnings: [String]

    /// The body: paragraphs joined by "\n".
    public var text: String { paragraphs.joined(separator: "\n") }

    /// Creates an article; `id` defaults to ``Article/stableID(source:index:)``.
    public init(
        id: String? = nil, source: String, index: Int = 0, url: String? = nil,
        title: String? = nil, subtitle: String? = nil, date: String? = nil, outlet: String? = nil,
        authors: [String] = [], editors: [String] = [],
        paragraphs: [String] = [], captions: [String] = [], warnings: [String] = []
    ) {
        self.id = id ?? Article.stableID(source: source, index: index)
        self.source = source
        self.index = index
        self.url = url
        self.title = title
        self.subtitle = subtitle
        self.date = date
        self.outlet = outlet
        self.authors = authors
        self.editors = editors
        self.paragraphs = paragraphs
        self.captions = captions
        self.warnings = warnings
    }

    /// The year of `date`, if any.
    public var year: Int? { date.flatMap(Self.year(of:)) }

    /// The year an ISO 8601 date starts with (`2023` of `2023-01-06`), nil when it starts otherwise.
    public static func year(of date: String) -> Int? {
        guard date.utf8.count >= 4 else { return nil }
        return Int(date.prefix(4))
    }

    /// A stable 16-hex-digit identifier from a source and an index (FNV-1a, 64-bit): the default id
    /// of articles built without content ids (tests, hand-made records).
    public static func stableID(source: String, index: Int) -> String {
        var hash = FNV1a()
        hash.add(source)
        hash.add(UInt8(ascii: "#"))
        hash.add(String(index))
        return hash.hexDigits
    }

    enum CodingKeys: String, CodingKey {
        case id, source, index, url, title, subtitle, date, outlet, authors, editors, paragraphs, captions, text, warnings
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        source = try container.decode(String.self, forKey: .source)
        index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
        url = try container.decodeIfPresent(String.self, forKey: .url)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        subtitle = try container.decodeIfPresent(String.self, forKey: .subtitle)
        date = try container.decodeIfPresent(String.self, forKey: .date)
        outlet = try container.decodeIfPresent(String.self, forKey: .outlet)
        authors = try container.decodeIfPresent([String].self, forKey: .authors) ?? []
        editors = try container.decodeIfPresent([String].self, forKey: .editors) ?? []
        paragraphs = try container.decodeIfPresent([String].self, forKey: .paragraphs) ?? []
        captions = try container.decodeIfPresent([String].self, forKey: .captions) ?? []
        warnings = try container.decodeIfPresent([String].self, forKey: .warnings) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(source, forKey: .source)
        try container.encode(index, forKey: .index)
        try container.encode(url, forKey: .url)
        try container.encode(title, forKey: .title)
        try container.encode(subtitle, forKey: .subtitle)
        try container.encode(date, forKey: .date)
        try container.encode(outlet, forKey: .outlet)
        try container.encode(authors, forKey: .authors)
        try container.encode(editors, forKey: .editors)
        try container.encode(paragraphs, forKey: .paragraphs)
        try container.encode(captions, forKey: .captions)
        try container.encode(text, forKey: .text)
        try container.encode(warnings, forKey: .warnings)
    }
}
