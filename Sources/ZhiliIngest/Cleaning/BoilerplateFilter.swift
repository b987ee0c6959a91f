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

    /// The patterns in use.
    public let patterns: BoilerplatePatterns
    // Each kind is compiled into one alternation, so a line costs at most three matches.
    private let drop: NSRegularExpression?
    private let end: NSRegularExpression?
    private let strip: NSRegularExpression?
    /// The literals each kind's matches need: group 0 strip, 1 end, 2 drop.
    private let literals: LiteralScanner
    /// The groups whose kind has a pattern without required literals: always run.
    private let unfiltered: UInt8
    /// The UTF-8 bytes of every line a `drop` pattern that is a plain list of words
    /// (`人民网|新华网`) matches whole: such a line is dropped without a match.
    private let droppedWords: Set<[UInt8]>
    private static let stripGroup: UInt8 = 1
    private static let endGroup: UInt8 = 2
    private static let dropGroup: UInt8 = 4

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
        /// The literals one of which every match of a `kind` pattern holds, or nil.
        func required(_ kind: BoilerplatePatterns.Kind) -> [String]? {
            var literals: [String] = []
            for pattern in patterns.patterns where pattern.kind == kind {
                guard let required = RequiredLiterals.of(pattern.source) else { return nil }
                literals += required
            }
            return literals
        }
        drop = combined(.drop)
        end = combined(.end)
        strip = combined(.strip)
        var groups: [[String]] = []
        var unfiltered: UInt8 = 0
        for (kind, group) in [(BoilerplatePatterns.Kind.strip, Self.stripGroup), (.end, Self.endGroup), (.drop, Self.dropGroup)] {
            if let literals = required(kind) {
                groups.append(literals)
            } else {
                groups.append([])
                unfiltered |= group
            }
        }
        literals = LiteralScanner(groups: groups)
        self.unfiltered = unfiltered
        droppedWords = Set(patterns.patterns.filter { $0.kind == .drop }.flatMap { Self.words(inList: $0.source) ?? [] }.map { Array($0.utf8) })
    }

    /// The alternatives of `pattern` when it is a plain list of words separated by `|` (letters,
    /// digits and Han only, so each stands for itself), else nil.
    static func words(inList pattern: String) -> [String]? {
        let words = pattern.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let plain = words.allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy { TextShape.isHan($0) || TextShape.isLetter($0) || TextShape.isDigit($0) }
        }
        return plain ? words : nil
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
        var candidates = prefiltered ? literals.groups(in: line) | unfiltered : 0xFF
        if let strip, candidates & Self.stripGroup != 0 {
            let range = NSRange(location: 0, length: line.utf16.count)
            if strip.firstMatch(in: line, options: [], range: range) != nil {
                line = TextShape.trimmed(strip.stringByReplacingMatches(in: line, options: [], range: range, withTemplate: ""))
                if line.isEmpty { return .drop }
                if prefiltered { candidates = literals.groups(in: line) | unfiltered }
            }
        }
        // Without an `end` or `drop` candidate the verdict is `keep`, long or short.
        guard candidates & (Self.endGroup | Self.dropGroup) != 0, TextShape.utf16Length(line, isAtMost: 300) else {
            return .keep(line)
        }
        // A whole line that a word-list `drop` pattern names is dropped, unless `end` may match.
        if prefiltered, candidates & Self.endGroup == 0, !droppedWords.isEmpty, droppedWords.contains(Array(line.utf8)) {
            return .drop
        }
        if let end, candidates & Self.endGroup != 0,
           end.firstMatch(in: line, options: [.anchored], range: NSRange(location: 0, length: line.utf16.count)) != nil {
            return .end
        }
        if let drop, candidates & Self.dropGroup != 0,
           drop.firstMatch(in: line, options: [.anchored], range: NSRange(location: 0, length: line.utf16.count)) != nil {
            return .drop
        }
        return .keep(line)
    }
}
