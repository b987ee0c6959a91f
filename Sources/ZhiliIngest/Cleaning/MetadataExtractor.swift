import ZhiliText
import Foundation

/// Step f: lifts metadata out of the lines that carry it (date lines, `来源:`, editor lines,
/// site footers) and says which of those lines leave the body.
///
/// Title, subtitle and bylines are read later, by ``ArticleSplitter``, because they depend on
/// the paragraphs around them.
public struct MetadataExtractor: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable and thread-safe.
    let dates = DateParser()
    /// `[责任编辑:辛永红]`: the editors (group 1).
    let editorLine = Self.compile("^[\\[【(（]?\\s*(?:责任编辑|责编|值班编辑|编辑)\\s*[:：]\\s*(.+?)\\s*[\\]】)）]?$")
    /// `发布时间：` before a date.
    let datePrefix = Self.compile("(?:发布时间|发布日期|更新时间|时间|日期)\\s*[:：]")
    /// `来源:巴彦淖尔日报`: the outlet (group 1).
    let sourceField = Self.compile("(?:来源|来自|稿源|出处)\\s*[:：]\\s*([^|｜\\s]+)")
    /// `作者：王磊、李亮`: the authors (group 1).
    let authorField = Self.compile("(?:作者|记者)\\s*[:：]\\s*([^|｜]+?)\\s*(?=$|[|｜]|来源|编辑|责任编辑)")
    /// `正北方网联系方式:…`: the outlet (group 1).
    let footer = Self.compile("^(.{2,12}?(?:网|报|台))\\s*(?:联系方式|版权所有|客服)")
    /// A lone site name: `人民网`.
    let siteName = Self.compile("^[\\p{Han}A-Za-z]{1,8}网$")
    /// The literals every match of `editorLine`, `datePrefix`, `sourceField` and `authorField`
    /// holds, one group each (derived from the patterns by ``RequiredLiterals``): most lines
    /// hold none and skip the expressions.
    private let fieldWords: LiteralScanner
    /// The literals every `footer` match holds (group 1), and every `siteName` match (group 2).
    private let outletWords: LiteralScanner
    private static let editorGroup: UInt64 = 1
    private static let datePrefixGroup: UInt64 = 2
    private static let sourceGroup: UInt64 = 4
    private static let authorGroup: UInt64 = 8
    private static let fieldGroups: UInt64 = 2 | 4 | 8

    /// Creates the extractor (patterns are compiled, and their literals derived, once).
    public init() {
        fieldWords = LiteralScanner(groups: [editorLine, datePrefix, sourceField, authorField].map { RequiredLiterals.of($0.pattern)! })
        outletWords = LiteralScanner(groups: [footer, siteName].map { RequiredLiterals.of($0.pattern)! })
    }

    private static func compile(_ pattern: String) -> NSRegularExpression { try! NSRegularExpression(pattern: pattern) }

    /// Reads metadata from a line that carries only metadata and returns true, so the caller
    /// drops the line; returns false (changing nothing) for any other line.
    ///
    /// - Complexity: two byte scans of the line; regular expressions only for those of
    ///   `editorLine`, `datePrefix`, `sourceField` and `authorField` whose words the line holds.
    public func consume(_ line: String, into metadata: inout ArticleMetadata) -> Bool {
        // Every metadata line holds a digit (a date) or a colon (a field); most lines hold neither.
        guard TextShape.utf16Length(line, isAtMost: 100) else { return false }
        guard Self.holdsDigitOrColon(line) else { return false }
        let length = TextShape.utf16Length(line)
        guard length > 0, length <= 100 else { return false }
        let words = fieldWords.groups(in: line)

        if words & Self.editorGroup != 0,
           let match = editorLine.firstMatch(in: line, range: NSRange(location: 0, length: length)) {
            metadata.addEditors(Self.split(Self.substring(line, match.range(at: 1))))
            return true
        }
        // A date line, possibly with 来源 and 作者 fields: `2023年01月06日09:55 | 来源:巴彦淖尔日报`.
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
        if words & Self.datePrefixGroup != 0 { rest = replace(datePrefix, in: rest) { _ in } }
        if words & Self.sourceGroup != 0 { rest = replace(sourceField, in: rest) { outlet = $0 } }
        if words & Self.authorGroup != 0 { rest = replace(authorField, in: rest) { authors = Self.split($0) } }
        guard rest.unicodeScalars.allSatisfy({ CharacterClass.isSpace($0) || $0 == "|" || $0 == "｜" }),
              date != nil || outlet != nil || !authors.isEmpty else { return false }
        if let date, metadata.date == nil { metadata.date = date }
        if let outlet { metadata.setOutlet(outlet, evidence: .source) }
        metadata.addAuthors(authors)
        return true
    }

    /// Whether `line` holds an ASCII digit, a `:` or a `：` (this one compared as a character,
    /// as `String.contains` does: one that a combining mark joins does not count). Read from
    /// the bytes; only a line holding the bytes of `：` and no digit is searched by character.
    static func holdsDigitOrColon(_ line: String) -> Bool {
        var fullWidthColon = false
        var copy = line
        let found = copy.withUTF8 { bytes in
            let count = bytes.count
            for index in 0..<count {
                let byte = bytes[index]
                if byte >= 0x30, byte <= 0x3A { return true }  // 0-9 and :
                if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBC, bytes[index + 2] == 0x9A {
                    fullWidthColon = true  // the UTF-8 bytes of ：
                }
            }
            return false
        }
        return found || (fullWidthColon && line.contains("："))
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

    /// Cuts every match of `expression` out of `text` (each for a space), handing capture group 1 to `found`.
    private func replace(_ expression: NSRegularExpression, in text: String, _ found: (String) -> Void) -> String {
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

    /// Reads the date, the `来源` and the `作者`/`记者` of a short line of page furniture (outside an HTML page's
    /// text), which may hold other things too: `发布时间：2023-05-12 来源：某某日报 【字体：大 中 小】`;
    /// a line that is an editor line (`【责任编辑：辛永红】`) gives the editors.
    public func read(infoLine line: String, into metadata: inout ArticleMetadata) {
        guard TextShape.utf16Length(line, isAtMost: 300) else { return }
        let words = fieldWords.groups(in: line)
        if words & Self.editorGroup != 0,
           let match = editorLine.firstMatch(in: line, range: NSRange(location: 0, length: line.utf16.count)) {
            metadata.addEditors(Self.split(Self.substring(line, match.range(at: 1))))
            return
        }
        if metadata.date == nil, words & Self.datePrefixGroup != 0 || line.contains("发布") || line.contains("日期"),
           let found = dates.firstDate(in: line) {
            metadata.date = found.iso
        }
        if words & Self.sourceGroup != 0 {
            _ = replace(sourceField, in: line) { metadata.setOutlet($0, evidence: .source) }
        }
        if words & Self.authorGroup != 0 {
            _ = replace(authorField, in: line) { metadata.addAuthors(Self.split($0)) }
        }
    }

    /// Reads what a boilerplate line says about the outlet (`正北方网联系方式:…`, a lone `人民网`).
    ///
    /// Each expression runs only on lines that hold one of its literals.
    public func absorb(boilerplate line: String, into metadata: inout ArticleMetadata) {
        let length = line.utf16.count
        guard length > 0, length <= 300 else { return }
        let range = NSRange(location: 0, length: length)
        let words = outletWords.groups(in: line)
        if words & 1 != 0, let match = footer.firstMatch(in: line, range: range) {
            metadata.setOutlet((line as NSString).substring(with: match.range(at: 1)), evidence: .footer)
        } else if words & 2 != 0, siteName.firstMatch(in: line, range: range) != nil {
            metadata.setOutlet(line, evidence: .siteName)
        }
    }

    /// Names separated by `、`, commas or spaces.
    static func split(_ names: String) -> [String] {
        names.split(whereSeparator: { "、,，; ；".contains($0) }).map(String.init).filter { !$0.isEmpty }
    }
}
