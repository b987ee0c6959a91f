/// A decimal number held exactly as an integer mantissa and a power-of-ten scale.
///
/// `2.2万` is computed as 22 × 10⁻¹ × 10⁴ = 22000 with no binary rounding on the way;
/// `doubleValue` then rounds once, so every value with at most 15 significant digits
/// converts to the nearest `Double` (22000, 3845000, 41.3 …).
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The digits as an integer: `value = mantissa / 10^scale`.
    public private(set) var mantissa: Int64
    /// How many of the mantissa's digits lie after the decimal point (never negative).
    public private(set) var scale: Int

    /// Zero.
    public static let zero = ExactDecimal(mantissa: 0, scale: 0)

    /// Creates `mantissa / 10^scale`, dropping trailing fractional zeros.
    public init(mantissa: Int64, scale: Int = 0) {
        var mantissa = mantissa
        var scale = max(0, scale)
        while scale > 0, mantissa % 10 == 0 {
            mantissa /= 10
            scale -= 1
        }
        self.mantissa = mantissa
        self.scale = scale
    }

    /// The nearest `Double`.
    public var doubleValue: Double {
        scale == 0 ? Double(mantissa) : Double(mantissa) / powerOfTen(scale)
    }

    /// Whether the value has no fractional part.
    public var isInteger: Bool { scale == 0 }

    /// The value as written in plain decimal notation, such as `22000` or `41.3`.
    public var description: String {
        if scale == 0 { return String(mantissa) }
        let digits = String(mantissa.magnitude)
        let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return (mantissa < 0 ? "-" : "") + padded[..<point] + "." + padded[point...]
    }

    /// The value times 10^power, or nil on overflow.
    public func multiplied(byPowerOfTen power: Int) -> ExactDecimal? {
        if power <= scale { return ExactDecimal(mantissa: mantissa, scale: scale - power) }
        var result = mantissa
        for _ in 0..<(power - scale) {
            let (next, overflow) = result.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            result = next
        }
        return ExactDecimal(mantissa: result, scale: 0)
    }

    /// The value times an integer, or nil on overflow.
    public func multiplied(by factor: Int64) -> ExactDecimal? {
        let (result, overflow) = mantissa.multipliedReportingOverflow(by: factor)
        return overflow ? nil : ExactDecimal(mantissa: result, scale: scale)
    }

    /// The sum of two values, or nil on overflow.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        guard let (left, right, scale) = ExactDecimal.aligned(self, other) else { return nil }
        let (sum, overflow) = left.addingReportingOverflow(right)
        return overflow ? nil : ExactDecimal(mantissa: sum, scale: scale)
    }

    /// Whether `lhs` is smaller than `rhs`, compared exactly when both fit in 64 bits after alignment.
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        guard let (left, right, _) = aligned(lhs, rhs) else { return lhs.doubleValue < rhs.doubleValue }
        return left < right
    }

    /// Both mantissas brought to the larger scale, or nil on overflow.
    private static func aligned(_ a: ExactDecimal, _ b: ExactDecimal) -> (Int64, Int64, Int)? {
        if a.scale == b.scale { return (a.mantissa, b.mantissa, a.scale) }
        let scale = max(a.scale, b.scale)
        var left = a.mantissa, right = b.mantissa
        for _ in a.scale..<scale {
            let (next, overflow) = left.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            left = next
        }
        for _ in b.scale..<scale {
            let (next, overflow) = right.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            right = next
        }
        return (left, right, scale)
    }
}

/// 10^exponent as a Double (exact up to 10^22).
private func powerOfTen(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<exponent { result *= 10 }
    return result
}
