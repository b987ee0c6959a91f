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
    // Literals the expressions need, so that most lines skip them: `editorLine` needs 编辑 or
    // 责编; `datePrefix`, `sourceField` and `authorField` need one of the field words.
    private let editorWords = LiteralScanner(["编辑", "责编"])
    private let fieldWords = LiteralScanner(["时间", "日期", "来源", "来自", "稿源", "出处", "作者", "记者"])

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
    public func consume(_ line: String, into metadata: inout ArticleMetadata) -> Bool {
        // Every metadata line holds a digit (a date) or a colon (a field); most lines hold neither.
        // (The byte scan for `：` only spares `contains`, which compares whole characters, its
        // work on lines without one.)
        guard TextShape.utf16Length(line, limit: 100) <= 100 else { return false }
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

        if editorWords.occurs(in: line), let match = editorLine.firstMatch(in: line, range: range) {
            metadata.addEditors(Self.split(string.substring(with: match.range(at: 1))))
            return true
        }
        // A date line, possibly with 来源 and 作者 fields: `2023年01月06日09:55 | 来源:巴彦淖尔日报`.
        var rest = line
        var date: String?
        if let found = dates.firstDate(in: line) {
            date = found.iso
            rest = string.replacingCharacters(in: found.range, with: " ")
        } else if !fieldWords.occurs(in: line) {
            return false  // no date and no field: nothing to read
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

    /// Reads what a boilerplate line says about the outlet (`正北方网联系方式:…`, a lone `人民网`).
    public func absorb(boilerplate line: String, into metadata: inout ArticleMetadata) {
        let length = line.utf16.count
        guard length > 0, length <= 300 else { return }
        let range = NSRange(location: 0, length: length)
        if let match = footer.firstMatch(in: line, range: range) {
            metadata.setOutlet((line as NSString).substring(with: match.range(at: 1)), evidence: .footer)
        } else if siteName.firstMatch(in: line, range: range) != nil {
            metadata.setOutlet(line, evidence: .siteName)
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
