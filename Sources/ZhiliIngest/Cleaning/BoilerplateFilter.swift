import Foundation

/// Step d: decides which lines are boilerplate, using ``BoilerplatePatterns``.
///
/// Each kind of pattern is compiled into one alternation. Before a line meets it, a
/// ``LiteralScanner`` looks for the literals that every match must contain (derived from the
/// patterns by ``RequiredLiterals``): most body lines hold none of them and are kept without
/// a regular-expression match. A kind with a pattern that needs no literal (or whose syntax the
/// analysis does not read, as user patterns may) has no prefilter and runs on every line.
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

    /// One kind's combined expression and, when every pattern of it needs a literal, its prefilter.
    struct Matcher: @unchecked Sendable {
        // @unchecked: NSRegularExpression is immutable and documented as thread-safe.
        let expression: NSRegularExpression
        let prefilter: LiteralScanner?

        /// Whether the expression could match somewhere in `line`.
        func mayMatch(_ line: String, prefiltered: Bool) -> Bool {
            guard prefiltered, let prefilter else { return true }
            return prefilter.occurs(in: line)
        }
    }

    /// The patterns in use.
    public let patterns: BoilerplatePatterns
    private let drop: Matcher?
    private let end: Matcher?
    private let strip: Matcher?

    /// A filter over `patterns`.
    public init(patterns: BoilerplatePatterns) {
        self.patterns = patterns
        func combined(_ kind: BoilerplatePatterns.Kind) -> Matcher? {
            let sources = patterns.patterns.filter { $0.kind == kind }.map(\.source)
            guard !sources.isEmpty else { return nil }
            let alternation = sources.map { "(?:\($0))" }.joined(separator: "|")
            // Each pattern compiled on its own when loaded, so the combination compiles too.
            guard let expression = try? NSRegularExpression(pattern: kind == .strip ? alternation : "^(?:\(alternation))$") else {
                return nil
            }
            var literals: [String] = []
            for source in sources {
                guard let required = RequiredLiterals.of(source) else {
                    return Matcher(expression: expression, prefilter: nil)
                }
                literals += required
            }
            return Matcher(expression: expression, prefilter: LiteralScanner(literals))
        }
        drop = combined(.drop)
        end = combined(.end)
        strip = combined(.strip)
    }

    /// The verdict for one line (already trimmed).
    ///
    /// - Complexity: one scan of the line's bytes for required literals; at most three
    ///   regular-expression matches on lines that hold one. Lines longer than 300 UTF-16 units
    ///   are only stripped, never dropped (boilerplate lines are short).
    public func classify(_ line: String) -> Verdict { classify(line, prefiltered: true) }

    /// The verdict for one line; `prefiltered: false` runs the expressions on every line (the
    /// reference the prefilter is tested against).
    func classify(_ line: String, prefiltered: Bool) -> Verdict {
        var line = line
        if let strip, strip.mayMatch(line, prefiltered: prefiltered) {
            let range = NSRange(location: 0, length: line.utf16.count)
            if strip.expression.firstMatch(in: line, options: [], range: range) != nil {
                line = TextShape.trimmed(strip.expression.stringByReplacingMatches(in: line, options: [], range: range, withTemplate: ""))
                if line.isEmpty { return .drop }
            }
        }
        guard TextShape.utf16Length(line, limit: 300) <= 300 else { return .keep(line) }
        if let end, end.mayMatch(line, prefiltered: prefiltered),
           end.expression.firstMatch(in: line, options: [.anchored], range: NSRange(location: 0, length: line.utf16.count)) != nil {
            return .end
        }
        if let drop, drop.mayMatch(line, prefiltered: prefiltered),
           drop.expression.firstMatch(in: line, options: [.anchored], range: NSRange(location: 0, length: line.utf16.count)) != nil {
            return .drop
        }
        return .keep(line)
    }
}
