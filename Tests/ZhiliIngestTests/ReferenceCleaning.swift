import ZhiliText
import Foundation
@testable import ZhiliIngest

/// The reference implementations of the cleaning steps, kept only in the test target: simple
/// scalar-by-scalar code, and every regular expression run on every line with no prefilter.
/// The fast production steps must agree with them (``CleaningEquivalenceTests``).
enum ReferenceCleaning {
    /// Step a, one scalar at a time.
    static func normalize(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if previousWasCR {
                previousWasCR = false
                if value == 0x0A { continue }
            }
            switch value {
            case 0x0D:
                output.append("\n")
                previousWasCR = true
            case 0x0A, 0x85, 0x2028, 0x2029:
                output.append("\n")
            case 0x09, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                output.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200D, 0x2060, 0xFEFF, 0xAD:
                continue
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                output.append(Unicode.Scalar(value - 0xFEE0)!)
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// `text` without leading and trailing spaces.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !CharacterClass.isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !CharacterClass.isSpace($0) })!
        return String(scalars[first...last])
    }

    /// Justification spaces over an array of scalars.
    static func repairSpaces(_ line: String) -> String {
        guard line.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) else { return line }
        let scalars = Array(line.unicodeScalars)
        func isSingle(_ index: Int) -> Bool {
            guard index >= 0, index < scalars.count, CharacterClass.isHan(scalars[index]) else { return false }
            let before = index == 0 || CharacterClass.isSpace(scalars[index - 1])
            let after = index == scalars.count - 1 || CharacterClass.isSpace(scalars[index + 1])
            return before && after
        }
        var output = String.UnicodeScalarView()
        var index = 0
        var changed = false
        while index < scalars.count {
            let scalar = scalars[index]
            guard CharacterClass.isSpace(scalar), index > 0 else {
                output.append(scalar)
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, CharacterClass.isSpace(scalars[end]) { end += 1 }
            guard end < scalars.count else { break }
            let left = scalars[index - 1]
            let right = scalars[end]
            let remove = (CharacterClass.isHan(left) && CharacterClass.isASCIIDigit(right))
                || (CharacterClass.isASCIIDigit(left) && CharacterClass.isHan(right))
                || (isSingle(index - 1) && isSingle(end))
            if remove {
                changed = true
            } else {
                output.append(contentsOf: scalars[index..<end])
            }
            index = end
        }
        return changed || output.count != scalars.count ? String(output) : line
    }

    /// The share of U+FFFD among the non-space scalars of `text`.
    static func replacementShare(_ text: String) -> Double {
        var total = 0
        var replaced = 0
        for scalar in text.unicodeScalars.prefix(100_000) where !CharacterClass.isSpace(scalar) && scalar != "\n" {
            total += 1
            if scalar == "\u{FFFD}" { replaced += 1 }
        }
        return total == 0 ? 0 : Double(replaced) / Double(total)
    }

    /// The line-level steps over `String.split`, with the regular expressions run on every line.
    static func cleanLines(_ text: String) -> ([SourceLine], ArticleMetadata) {
        let doubled = DoubledRunRepair()
        let metadata = MetadataExtractor()
        let boilerplate = BoilerplateFilter(patterns: try! BoilerplatePatterns.builtIn())
        var lines: [SourceLine] = []
        var found = ArticleMetadata()
        var ended = false
        var liftedLine: (index: Int, line: SourceLine, before: ArticleMetadata)?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indented = raw.unicodeScalars.first.map(CharacterClass.isSpace) ?? false
            var line = trimmed(String(raw))
            if line.isEmpty { lines.append(SourceLine("")); continue }
            if ended {
                absorb(line, with: metadata, into: &found)
                continue
            }
            line = trimmed(repairSpaces(doubled.repair(line)))
            var parts = [line]
            if let (caption, rest) = splitGluedCredit(line) { parts = [caption, "", rest] }
            for part in parts where !ended {
                if part.isEmpty { lines.append(SourceLine("")); continue }
                if let lifted = liftedLine {
                    liftedLine = nil
                    if let first = part.unicodeScalars.first, Cleaner.continuations.contains(first) {
                        lines[lifted.index] = lifted.line
                        found = lifted.before
                    }
                }
                let before = found
                if consume(part, with: metadata, into: &found) {
                    liftedLine = (lines.count, SourceLine(part, indented: indented), before)
                    lines.append(SourceLine(""))
                    continue
                }
                switch classify(part, patterns: boilerplate.patterns) {
                case .keep(let kept):
                    if kept != part, consume(kept, with: metadata, into: &found) { lines.append(SourceLine("")); continue }
                    lines.append(SourceLine(kept, indented: indented))
                case .drop:
                    absorb(part, with: metadata, into: &found)
                    lines.append(SourceLine(""))
                case .end:
                    if lines.contains(where: { !$0.text.isEmpty }) {
                        ended = true
                    } else {
                        absorb(part, with: metadata, into: &found)
                        lines.append(SourceLine(""))
                    }
                }
            }
        }
        return (lines, found)
    }

    /// A photo credit glued to the text after it, split off: the first `摄` within 64 scalars
    /// that follows ` name ` (two to four Han characters between spaces) and precedes a Han
    /// character other than 影.
    static func splitGluedCredit(_ line: String) -> (String, String)? {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > 5 else { return nil }
        for index in 4..<min(scalars.count - 1, 64) where scalars[index] == "摄" {
            guard CharacterClass.isHan(scalars[index + 1]), scalars[index + 1] != "影", CharacterClass.isSpace(scalars[index - 1]) else { continue }
            var nameStart = index - 1
            while nameStart > 0, CharacterClass.isHan(scalars[nameStart - 1]) { nameStart -= 1 }
            let nameLength = index - 1 - nameStart
            if (2...4).contains(nameLength), nameStart > 0, CharacterClass.isSpace(scalars[nameStart - 1]) {
                return (String(String.UnicodeScalarView(scalars[...index])), String(String.UnicodeScalarView(scalars[(index + 1)...])))
            }
        }
        return nil
    }

    /// Step d with every expression run on every line: the `strip` patterns as one alternation,
    /// then each `end` and `drop` pattern on the whole line.
    static func classify(_ line: String, patterns: BoilerplatePatterns) -> BoilerplateFilter.Verdict {
        func matchesWhole(_ kind: BoilerplatePatterns.Kind, _ line: String) -> Bool {
            patterns.patterns.contains { pattern in
                pattern.kind == kind && pattern.expression.firstMatch(
                    in: line, options: [.anchored], range: NSRange(location: 0, length: line.utf16.count)) != nil
            }
        }
        var line = line
        let strips = patterns.patterns.filter { $0.kind == .strip }.map { "(?:\($0.source))" }
        if !strips.isEmpty {
            let strip = try! NSRegularExpression(pattern: strips.joined(separator: "|"))
            let range = NSRange(location: 0, length: line.utf16.count)
            let stripped = strip.stringByReplacingMatches(in: line, options: [], range: range, withTemplate: "")
            if stripped != line { line = trimmed(stripped) }
            if line.isEmpty { return .drop }
        }
        guard line.utf16.count <= 300 else { return .keep(line) }
        if matchesWhole(.end, line) { return .end }
        return matchesWhole(.drop, line) ? .drop : .keep(line)
    }

    /// Step f's line reading, all through Foundation strings, every expression on every line
    /// that holds a digit or a colon.
    static func consume(_ line: String, with extractor: MetadataExtractor, into metadata: inout ArticleMetadata) -> Bool {
        guard line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x3A }) || line.contains("：") else { return false }
        let length = line.utf16.count
        guard length > 0, length <= 100 else { return false }
        let range = NSRange(location: 0, length: length)
        let string = line as NSString
        if let match = extractor.editorLine.firstMatch(in: line, range: range) {
            metadata.addEditors(MetadataExtractor.split(string.substring(with: match.range(at: 1))))
            return true
        }
        var rest = line
        var date: String?
        if let found = firstDate(in: line, with: extractor.dates) {
            date = found.iso
            rest = string.replacingCharacters(in: found.range, with: " ")
        }
        /// Removes every match of `expression` from `text`, handing capture group 1 to `found`.
        func replace(_ expression: NSRegularExpression, in text: String, _ found: (String) -> Void) -> String {
            let string = text as NSString
            var result = text
            for match in expression.matches(in: text, range: NSRange(location: 0, length: string.length)).reversed() {
                if match.numberOfRanges > 1, match.range(at: 1).location != NSNotFound {
                    found(string.substring(with: match.range(at: 1)))
                }
                result = (result as NSString).replacingCharacters(in: match.range, with: " ")
            }
            return result
        }
        var outlet: String?
        var authors: [String] = []
        rest = replace(extractor.datePrefix, in: rest) { _ in }
        rest = replace(extractor.sourceField, in: rest) { outlet = $0 }
        rest = replace(extractor.authorField, in: rest) { authors = MetadataExtractor.split($0) }
        let leftover = rest.unicodeScalars.filter { !CharacterClass.isSpace($0) && $0 != "|" && $0 != "｜" }
        guard leftover.isEmpty, date != nil || outlet != nil || !authors.isEmpty else { return false }
        if let date, metadata.date == nil { metadata.date = date }
        if let outlet { metadata.setOutlet(outlet, evidence: .source) }
        metadata.addAuthors(authors)
        return true
    }

    /// The date parser's expression run on `text`, with no prefilter.
    static func firstDate(in text: String, with parser: DateParser) -> (iso: String, range: NSRange)? {
        parser.expression.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count))
            .flatMap { DateParser.read(DateParser.DateMatch($0), in: text) }
    }

    /// Reads a boilerplate line's outlet with each expression run on every line.
    static func absorb(_ line: String, with extractor: MetadataExtractor, into metadata: inout ArticleMetadata) {
        let range = NSRange(location: 0, length: line.utf16.count)
        guard range.length > 0, range.length <= 300 else { return }
        if let match = extractor.footer.firstMatch(in: line, range: range) {
            metadata.setOutlet((line as NSString).substring(with: match.range(at: 1)), evidence: .footer)
        } else if extractor.siteName.firstMatch(in: line, range: range) != nil {
            metadata.setOutlet(line, evidence: .siteName)
        }
    }
}
