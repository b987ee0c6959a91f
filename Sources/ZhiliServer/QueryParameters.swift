import Foundation
import Hummingbird

/// Typed, bounded access to a request's query string; every bad value becomes a 400 naming the parameter.
public struct QueryParameters: Sendable {
    let parameters: Parameters

    /// Reads the query string of `request`.
    public init(_ request: Request) {
        self.parameters = request.uri.queryParameters
    }

    /// The trimmed value of `name`, nil when absent or empty; 400 when longer than `maxLength` characters.
    public func string(_ name: String, maxLength: Int) throws -> String? {
        guard let raw = parameters[name[...]] else { return nil }
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty { return nil }
        if value.unicodeScalars.count > maxLength {
            throw APIError.badParameter(name, "longer than \(maxLength) characters")
        }
        return value
    }

    /// The integer value of `name` within `range`, `defaultValue` when absent; 400 otherwise.
    public func int(_ name: String, in range: ClosedRange<Int>, default defaultValue: Int? = nil) throws -> Int? {
        guard let raw = try string(name, maxLength: 12) else { return defaultValue }
        guard let value = Int(raw) else { throw APIError.badParameter(name, "expected an integer, got '\(raw)'") }
        guard range.contains(value) else {
            throw APIError.badParameter(name, "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    /// A year or year range from `name` (`2022` or `2021..2023`); 400 when malformed or reversed.
    public func years(_ name: String) throws -> ClosedRange<Int>? {
        guard let raw = try string(name, maxLength: 12) else { return nil }
        return try Self.parseYears(raw, name: name)
    }

    /// Parses `2022` or `2021..2023`; `name` labels the error.
    public static func parseYears(_ raw: String, name: String) throws -> ClosedRange<Int> {
        let valid = 1900...2100
        let parts = raw.components(separatedBy: "..")
        let years = parts.map { part in part.utf8.allSatisfy { (48...57).contains($0) } ? Int(part) : nil }
        if years.count == 1, let year = years[0], valid.contains(year) {
            return year...year
        }
        if years.count == 2, let low = years[0], let high = years[1], valid.contains(low), valid.contains(high) {
            guard low <= high else { throw APIError.badParameter(name, "range \(low)..\(high) is reversed") }
            return low...high
        }
        throw APIError.badParameter(name, "expected a year such as 2022 or a range such as 2021..2023 between 1900 and 2100")
    }
}
