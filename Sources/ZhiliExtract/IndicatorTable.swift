import Foundation
import ZhiliCore

/// A canonical indicator that figures from different articles can be compared on.
public struct Indicator: Sendable, Codable, Hashable {
    /// Stable identifier such as `grid_workers`.
    public var id: String
    /// Chinese label such as `网格员`.
    public var label: String
    /// Expected unit such as `人` or `%`.
    public var unit: String
    /// Units a figure may have to count for this indicator; defaults to `[unit]`.
    public var units: [String]?
    /// Phrases that, found in a figure's metric, name this indicator.
    public var patterns: [String]

    /// Creates an indicator.
    public init(id: String, label: String, unit: String, units: [String]? = nil, patterns: [String]) {
        self.id = id
        self.label = label
        self.unit = unit
        self.units = units
        self.patterns = patterns
    }

    /// Whether a figure with `unit` (and `isChange` for 同比/环比 changes) can measure this indicator.
    public func accepts(unit figureUnit: String?, isChange: Bool) -> Bool {
        if isChange { return true }
        guard let figureUnit else { return false }
        return (units ?? [unit]).contains(figureUnit)
    }
}

/// Maps metric phrases to canonical indicators, from a user-editable JSON file.
///
/// The file holds `{"indicators": [{"id", "label", "unit", "units"?, "patterns"}]}`. A metric maps
/// to the indicator whose longest pattern it contains and whose units accept the figure.
public struct IndicatorTable: Sendable {
    /// Every indicator, in file order.
    public let indicators: [Indicator]
    private let trie: ScalarTrie
    /// Indicator indices for each pattern, in trie payload order.
    private let owners: [[Int]]
    private let lengths: [Int]

    /// The indicators bundled with Zhili (`Resources/indicators.json`).
    public static let bundled: IndicatorTable = {
        guard let url = Bundle.module.url(forResource: "indicators", withExtension: "json"),
              let table = try? IndicatorTable(contentsOf: url) else {
            preconditionFailure("indicators.json is missing or invalid in the ZhiliExtract bundle")
        }
        return table
    }()

    private struct File: Codable { var indicators: [Indicator] }

    /// Loads indicators from a JSON file.
    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        do {
            try self.init(indicators: JSONDecoder().decode(File.self, from: data).indicators)
        } catch let error as DecodingError {
            throw Diagnostic(source: url.path, reason: "invalid indicator file: \(error)")
        }
    }

    /// Creates a table from indicators.
    public init(indicators: [Indicator]) throws {
        self.indicators = indicators
        var patternIndex: [String: Int] = [:]
        var owners: [[Int]] = []
        var builder = ScalarTrie.Builder()
        for (index, indicator) in indicators.enumerated() {
            for pattern in indicator.patterns where !pattern.isEmpty {
                if let existing = patternIndex[pattern] {
                    owners[existing].append(index)
                } else {
                    patternIndex[pattern] = owners.count
                    builder.insert(pattern, payload: owners.count)
                    owners.append([index])
                }
            }
        }
        self.owners = owners
        lengths = patternIndex.sorted { $0.value < $1.value }.map { $0.key.unicodeScalars.count }
        trie = builder.build()
    }

    /// The indicator `metric` names for a figure with `unit`, or nil.
    ///
    /// - Complexity: O(*m*·*k*) for a metric of *m* scalars and patterns of at most *k* scalars.
    public func indicator(forMetric metric: String, unit: String?, isChange: Bool = false) -> Indicator? {
        let scalars = Array(metric.unicodeScalars)
        var best: (length: Int, indicator: Int)?
        scalars.withUnsafeBufferPointer { buffer in
            for start in 0..<buffer.count {
                // Every pattern starting here, not only the longest: 网格员 and 网格 both start at 网.
                trie.forEachMatch(in: buffer, from: start) { _, payload in
                    let length = lengths[payload]
                    for owner in owners[payload]
                    where indicators[owner].accepts(unit: unit, isChange: isChange) && length > (best?.length ?? 0) {
                        best = (length, owner)
                    }
                }
            }
        }
        return best.map { indicators[$0.indicator] }
    }

    /// The indicator with `id`.
    public func indicator(id: String) -> Indicator? { indicators.first { $0.id == id } }
}
