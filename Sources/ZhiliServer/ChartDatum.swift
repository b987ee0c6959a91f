/// One region's value in a chart or map, with the link to the sentence it came from.
public struct ChartDatum: Sendable, Hashable {
    /// Region name, such as `兴安盟`.
    public var region: String
    /// GB/T 2260 code of the region.
    public var code: String
    /// The value, nil when the region has none.
    public var value: Double?
    /// Text shown next to the bar, such as `4580个`.
    public var label: String
    /// Link to the source sentence (`/articles/ID#f3`), nil when there is no value.
    public var href: String?
    /// The source sentence, shown as a tooltip.
    public var sentence: String?

    /// Creates a datum.
    public init(region: String, code: String, value: Double?, label: String, href: String?, sentence: String?) {
        self.region = region
        self.code = code
        self.value = value
        self.label = label
        self.href = href
        self.sentence = sentence
    }
}
