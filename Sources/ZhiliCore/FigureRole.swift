/// What a reported number says: a level reached, a change against a basis, a rate, or a target
/// still to be met. Values of different roles are never compared with each other.
///
/// ```swift
/// FigureRole(unit: "个", change: nil, sentence: "划分网格5780个。", text: "5780个")          // .level
/// FigureRole(unit: "%", change: .下降, sentence: "刑事案件同比下降31.7%。", text: "31.7%") // .change
/// FigureRole(unit: "%", change: nil, sentence: "化解成功率41.3%。", text: "41.3%")          // .rate
/// FigureRole(unit: "%", change: nil, sentence: "力争化解率达到98%。", text: "98%")          // .target
/// ```
public enum FigureRole: String, Sendable, Codable, Hashable, CaseIterable {
    /// A count, amount or measure reached (`网格5780个`, `追赃挽损384.5万元`).
    case level
    /// A rise or fall against a basis (`同比下降31.7%`, `比2020年增加120人`, `提高2个百分点`).
    case change
    /// A share or rate (`化解成功率41.3%`).
    case rate
    /// A goal still to be met (`力争…达到98%`, `目标…100个`).
    case target

    /// Words that make the figure after them in its clause a goal rather than a result.
    public static let targetMarkers = ["力争", "争取", "目标", "计划", "预计", "确保", "要达到", "将达到"]

    /// The role of a figure with `unit` and `change`, read from its `sentence`, where its surface
    /// `text` stands (its first occurrence): a change when it has a direction or is counted in
    /// percentage points; else a target when a target marker comes before it in its clause; else a
    /// rate for `%` and `‰`; else a level.
    public init(unit: String?, change: ChangeDirection?, sentence: String, text: String) {
        if change != nil || unit == "个百分点" || unit == "百分点" {
            self = .change
        } else if Self.isTarget(sentence: sentence, text: text) {
            self = .target
        } else if unit == "%" || unit == "‰" {
            self = .rate
        } else {
            self = .level
        }
    }

    /// Whether a target marker comes before `text` within its clause of `sentence`.
    static func isTarget(sentence: String, text: String) -> Bool {
        let scalars = Array(sentence.unicodeScalars), needle = Array(text.unicodeScalars)
        guard !needle.isEmpty, needle.count <= scalars.count,
              let position = (0...(scalars.count - needle.count)).first(where: { scalars[$0..<($0 + needle.count)].elementsEqual(needle) })
        else { return false }
        let clauseBreaks: Set<Unicode.Scalar> = ["，", ",", "；", ";", "。", "：", ":"]
        let clauseStart = scalars[..<position].lastIndex { clauseBreaks.contains($0) }.map { $0 + 1 } ?? 0
        let clause = String(String.UnicodeScalarView(scalars[clauseStart..<position]))
        return targetMarkers.contains { marker in clause.contains(marker) }
    }
}

extension Figure {
    /// What this figure says: a level, a change, a rate or a target (``FigureRole``).
    public var role: FigureRole { FigureRole(unit: unit, change: change, sentence: sentence, text: text) }
}
