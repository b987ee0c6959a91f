/// Reads number expressions (`2.2万`, `三万余`, `一百零五`, `1,100万`, `41.3%`, `百分之九十`,
/// `10至20`, `三成`, `8.96个百分点`) from a buffer of Unicode scalars or UTF-16 code units.
///
/// The reader never decides whether a number is a quantity: it reports how the number is written
/// (``NumberFlags``) so callers can reject 一起, 统一, 两会, 五化同推 (a lone Chinese numeral not
/// followed by a measure word), ordinals (第八个), codes (0471) and dotted dates.
///
/// ```swift
/// let number = NumberReader.read(in: "网格员2.2万人", at: 3)
/// // number?.value == 22000, number?.end == 7
/// ```
public enum NumberReader {
    /// Reads the number expression starting at `offset` in `text` (UTF-16 code units), or nil.
    ///
    /// - Complexity: O(k) in the length k of the expression.
    public static func read(_ text: UnsafeBufferPointer<UInt16>, at offset: Int) -> NumberExpression? {
        Scanner(text: text).read(at: offset)
    }

    /// Reads the number expression starting at `offset` in `text` (Unicode scalar values), or nil.
    ///
    /// - Complexity: O(k) in the length k of the expression.
    public static func read(_ text: UnsafeBufferPointer<UInt32>, at offset: Int) -> NumberExpression? {
        Scanner(text: text).read(at: offset)
    }

    /// Reads the number expression starting at `offset` in `text` (Unicode scalars), or nil.
    ///
    /// - Complexity: O(k) in the length k of the expression.
    public static func read(_ text: UnsafeBufferPointer<Unicode.Scalar>, at offset: Int) -> NumberExpression? {
        let raw = UnsafeRawBufferPointer(text)
        return read(raw.bindMemory(to: UInt32.self), at: offset)
    }

    /// Reads the number expression starting at scalar offset `offset` of `text`, or nil.
    ///
    /// Convenient off the hot path; it copies `text` into a scalar array.
    public static func read(in text: String, at offset: Int = 0) -> NumberExpression? {
        let scalars = text.unicodeScalars.map(\.value)
        return scalars.withUnsafeBufferPointer { read($0, at: offset) }
    }
}

/// The state of one read over a buffer of code points.
private struct Scanner<Unit: FixedWidthInteger & UnsignedInteger> {
    let text: UnsafeBufferPointer<Unit>

    /// The code point at `index`, or 0 past the end.
    @inline(__always)
    func at(_ index: Int) -> UInt32 {
        index >= 0 && index < text.count ? UInt32(truncatingIfNeeded: text[index]) : 0
    }

    /// A numeral without percent sign, range or unit: `2.2万`, `一百零五`, `三万余`.
    struct Compound {
        var value: ExactDecimal?
        var approximate: Double
        var end: Int
        var flags: NumberFlags
        var qualifier: NumberQualifier?
        /// Power of the 万/亿 that ends the numeral (`5万` → 4), else 0.
        var trailingMultiplier: Int
        /// How many Chinese numeral characters it has.
        var chineseCount: Int
    }

    func read(at start: Int) -> NumberExpression? {
        guard start >= 0, start < text.count else { return nil }
        var flags: NumberFlags = []
        var position = start
        // 百分之九十, 千分之五
        var prefixFlag: NumberFlags = []
        if at(start + 1) == Scalars.分, at(start + 2) == Scalars.之 {
            if at(start) == Scalars.百 { prefixFlag = .percent } else if at(start) == Scalars.千 { prefixFlag = .perMille }
            if !prefixFlag.isEmpty { position = start + 3 }
        }
        guard var low = readCompound(at: position, leadingUnit: !prefixFlag.isEmpty) else { return nil }
        flags.formUnion(low.flags)
        flags.formUnion(prefixFlag)
        if prefixFlag.isEmpty, low.end - start == 1, low.chineseCount == 1 { flags.insert(.singleChineseCharacter) }
        if at(start - 1) == Scalars.第 { flags.insert(.ordinal) }
        // A trailing 余/多 (三万余, 2000余) is no part of the numeral itself.
        let numeralEnd = low.qualifier != nil && (at(low.end - 1) == Scalars.余 || at(low.end - 1) == Scalars.多) ? low.end - 1 : low.end
        var end = low.end
        var qualifier = low.qualifier

        // Percent sign after the first numeral (5%-20%, 41.3%).
        var lowSign: NumberFlags = []
        if prefixFlag.isEmpty, qualifier == nil, let (sign, signEnd) = percentSign(at: end) {
            lowSign = sign
            end = signEnd
        }

        // Range: 10至20, 3~9, 5-20%, 3到5, 3至5万.
        var high: Compound?
        if prefixFlag.isEmpty, qualifier == nil, let separator = rangeSeparator(at: end, after: low),
           var upper = readCompound(at: separator.end, leadingUnit: false) {
            var upperSign: NumberFlags = []
            var upperEnd = upper.end
            if upper.qualifier == nil, let (sign, signEnd) = percentSign(at: upper.end) {
                upperSign = sign
                upperEnd = signEnd
            }
            let signsAgree = lowSign.isEmpty || lowSign == upperSign
            // 3至5万: the multiplier of the upper end applies to the lower end too.
            var lower = low
            if upper.trailingMultiplier > 0, low.trailingMultiplier == 0, !low.flags.contains(.multiplier),
               let scaled = low.value?.multiplied(byPowerOfTen: upper.trailingMultiplier),
               let upperValue = upper.value, scaled <= upperValue {
                lower.value = scaled
                lower.approximate = scaled.doubleValue
            }
            if signsAgree, lower.approximate < upper.approximate,
               !separator.isHyphen || hyphenRangeIsPlausible(low, upper, upperEnd: upperEnd) {
                low = lower
                high = upper
                upper.end = upperEnd
                end = upperEnd
                flags.formUnion(upper.flags.subtracting(.singleChineseCharacter))
                flags.formUnion(upperSign)
                flags.insert(.range)
                qualifier = upper.qualifier
            }
        }
        flags.formUnion(lowSign)

        // 个百分点 / 百分点
        if flags.isDisjoint(with: [.percent, .perMille]), qualifier == nil {
            if let pointsEnd = percentagePoints(at: end) {
                end = pointsEnd
                flags.insert(.percentagePoints)
            }
        }

        // 三成 = 30%, 九成五 = 95%.
        var chengValue: ExactDecimal?
        if high == nil, qualifier == nil, flags.isDisjoint(with: [.percent, .perMille, .percentagePoints, .arabic, .multiplier, .decimal]),
           let value = low.value, value.isInteger, value.mantissa >= 1, value.mantissa <= 10,
           at(end) == Scalars.成, !chengEndsWord(at(end + 1)) {
            var percent = value.mantissa * 10
            var chengEnd = end + 1
            if value.mantissa < 10, case .chineseDigit(let digit, _)? = Numeral.classify(at(chengEnd)), digit > 0,
               Numeral.classify(at(chengEnd + 1)) == nil {
                percent += digit
                chengEnd += 1
            }
            chengValue = ExactDecimal(mantissa: percent)
            end = chengEnd
            flags.formUnion([.percent, .cheng])
            flags.remove(.singleChineseCharacter)
        }

        if low.value == nil || (high != nil && high?.value == nil) { flags.insert(.overflow) }
        let exactValue = chengValue ?? low.value
        return NumberExpression(
            start: start, end: end, numeralEnd: numeralEnd,
            exactValue: exactValue, value: exactValue?.doubleValue ?? low.approximate,
            exactValueMax: high?.value, valueMax: high.map { $0.value?.doubleValue ?? $0.approximate },
            qualifier: qualifier, flags: flags)
    }

    // MARK: Numerals

    /// Reads a numeral: Arabic, Chinese, financial or mixed, with 万/亿 multipliers and 余/多.
    ///
    /// `leadingUnit` lets it start with 百 or 千 (百分之百).
    func readCompound(at start: Int, leadingUnit: Bool) -> Compound? {
        var index = start
        var higher = ExactDecimal.zero          // everything already multiplied by 万 or 亿
        var wanTaken = false, yiTaken = false
        var section = ExactDecimal.zero         // below 万
        var atom: ExactDecimal?                 // the last digit or Arabic number, not yet multiplied
        var atomIsChineseDigit = false
        var lastUnit = 0                        // power of the last unit read (十 1 … 亿 8)
        var sectionUnit = 5                     // the smallest 十/百/千 in this section so far
        var zeroSinceUnit = false
        var flags: NumberFlags = []
        var qualifier: NumberQualifier?
        var end = start
        var chineseCount = 0
        var overflow = false
        var trailingMultiplier = 0
        var any = false

        func add(_ a: ExactDecimal, _ b: ExactDecimal) -> ExactDecimal {
            if let sum = a.adding(b) { return sum }
            overflow = true
            return a
        }

        scan: while index < text.count {
            let scalar = at(index)
            guard let numeral = Numeral.classify(scalar) else {
                // 余/多 after a numeral: 三万余, 2000多, 2000多万.
                if (scalar == Scalars.余 || scalar == Scalars.多), any, qualifier == nil {
                    qualifier = scalar == Scalars.余 ? .余 : .多
                    index += 1
                    end = index
                    if case .bigUnit? = Numeral.classify(at(index)) { continue scan }
                    break scan
                }
                // Chinese decimal point: 三点五, 十二点五亿.
                if scalar == Scalars.点, atomIsChineseDigit || (atom == nil && lastUnit > 0 && lastUnit < 4 && any),
                   case .chineseDigit? = Numeral.classify(at(index + 1)), qualifier == nil {
                    var whole = add(section, applyAbbreviation(atom, isChinese: atomIsChineseDigit, lastUnit: lastUnit, zeroSinceUnit: zeroSinceUnit))
                    var fractionIndex = index + 1
                    var digits: Int64 = 0, scale = 0
                    while scale < 15, case .chineseDigit(let digit, _)? = Numeral.classify(at(fractionIndex)) {
                        digits = digits * 10 + digit
                        scale += 1
                        fractionIndex += 1
                    }
                    whole = add(whole, ExactDecimal(mantissa: digits, scale: scale))
                    section = .zero
                    atom = whole
                    atomIsChineseDigit = false
                    lastUnit = 0
                    sectionUnit = 0
                    chineseCount += fractionIndex - index
                    flags.insert(.decimal)
                    index = fractionIndex
                    end = index
                    continue scan
                }
                break scan
            }
            if qualifier != nil, case .bigUnit = numeral {} else if qualifier != nil { break scan }
            switch numeral {
            case .arabic:
                // Arabic digits start a numeral, or follow a unit (3万4000, 3千500).
                if atom != nil || (any && lastUnit == 0) { break scan }
                guard let arabic = readArabic(at: index) else { break scan }
                atom = arabic.value
                atomIsChineseDigit = false
                flags.formUnion(arabic.flags)
                if arabic.value == nil { overflow = true }
                index = arabic.end
                end = index
                any = true
                trailingMultiplier = 0
                if arabic.flags.contains(.dotted) || arabic.flags.contains(.leadingZero) { break scan }
            case .chineseDigit(let digit, let financial):
                if atom != nil {
                    // 二〇二三: digits read one by one, only when the numeral is nothing but digits.
                    guard atomIsChineseDigit, lastUnit == 0, section == .zero, !wanTaken, !yiTaken,
                          let sequence = readDigitSequence(at: start) else { break scan }
                    return Compound(
                        value: sequence.value, approximate: sequence.value.doubleValue, end: sequence.end,
                        flags: [.chinese, .digitSequence], qualifier: nil, trailingMultiplier: 0,
                        chineseCount: sequence.end - start)
                }
                if digit == 0 {
                    chineseCount += 1
                    index += 1
                    if !any {
                        atom = .zero
                        atomIsChineseDigit = true
                        end = index
                        any = true
                        flags.insert(.chinese)
                    } else {
                        zeroSinceUnit = true     // 一百零五: 零 only holds a place
                    }
                    continue scan
                }
                atom = ExactDecimal(mantissa: digit)
                atomIsChineseDigit = true
                flags.insert(financial ? [.chinese, .financial] : .chinese)
                chineseCount += 1
                index += 1
                end = index
                any = true
                trailingMultiplier = 0
            case .smallUnit(let power, let financial):
                guard power < sectionUnit else { break scan }
                let multiplicand: ExactDecimal
                if let value = atom {
                    if !atomIsChineseDigit {
                        // 5百, 3千: only a single Arabic digit takes 百 or 千; never 十.
                        guard power >= 2, value.isInteger, value.mantissa >= 1, value.mantissa <= 9 else { break scan }
                    } else if value == .zero {
                        break scan
                    }
                    multiplicand = value
                } else if power == 1, section == .zero || zeroSinceUnit, !any || lastUnit >= 4 || zeroSinceUnit {
                    multiplicand = ExactDecimal(mantissa: 1)   // 十二, 三万十五? no: 十 leads a section
                } else if leadingUnit, !any {
                    multiplicand = ExactDecimal(mantissa: 1)   // 百分之百
                } else {
                    break scan
                }
                guard let scaled = multiplicand.multiplied(byPowerOfTen: power) else { overflow = true; break scan }
                section = add(section, scaled)
                atom = nil
                atomIsChineseDigit = false
                lastUnit = power
                sectionUnit = power
                zeroSinceUnit = false
                flags.insert(financial ? [.chinese, .financial] : .chinese)
                chineseCount += 1
                index += 1
                end = index
                any = true
                trailingMultiplier = 0
            case .bigUnit(let power):
                let abbreviated = applyAbbreviation(atom, isChinese: atomIsChineseDigit, lastUnit: lastUnit, zeroSinceUnit: zeroSinceUnit)
                let partial = add(section, abbreviated)
                if power == 4 {
                    guard !wanTaken, atom != nil || section != .zero else { break scan }
                    guard let scaled = partial.multiplied(byPowerOfTen: 4) else { overflow = true; break scan }
                    higher = add(higher, scaled)
                    wanTaken = true
                } else {
                    guard !yiTaken, atom != nil || section != .zero || wanTaken else { break scan }
                    // 3万亿: 万 then 亿 multiplies what 万 made; 1亿2000万: 亿 then 万 adds.
                    let base = add(higher, partial)
                    guard let scaled = base.multiplied(byPowerOfTen: 8) else { overflow = true; break scan }
                    higher = scaled
                    yiTaken = true
                    wanTaken = false
                }
                section = .zero
                atom = nil
                atomIsChineseDigit = false
                lastUnit = power
                sectionUnit = 4
                zeroSinceUnit = false
                flags.insert(.multiplier)
                chineseCount += 1
                index += 1
                end = index
                any = true
                trailingMultiplier = power
            }
        }
        guard any else { return nil }
        let tail = applyAbbreviation(atom, isChinese: atomIsChineseDigit, lastUnit: lastUnit, zeroSinceUnit: zeroSinceUnit)
        let total = add(add(higher, section), tail)
        return Compound(
            value: overflow ? nil : total,
            approximate: overflow ? approximateValue(from: start, to: end) : total.doubleValue,
            end: end, flags: overflow ? flags.union(.overflow) : flags, qualifier: qualifier,
            trailingMultiplier: trailingMultiplier, chineseCount: chineseCount)
    }

    /// A trailing Chinese digit right after a unit counts one place lower: 三万五 = 35000, 两千三 = 2300.
    func applyAbbreviation(_ atom: ExactDecimal?, isChinese: Bool, lastUnit: Int, zeroSinceUnit: Bool) -> ExactDecimal {
        guard let atom else { return .zero }
        guard isChinese, lastUnit >= 2, !zeroSinceUnit else { return atom }
        return atom.multiplied(byPowerOfTen: lastUnit - 1) ?? atom
    }

    /// Reads Arabic digits with optional thousands separators and decimal part.
    func readArabic(at start: Int) -> (value: ExactDecimal?, end: Int, flags: NumberFlags)? {
        var index = start
        var mantissa: Int64 = 0
        var overflow = false
        var flags: NumberFlags = .arabic
        var integerDigits = 0
        var groupDigits = 0

        func push(_ digit: Int64) {
            let (times, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(digit)
            if o1 || o2 { overflow = true } else { mantissa = sum }
        }

        while case .arabic(let digit, let fullWidth)? = Numeral.classify(at(index)) {
            push(digit)
            if fullWidth { flags.insert(.fullWidth) }
            integerDigits += 1
            groupDigits += 1
            index += 1
            // 1,100万: a comma followed by exactly three digits, after a first group of one to three.
            if at(index) == Scalars.comma, groupDigits <= 3, (integerDigits == groupDigits || groupDigits == 3),
               isArabicDigit(at(index + 1)), isArabicDigit(at(index + 2)), isArabicDigit(at(index + 3)),
               !isArabicDigit(at(index + 4)) {
                flags.insert(.thousandsSeparator)
                groupDigits = 0
                index += 1
            }
        }
        guard integerDigits > 0 else { return nil }
        if integerDigits > 1, at(start) == 0x30 || at(start) == 0xFF10, !flags.contains(.thousandsSeparator) {
            flags.insert(.leadingZero)
        }
        var scale = 0
        let point = at(index)
        if point == Scalars.point || point == Scalars.fullWidthPoint, isArabicDigit(at(index + 1)) {
            if point == Scalars.fullWidthPoint { flags.insert(.fullWidth) }
            index += 1
            while case .arabic(let digit, let fullWidth)? = Numeral.classify(at(index)) {
                if scale < 18 {
                    push(digit)
                    scale += 1
                }
                if fullWidth { flags.insert(.fullWidth) }
                index += 1
            }
            flags.insert(.decimal)
            // 2023.10.5 or 1.2.3: a date or version.
            if (at(index) == Scalars.point || at(index) == Scalars.fullWidthPoint), isArabicDigit(at(index + 1)) {
                flags.insert(.dotted)
                flags.remove(.leadingZero)
                while isArabicDigit(at(index)) || ((at(index) == Scalars.point || at(index) == Scalars.fullWidthPoint) && isArabicDigit(at(index + 1))) {
                    index += 1
                }
            }
        }
        if overflow { flags.insert(.overflow) }
        return (overflow ? nil : ExactDecimal(mantissa: mantissa, scale: scale), index, flags)
    }

    /// Reads Chinese digits one by one (二〇二三 → 2023).
    func readDigitSequence(at start: Int) -> (value: ExactDecimal, end: Int)? {
        var index = start
        var value: Int64 = 0
        while index - start < 18, case .chineseDigit(let digit, _)? = Numeral.classify(at(index)) {
            value = value * 10 + digit
            index += 1
        }
        // Two digits may be a range (三四个); only three or more, or any with 〇/零, read as a sequence.
        let hasZero = (start..<index).contains { at($0) == 0x3007 || at($0) == 0x96F6 }
        guard index - start >= 3 || (index - start == 2 && hasZero) else { return nil }
        return (ExactDecimal(mantissa: value), index)
    }

    /// A value for numerals too large for 64 bits, from the digits alone (approximate).
    func approximateValue(from start: Int, to end: Int) -> Double {
        var value = 0.0
        var index = start
        while index < end, case .arabic(let digit, _)? = Numeral.classify(at(index)) {
            value = value * 10 + Double(digit)
            index += 1
        }
        return value
    }

    @inline(__always)
    func isArabicDigit(_ scalar: UInt32) -> Bool {
        (0x30...0x39).contains(scalar) || (0xFF10...0xFF19).contains(scalar)
    }

    // MARK: Suffixes

    /// A percent or per-mille sign at `index`, with the offset past it.
    func percentSign(at index: Int) -> (NumberFlags, Int)? {
        switch at(index) {
        case Scalars.percent: return (.percent, index + 1)
        case Scalars.fullWidthPercent: return ([.percent, .fullWidth], index + 1)
        case Scalars.perMille: return (.perMille, index + 1)
        default: return nil
        }
    }

    /// A range separator at `index` that a second numeral follows.
    func rangeSeparator(at index: Int, after low: Compound) -> (end: Int, isHyphen: Bool)? {
        let scalar = at(index)
        let next = at(index + 1)
        guard Numeral.canStart(next), next != Scalars.百 else { return nil }
        switch scalar {
        case Scalars.至, Scalars.到, Scalars.tilde, Scalars.fullWidthTilde, Scalars.waveDash:
            return (index + 1, false)
        case Scalars.hyphen, Scalars.fullWidthHyphen, Scalars.enDash, Scalars.emDash:
            // 5-20 only between Arabic numerals.
            guard low.flags.contains(.arabic), isArabicDigit(next) else { return nil }
            return (index + 1, true)
        default:
            return nil
        }
    }

    /// Whether `a-b` reads as a range rather than a date (2023-10-05), phone or code.
    func hyphenRangeIsPlausible(_ low: Compound, _ high: Compound, upperEnd: Int) -> Bool {
        let bad: NumberFlags = [.leadingZero, .dotted]
        guard low.flags.isDisjoint(with: bad), high.flags.isDisjoint(with: bad), high.flags.contains(.arabic) else { return false }
        // A second hyphen and digit means a date or phone number.
        let after = at(upperEnd)
        if after == Scalars.hyphen || after == Scalars.fullWidthHyphen { return false }
        return true
    }

    /// The offset past 个百分点 or 百分点 at `index`, else nil.
    func percentagePoints(at index: Int) -> Int? {
        var index = index
        if at(index) == Scalars.个 { index += 1 }
        guard at(index) == Scalars.百, at(index + 1) == Scalars.分, at(index + 2) == Scalars.点 else { return nil }
        return index + 3
    }

    /// Whether 成 followed by `scalar` forms a word (成为, 成立, 成员, 一成不变) instead of tenths.
    func chengEndsWord(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x4E3A, 0x7ACB, 0x5458, 0x672C, 0x679C, 0x529F, 0x7EE9, 0x6548, 0x5C31, 0x719F, 0x957F,
             0x4EA4, 0x578B, 0x54C1, 0x5206, 0x4E0D, 0x4E86, 0x50CF, 0x90FD, 0x5F62, 0x4EFD, 0x8272,
             0x8BED, 0x8D25, 0x624D, 0x5BB6, 0x5668, 0x5E74, 0x4EBA:
            // 为 立 员 本 果 功 绩 效 就 熟 长 交 型 品 分 不 了 像 都 形 份 色 语 败 才 家 器 年 人
            return true
        default:
            return false
        }
    }
}
