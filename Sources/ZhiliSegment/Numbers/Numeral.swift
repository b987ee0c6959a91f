/// The role a single character plays in a number expression.
enum Numeral: Equatable {
    /// An Arabic digit, ASCII or full-width.
    case arabic(Int64, fullWidth: Bool)
    /// A Chinese digit 零 … 九 (or 〇, 两, or a financial digit 壹 … 玖).
    case chineseDigit(Int64, financial: Bool)
    /// 十, 百, 千 (or 拾, 佰, 仟): multiplies the digit before it by 10^power.
    case smallUnit(power: Int, financial: Bool)
    /// 万 or 亿 (萬, 億): multiplies everything before it in its section by 10^power.
    case bigUnit(power: Int)

    /// Classifies `scalar`, or nil when it is no numeral.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func classify(_ scalar: UInt32) -> Numeral? {
        switch scalar {
        case 0x30...0x39: return .arabic(Int64(scalar - 0x30), fullWidth: false)
        case 0xFF10...0xFF19: return .arabic(Int64(scalar - 0xFF10), fullWidth: true)
        case 0x3007, 0x96F6: return .chineseDigit(0, financial: false)          // 〇 零
        case 0x4E00: return .chineseDigit(1, financial: false)                  // 一
        case 0x4E8C, 0x4E24: return .chineseDigit(2, financial: false)          // 二 两
        case 0x4E09: return .chineseDigit(3, financial: false)                  // 三
        case 0x56DB: return .chineseDigit(4, financial: false)                  // 四
        case 0x4E94: return .chineseDigit(5, financial: false)                  // 五
        case 0x516D: return .chineseDigit(6, financial: false)                  // 六
        case 0x4E03: return .chineseDigit(7, financial: false)                  // 七
        case 0x516B: return .chineseDigit(8, financial: false)                  // 八
        case 0x4E5D: return .chineseDigit(9, financial: false)                  // 九
        case 0x58F9: return .chineseDigit(1, financial: true)                   // 壹
        case 0x8D30, 0x8CB3: return .chineseDigit(2, financial: true)           // 贰 貳
        case 0x53C1, 0x53C3: return .chineseDigit(3, financial: true)           // 叁 參
        case 0x8086: return .chineseDigit(4, financial: true)                   // 肆
        case 0x4F0D: return .chineseDigit(5, financial: true)                   // 伍
        case 0x9646, 0x9678: return .chineseDigit(6, financial: true)           // 陆 陸
        case 0x67D2: return .chineseDigit(7, financial: true)                   // 柒
        case 0x634C: return .chineseDigit(8, financial: true)                   // 捌
        case 0x7396: return .chineseDigit(9, financial: true)                   // 玖
        case 0x5341: return .smallUnit(power: 1, financial: false)              // 十
        case 0x62FE: return .smallUnit(power: 1, financial: true)               // 拾
        case 0x767E: return .smallUnit(power: 2, financial: false)              // 百
        case 0x4F70: return .smallUnit(power: 2, financial: true)               // 佰
        case 0x5343: return .smallUnit(power: 3, financial: false)              // 千
        case 0x4EDF: return .smallUnit(power: 3, financial: true)               // 仟
        case 0x4E07, 0x842C: return .bigUnit(power: 4)                          // 万 萬
        case 0x4EBF, 0x5104: return .bigUnit(power: 8)                          // 亿 億
        default: return nil
        }
    }

    /// Whether `scalar` is a Chinese digit, unit or multiplier (not an Arabic digit).
    @inline(__always)
    static func isChinese(_ scalar: UInt32) -> Bool {
        switch classify(scalar) {
        case .chineseDigit, .smallUnit, .bigUnit: return true
        default: return false
        }
    }

    /// Whether `scalar` can start a number expression (a digit, 十, or 百 of 百分之).
    @inline(__always)
    static func canStart(_ scalar: UInt32) -> Bool {
        switch classify(scalar) {
        case .arabic, .chineseDigit: return true
        case .smallUnit(let power, _): return power == 1 || scalar == Scalars.百
        default: return false
        }
    }
}

/// Code points of the characters number expressions use besides numerals.
enum Scalars {
    static let 百: UInt32 = 0x767E
    static let 千: UInt32 = 0x5343
    static let 分: UInt32 = 0x5206
    static let 之: UInt32 = 0x4E4B
    static let 个: UInt32 = 0x4E2A
    static let 点: UInt32 = 0x70B9
    static let 余: UInt32 = 0x4F59
    static let 多: UInt32 = 0x591A
    static let 至: UInt32 = 0x81F3
    static let 到: UInt32 = 0x5230
    static let 成: UInt32 = 0x6210
    static let 第: UInt32 = 0x7B2C
    static let percent: UInt32 = 0x25            // %
    static let fullWidthPercent: UInt32 = 0xFF05 // ％
    static let perMille: UInt32 = 0x2030         // ‰
    static let comma: UInt32 = 0x2C              // ,
    static let point: UInt32 = 0x2E              // .
    static let fullWidthPoint: UInt32 = 0xFF0E   // ．
    static let hyphen: UInt32 = 0x2D             // -
    static let tilde: UInt32 = 0x7E              // ~
    static let fullWidthTilde: UInt32 = 0xFF5E   // ～
    static let waveDash: UInt32 = 0x301C         // 〜
    static let fullWidthHyphen: UInt32 = 0xFF0D  // －
    static let enDash: UInt32 = 0x2013           // –
    static let emDash: UInt32 = 0x2014           // —
}
