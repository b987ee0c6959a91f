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
    ///
    /// Text whose only white space is spaces and tabs (nearly all) is read by ``firstMatch(in:)``
    /// without ICU; other text by the expression.
    public func firstDate(in text: String) -> (iso: String, range: NSRange)? {
        guard literals.occurs(in: text) else { return nil }
        if let units = Self.plainUnits(text) {
            return Self.firstMatch(in: units).flatMap { Self.read($0, in: text) }
        }
        return expression.firstMatch(in: text, options: [], range: NSRange(location: 0, length: text.utf16.count))
            .flatMap { Self.read(DateMatch($0), in: text) }
    }

    /// The date that `match` found in `text`, or nil when it is no calendar date.
    static func read(_ match: DateMatch, in text: String) -> (iso: String, range: NSRange)? {
        // The groups hold one to four ASCII digits: read them from the UTF-16 units.
        let utf16 = text.utf16
        func group(_ index: Int) -> Int? {
            let range = match.groups[index - 1]
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

    /// Where the expression matched: the whole match and its five groups (year, month, day,
    /// hour, minute; `NSNotFound` for a group that took no part).
    struct DateMatch {
        var range: NSRange
        var groups: [NSRange]
    }

    /// The UTF-16 units of `text` when its only white space is spaces and tabs, else nil.
    ///
    /// In such text `\s` matches exactly a space or a tab, whichever of the definitions of
    /// white space ICU uses; other text is left to the expression.
    static func plainUnits(_ text: String) -> [UInt16]? {
        var units: [UInt16] = []
        units.reserveCapacity(text.utf8.count)
        for unit in text.utf16 {
            switch unit {
            case 0x0A...0x0D, 0x85, 0xA0, 0x1680, 0x180E, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
                return nil
            default:
                units.append(unit)
            }
        }
        return units
    }

    /// The first match of the expression in `units` (whose only white space is spaces and
    /// tabs), found without ICU.
    ///
    /// The expression backtracks to no avail: each `\s*` and each `[0-9]{1,2}` stops before
    /// a unit it cannot take, and giving back a digit leaves a digit where a separator or
    /// colon must stand. So at each start the greedy reading is the only one; the optional
    /// tail (`日`, then a time) is taken when it is there.
    static func firstMatch(in units: [UInt16]) -> DateMatch? {
        let count = units.count
        func isDigit(_ index: Int) -> Bool { index < count && units[index] >= 0x30 && units[index] <= 0x39 }
        func skipSpaces(_ index: inout Int) { while index < count, units[index] == 0x20 || units[index] == 0x09 { index += 1 } }
        func isOneOf(_ index: Int, _ characters: String) -> Bool { index < count && characters.utf16.contains(units[index]) }
        /// Up to two digits at `index`: their range, or nil when there is none.
        func digits(_ index: inout Int) -> NSRange? {
            let start = index
            while index < count, index - start < 2, isDigit(index) { index += 1 }
            return index > start ? NSRange(location: start, length: index - start) : nil
        }
        let none = NSRange(location: NSNotFound, length: 0)
        var start = 0
        while start + 4 <= count {
            defer { start += 1 }
            // ((?:19|20)[0-9]{2})
            let century = (units[start], units[start + 1])  // "19" or "20"
            guard century == (0x31, 0x39) || century == (0x32, 0x30), isDigit(start + 2), isDigit(start + 3) else { continue }
            var index = start + 4
            // \s*[年/.-]\s*([0-9]{1,2})\s*[月/.-]\s*([0-9]{1,2})
            skipSpaces(&index)
            guard isOneOf(index, "年/.-") else { continue }
            index += 1
            skipSpaces(&index)
            guard let month = digits(&index) else { continue }
            skipSpaces(&index)
            guard isOneOf(index, "月/.-") else { continue }
            index += 1
            skipSpaces(&index)
            guard let day = digits(&index) else { continue }
            // \s*日?
            skipSpaces(&index)
            if isOneOf(index, "日") { index += 1 }
            // (?:\s*([0-9]{1,2})[:：]([0-9]{2})(?:[:：][0-9]{2})?)?
            var hour = none, minute = none
            var time = index
            skipSpaces(&time)
            if let hourDigits = digits(&time), isOneOf(time, ":："), isDigit(time + 1), isDigit(time + 2) {
                hour = hourDigits
                minute = NSRange(location: time + 1, length: 2)
                time += 3
                if isOneOf(time, ":："), isDigit(time + 1), isDigit(time + 2) { time += 3 }
                index = time
            }
            return DateMatch(range: NSRange(location: start, length: index - start),
                             groups: [NSRange(location: start, length: 4), month, day, hour, minute])
        }
        return nil
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

extension DateParser.DateMatch {
    /// Where a match of the expression lies.
    init(_ match: NSTextCheckingResult) { self.init(range: match.range, groups: (1...5).map { match.range(at: $0) }) }
}
