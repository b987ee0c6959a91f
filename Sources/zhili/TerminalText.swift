import Foundation
import ZhiliStore

/// Terminal text helpers: display width of CJK text and highlighting.
enum TerminalText {
    /// Columns `text` takes in a terminal (East Asian wide and full-width characters count 2).
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return total + 2
            case 0x0300...0x036F, 0x200B...0x200F:
                return total
            default:
                return total + 1
            }
        }
    }

    /// `text` padded with spaces to `columns`.
    static func pad(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - width(text)))
    }

    /// `text` cut to at most `columns` display columns with `…` where it was cut; when `anchor`
    /// occurs in it, the cut keeps it in view (text before it goes first, then text after it).
    static func shorten(_ text: String, toWidth columns: Int, keeping anchor: String? = nil) -> String {
        guard width(text) > columns, columns > 1 else { return text }
        let characters = Array(text)
        var start = 0
        if let anchor, let range = text.range(of: anchor) {
            // Start early enough to show a little before the anchor, late enough to show it whole.
            let anchorStart = text.distance(from: text.startIndex, to: range.lowerBound)
            let anchorEnd = anchorStart + anchor.count
            var used = width(String(characters[anchorStart..<anchorEnd])) + 2
            start = anchorStart
            while start > 0, used + width(String(characters[start - 1])) <= columns * 2 / 3 {
                start -= 1
                used += width(String(characters[start]))
            }
        }
        var result = start > 0 ? "…" : ""
        var used = width(result)
        for character in characters[start...] {
            let next = width(String(character))
            if used + next > columns - 1 { return result + "…" }
            result.append(character)
            used += next
        }
        return result
    }

    /// `text` broken into lines of at most `columns` display columns (0: one line) after a space
    /// or 、 where it can, continuation lines indented by two spaces.
    static func wrap(_ text: String, toWidth columns: Int) -> [String] {
        guard columns > 8, width(text) > columns else { return [text] }
        var words: [String] = [""]
        for character in text {
            words[words.count - 1].append(character)
            if character == " " || character == "、" { words.append("") }
        }
        var lines: [String] = []
        var line = ""
        for word in words where !word.isEmpty {
            if !line.trimmingCharacters(in: .whitespaces).isEmpty, width(line) + width(word) > columns {
                lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
                line = "  "
            }
            for character in word {
                if width(line) + width(String(character)) > columns {
                    lines.append(line)
                    line = "  "
                }
                line.append(character)
            }
        }
        lines.append(line)
        return lines
    }

    /// Whether standard output is a terminal (then highlights use ANSI colour).
    static let isTerminal = isatty(1) == 1

    /// `text` with `ranges` (Unicode scalar offsets) marked: bold red on a terminal, 【…】 otherwise.
    static func highlight(_ text: String, _ ranges: [ZhiliStore.TextRange]) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var cursor = 0
        let (open, close) = isTerminal ? ("\u{1B}[1;31m", "\u{1B}[0m") : ("【", "】")
        for range in ranges where range.start >= cursor && range.end <= scalars.count {
            result.append(contentsOf: scalars[cursor..<range.start])
            result.append(contentsOf: open.unicodeScalars)
            result.append(contentsOf: scalars[range.start..<range.end])
            result.append(contentsOf: close.unicodeScalars)
            cursor = range.end
        }
        result.append(contentsOf: scalars[cursor...])
        return String(result)
    }
}
