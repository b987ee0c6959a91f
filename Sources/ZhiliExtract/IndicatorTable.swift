import ZhiliText
import Foundation
import ZhiliCore

/// A canonical indicator that figures from different articles can be compared on.
public struct Indicator: Sendable, Codable, Hashable {
    /// Stable identifier such as `grid_workers`.
    public var id: String
    /// Chinese label such as `网格员`.
    public var label: String
    /// The one unit its values are reported in, such as `人` or `%`.
    public var unit: String
    /// Measure words that count the same thing as ``unit`` (`名` for `人`, `件` for `起`); a figure
    /// in any of them reports this indicator in ``unit``. Defaults to `[unit]`.
    public var units: [String]?
    /// Phrases that, found in a figure's metric, name this indicator.
    public var patterns: [String]
    /// Phrases that, found in a metric, rule this indicator out whatever pattern matched: another
    /// action on the same thing (`消除` hazards are not hazards found), a part of it (`重复访` is
    /// not every petition), another service mode (`一次办` is not `网上办`).
    public var excludes: [String]?
    /// Whether it counts finished actions (整改, 化解, 破获): then a metric saying the action is
    /// still going on or not done (the table's ``IndicatorTable/unfinishedMarkers``: 正在, 尚未 …)
    /// does not report it.
    public var completed: Bool?

    /// Creates an indicator.
    public init(
        id: String, label: String, unit: String, units: [String]? = nil, patterns: [String],
        excludes: [String]? = nil, completed: Bool? = nil
    ) {
        self.id = id
        self.label = label
        self.unit = unit
        self.units = units
        self.patterns = patterns
        self.excludes = excludes
        self.completed = completed
    }

    /// Whether a figure with `unit` (and `isChange` for 同比/环比 changes) can measure this indicator.
    public func accepts(unit figureUnit: String?, isChange: Bool) -> Bool {
        if isChange { return true }
        guard let figureUnit else { return false }
        return (units ?? [unit]).contains(figureUnit)
    }

    /// Whether `metric` holds one of ``excludes``.
    func isExcluded(by metric: String) -> Bool {
        excludes?.contains { metric.contains($0) } ?? false
    }
}

/// Maps metric phrases to canonical indicators, from a user-editable JSON file.
///
/// The file holds `{"unfinished"?: [String], "indicators": [{"id", "label", "unit", "units"?,
/// "patterns", "excludes"?, "completed"?}]}`. A metric maps to the indicator whose longest pattern
/// it contains, whose units accept the figure, and which the metric's verb does not rule out: none
/// of its ``Indicator/excludes`` is in the metric, and for a ``Indicator/completed`` indicator no
/// unfinished marker comes before the pattern (`正在整改` is not `已整改`).
public struct IndicatorTable: Sendable {
    /// Every indicator, in file order.
    public let indicators: [Indicator]
    /// Words saying an action is under way or not done (正在, 尚未, 未 …): a metric holding one
    /// before its pattern does not report a ``Indicator/completed`` indicator.
    public let unfinishedMarkers: [String]
    private let trie: WordTrie
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

    /// Unfinished markers of a file that lists none.
    public static let defaultUnfinishedMarkers = ["正在", "尚未", "仍在", "还在", "未能", "未完成", "有待"]

    private struct File: Codable {
        var unfinished: [String]?
        var indicators: [Indicator]
    }

    /// Loads indicators from a JSON file.
    public init(contentsOf url: URL) throws {
        try self.init(data: try Data(contentsOf: url), source: url.path)
    }

    /// Loads indicators from the bytes of a JSON file; `source` names it in errors.
    public init(data: Data, source: String) throws {
        do {
            let file = try JSONDecoder().decode(File.self, from: data)
            try self.init(indicators: file.indicators, unfinishedMarkers: file.unfinished ?? Self.defaultUnfinishedMarkers)
        } catch let error as DecodingError {
            throw Diagnostic(source: source, reason: "invalid indicator file: \(error)")
        }
    }

    /// Creates a table from indicators.
    public init(indicators: [Indicator], unfinishedMarkers: [String] = IndicatorTable.defaultUnfinishedMarkers) throws {
        self.indicators = indicators
        self.unfinishedMarkers = unfinishedMarkers
        var patternIndex: [String: Int] = [:]
        var owners: [[Int]] = []
        var patterns = WordTrie()
        for (index, indicator) in indicators.enumerated() {
            for pattern in indicator.patterns where !pattern.isEmpty {
                if let existing = patternIndex[pattern] {
                    owners[existing].append(index)
                } else {
                    patternIndex[pattern] = owners.count
                    patterns.insert(pattern, payload: owners.count)
                    owners.append([index])
                }
            }
        }
        self.owners = owners
        lengths = patternIndex.sorted { $0.value < $1.value }.map { $0.key.unicodeScalars.count }
        trie = patterns
    }

    /// The indicator `metric` names for a figure with `unit`, or nil.
    ///
    /// `clause` is the text of the figure's clause before it (`尚未化解的矛盾纠纷` for
    /// `尚未化解的矛盾纠纷22件`): an unfinished marker there also rules out a completed indicator,
    /// as the metric phrase may leave the verb out.
    ///
    /// - Complexity: O(*m*·*k*) for a metric of *m* scalars and patterns of at most *k* scalars.
    public func indicator(
        forMetric metric: String, unit: String?, isChange: Bool = false, clause: @autoclosure () -> String = ""
    ) -> Indicator? {
        let scalars = Array(metric.unicodeScalars)
        // Read only when a completed indicator matches.
        var clauseChecked: Bool?
        func clauseUnfinished() -> Bool {
            if let clauseChecked { return clauseChecked }
            let text = clause()
            let found = !text.isEmpty && unfinishedMarkers.contains { text.contains($0) }
            clauseChecked = found
            return found
        }
        var best: (length: Int, indicator: Int)?
        scalars.withUnsafeBufferPointer { buffer in
            for start in 0..<buffer.count {
                // Every pattern starting here, not only the longest: 网格员 and 网格 both start at 网.
                trie.forEachMatch(in: buffer, from: start) { _, payload in
                    let length = lengths[payload]
                    for owner in owners[payload]
                    where length > (best?.length ?? 0) && indicators[owner].accepts(unit: unit, isChange: isChange)
                        && !indicators[owner].isExcluded(by: metric)
                        && !(indicators[owner].completed == true && (isUnfinished(buffer, before: start) || clauseUnfinished())) {
                        best = (length, owner)
                    }
                }
            }
        }
        return best.map { indicators[$0.indicator] }
    }

    /// Whether an unfinished marker (正在, 尚未 …) occurs in `metric` before `offset`.
    private func isUnfinished(_ metric: UnsafeBufferPointer<Unicode.Scalar>, before offset: Int) -> Bool {
        guard offset > 0 else { return false }
        let head = String(String.UnicodeScalarView(metric[..<offset]))
        return unfinishedMarkers.contains { head.contains($0) }
    }

    /// The indicator with `id`.
    public func indicator(id: String) -> Indicator? { indicators.first { $0.id == id } }

    /// The indicator whose id or Chinese label is `name` (`hazards_fixed`, `整改隐患`).
    public func indicator(named name: String) -> Indicator? {
        indicator(id: name) ?? indicators.first { $0.label == name }
    }
}
