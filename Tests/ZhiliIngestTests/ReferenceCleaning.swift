import Foundation
@testable import ZhiliIngest

/// The line-level cleaning steps as they were before they moved to UTF-8 byte loops: simple
/// scalar-by-scalar code kept only as the reference the fast versions must agree with.
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
        guard let first = scalars.firstIndex(where: { !TextShape.isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !TextShape.isSpace($0) })!
        return String(scalars[first...last])
    }

    /// Justification spaces over an array of scalars.
    static func repairSpaces(_ line: String) -> String {
        guard line.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) else { return line }
        let scalars = Array(line.unicodeScalars)
        func isSingle(_ index: Int) -> Bool {
            guard index >= 0, index < scalars.count, TextShape.isHan(scalars[index]) else { return false }
            let before = index == 0 || TextShape.isSpace(scalars[index - 1])
            let after = index == scalars.count - 1 || TextShape.isSpace(scalars[index + 1])
            return before && after
        }
        var output = String.UnicodeScalarView()
        var index = 0
        var changed = false
        while index < scalars.count {
            let scalar = scalars[index]
            guard TextShape.isSpace(scalar), index > 0 else {
                output.append(scalar)
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, TextShape.isSpace(scalars[end]) { end += 1 }
            guard end < scalars.count else { break }
            let left = scalars[index - 1]
            let right = scalars[end]
            let remove = (TextShape.isHan(left) && TextShape.isDigit(right))
                || (TextShape.isDigit(left) && TextShape.isHan(right))
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
        for scalar in text.unicodeScalars.prefix(100_000) where !TextShape.isSpace(scalar) && scalar != "\n" {
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
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indented = raw.unicodeScalars.first.map(TextShape.isSpace) ?? false
            var line = trimmed(String(raw))
            if line.isEmpty { lines.append(SourceLine("")); continue }
            if ended {
                metadata.absorb(boilerplate: line, into: &found)
                continue
            }
            line = trimmed(repairSpaces(doubled.repair(line)))
            if metadata.consume(line, into: &found) { lines.append(SourceLine("")); continue }
            switch boilerplate.classify(line, prefiltered: false) {
            case .keep(let kept):
                lines.append(SourceLine(kept, indented: indented))
            case .drop:
                metadata.absorb(boilerplate: line, into: &found)
                lines.append(SourceLine(""))
            case .end:
                ended = true
            }
        }
        return (lines, found)
    }
}
