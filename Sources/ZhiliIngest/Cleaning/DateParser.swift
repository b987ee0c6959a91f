import Foundation

/// Reads Chinese and numeric dates into ISO 8601: `2023年01月06日09:55` → `2023-01-06T09:55`,
/// `2023年1月6日` → `2023-01-06`, `2023-1-6 9:05` → `2023-01-06T09:05`, `2023/01/06` → `2023-01-06`.
public struct DateParser: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and thread-safe.
    private let expression: NSRegularExpression

    /// Creates the parser (compiles its pattern once).
    public init() {
        expression = try! NSRegularExpression(pattern:
            "((?:19|20)[0-9]{2})\\s*[年/.-]\\s*([0-9]{1,2})\\s*[月/.-]\\s*([0-9]{1,2})\\s*日?(?:\\s*([0-9]{1,2})[:：]([0-9]{2})(?:[:：][0-9]{2})?)?")
    }

    /// The first date in `text` as ISO 8601 and the UTF-16 range it occupied, or nil.
    public func firstDate(in text: String) -> (iso: String, range: NSRange)? {
        let string = text as NSString
        guard let match = expression.firstMatch(in: text, options: [], range: NSRange(location: 0, length: string.length)) else {
            return nil
        }
        func group(_ index: Int) -> Int? {
            let range = match.range(at: index)
            return range.location == NSNotFound ? nil : Int(string.substring(with: range))
        }
        guard let year = group(1), let month = group(2), let day = group(3),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var iso = String(format: "%04d-%02d-%02d", year, month, day)
        if let hour = group(4), let minute = group(5), hour < 24, minute < 60 {
            iso += String(format: "T%02d:%02d", hour, minute)
        }
        return (iso, match.range)
    }

    /// `text` read as a date, or nil when it holds none.
    public func parse(_ text: String) -> String? { firstDate(in: text)?.iso }
}
