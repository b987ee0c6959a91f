/// What sort of quantity a figure is.
public enum FigureKind: String, Sendable, Codable, Hashable {
    /// A count of things (个, 人, 件, 起 …).
    case count
    /// A percentage or rate.
    case percent
    /// A change in percentage points (个百分点).
    case points
    /// An amount of money (元).
    case money
    /// Any other measure (area, length, duration …).
    case measure
}

/// Direction of a reported change.
public enum ChangeDirection: String, Sendable, Codable, Hashable {
    case 上升, 下降
}

/// What a change is measured against: the same period a year before (同比), the period just
/// before (环比), or a base year written in the text (`比2019年` → `2019`).
public struct ChangeBasis: RawRepresentable, Sendable, Codable, Hashable {
    /// `同比`, `环比`, or the base year's digits.
    public var rawValue: String

    /// A basis from its written form; nil for anything but 同比, 环比 or a year of four digits.
    public init?(rawValue: String) {
        guard rawValue == "同比" || rawValue == "环比" || (rawValue.count == 4 && rawValue.allSatisfy(\.isASCII) && Int(rawValue) != nil) else {
            return nil
        }
        self.rawValue = rawValue
    }

    /// Against the same period a year before.
    public static let 同比 = ChangeBasis(rawValue: "同比")!
    /// Against the period just before.
    public static let 环比 = ChangeBasis(rawValue: "环比")!

    /// Against the base year `year` (`比2019年`, `与2014年相比`).
    public static func baseYear(_ year: Int) -> ChangeBasis? { ChangeBasis(rawValue: String(year)) }
}

/// Where a figure's year comes from.
public enum YearSource: String, Sendable, Codable, Hashable {
    /// Written for the statement: in its sentence (`2022年`, `2024年以来`) or at the head of its
    /// paragraph (`2025年,…`).
    case stated
    /// The article's date: the sentence says 今年, 去年, 上半年 …, or names no year at all.
    case articleDate = "article_date"
    /// `--default-year`, for articles without a date.
    case `default`
}

/// A quantity reported in an article, with what was counted and where.
public struct Figure: Sendable, Codable, Hashable {
    /// Surface text, from the first digit to the end of the unit (`2000余起`).
    public var text: String
    /// Value with multipliers applied (`2.2万人` → 22000).
    public var value: Double
    /// Upper end of a range (`10至20个`), else nil.
    public var valueMax: Double?
    /// Normalized unit without multiplier (`元`, `人`, `%`, `个百分点`).
    public var unit: String?
    /// Qualifier as written: 余, 多, 以上, 超, 逾, 近, 约, 不到, 以下.
    public var qualifier: String?
    /// Direction when the figure is a change.
    public var change: ChangeDirection?
    /// 同比 or 环比 when the figure is a change.
    public var basis: ChangeBasis?
    /// What sort of quantity this is.
    public var kind: FigureKind
    /// The phrase naming what was counted or measured (`排查化解矛盾纠纷`).
    public var metric: String?
    /// Canonical indicator id (`disputes_resolved`), when the metric maps to one.
    public var indicator: String?
    /// Year the figure refers to.
    public var year: Int?
    /// Where `year` comes from; nil when there is no year.
    public var yearSource: YearSource?
    /// Region the figure refers to.
    public var region: RegionRef?
    /// Offset of `text` in the article text (Unicode scalars).
    public var start: Int
    /// Offset just past `text`.
    public var end: Int
    /// The sentence holding the figure.
    public var sentence: String

    /// Creates a figure.
    public init(
        text: String, value: Double, valueMax: Double? = nil, unit: String?, qualifier: String? = nil,
        change: ChangeDirection? = nil, basis: ChangeBasis? = nil, kind: FigureKind,
        metric: String? = nil, indicator: String? = nil, year: Int? = nil, yearSource: YearSource? = nil, region: RegionRef? = nil,
        start: Int, end: Int, sentence: String
    ) {
        self.text = text
        self.value = value
        self.valueMax = valueMax
        self.unit = unit
        self.qualifier = qualifier
        self.change = change
        self.basis = basis
        self.kind = kind
        self.metric = metric
        self.indicator = indicator
        self.year = year
        self.yearSource = year == nil ? nil : yearSource
        self.region = region
        self.start = start
        self.end = end
        self.sentence = sentence
    }

    enum CodingKeys: String, CodingKey {
        case text, value, valueMax = "value_max", unit, qualifier, change, basis, kind, metric, indicator, year
        case yearSource = "year_source", region, start, end, sentence
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(value, forKey: .value)
        try container.encode(valueMax, forKey: .valueMax)
        try container.encode(unit, forKey: .unit)
        try container.encode(qualifier, forKey: .qualifier)
        try container.encode(change, forKey: .change)
        try container.encode(basis, forKey: .basis)
        try container.encode(kind, forKey: .kind)
        try container.encode(metric, forKey: .metric)
        try container.encode(indicator, forKey: .indicator)
        try container.encode(year, forKey: .year)
        try container.encode(yearSource, forKey: .yearSource)
        try container.encode(region, forKey: .region)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(sentence, forKey: .sentence)
    }
}
