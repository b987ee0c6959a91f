/// A qualifier written inside a number expression, between the numeral and its unit.
public enum NumberQualifier: String, Sendable, Hashable, Codable {
    /// 余: "more than" (`2000余起`, `三万余元`).
    case 余
    /// 多: "more than" (`二十多个`, `3万多人`).
    case 多
}
