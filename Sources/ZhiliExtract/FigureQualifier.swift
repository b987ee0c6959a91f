/// The qualifiers a figure may carry, as written, and the interval each one means.
///
/// `2000余起` is more than 2000, `近1000人` fewer than 1000, `约300万元` about 3 000 000.
public enum FigureQualifier {
    /// Qualifiers written before the number (`超2000人`, `近百分之九十`), longest first.
    public static let before = ["超过", "不足", "不到", "将近", "大约", "逾", "超", "近", "约"]
    /// Qualifiers written after the unit (`90%以上`).
    public static let after = ["以上", "以下", "左右", "多", "余"]

    /// The canonical form of a written qualifier: 超过 and 逾 are 超, 不足 is 不到, 将近 is 近,
    /// 大约 and 左右 are 约; the others are canonical already.
    public static func canonical(_ written: String) -> String {
        switch written {
        case "超过", "逾": return "超"
        case "不足": return "不到"
        case "将近": return "近"
        case "大约", "左右": return "约"
        default: return written
        }
    }

    /// Where the true value lies relative to the written one.
    public enum Bound: String, Sendable, Codable, Hashable {
        /// Above the value: 余, 多, 以上, 超, 超过, 逾.
        case above
        /// Below the value: 近, 将近, 不到, 不足, 以下.
        case below
        /// Around the value: 约, 大约, 左右.
        case around
    }

    /// The bound a qualifier sets, or nil for an unknown one.
    public static func bound(of qualifier: String) -> Bound? {
        switch qualifier {
        case "余", "多", "以上", "超", "超过", "逾": return .above
        case "近", "将近", "不到", "不足", "以下": return .below
        case "约", "大约", "左右": return .around
        default: return nil
        }
    }

    /// The interval `value` with `qualifier` stands for: `(2000, nil)` for 2000余, `(nil, 1000)`
    /// for 近1000, `(value, value)` without a qualifier; 约 gives ±10 %.
    public static func interval(value: Double, qualifier: String?) -> (lower: Double?, upper: Double?) {
        guard let qualifier, let bound = bound(of: qualifier) else { return (value, value) }
        switch bound {
        case .above: return (value, nil)
        case .below: return (nil, value)
        case .around: return (value * 0.9, value * 1.1)
        }
    }
}
