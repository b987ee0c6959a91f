import Foundation

/// Reads Chinese and numeric dates into ISO 8601: `2023年01月06日09:55` → `2023-01-06T09:55`,
/// `2023年1月6日` → `2023-01-06`, `2023-1-6 9:05` → `2023-01-06T09:05`, `2023/01/06` → `2023-01-06`.
public struct DateParser: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and thread-safe.
    /// The expression: year, month, day, then perhaps hour and minute (and seconds, not kept).
    static let pattern =
        "((?:19|20)[0-9]{2})\\s*[年/.-]\\s*([0-9]{1,2})\\s*[月/.-]\\s*([0-9]{1,2})\\s*日?(?:\\s*([0-9]{1,2})[:：]([0-9]{2})(?:[:：][0-9]{2})?)?"
    let expression: NSRegularExpression
    /// The literals one of which every match holds (``RequiredLiterals``): most text has none.
    private let literals = LiteralScanner(RequiredLiterals.of(pattern)!)

    /// Creates the parser (compiles its pattern once).
    public init() {
        expression = try! NSRegularExpression(pattern: Self.pattern)
    }

    /// The first date in `text` as ISO 8601 and the UTF-16 range it occupied, or nil.
    public func firstDate(in text: String) -> (iso: String, range: NSRange)? {
        guard literals.occurs(in: text),
              let match = expression.firstMatch(in: text, options: [], range: NSRange(location: 0, length: text.utf16.count))
        else { return nil }
        return Self.read(match, in: text)
    }

    /// The date that `match` of ``expression`` found in `text`, or nil when it is no calendar date.
    static func read(_ match: NSTextCheckingResult, in text: String) -> (iso: String, range: NSRange)? {
        // The groups hold one to four ASCII digits: read them from the UTF-16 units.
        let utf16 = text.utf16
        func group(_ index: Int) -> Int? {
            let range = match.range(at: index)
            guard range.location != NSNotFound, range.length > 0 else { return nil }
            var value = 0
            var unit = utf16.index(utf16.startIndex, offsetBy: range.location)
            for _ in 0..<range.length {
                let digit = Int(utf16[unit]) - 0x30
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
                unit = utf16.index(after: unit)
            }
            return value
        }
        guard let year = group(1), let month = group(2), let day = group(3),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var iso = padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
        if let hour = group(4), let minute = group(5), hour < 24, minute < 60 {
            iso += "T" + padded(hour, 2) + ":" + padded(minute, 2)
        }
        return (iso, match.range)
    }

    /// `value` (not negative: the groups hold only digits) in decimal, zero-padded to `width`
    /// digits like `%0*d`, without the cost of `String(format:)`.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.utf8.count >= width ? digits : String(repeating: "0", count: width - digits.utf8.count) + digits
    }

    /// `text` read as a date, or nil when it holds none.
    public func parse(_ text: String) -> String? { firstDate(in: text)?.iso }
}
