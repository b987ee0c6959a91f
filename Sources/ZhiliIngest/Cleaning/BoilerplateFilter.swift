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
    // Each kind is compiled into one alternation, so a line costs at most three matches.
    private let drop: NSRegularExpression?
    private let end: NSRegularExpression?
    private let strip: NSRegularExpression?

    /// A filter over `patterns`.
    public init(patterns: BoilerplatePatterns) {
        self.patterns = patterns
        func combined(_ kind: BoilerplatePatterns.Kind) -> NSRegularExpression? {
            let sources = patterns.patterns.filter { $0.kind == kind }.map { "(?:\($0.source))" }
            guard !sources.isEmpty else { return nil }
            let alternation = sources.joined(separator: "|")
            // Each pattern compiled on its own when loaded, so the combination compiles too.
            return try? NSRegularExpression(pattern: kind == .strip ? alternation : "^(?:\(alternation))$")
        }
        drop = combined(.drop)
        end = combined(.end)
        strip = combined(.strip)
    }

    /// The verdict for one line (already trimmed).
    ///
    /// - Complexity: at most three regular-expression matches; lines longer than 300 UTF-16 units
    ///   are only stripped, never dropped (boilerplate lines are short).
    public func classify(_ line: String) -> Verdict {
        var line = line
        if let strip {
            let range = NSRange(location: 0, length: line.utf16.count)
            if strip.firstMatch(in: line, options: [], range: range) != nil {
                line = TextShape.trimmed(strip.stringByReplacingMatches(in: line, options: [], range: range, withTemplate: ""))
                if line.isEmpty { return .drop }
            }
        }
        let length = line.utf16.count
        guard length <= 300 else { return .keep(line) }
        let range = NSRange(location: 0, length: length)
        if let end, end.firstMatch(in: line, options: [.anchored], range: range) != nil { return .end }
        if let drop, drop.firstMatch(in: line, options: [.anchored], range: range) != nil { return .drop }
        return .keep(line)
    }
}
