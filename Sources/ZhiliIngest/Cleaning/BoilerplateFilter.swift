import Foundation

/// Step d: decides which lines are boilerplate, using ``BoilerplatePatterns``.
public struct BoilerplateFilter: Sendable {
    /// What to do with one line.
    public enum Verdict: Equatable, Sendable {
        /// Keep the line (possibly with `strip` matches cut out).
        case keep(String)
        /// Remove the line.
        case drop
        /// Remove this line and all that follows.
        case end
    }

    /// The patterns in use.
    public let patterns: BoilerplatePatterns
    private let drops: [NSRegularExpression]
    private let ends: [NSRegularExpression]
    private let strips: [NSRegularExpression]

    /// A filter over `patterns`.
    public init(patterns: BoilerplatePatterns) {
        self.patterns = patterns
        drops = patterns.patterns.filter { $0.kind == .drop }.map(\.expression)
        ends = patterns.patterns.filter { $0.kind == .end }.map(\.expression)
        strips = patterns.patterns.filter { $0.kind == .strip }.map(\.expression)
    }

    /// The verdict for one line (already trimmed).
    ///
    /// - Complexity: one anchored match per pattern; lines longer than 300 UTF-16 units are only
    ///   stripped, never dropped (boilerplate lines are short).
    public func classify(_ line: String) -> Verdict {
        var line = line
        if !strips.isEmpty {
            let range = NSRange(location: 0, length: line.utf16.count)
            var stripped = false
            for expression in strips where expression.firstMatch(in: line, options: [], range: range) != nil {
                line = expression.stringByReplacingMatches(in: line, options: [], range: NSRange(location: 0, length: line.utf16.count), withTemplate: "")
                stripped = true
            }
            if stripped {
                line = TextShape.trimmed(line)
                if line.isEmpty { return .drop }
            }
        }
        let length = line.utf16.count
        guard length <= 300 else { return .keep(line) }
        let range = NSRange(location: 0, length: length)
        for expression in ends where expression.firstMatch(in: line, options: [.anchored], range: range) != nil {
            return .end
        }
        for expression in drops where expression.firstMatch(in: line, options: [.anchored], range: range) != nil {
            return .drop
        }
        return .keep(line)
    }
}
