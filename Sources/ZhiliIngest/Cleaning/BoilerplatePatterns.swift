import Foundation

/// The boilerplate patterns: the built-in resource file plus any files the user adds.
///
/// File format (see `Resources/boilerplate.txt`): one `drop`, `end` or `strip` pattern per
/// line, an ICU regular expression after the kind; `#` starts a comment line.
public struct BoilerplatePatterns: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and documented as thread-safe.

    /// What a pattern does to a line that matches it.
    public enum Kind: String, Sendable {
        /// Remove the whole line.
        case drop
        /// Remove the line and everything after it.
        case end
        /// Cut every match out of the line.
        case strip
    }

    /// One compiled pattern.
    public struct Pattern: @unchecked Sendable {
        /// What it does.
        public var kind: Kind
        /// The pattern as written.
        public var source: String
        /// The compiled expression.
        let expression: NSRegularExpression
    }

    /// Every pattern, built-in ones first.
    public private(set) var patterns: [Pattern]

    /// The patterns in `text`; `name` labels errors. Throws on an unknown kind or a bad expression.
    public init(parsing text: String, name: String) throws(BoilerplateError) {
        var patterns: [Pattern] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let space = line.firstIndex(of: " "), let kind = Kind(rawValue: String(line[..<space])) else {
                throw BoilerplateError(file: name, line: lineNumber, reason: "expected `drop`, `end` or `strip`, a space and a pattern")
            }
            let source = line[line.index(after: space)...].trimmingCharacters(in: .whitespaces)
            let anchored = kind == .strip ? source : "^(?:\(source))$"
            do {
                let expression = try NSRegularExpression(pattern: anchored, options: [])
                patterns.append(Pattern(kind: kind, source: source, expression: expression))
            } catch {
                throw BoilerplateError(file: name, line: lineNumber, reason: "bad regular expression: \(source)")
            }
        }
        self.patterns = patterns
    }

    /// The built-in patterns from `Resources/boilerplate.txt` (embedded in the binary).
    public static func builtIn() throws(BoilerplateError) -> BoilerplatePatterns {
        try BoilerplatePatterns(parsing: String(decoding: PackageResources.boilerplate_txt, as: UTF8.self), name: "boilerplate.txt")
    }

    /// Adds the patterns of a user file (`--boilerplate FILE`).
    public mutating func add(contentsOf path: String) throws(BoilerplateError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BoilerplateError(file: path, line: 0, reason: "cannot read the file")
        }
        let extra = try BoilerplatePatterns(parsing: String(decoding: data, as: UTF8.self), name: path)
        patterns += extra.patterns
    }
}

/// A boilerplate pattern file that could not be used.
public struct BoilerplateError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The 1-based line, or 0 for the whole file.
    public var line: Int
    /// What is wrong.
    public var reason: String

    /// `file:line: reason`.
    public var description: String { "\(file):\(line): \(reason)" }
}
