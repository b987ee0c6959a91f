import ZhiliText

/// Derives, from an ICU regular expression, literal strings of which every match must contain
/// at least one: `(编辑|责任编辑|责编)\s*[:：].{0,40}` → `编辑`, `责编`.
///
/// This is the one place where the cleaner's line prefilters come from: each step writes its
/// patterns once (``BoilerplateFilter`` from `boilerplate.txt`, ``MetadataExtractor`` and
/// ``DateParser`` in their expressions), derives their literals here when it is built, and
/// hands them to a ``LiteralScanner``, which rules out most lines with one byte scan before
/// any expression runs. Adding a pattern or a field word needs no other edit.
///
/// The analysis is conservative: any syntax it does not fully understand (inline flags,
/// `\Q…\E`, back-references, nested sets, …) gives `nil`, "no requirement", and the caller
/// runs the expression on every line.
enum RequiredLiterals {
    /// Sets larger than this are not enumerated.
    static let maximumSetSize = 64
    /// Strings longer than this (in UTF-8 bytes) are not built.
    static let maximumLength = 48

    /// Literals such that every match of `pattern` contains one of them, or nil when the
    /// pattern could match without any (or uses syntax the analysis does not know).
    ///
    /// - Complexity: O(n) in the pattern's length, times the bounded set sizes.
    static func of(_ pattern: String) -> [String]? {
        var parser = Parser(Array(pattern.unicodeScalars))
        guard let info = parser.parseAlternation(), parser.atEnd else { return nil }
        return info.best.map { $0.sorted() }
    }

    /// Literals such that every match of `pattern` starts with one of them, or nil when the
    /// pattern could start otherwise (or uses syntax the analysis does not know). For an
    /// anchored pattern (`^(?:…)$`, as `drop` and `end` patterns are compiled) a line must
    /// then start with one: `(编辑|责编)\s*[:：].{0,40}` → `编辑`, `责编`.
    ///
    /// - Complexity: O(n) in the pattern's length, times the bounded set sizes.
    static func prefixes(of pattern: String) -> [String]? {
        var parser = Parser(Array(pattern.unicodeScalars))
        guard let info = parser.parseAlternation(), parser.atEnd,
              let lead = info.lead, !lead.contains("") else { return nil }
        return lead.sorted()
    }

    /// What the analysis knows about one piece of a pattern.
    struct Info {
        /// Every string the piece can match, when that is a small finite set (a superset is fine).
        var exact: Set<String>?
        /// Literals one of which every match of the piece contains, when known.
        var required: Set<String>?
        /// Literals one of which every match of the piece starts with, when known.
        var prefix: Set<String>? = nil

        /// What every match starts with: its exact strings when known, else its prefixes.
        var lead: Set<String>? { exact ?? prefix }

        /// A piece about which nothing is known (`.`, `\s`, `[^。]`).
        static let unknown = Info(exact: nil, required: nil)
        /// A zero-width piece (`^`, `$`, `\b`, look-arounds).
        static let empty = Info(exact: [""], required: nil)

        /// The more selective of `required` and `exact` (when `exact` cannot be empty).
        var best: Set<String>? {
            RequiredLiterals.better(required.flatMap(RequiredLiterals.minimized), exact.flatMap(RequiredLiterals.minimized))
        }
    }

    /// `set` without members that contain another member (they are implied by it); nil when
    /// it holds the empty string (which every text contains, so it requires nothing).
    static func minimized(_ set: Set<String>) -> Set<String>? {
        guard !set.isEmpty, !set.contains("") else { return nil }
        let sorted = set.sorted { $0.utf8.count < $1.utf8.count }
        var kept: [String] = []
        for candidate in sorted where !kept.contains(where: { occurs($0, in: candidate) }) {
            kept.append(candidate)
        }
        return Set(kept)
    }

    /// Whether the UTF-8 bytes of `needle` occur in those of `haystack`.
    static func occurs(_ needle: String, in haystack: String) -> Bool {
        let haystack = Array(haystack.utf8)
        let needle = Array(needle.utf8)
        guard needle.count <= haystack.count else { return false }
        guard !needle.isEmpty else { return true }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    /// The requirement that rules out more text: longer shortest literal, then fewer literals.
    static func better(_ first: Set<String>?, _ second: Set<String>?) -> Set<String>? {
        guard let first else { return second }
        guard let second else { return first }
        let firstShortest = first.map(\.utf8.count).min() ?? 0
        let secondShortest = second.map(\.utf8.count).min() ?? 0
        if firstShortest != secondShortest { return firstShortest > secondShortest ? first : second }
        return second.count < first.count ? second : first
    }

    /// Every concatenation of a string of `first` with one of `second`, or nil when too many or too long.
    static func product(_ first: Set<String>, _ second: Set<String>) -> Set<String>? {
        guard first.count * second.count <= maximumSetSize else { return nil }
        var result = Set<String>()
        for head in first {
            for tail in second {
                let joined = head + tail
                guard joined.utf8.count <= maximumLength else { return nil }
                result.insert(joined)
            }
        }
        return result
    }

    /// A recursive-descent reader of the ICU regular-expression syntax, as far as the analysis needs it.
    struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { position >= scalars.count }
        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }
        func peek(_ offset: Int) -> Unicode.Scalar? {
            position + offset < scalars.count ? scalars[position + offset] : nil
        }

        /// `a|b|c`, up to an unmatched `)` or the end.
        mutating func parseAlternation() -> Info? {
            var branches: [Info] = []
            while true {
                guard let branch = parseConcatenation() else { return nil }
                branches.append(branch)
                guard current == "|" else { break }
                position += 1
            }
            guard branches.count > 1 else { return branches[0] }
            var exact: Set<String>? = []
            var required: Set<String>? = []
            var prefix: Set<String>? = []
            for branch in branches {
                if let branchLead = branch.lead, let sofar = prefix, sofar.count + branchLead.count <= maximumSetSize {
                    prefix = sofar.union(branchLead)
                } else {
                    prefix = nil
                }
                if let branchExact = branch.exact, let sofar = exact, sofar.count + branchExact.count <= maximumSetSize {
                    exact = sofar.union(branchExact)
                } else {
                    exact = nil
                }
                if let branchRequired = branch.best, let sofar = required {
                    required = sofar.union(branchRequired)
                } else {
                    required = nil
                }
            }
            return Info(exact: exact, required: required, prefix: prefix)
        }

        /// A sequence of quantified atoms.
        mutating func parseConcatenation() -> Info? {
            var candidates: [Set<String>] = []
            var run: Set<String> = [""]
            var whole: Set<String>? = [""]
            // The exact pieces at the start, joined, until a piece that is not exact closes
            // the prefix (with that piece's own prefix when it has one).
            var lead: Set<String> = [""]
            var prefix: Set<String>?
            while let scalar = current, scalar != "|", scalar != ")" {
                guard let piece = parseQuantified() else { return nil }
                if prefix == nil {
                    if let exact = piece.exact, let joined = product(lead, exact) {
                        lead = joined
                    } else {
                        prefix = piece.lead.flatMap { product(lead, $0) } ?? lead
                    }
                }
                if let wholeSoFar = whole, let exact = piece.exact { whole = product(wholeSoFar, exact) } else { whole = nil }
                if let required = piece.best { candidates.append(required) }
                if let exact = piece.exact {
                    if let joined = product(run, exact) {
                        run = joined
                    } else {
                        if let done = minimized(run) { candidates.append(done) }
                        run = exact
                    }
                } else {
                    if let done = minimized(run) { candidates.append(done) }
                    run = [""]
                }
            }
            if let done = minimized(run) { candidates.append(done) }
            let required = candidates.reduce(nil) { better($0, $1) }
            return Info(exact: whole, required: required, prefix: prefix ?? lead)
        }

        /// An atom with its quantifier, if any.
        mutating func parseQuantified() -> Info? {
            guard let atom = parseAtom() else { return nil }
            var minimum = 1
            var maximum: Int? = 1
            switch current {
            case "*": minimum = 0; maximum = nil; position += 1
            case "+": minimum = 1; maximum = nil; position += 1
            case "?": minimum = 0; maximum = 1; position += 1
            case "{":
                position += 1
                guard let low = readNumber() else { return nil }
                minimum = low
                maximum = low
                if current == "," {
                    position += 1
                    maximum = readNumber()
                }
                guard current == "}" else { return nil }
                position += 1
            default:
                return atom
            }
            // Lazy and possessive forms match a subset of the same strings.
            if current == "?" || current == "+" { position += 1 }
            if current == "*" || current == "+" || current == "?" || current == "{" { return nil }
            if maximum == 0 { return .empty }
            if minimum == 0 {
                let exact = maximum == 1 ? atom.exact.map { $0.union([""]) } : nil
                return Info(exact: exact, required: nil)
            }
            let exact = minimum == 1 && maximum == 1 ? atom.exact : nil
            // At least one repetition: a match starts as the atom's first one does.
            return Info(exact: exact, required: atom.best, prefix: atom.lead)
        }

        /// Decimal digits, or nil when there are none.
        mutating func readNumber() -> Int? {
            var value: Int?
            while let scalar = current, CharacterClass.isASCIIDigit(scalar) {
                value = (value ?? 0) * 10 + Int(scalar.value - 0x30)
                guard value! < 100_000 else { return nil }
                position += 1
            }
            return value
        }

        /// One atom: a literal, a class, an escape, `.`, an anchor or a group.
        mutating func parseAtom() -> Info? {
            guard let scalar = current else { return nil }
            position += 1
            switch scalar {
            case ".": return .unknown
            case "^", "$": return .empty
            case "*", "+", "?", "{", "}", "]": return nil
            case "[": return parseSet()
            case "\\": return parseEscape()
            case "(": return parseGroup()
            default: return Info(exact: [String(scalar)], required: nil)
            }
        }

        /// After `(`: a group, a look-around, or nil for syntax the analysis does not take.
        mutating func parseGroup() -> Info? {
            var zeroWidth = false
            if current == "?" {
                switch (peek(1), peek(2)) {
                case (":", _), (">", _): position += 2
                case ("=", _), ("!", _): position += 2; zeroWidth = true
                case ("<", "="), ("<", "!"): position += 3; zeroWidth = true
                case ("<", let next?) where CharacterClass.isASCIILetter(next):
                    // A named group: `(?<name>…)`.
                    position += 2
                    while let letter = current, CharacterClass.isASCIILetter(letter) || CharacterClass.isASCIIDigit(letter) { position += 1 }
                    guard current == ">" else { return nil }
                    position += 1
                default: return nil  // inline flags, comments and the like
                }
            }
            guard let inner = parseAlternation(), current == ")" else { return nil }
            position += 1
            return zeroWidth ? .empty : inner
        }

        /// After `\`.
        mutating func parseEscape() -> Info? {
            guard let scalar = current else { return nil }
            position += 1
            switch scalar {
            case "b", "B", "A", "Z", "z", "G": return .empty
            case "d", "D", "w", "W", "s", "S", "h", "H", "v", "V", "R", "X", "t", "n", "r", "f", "a", "e":
                return .unknown
            case "p", "P", "N", "x":
                return skipArgument(of: scalar) ? .unknown : nil
            case "u": position += 4; return position <= scalars.count ? .unknown : nil
            case "U": position += 8; return position <= scalars.count ? .unknown : nil
            default:
                // Escaped punctuation stands for itself; any other escaped letter or digit
                // (back-references, \Q…\E, \k<name>, octal) is beyond the analysis.
                if scalar.value < 0x80, CharacterClass.isASCIILetter(scalar) || CharacterClass.isASCIIDigit(scalar) { return nil }
                return Info(exact: [String(scalar)], required: nil)
            }
        }

        /// Skips the argument of `\p`, `\P`, `\N` or `\x`: `{…}`, or one scalar (two for `\x`);
        /// false when the pattern ends first.
        mutating func skipArgument(of escape: Unicode.Scalar) -> Bool {
            if current == "{" {
                while let next = current, next != "}" { position += 1 }
                guard current == "}" else { return false }
                position += 1
            } else {
                position += escape == "x" ? 2 : 1
                guard position <= scalars.count else { return false }
            }
            return true
        }

        /// After `[`: a set of single characters when it lists them plainly, else unknown.
        mutating func parseSet() -> Info? {
            var members = Set<String>()
            var enumerable = true
            if current == "^" { enumerable = false; position += 1 }
            if current == "]" || current == "[" { return nil }
            var previous: Unicode.Scalar?
            while let scalar = current, scalar != "]" {
                position += 1
                var literal: Unicode.Scalar?
                switch scalar {
                case "[": return nil  // nested sets and POSIX classes: beyond the analysis
                case "&" where current == "&", "-" where current == "-": return nil  // set operations
                case "\\":
                    guard let escaped = current else { return nil }
                    position += 1
                    switch escaped {
                    case "d", "D", "w", "W", "s", "S", "h", "H", "v", "V", "t", "n", "r", "f", "a", "e":
                        enumerable = false
                    case "p", "P", "N", "x":
                        guard skipArgument(of: escaped) else { return nil }
                        enumerable = false
                    case "u": position += 4; enumerable = false
                    case "U": position += 8; enumerable = false
                    default:
                        if escaped.value < 0x80, CharacterClass.isASCIILetter(escaped) || CharacterClass.isASCIIDigit(escaped) { return nil }
                        literal = escaped
                    }
                case "-" where previous != nil && current != nil && current != "]":
                    // A range `a-z`.
                    guard let low = previous, let high = current, high != "\\", high != "[" else { return nil }
                    position += 1
                    guard low.value <= high.value else { return nil }
                    if high.value - low.value > UInt32(maximumSetSize) {
                        enumerable = false
                    } else {
                        for value in low.value...high.value {
                            guard let member = Unicode.Scalar(value) else { return nil }
                            members.insert(String(member))
                        }
                    }
                    previous = nil
                    continue
                default:
                    literal = scalar
                }
                if let literal { members.insert(String(literal)) }
                previous = literal
            }
            guard current == "]" else { return nil }
            position += 1
            guard enumerable, members.count <= maximumSetSize else { return .unknown }
            return Info(exact: members, required: nil)
        }
    }
}
