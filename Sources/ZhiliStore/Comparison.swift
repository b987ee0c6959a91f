import ZhiliCore

/// A request to compare one indicator across regions.
public struct CompareRequest: Sendable, Codable, Hashable {
    /// Which values of each compared region are listed.
    public enum Selection: String, Sendable, Codable, Hashable, CaseIterable {
        /// The latest dated value of each region (an undated one only when it has no dated value).
        case latest
        /// Every value.
        case all
        /// The latest value of each region in each year: a region × year table; undated values are left out.
        case byYear = "by_year"
    }

    /// Indicator id (`grids`) or Chinese label (`网格`).
    public var indicator: String
    /// Level of the compared regions.
    public var level: RegionLevel
    /// Region name, alias or code whose divisions are compared; nil means Inner Mongolia (150000).
    public var within: String?
    /// Only values for these years (the figure's year, else its article's); nil keeps every year.
    public var years: ClosedRange<Int>?
    /// Which values to compare: levels, changes, rates or targets; nil means the indicator's own
    /// kind (rates for an indicator measured in %, levels otherwise).
    public var kind: FigureRole?
    /// Which values of each region are listed.
    public var selection: Selection
    /// Whether a league that reports no value gets the sum of its counties' levels when every one
    /// of them reports.
    public var rollup: Bool

    /// Creates a request; by default the latest level of each of the 12 leagues and cities of Inner Mongolia.
    public init(
        indicator: String, level: RegionLevel = .prefecture, within: String? = nil, years: ClosedRange<Int>? = nil,
        kind: FigureRole? = nil, selection: Selection = .latest, rollup: Bool = false
    ) {
        self.indicator = indicator
        self.level = level
        self.within = within
        self.years = years
        self.kind = kind
        self.selection = selection
        self.rollup = rollup
    }
}

/// One indicator across the divisions of a region: one kind of value (levels, changes, rates or
/// targets, never mixed), each with its article and sentence, and what was left out and why.
public struct Comparison: Sendable, Codable, Hashable {
    /// The indicator compared, with its Chinese label and unit.
    public var indicator: IndicatorSummary
    /// The kind of the values compared.
    public var kind: FigureRole
    /// Level of the compared regions.
    public var level: RegionLevel
    /// The region whose divisions are compared.
    public var within: RegionRef
    /// The years asked for, if any.
    public var years: ClosedRange<Int>?
    /// Which values of each region are listed.
    public var selection: CompareRequest.Selection
    /// Values, by region code (a region reported by its counties: by county code below it), then
    /// newest first.
    public var rows: [ComparisonRow]
    /// The years of the rows, newest first: the columns of a region × year table.
    public var columns: [Int]
    /// Divisions with no value of this kind, neither their own nor their counties'.
    public var missing: [RegionRef]
    /// Values found but not listed (older or other values of the same region), by region code.
    public var omitted: [String: Int]
    /// Regions shown through the values of the divisions below them, because they report none of
    /// their own: region code → how many divisions below report.
    public var reportedBelow: [String: Int]
    /// Sums of county levels for regions that report none of their own (`--rollup`).
    public var rollups: [RegionRollup]
    /// Values without a year left out: by the year filter, or because a region × year table has no column for them.
    public var undatedLeftOut: Int
    /// Values of this indicator of the other kinds, not compared here (kind → count).
    public var otherKinds: [FigureRole: Int]
    /// Values located above the compared level (about the region as a whole, or a league's own
    /// when its counties are compared), not listed.
    public var aboveLevel: Int

    /// Creates a comparison.
    public init(
        indicator: IndicatorSummary, kind: FigureRole, level: RegionLevel, within: RegionRef, years: ClosedRange<Int>?,
        selection: CompareRequest.Selection, rows: [ComparisonRow], columns: [Int], missing: [RegionRef],
        omitted: [String: Int] = [:], reportedBelow: [String: Int] = [:], rollups: [RegionRollup] = [],
        undatedLeftOut: Int = 0, otherKinds: [FigureRole: Int] = [:], aboveLevel: Int = 0
    ) {
        self.indicator = indicator
        self.kind = kind
        self.level = level
        self.within = within
        self.years = years
        self.selection = selection
        self.rows = rows
        self.columns = columns
        self.missing = missing
        self.omitted = omitted
        self.reportedBelow = reportedBelow
        self.rollups = rollups
        self.undatedLeftOut = undatedLeftOut
        self.otherKinds = otherKinds
        self.aboveLevel = aboveLevel
    }

    enum CodingKeys: String, CodingKey {
        case indicator, kind, level, within, years, selection, rows, columns, missing, omitted
        case reportedBelow = "reported_below", rollups, undatedLeftOut = "undated_left_out", otherKinds = "other_kinds"
        case aboveLevel = "above_level"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        indicator = try container.decode(IndicatorSummary.self, forKey: .indicator)
        kind = try container.decode(FigureRole.self, forKey: .kind)
        level = try container.decode(RegionLevel.self, forKey: .level)
        within = try container.decode(RegionRef.self, forKey: .within)
        years = try container.decodeIfPresent(YearSpan.self, forKey: .years).map { $0.from...$0.to }
        selection = try container.decode(CompareRequest.Selection.self, forKey: .selection)
        rows = try container.decode([ComparisonRow].self, forKey: .rows)
        columns = try container.decode([Int].self, forKey: .columns)
        missing = try container.decode([RegionRef].self, forKey: .missing)
        omitted = try container.decode([String: Int].self, forKey: .omitted)
        reportedBelow = try container.decode([String: Int].self, forKey: .reportedBelow)
        rollups = try container.decode([RegionRollup].self, forKey: .rollups)
        undatedLeftOut = try container.decode(Int.self, forKey: .undatedLeftOut)
        let kinds = try container.decode([String: Int].self, forKey: .otherKinds)
        otherKinds = Dictionary(uniqueKeysWithValues: kinds.compactMap { key, value in FigureRole(rawValue: key).map { ($0, value) } })
        aboveLevel = try container.decodeIfPresent(Int.self, forKey: .aboveLevel) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(indicator, forKey: .indicator)
        try container.encode(kind, forKey: .kind)
        try container.encode(level, forKey: .level)
        try container.encode(within, forKey: .within)
        try container.encode(years.map { YearSpan(from: $0.lowerBound, to: $0.upperBound) }, forKey: .years)
        try container.encode(selection, forKey: .selection)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        try container.encode(missing, forKey: .missing)
        try container.encode(omitted, forKey: .omitted)
        try container.encode(reportedBelow, forKey: .reportedBelow)
        try container.encode(rollups, forKey: .rollups)
        try container.encode(undatedLeftOut, forKey: .undatedLeftOut)
        try container.encode(Dictionary(uniqueKeysWithValues: otherKinds.map { ($0.key.rawValue, $0.value) }), forKey: .otherKinds)
        try container.encode(aboveLevel, forKey: .aboveLevel)
    }

    /// A year range as JSON writes it: `{"from": 2021, "to": 2023}`.
    private struct YearSpan: Codable {
        var from: Int
        var to: Int
    }
}

/// One reported value of an indicator for one region, with its source.
public struct ComparisonRow: Sendable, Codable, Hashable {
    /// The compared region.
    public var region: RegionRef
    /// The division below ``region`` whose value this is, when ``region`` reports none of its own
    /// (a county's value shown at league level); nil for the region's own value.
    public var reportedBy: RegionRef?
    /// Value with multipliers applied; for a change its size (`31.7` for 下降 31.7%).
    public var value: Double
    /// Upper end of a range, if any.
    public var valueMax: Double?
    /// Unit: the indicator's one unit for levels and targets (`处` for a figure written `项`
    /// when the indicator counts them as the same), the figure's own for changes and rates.
    public var unit: String?
    /// Qualifier (余, 多, 以上 …).
    public var qualifier: String?
    /// The kind of value.
    public var kind: FigureRole
    /// Direction of a change (上升, 下降); nil for anything but a change, and for a change whose
    /// direction the text does not give.
    public var change: ChangeDirection?
    /// What a change is measured against (同比, 环比, a base year).
    public var basis: ChangeBasis?
    /// The phrase naming what was counted (`专兼职网格员`).
    public var metric: String?
    /// Year the value refers to.
    public var year: Int?
    /// Where ``year`` comes from.
    public var yearSource: YearSource?
    /// Surface text of the figure (`4580个`).
    public var text: String
    /// The source article (the representative of its cluster of copies).
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
        region: RegionRef, reportedBy: RegionRef? = nil, value: Double, valueMax: Double?, unit: String?, qualifier: String?,
        kind: FigureRole, change: ChangeDirection?, basis: ChangeBasis?, metric: String?, year: Int?, yearSource: YearSource?,
        text: String, articleID: String, title: String?, date: String?, sentence: String, start: Int, end: Int
    ) {
        self.region = region
        self.reportedBy = reportedBy
        self.value = value
        self.valueMax = valueMax
        self.unit = unit
        self.qualifier = qualifier
        self.kind = kind
        self.change = change
        self.basis = basis
        self.metric = metric
        self.year = year
        self.yearSource = yearSource
        self.text = text
        self.articleID = articleID
        self.title = title
        self.date = date
        self.sentence = sentence
        self.start = start
        self.end = end
    }

    /// The value with its sign: negative for a fall (`-31.7`), as a chart or a spreadsheet wants it.
    public var signedValue: Double { change == .下降 ? -value : value }

    enum CodingKeys: String, CodingKey {
        case region, reportedBy = "reported_by", value, valueMax = "value_max", unit, qualifier, kind, change, basis, metric
        case year, yearSource = "year_source", text, articleID = "article_id", title, date, sentence, start, end
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(region, forKey: .region)
        try container.encode(reportedBy, forKey: .reportedBy)
        try container.encode(value, forKey: .value)
        try container.encode(valueMax, forKey: .valueMax)
        try container.encode(unit, forKey: .unit)
        try container.encode(qualifier, forKey: .qualifier)
        try container.encode(kind, forKey: .kind)
        try container.encode(change, forKey: .change)
        try container.encode(basis, forKey: .basis)
        try container.encode(metric, forKey: .metric)
        try container.encode(year, forKey: .year)
        try container.encode(yearSource, forKey: .yearSource)
        try container.encode(text, forKey: .text)
        try container.encode(articleID, forKey: .articleID)
        try container.encode(title, forKey: .title)
        try container.encode(date, forKey: .date)
        try container.encode(sentence, forKey: .sentence)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }
}

/// The sum of the county levels of a region that reports none of its own, made only when every
/// county below it reports (`--rollup`).
public struct RegionRollup: Sendable, Codable, Hashable {
    /// The region summed over.
    public var region: RegionRef
    /// The sum, nil when not every county reports.
    public var value: Double?
    /// The indicator's unit.
    public var unit: String?
    /// Counties with a value.
    public var reporting: Int
    /// Counties below the region.
    public var counties: Int
    /// The years of the summed values, oldest first (several when counties report different years).
    public var years: [Int]

    /// Creates a rollup.
    public init(region: RegionRef, value: Double?, unit: String?, reporting: Int, counties: Int, years: [Int]) {
        self.region = region
        self.value = value
        self.unit = unit
        self.reporting = reporting
        self.counties = counties
        self.years = years
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(region, forKey: .region)
        try container.encode(value, forKey: .value)
        try container.encode(unit, forKey: .unit)
        try container.encode(reporting, forKey: .reporting)
        try container.encode(counties, forKey: .counties)
        try container.encode(years, forKey: .years)
    }
}

/// An indicator with its Chinese label, its unit and how often it is reported.
public struct IndicatorSummary: Sendable, Codable, Hashable {
    /// Canonical id (`grids`).
    public var id: String
    /// Chinese label from the indicator table (`网格`); for an id the table does not know, the
    /// metric phrase first stored for it.
    public var label: String?
    /// The indicator's one unit from the indicator table.
    public var unit: String?
    /// Number of figures (representatives of clusters of copies only).
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

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(label, forKey: .label)
        try container.encode(unit, forKey: .unit)
        try container.encode(figureCount, forKey: .figureCount)
        try container.encode(articleCount, forKey: .articleCount)
    }
}
