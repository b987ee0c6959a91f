import ZhiliCore

/// A request to compare one indicator across regions.
public struct CompareRequest: Sendable, Codable, Hashable {
    /// Indicator id, such as `grids`.
    public var indicator: String
    /// Level of the compared regions.
    public var level: RegionLevel
    /// Region name, alias or code whose divisions are compared; nil means Inner Mongolia (150000).
    public var within: String?
    /// Only figures for this year (the figure's year, else its article's); nil keeps every year.
    public var year: Int?
    /// Most values listed per region, newest first (0: all); the rest are counted in ``Comparison/omitted``.
    public var rowsPerRegion: Int

    /// Creates a request; by default the 12 leagues and cities of Inner Mongolia.
    public init(indicator: String, level: RegionLevel = .prefecture, within: String? = nil, year: Int? = nil, rowsPerRegion: Int = 50) {
        self.indicator = indicator
        self.level = level
        self.within = within
        self.year = year
        self.rowsPerRegion = rowsPerRegion
    }
}

/// One indicator across the divisions of a region.
public struct Comparison: Sendable, Codable, Hashable {
    /// The indicator compared.
    public var indicator: IndicatorSummary
    /// Level of the rows' regions.
    public var level: RegionLevel
    /// The region whose divisions are compared.
    public var within: RegionRef
    /// The year asked for, if any.
    public var year: Int?
    /// Values, in region-code order; a region with several values has several rows.
    public var rows: [ComparisonRow]
    /// Divisions with no value.
    public var missing: [RegionRef]
    /// Values not listed because a region had more than ``CompareRequest/rowsPerRegion``, by region code.
    public var omitted: [String: Int]

    /// Creates a comparison.
    public init(
        indicator: IndicatorSummary, level: RegionLevel, within: RegionRef, year: Int?,
        rows: [ComparisonRow], missing: [RegionRef], omitted: [String: Int] = [:]
    ) {
        self.indicator = indicator
        self.level = level
        self.within = within
        self.year = year
        self.rows = rows
        self.missing = missing
        self.omitted = omitted
    }
}

/// One reported value of an indicator for one region, with its source.
public struct ComparisonRow: Sendable, Codable, Hashable {
    /// The region.
    public var region: RegionRef
    /// Value with multipliers applied.
    public var value: Double
    /// Upper end of a range, if any.
    public var valueMax: Double?
    /// Unit (`个`, `人`, `%`).
    public var unit: String?
    /// Qualifier as written (余, 多 …).
    public var qualifier: String?
    /// Year the value refers to.
    public var year: Int?
    /// Surface text of the figure (`4580个`).
    public var text: String
    /// The source article.
    public var articleID: String
    /// The source article's headline.
    public var title: String?
    /// The source article's date.
    public var date: String?
    /// The sentence holding the figure, quoted from the article.
    public var sentence: String
    /// Offset of the figure in the article text (Unicode scalars).
    public var start: Int
    /// Offset just past the figure.
    public var end: Int

    /// Creates a row.
    public init(
        region: RegionRef, value: Double, valueMax: Double?, unit: String?, qualifier: String?, year: Int?, text: String,
        articleID: String, title: String?, date: String?, sentence: String, start: Int, end: Int
    ) {
        self.region = region
        self.value = value
        self.valueMax = valueMax
        self.unit = unit
        self.qualifier = qualifier
        self.year = year
        self.text = text
        self.articleID = articleID
        self.title = title
        self.date = date
        self.sentence = sentence
        self.start = start
        self.end = end
    }

    enum CodingKeys: String, CodingKey {
        case region, value, valueMax = "value_max", unit, qualifier, year, text, articleID = "article_id"
        case title, date, sentence, start, end
    }
}

/// An indicator id with how often it is reported.
public struct IndicatorSummary: Sendable, Codable, Hashable {
    /// Canonical id (`grids`).
    public var id: String
    /// The metric phrase most often reported for it (`网格`), as a label.
    public var label: String?
    /// The unit most often reported for it.
    public var unit: String?
    /// Number of figures.
    public var figureCount: Int
    /// Number of distinct articles.
    public var articleCount: Int

    /// Creates a summary.
    public init(id: String, label: String?, unit: String?, figureCount: Int, articleCount: Int) {
        self.id = id
        self.label = label
        self.unit = unit
        self.figureCount = figureCount
        self.articleCount = articleCount
    }

    enum CodingKeys: String, CodingKey { case id, label, unit, figureCount = "figure_count", articleCount = "article_count" }
}
