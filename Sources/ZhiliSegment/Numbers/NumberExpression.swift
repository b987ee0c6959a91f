/// A number read from text, such as `2.2万`, `三万余`, `41.3%`, `10至20` or `百分之九十`.
///
/// Offsets are in the units of the buffer it was read from (Unicode scalars or UTF-16 code units;
/// every character a number is made of lies in the BMP, so both agree within a number).
public struct NumberExpression: Sendable, Hashable {
    /// Offset of the first character (of 百分之 when the number starts with it).
    public var start: Int
    /// Offset just past the expression, including a qualifier 余/多, a percent sign,
    /// 个百分点 and the upper end of a range, but no unit.
    public var end: Int
    /// Offset just past the numeral itself (before 余/多, %, 成, 个百分点 or a range).
    public var numeralEnd: Int
    /// The exact value (lower end of a range), or nil when it does not fit in 64 bits.
    /// Percentages are in percent (`41.3%` → 41.3, `三成` → 30).
    public var exactValue: ExactDecimal?
    /// The value as a Double (lower end of a range).
    public var value: Double
    /// The exact upper end of a range, else nil.
    public var exactValueMax: ExactDecimal?
    /// The upper end of a range as a Double, else nil.
    public var valueMax: Double?
    /// 余 or 多 when written inside the expression.
    public var qualifier: NumberQualifier?
    /// How the number is written.
    public var flags: NumberFlags

    /// Creates an expression.
    public init(
        start: Int, end: Int, numeralEnd: Int, exactValue: ExactDecimal?, value: Double,
        exactValueMax: ExactDecimal? = nil, valueMax: Double? = nil, qualifier: NumberQualifier? = nil,
        flags: NumberFlags
    ) {
        self.start = start
        self.end = end
        self.numeralEnd = numeralEnd
        self.exactValue = exactValue
        self.value = value
        self.exactValueMax = exactValueMax
        self.valueMax = valueMax
        self.qualifier = qualifier
        self.flags = flags
    }

    /// Number of characters covered.
    public var length: Int { end - start }

    /// Whether it is written only with Chinese (or financial) numerals, no Arabic digits.
    public var isChineseOnly: Bool { !flags.contains(.arabic) }

    /// Whether the numeral is a lone Chinese character (一, 两, 五, 十): a quantity only before a measure word.
    public var isSingleChineseCharacter: Bool { flags.contains(.singleChineseCharacter) }

    /// Whether the expression cannot be a counted quantity whatever follows it:
    /// ordinals (第八), codes with leading zeros (0471), dotted dates or versions (2023.10.5).
    public var isNeverQuantity: Bool { !flags.isDisjoint(with: [.ordinal, .leadingZero, .dotted]) }
}
