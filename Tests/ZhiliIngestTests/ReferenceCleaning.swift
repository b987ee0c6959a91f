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
            guard index >= 0, index < scalars.count,
                  CharacterClass.isHan(scalars[index]) || "，。、；：！？“”‘’（）《》〈〉【】「」『』…—·%,.;:!?()0123456789".unicodeScalars.contains(scalars[index]) else { return false }
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

    /// The line-level steps over `String.split`, with the regular expressions run on every line,
    /// and the removals each step records.
    static func cleanLines(_ text: String) -> ([SourceLine], ArticleMetadata, [Removal]) {
        let doubled = DoubledRunRepair()
        let pinyin = PinyinDebris()
        let metadata = MetadataExtractor()
        let boilerplate = BoilerplateFilter(patterns: try! BoilerplatePatterns.builtIn())
        let patterns = boilerplate.patterns.patterns
        var lines: [SourceLine] = []
        var removals: [Removal] = []
        var found = ArticleMetadata()
        var ended: Int?
        var liftedLine: (index: Int, line: SourceLine, before: ArticleMetadata, removal: Int)?
        var previousKept: String?
        var number = 0
        func strips(_ line: String, _ number: Int) {
            for (pattern, piece) in boilerplate.strips(in: line) {
                removals.append(Removal(.boilerplate(.strip, pattern: patterns[pattern].source), text: piece, line: number))
            }
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let indent = raw.unicodeScalars.prefix(while: CharacterClass.isSpace).count
            var line = trimmed(String(raw))
            if line.isEmpty { lines.append(SourceLine("", number: number)); continue }
            if let ended {
                absorb(line, with: metadata, into: &found)
                removals.append(Removal(.afterEnd(pattern: patterns[ended].source), text: line, line: number))
                continue
            }
            let undoubled = doubled.repair(line)
            if undoubled != line { removals.append(Removal(.doubledRun, text: Removal.dropped(from: line, leaving: undoubled), line: number)) }
            let unpinyined = pinyin.repair(undoubled)
            if unpinyined != undoubled { removals.append(Removal(.pinyin, text: Removal.dropped(from: undoubled, leaving: unpinyined), line: number)) }
            line = trimmed(repairSpaces(unpinyined))
            var parts = [line]
            if let (caption, rest) = splitGluedCredit(line) { parts = [caption, "", rest] }
            for part in parts where ended == nil {
                if part.isEmpty { lines.append(SourceLine("")); continue }
                if let lifted = liftedLine {
                    liftedLine = nil
                    if let first = part.unicodeScalars.first, Cleaner.continuations.contains(first) {
                        lines[lifted.index] = lifted.line
                        found = lifted.before
                        removals.remove(at: lifted.removal)
                        previousKept = lifted.line.text
                    }
                }
                let before = found
                if consume(part, with: metadata, into: &found) {
                    liftedLine = (lines.count, SourceLine(part, indent: indent, number: number), before, removals.count)
                    removals.append(Removal(.metadata, text: part, line: number))
                    lines.append(SourceLine(""))
                    continue
                }
                if part == previousKept, CaptionDetector.isCaptionShaped(part) {
                    removals.append(Removal(.repeatedCaption, text: part, line: number))
                    lines.append(SourceLine(""))
                    continue
                }
                switch classify(part, patterns: boilerplate.patterns) {
                case .keep(let kept):
                    if kept != part {
                        strips(part, number)
                        if consume(kept, with: metadata, into: &found) {
                            removals.append(Removal(.metadata, text: kept, line: number))
                            lines.append(SourceLine(""))
                            continue
                        }
                    }
                    lines.append(SourceLine(kept, indent: indent, number: number))
                    previousKept = kept
                case .drop(let pattern):
                    absorb(part, with: metadata, into: &found)
                    if patterns[pattern].kind == .strip {
                        strips(part, number)
                    } else {
                        removals.append(Removal(.boilerplate(.drop, pattern: patterns[pattern].source), text: part, line: number))
                    }
                    lines.append(SourceLine(""))
                case .end(let pattern):
                    removals.append(Removal(.boilerplate(.end, pattern: patterns[pattern].source), text: part, line: number))
                    if lines.contains(where: { !$0.text.isEmpty }) {
                        ended = pattern
                    } else {
                        absorb(part, with: metadata, into: &found)
                        lines.append(SourceLine(""))
                    }
                }
            }
        }
        return (lines, found, removals)
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
    /// then each `end` and `drop` pattern on the whole line; the verdict names the first pattern
    /// (in file order) that matches, and a line that strips leave empty is dropped under the
    /// pattern of the leftmost strip match (the first pattern matching there).
    static func classify(_ line: String, patterns: BoilerplatePatterns) -> BoilerplateFilter.Verdict {
        func firstWhole(_ kind: BoilerplatePatterns.Kind, _ line: String) -> Int? {
            patterns.patterns.indices.first { index in
                let pattern = patterns.patterns[index]
                return pattern.kind == kind && pattern.expression.firstMatch(
                    in: line, options: [.anchored], range: NSRange(location: 0, length: line.utf16.count)) != nil
            }
        }
        var line = line
        let strips = patterns.patterns.indices.filter { patterns.patterns[$0].kind == .strip }
        if !strips.isEmpty {
            let strip = try! NSRegularExpression(pattern: strips.map { "(?:\(patterns.patterns[$0].source))" }.joined(separator: "|"))
            let range = NSRange(location: 0, length: line.utf16.count)
            let stripped = strip.stringByReplacingMatches(in: line, options: [], range: range, withTemplate: "")
            if stripped != line {
                let starts = strips.map { index in
                    (index, patterns.patterns[index].expression.firstMatch(in: line, range: range)?.range.location ?? Int.max)
                }
                let leftmost = starts.map(\.1).min()!
                line = trimmed(stripped)
                if line.isEmpty { return .drop(starts.first { $0.1 == leftmost }!.0) }
            }
        }
        guard line.utf16.count <= 300 else { return .keep(line) }
        if let index = firstWhole(.end, line) { return .end(index) }
        return firstWhole(.drop, line).map { .drop($0) } ?? .keep(line)
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
