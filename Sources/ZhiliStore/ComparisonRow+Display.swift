import ZhiliCore

extension ComparisonRow {
    /// The value as written for people, without its unit: integers without decimals, ranges as
    /// `a–b`, the qualifier after it (`2000余`, `96以上`).
    public var number: String {
        if let valueMax { return Self.format(value) + "–" + Self.format(valueMax) }
        return Self.format(value) + (qualifier ?? "")
    }

    /// The value with its unit and, for a change, its direction and basis: `5780个`,
    /// `同比↓31.7%`, `↑33%`, `比2020年↑120人`.
    public var label: String {
        var label = number + (unit ?? "")
        guard kind == .change else { return label }
        label = (change?.mark ?? "±") + label
        if let basis { label = (basis == .同比 || basis == .环比 ? basis.rawValue : "比\(basis.rawValue)年") + label }
        return label
    }

    /// Where the value comes from when not from the region itself: `← 海南区`.
    public var reportedByNote: String? { reportedBy.map { "← \($0.name)" } }

    /// A number without a trailing `.0`.
    public static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension ChangeDirection {
    /// `↑` for a rise, `↓` for a fall.
    public var mark: String { self == .上升 ? "↑" : "↓" }
}
