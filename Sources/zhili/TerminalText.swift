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
