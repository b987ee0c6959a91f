/// Facts about how a number expression is written, for callers that decide whether it is a quantity.
public struct NumberFlags: OptionSet, Sendable, Hashable {
    /// The raw bits.
    public let rawValue: UInt32

    /// Creates flags from their raw bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Contains Arabic digits (ASCII or full-width).
    public static let arabic = NumberFlags(rawValue: 1 << 0)
    /// Contains full-width digits, point or percent sign (`４１．３％`).
    public static let fullWidth = NumberFlags(rawValue: 1 << 1)
    /// Contains Chinese numerals (一 … 九, 十, 百, 千, 万, 亿, 两, 零).
    public static let chinese = NumberFlags(rawValue: 1 << 2)
    /// Contains financial numerals (壹 贰 叁 … 拾 佰 仟).
    public static let financial = NumberFlags(rawValue: 1 << 3)
    /// Has a fractional part (`41.3`, `三点五`).
    public static let decimal = NumberFlags(rawValue: 1 << 4)
    /// Uses thousands separators (`1,100万`).
    public static let thousandsSeparator = NumberFlags(rawValue: 1 << 5)
    /// A multiplier 万 or 亿 scales it (`2.2万`, `1.5亿`).
    public static let multiplier = NumberFlags(rawValue: 1 << 6)
    /// A percentage (`41.3%`, `百分之九十`, `三成`); the value is in percent.
    public static let percent = NumberFlags(rawValue: 1 << 7)
    /// Per mille (`5‰`, `千分之五`); the value is in per mille.
    public static let perMille = NumberFlags(rawValue: 1 << 8)
    /// Percentage points (`8.96个百分点`).
    public static let percentagePoints = NumberFlags(rawValue: 1 << 9)
    /// A range (`10至20`, `3~9`, `5-20%`); `valueMax` holds the upper end.
    public static let range = NumberFlags(rawValue: 1 << 10)
    /// Preceded by 第: an ordinal (`第八`), not a quantity.
    public static let ordinal = NumberFlags(rawValue: 1 << 11)
    /// The numeral is a single Chinese character (`一`, `两`, `五`, `十`): in 一起, 统一, 五化同推,
    /// 两会, 三查一控 it is part of a word, so only a following measure word makes it a quantity.
    public static let singleChineseCharacter = NumberFlags(rawValue: 1 << 12)
    /// Chinese digits read one by one (`二〇二三` → 2023), as in years.
    public static let digitSequence = NumberFlags(rawValue: 1 << 13)
    /// Arabic digits with a leading zero (`0471`, `007`): a code or phone number, not a quantity.
    public static let leadingZero = NumberFlags(rawValue: 1 << 14)
    /// Several dot-separated groups (`2023.10.5`, `1.2.3`): a date or version, not a quantity.
    public static let dotted = NumberFlags(rawValue: 1 << 15)
    /// Written with 成 (`三成` = 30%).
    public static let cheng = NumberFlags(rawValue: 1 << 16)
    /// Too large to hold exactly; `exactValue` is nil and `value` approximate.
    public static let overflow = NumberFlags(rawValue: 1 << 17)
}
