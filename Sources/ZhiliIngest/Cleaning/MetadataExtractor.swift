import Foundation

/// Step f: lifts metadata out of the lines that carry it (date lines, `来源:`, editor lines,
/// site footers) and says which of those lines leave the body.
///
/// Title, subtitle and bylines are read later, by ``ArticleSplitter``, because they depend on
/// the paragraphs around them.
public struct MetadataExtractor: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and thread-safe.
    private let dates = DateParser()
    private let editorLine: NSRegularExpression
    private let sourceField: NSRegularExpression
    private let authorField: NSRegularExpression
    private let datePrefix: NSRegularExpression
    private let footer: NSRegularExpression
    private let siteName: NSRegularExpression
    // Literals the expressions need, so that most lines skip them, one group per expression:
    // `editorLine` needs 编辑 or 责编, `datePrefix` 时间 or 日期, `sourceField` 来源, 来自, 稿源
    // or 出处, `authorField` 作者 or 记者.
    private let fieldWords = LiteralScanner(groups: [["编辑", "责编"], ["时间", "日期"], ["来源", "来自", "稿源", "出处"], ["作者", "记者"]])
    /// The words one of which every `footer` match holds.
    private let footerWords = LiteralScanner(["联系方式", "版权所有", "客服"])
    private static let editorGroup: UInt64 = 1
    private static let datePrefixGroup: UInt64 = 2
    private static let sourceGroup: UInt64 = 4
    private static let authorGroup: UInt64 = 8
    private static let fieldGroups: UInt64 = 2 | 4 | 8

    /// Creates the extractor (patterns are compiled once).
    public init() {
        func compile(_ pattern: String) -> NSRegularExpression { try! NSRegularExpression(pattern: pattern) }
        editorLine = compile("^[\\[【(（]?\\s*(?:责任编辑|责编|值班编辑|编辑)\\s*[:：]\\s*(.+?)\\s*[\\]】)）]?$")
        sourceField = compile("(?:来源|来自|稿源|出处)\\s*[:：]\\s*([^|｜\\s]+)")
        authorField = compile("(?:作者|记者)\\s*[:：]\\s*([^|｜]+?)\\s*(?=$|[|｜]|来源|编辑|责任编辑)")
        datePrefix = compile("(?:发布时间|发布日期|更新时间|时间|日期)\\s*[:：]")
        footer = compile("^(.{2,12}?(?:网|报|台))\\s*(?:联系方式|版权所有|客服)")
        siteName = compile("^[\\p{Han}A-Za-z]{1,8}网$")
    }

    /// Reads metadata from a line that carries only metadata and returns true, so the caller
    /// drops the line; returns false (changing nothing) for any other line.
    ///
    /// - Complexity: two byte scans of the line; regular expressions only for those of
    ///   `editorLine`, `datePrefix`, `sourceField` and `authorField` whose words the line holds.
    public func consume(_ line: String, into metadata: inout ArticleMetadata) -> Bool {
        consume(line, into: &metadata, prefiltered: true)
    }

    /// `consume`; `prefiltered: false` runs every expression through Foundation on each line
    /// that passes the digit-or-colon test (the reference the fast path is tested against).
    func consume(_ line: String, into metadata: inout ArticleMetadata, prefiltered: Bool) -> Bool {
        // Every metadata line holds a digit (a date) or a colon (a field); most lines hold neither.
        guard TextShape.utf16Length(line, isAtMost: 100) else { return false }
        guard prefiltered else { return consumeReference(line, into: &metadata) }
        switch Self.digitOrColon(line) {
        case .neither: return false
        case .digitOrColon: break
        case .fullWidthColonMaybe:
            // `contains` compares whole characters: only a `：` with a neighbour that might
            // combine with it needs it.
            guard line.contains("：") else { return false }
        }
        let length = TextShape.utf16Length(line)
        guard length > 0, length <= 100 else { return false }
        let words = fieldWords.groups(in: line)

        if words & Self.editorGroup != 0,
           let match = editorLine.firstMatch(in: line, range: NSRange(location: 0, length: length)) {
            metadata.addEditors(Self.split(Self.substring(line, match.range(at: 1))))
            return true
        }
        // A date line, possibly with 来源 and 作者 fields: `2023年01月06日09:55 | 来源:巴彦淖尔日报`.
        // Without a field (each field expression needs its word, then a colon after optional
        // white space), only a line that is a date between spaces and bars is read: a
        // character that neither holds rules the line out before the date expression runs.
        let mayHoldField = words & Self.fieldGroups != 0 && Self.holdsFieldWordAndColon(line)
        if !mayHoldField, !Self.mayBeDateOnly(line) { return false }
        var rest = line
        var date: String?
        if let found = dates.firstDate(in: line) {
            date = found.iso
            rest = Self.replacing(found.range, in: line)
        } else if words & Self.fieldGroups == 0 {
            return false  // no date and no field: nothing to read
        }
        // Each expression needs its words; cutting matches out (for a space, which no word
        // holds) never brings a word in, so the words of `line` bound those of `rest`.
        var outlet: String?
        var authors: [String] = []
        if words & Self.datePrefixGroup != 0 { rest = fastReplace(datePrefix, in: rest) { _ in } }
        if words & Self.sourceGroup != 0 { rest = fastReplace(sourceField, in: rest) { outlet = $0 } }
        if words & Self.authorGroup != 0 { rest = fastReplace(authorField, in: rest) { authors = Self.split($0) } }
        guard rest.unicodeScalars.allSatisfy({ TextShape.isSpace($0) || $0 == "|" || $0 == "｜" }),
              date != nil || outlet != nil || !authors.isEmpty else { return false }
        if let date, metadata.date == nil { metadata.date = date }
        if let outlet { metadata.setOutlet(outlet, evidence: .source) }
        metadata.addAuthors(authors)
        return true
    }

    /// The words that end the field names of `datePrefix`, `sourceField` and `authorField`.
    private static let fieldWordEnds: [(Unicode.Scalar, Unicode.Scalar)] = ["时间", "日期", "来源", "来自", "稿源", "出处", "作者", "记者"].map {
        let scalars = Array($0.unicodeScalars)
        return (scalars[0], scalars[1])
    }

    /// Whether a colon (`:` or `：`) in `line` follows a word that ends a field name
    /// (``fieldWordEnds``), with only white space or date characters between them: a necessary
    /// condition for a field expression to match, in the line or in what is left of it once
    /// its date is replaced by a space.
    static func holdsFieldWordAndColon(_ line: String) -> Bool {
        let scalars = Array(line.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == ":" || scalar == "：" {
            var end = index
            while end > 0, mayBeInDate(scalars[end - 1]) { end -= 1 }
            guard end >= 2 else { continue }
            let (first, second) = (scalars[end - 2], scalars[end - 1])
            if fieldWordEnds.contains(where: { $0.0 == first && $0.1 == second }) { return true }
        }
        return false
    }

    /// Whether `scalar` may be white space to a regular expression (`\s`): ASCII white space,
    /// a separator, or any other scalar with the Unicode White_Space property.
    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: return true
        case 0..<0x80, 0x4E00...0x9FFF: return false
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return scalar.properties.isWhitespace
            }
        }
    }

    /// Whether `scalar` may belong to a date that ``DateParser`` reads: an ASCII digit, one of
    /// `年月日/.-:：`, or white space.
    static func mayBeInDate(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x2F, 0x2E, 0x2D, 0x3A: return true  // 0-9 / . - :
        case 0x5E74, 0x6708, 0x65E5, 0xFF1A: return true  // 年月日：
        default: return isWhiteSpace(scalar)
        }
    }

    /// Whether every scalar of `line` may belong to a date (``mayBeInDate(_:)``) or to what is
    /// left around it in a date line (spaces and `|｜`): a necessary condition for a line
    /// without fields to be consumed.
    static func mayBeDateOnly(_ line: String) -> Bool {
        line.unicodeScalars.allSatisfy { mayBeInDate($0) || $0 == "|" || $0 == "｜" }
    }

    /// What the byte scan of ``consume(_:into:)`` found.
    enum ColonScan: Equatable {
        /// Neither an ASCII digit or colon nor a `：`.
        case neither
        /// An ASCII digit or `:`, or a `：` between characters that cannot combine with it.
        case digitOrColon
        /// Only `：` with a neighbour that might form one character with it.
        case fullWidthColonMaybe
    }

    /// Scans the UTF-8 bytes of `line` for an ASCII digit or colon or a `：` (`EF BC 9A`).
    ///
    /// A `：` counts as found outright when it starts the line or follows an ASCII byte or a
    /// three-byte character U+4000–U+9FFF (lead byte E4–E9), and ends the line or is followed
    /// by one: none of those joins it into a larger character.
    static func digitOrColon(_ line: String) -> ColonScan {
        var line = line
        return line.withUTF8 { bytes in
            let count = bytes.count
            var maybe = false
            var index = 0
            while index < count {
                let byte = bytes[index]
                if byte >= 0x30, byte <= 0x3A { return .digitOrColon }
                if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBC, bytes[index + 2] == 0x9A {
                    maybe = true
                    let before = index == 0 || bytes[index - 1] < 0x80
                        || (index >= 3 && bytes[index - 3] >= 0xE4 && bytes[index - 3] <= 0xE9)
                    let after = index + 3 == count || bytes[index + 3] < 0x80
                        || (bytes[index + 3] >= 0xE4 && bytes[index + 3] <= 0xE9)
                    if before && after { return .digitOrColon }
                    index += 3
                    continue
                }
                index += 1
            }
            return maybe ? .fullWidthColonMaybe : .neither
        }
    }

    /// The original line-level reading, all through Foundation strings, with no literal tests.
    private func consumeReference(_ line: String, into metadata: inout ArticleMetadata) -> Bool {
        var fullWidthColon = false
        var digitOrColon = false
        var lastThree: UInt32 = 0
        for byte in line.utf8 {
            if byte >= 0x30, byte <= 0x3A { digitOrColon = true; break }
            lastThree = (lastThree << 8 | UInt32(byte)) & 0xFF_FFFF
            if lastThree == 0xEF_BC9A { fullWidthColon = true }
        }
        guard digitOrColon || (fullWidthColon && line.contains("：")) else { return false }
        let length = line.utf16.count
        guard length > 0, length <= 100 else { return false }
        let range = NSRange(location: 0, length: length)
        let string = line as NSString

        if let match = editorLine.firstMatch(in: line, range: range) {
            metadata.addEditors(Self.split(string.substring(with: match.range(at: 1))))
            return true
        }
        var rest = line
        var date: String?
        if let found = dates.firstDate(in: line, prefiltered: false) {
            date = found.iso
            rest = string.replacingCharacters(in: found.range, with: " ")
        }
        var outlet: String?
        var authors: [String] = []
        rest = replace(datePrefix, in: rest) { _ in }
        rest = replace(sourceField, in: rest) { outlet = $0 }
        rest = replace(authorField, in: rest) { authors = Self.split($0) }
        let leftover = rest.unicodeScalars.filter { !TextShape.isSpace($0) && $0 != "|" && $0 != "｜" }
        guard leftover.isEmpty, date != nil || outlet != nil || !authors.isEmpty else { return false }
        if let date, metadata.date == nil { metadata.date = date }
        if let outlet { metadata.setOutlet(outlet, evidence: .source) }
        metadata.addAuthors(authors)
        return true
    }

    /// `text` with the UTF-16 `range` (on scalar boundaries, as matches of these expressions
    /// always are) replaced by one space.
    static func replacing(_ range: NSRange, in text: String) -> String {
        let utf16 = text.utf16
        let lower = utf16.index(utf16.startIndex, offsetBy: range.location)
        let upper = utf16.index(lower, offsetBy: range.length)
        var result = text
        result.replaceSubrange(lower..<upper, with: " ")
        return result
    }

    /// The text of the UTF-16 `range` of `text` (on scalar boundaries).
    static func substring(_ text: String, _ range: NSRange) -> String {
        let utf16 = text.utf16
        let lower = utf16.index(utf16.startIndex, offsetBy: range.location)
        let upper = utf16.index(lower, offsetBy: range.length)
        return String(text[lower..<upper])
    }

    /// ``replace(_:in:_:)`` with the cuts made on the Swift string.
    private func fastReplace(_ expression: NSRegularExpression, in text: String, _ found: (String) -> Void) -> String {
        let matches = expression.matches(in: text, range: NSRange(location: 0, length: text.utf16.count))
        guard !matches.isEmpty else { return text }
        var result = text
        for match in matches.reversed() {
            if match.numberOfRanges > 1, match.range(at: 1).location != NSNotFound {
                found(Self.substring(text, match.range(at: 1)))
            }
            result = Self.replacing(match.range, in: result)
        }
        return result
    }

    /// Reads what a boilerplate line says about the outlet (`正北方网联系方式:…`, a lone `人民网`).
    ///
    /// Each expression runs only on lines that may match it: `footer` on lines holding one of
    /// its words, `siteName` on lines ending with `网` (or with a line break, before which `$`
    /// also matches).
    public func absorb(boilerplate line: String, into metadata: inout ArticleMetadata) {
        let length = line.utf16.count
        guard length > 0, length <= 300 else { return }
        let range = NSRange(location: 0, length: length)
        if footerWords.occurs(in: line), let match = footer.firstMatch(in: line, range: range) {
            metadata.setOutlet((line as NSString).substring(with: match.range(at: 1)), evidence: .footer)
        } else if let last = line.unicodeScalars.last, last == "网" || Self.mayBreakLine(last),
                  siteName.firstMatch(in: line, range: range) != nil {
            metadata.setOutlet(line, evidence: .siteName)
        }
    }

    /// Whether `scalar` may be a line terminator to ICU (`$` matches before a final one).
    private static func mayBreakLine(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Removes every match of `expression` from `text`, handing capture group 1 to `found`.
    private func replace(_ expression: NSRegularExpression, in text: String, _ found: (String) -> Void) -> String {
        let string = text as NSString
        let matches = expression.matches(in: text, range: NSRange(location: 0, length: string.length))
        guard !matches.isEmpty else { return text }
        var result = text
        for match in matches.reversed() {
            if match.numberOfRanges > 1, match.range(at: 1).location != NSNotFound {
                found(string.substring(with: match.range(at: 1)))
            }
            result = (result as NSString).replacingCharacters(in: match.range, with: " ")
        }
        return result
    }

    /// Names separated by `、`, commas or spaces.
    static func split(_ names: String) -> [String] {
        names.split(whereSeparator: { "、,，; ；".contains($0) }).map(String.init).filter { !$0.isEmpty }
    }
}
