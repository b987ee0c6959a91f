import ZhiliText
import Foundation

/// Step d: decides which lines are boilerplate, using ``BoilerplatePatterns``.
///
/// Before a line meets any expression, a ``LiteralScanner`` looks for the literals that every
/// match must contain (derived from the patterns by ``RequiredLiterals``): most body lines hold
/// none of them and are kept without a regular-expression match.
///
/// - `strip` patterns are compiled into one alternation (their matches are cut out together),
///   which runs on the lines holding a literal of one of them.
/// - `end` and `drop` patterns only say whether a whole line matches, so each runs on its own,
///   only on the lines that hold one of its literals; and, as it is anchored at both ends, only
///   on lines that start with one of the literals its matches start with, when it has such.
///   A pattern whose syntax the analysis does not read runs on every line.
public struct BoilerplateFilter: Sendable {
    /// What to do with one line.
    public enum Verdict: Equatable, Sendable {
        /// Keep the line (possibly with `strip` matches cut out).
        case keep(String)
        /// Remove the line: the `drop` pattern at this index of ``BoilerplatePatterns/patterns``
        /// matched it, or `strip` patterns left nothing of it (the index of the first match's).
        case drop(Int)
        /// Remove this line and all that follows: the `end` pattern at this index matched it.
        case end(Int)
    }

    /// An `end` or `drop` expression and the scanner groups whose literals it needs.
    private struct Matcher: @unchecked Sendable {
        // @unchecked: NSRegularExpression is immutable and documented as thread-safe.
        let expression: NSRegularExpression
        /// The pattern's index in ``BoilerplatePatterns/patterns``.
        let index: Int
        let groups: UInt64
        /// The UTF-8 bytes of the literals one of which a line must start with to match
        /// (``RequiredLiterals/prefixes(of:)``); empty when any start may match.
        var prefixes: [[UInt8]] = []

        /// Whether `line` starts as a match must.
        func mayMatch(_ line: String) -> Bool {
            prefixes.isEmpty || prefixes.contains { line.utf8.starts(with: $0) }
        }

        /// Whether the expression matches the whole of `line`.
        func matches(_ line: String) -> Bool {
            expression.firstMatch(in: line, options: [.anchored], range: NSRange(location: 0, length: line.utf16.count)) != nil
        }
    }

    /// The patterns in use.
    public let patterns: BoilerplatePatterns
    // All `strip` patterns are one alternation, so a line costs at most one strip match; each
    // alternative is a capture group, which says whose match it is.
    private let strip: NSRegularExpression?
    /// For each `strip` pattern: its index in ``BoilerplatePatterns/patterns`` and the capture
    /// group of its alternative in ``strip``.
    private let stripAlternatives: [(pattern: Int, group: Int)]
    private let ends: [Matcher]
    private let drops: [Matcher]
    /// The literals each matcher needs: group 0 for `strip`, one group per matcher after it.
    private let literals: LiteralScanner
    /// The groups of matchers without required literals: always run.
    private let unfiltered: UInt64
    /// Every group an `end` matcher may use.
    private let endGroups: UInt64
    /// The UTF-8 bytes of every line a `drop` pattern that is a plain list of words
    /// (`人民网|新华网`) matches whole, with the index of the first such pattern: such a line is
    /// dropped without a match (unless an earlier `drop` pattern matches it).
    private let droppedWords: [[UInt8]: Int]
    private static let stripGroup: UInt64 = 1

    /// A filter over `patterns`.
    public init(patterns: BoilerplatePatterns) {
        self.patterns = patterns
        let strips = patterns.patterns.filter { $0.kind == .strip }
        // Each pattern compiled on its own when loaded, so the alternation compiles too.
        strip = strips.isEmpty ? nil : try? NSRegularExpression(pattern: strips.map { "(\($0.source))" }.joined(separator: "|"))
        var alternatives: [(pattern: Int, group: Int)] = []
        var group = 1
        for (index, pattern) in patterns.patterns.enumerated() where pattern.kind == .strip {
            alternatives.append((index, group))
            group += 1 + pattern.expression.numberOfCaptureGroups
        }
        stripAlternatives = alternatives
        let stripLiterals = strips.map { RequiredLiterals.of($0.source) }
        // Group 0 is `strip`; matchers take groups 1…63 in turn (sharing them past 63, which
        // only lets a matcher run on a few more lines).
        var groups: [[String]] = [stripLiterals.contains(nil) ? [] : stripLiterals.flatMap { $0! }]
        var unfiltered: UInt64 = stripLiterals.contains(nil) ? Self.stripGroup : 0
        var matcherCount = 0
        func matchers(_ kind: BoilerplatePatterns.Kind) -> [Matcher] {
            patterns.patterns.indices.filter { patterns.patterns[$0].kind == kind }.map { patternIndex in
                let pattern = patterns.patterns[patternIndex]
                let index = 1 + matcherCount % 63
                matcherCount += 1
                let bit = UInt64(1) << UInt64(index)
                if index == groups.count { groups.append([]) }
                if let literals = RequiredLiterals.of(pattern.source) { groups[index] += literals } else { unfiltered |= bit }
                return Matcher(expression: pattern.expression, index: patternIndex, groups: bit,
                               prefixes: (RequiredLiterals.prefixes(of: pattern.source) ?? []).map { Array($0.utf8) })
            }
        }
        ends = matchers(.end)
        drops = matchers(.drop)
        endGroups = ends.reduce(0) { $0 | $1.groups }
        literals = LiteralScanner(groups: groups)
        self.unfiltered = unfiltered
        var words: [[UInt8]: Int] = [:]
        for (index, pattern) in patterns.patterns.enumerated() where pattern.kind == .drop {
            for word in Self.words(inList: pattern.source) ?? [] where words[Array(word.utf8)] == nil { words[Array(word.utf8)] = index }
        }
        droppedWords = words
    }

    /// The alternatives of `pattern` when it is a plain list of words separated by `|` (letters,
    /// digits and Han only, so each stands for itself), else nil.
    static func words(inList pattern: String) -> [String]? {
        let words = pattern.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let plain = words.allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy { CharacterClass.isHan($0) || CharacterClass.isASCIILetter($0) || CharacterClass.isASCIIDigit($0) }
        }
        return plain ? words : nil
    }

    /// The verdict for one line (already trimmed).
    ///
    /// - Complexity: one scan of the line's bytes for required literals; regular-expression
    ///   matches only for the patterns whose literals the line holds. Lines longer than 300
    ///   UTF-16 units are only stripped, never dropped (boilerplate lines are short).
    public func classify(_ line: String) -> Verdict {
        var line = line
        var candidates = literals.groups(in: line) | unfiltered
        if let strip, candidates & Self.stripGroup != 0 {
            let range = NSRange(location: 0, length: line.utf16.count)
            if let first = strip.firstMatch(in: line, options: [], range: range) {
                line = TextShape.trimmed(strip.stringByReplacingMatches(in: line, options: [], range: range, withTemplate: ""))
                if line.isEmpty { return .drop(stripPattern(of: first)) }
                candidates = literals.groups(in: line) | unfiltered
            }
        }
        // Without an `end` or `drop` candidate the verdict is `keep`, long or short.
        guard candidates & ~Self.stripGroup != 0, TextShape.utf16Length(line, isAtMost: 300) else {
            return .keep(line)
        }
        // A whole line that a word-list `drop` pattern names is dropped, unless `end` or an
        // earlier `drop` pattern matches.
        var named = Int.max
        if candidates & endGroups == 0, !droppedWords.isEmpty, let index = droppedWords[Array(line.utf8)] {
            named = index
        }
        for matcher in ends where candidates & matcher.groups != 0 && matcher.mayMatch(line) && matcher.matches(line) {
            return .end(matcher.index)
        }
        for matcher in drops where matcher.index < named && candidates & matcher.groups != 0 && matcher.mayMatch(line) && matcher.matches(line) {
            return .drop(matcher.index)
        }
        return named == .max ? .keep(line) : .drop(named)
    }

    /// The index in ``BoilerplatePatterns/patterns`` of the `strip` pattern whose alternative
    /// made `match`.
    private func stripPattern(of match: NSTextCheckingResult) -> Int {
        stripAlternatives.first { match.range(at: $0.group).location != NSNotFound }?.pattern ?? stripAlternatives[0].pattern
    }

    /// What the `strip` patterns cut out of `line`, match by match: each pattern's index in
    /// ``BoilerplatePatterns/patterns`` and the text (what ``classify(_:)`` removes when it keeps
    /// a stripped line, for the removal records).
    public func strips(in line: String) -> [(pattern: Int, text: String)] {
        guard let strip else { return [] }
        let text = line as NSString
        return strip.matches(in: line, options: [], range: NSRange(location: 0, length: text.length)).compactMap { match in
            match.range.length == 0 ? nil : (stripPattern(of: match), text.substring(with: match.range))
        }
    }
}
