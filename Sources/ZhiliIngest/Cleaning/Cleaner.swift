import ZhiliText
import ZhiliCore
import ZhiliICU

/// Turns a raw document into clean articles: the whole ingest pipeline, top to bottom.
///
/// 1. Decode the bytes (``TextDecoding``); HTML pages are reduced to their main text and
///    metadata (``HTMLPage``), whose title, date and outlet win over those found in the text.
/// 2. Normalize characters (``TextNormalizer``).
/// 3. Per line: repair doubled runs (``DoubledRunRepair``), remove pinyin debris of converted
///    pages (``PinyinDebris``), close justification spaces (``JustificationSpaces``), lift metadata lines (``MetadataExtractor``) and drop
///    boilerplate (``BoilerplateFilter``).
/// 4. Join column-broken lines into paragraphs (``ColumnJoiner``); an HTML page's lines are
///    its paragraphs already.
/// 5. Sort paragraphs into body, headings, bylines and captions, split several articles and
///    join page gaps (``ArticleSplitter``, ``CaptionDetector``, ``PageGapJoiner``).
///
/// A cleaner is immutable and `Sendable`: build one and share it across threads.
public struct Cleaner: Sendable {
    /// The configuration it was built with.
    public let configuration: CleanerConfiguration
    private let normalizer = TextNormalizer()
    private let doubled = DoubledRunRepair()
    private let spaces = JustificationSpaces()
    private let pinyin = PinyinDebris()
    private let metadata = MetadataExtractor()
    private let boilerplate: BoilerplateFilter
    private let joiner = ColumnJoiner()
    private let splitter = ArticleSplitter()
    private let dates = DateParser()

    /// Builds a cleaner; throws when a boilerplate file cannot be read or has a bad pattern.
    public init(configuration: CleanerConfiguration = CleanerConfiguration()) throws(BoilerplateError) {
        self.configuration = configuration
        var patterns = try BoilerplatePatterns.builtIn()
        for file in configuration.boilerplateFiles { try patterns.add(contentsOf: file) }
        boilerplate = BoilerplateFilter(patterns: patterns)
    }

    /// The articles in `document`, each with its content id (``ContentText/identifier(title:paragraphs:)``):
    /// one article found at two paths, or in Traditional and Simplified script, gets one id.
    ///
    /// Throws a diagnostic when the document holds no usable text (binary data, or nothing
    /// but white space and boilerplate: the latter with severity `.warning`).
    /// - Complexity: O(n) in the document's size.
    public func clean(_ document: RawDocument) throws(Diagnostic) -> [Article] {
        try cleanWithContent(document).map(\.article)
    }

    /// ``clean(_:)``, with the content scalars of each article's body (``ContentText``), computed
    /// once for its id and handed on to near-duplicate detection, which shingles them.
    public func cleanWithContent(_ document: RawDocument) throws(Diagnostic) -> [(article: Article, body: [UInt32])] {
        if !document.charsetIsForced, let reason = Self.binaryReason(document.bytes) {
            throw Diagnostic(.error, source: document.source, offset: document.byteOffset, line: document.line, reason: reason)
        }
        let decoded = TextDecoding.decode(document.bytes, charset: document.declaredCharset, forced: document.charsetIsForced)
        var text = decoded.text
        if Self.replacementShare(text) > 0.3 {
            throw Diagnostic(.error, source: document.source, offset: document.byteOffset, line: document.line,
                             reason: "not text in a known encoding (most bytes invalid as \(decoded.charset)); try --encoding")
        }
        var page: HTMLPage?
        if document.format == .html {
            page = HTMLPage.parse(text, url: document.url)
            text = page!.text
        }
        let (lines, found) = cleanLines(normalizer.normalize(text))
        let pageTitle = page?.title.map { TextShape.trimmed(normalizer.normalize($0)) }
        // An HTML page's lines are its own paragraphs and line breaks: nothing to rejoin.
        let paragraphs = page == nil ? joiner.paragraphs(from: lines) : Self.paragraphs(eachLineOf: lines)
        // A title given with the document (a JSON Lines field) is normalized as the text is: no
        // control characters (a NUL would be stored whole and read back cut), full-width digits half-width.
        let givenTitle = document.title.map { TextShape.trimmed(normalizer.normalize($0)) }
        let drafts = splitter.split(paragraphs, title: givenTitle ?? pageTitle, fromHTML: page != nil)
        guard !drafts.isEmpty else {
            throw Diagnostic(.warning, source: document.source, offset: document.byteOffset, line: document.line,
                             reason: "no article text found (empty, or only boilerplate)")
        }
        let date = page?.date ?? found.date ?? document.date.map { dates.parse($0) ?? $0 }
        let outlet = Self.outlet(page: page, found: found)
        var editors = found.editors
        for name in page?.editors ?? [] where !editors.contains(name) { editors.append(name) }
        return drafts.enumerated().map { index, draft in
            var body: [UInt32] = []
            for paragraph in draft.paragraphs { ContentText.append(paragraph, to: &body) }
            let article = Article(
                id: ContentText.identifier(title: ContentText.scalars(of: draft.title ?? ""), body: body),
                source: document.source, index: index,
                title: draft.title, subtitle: draft.subtitle, date: date, outlet: outlet,
                authors: draft.authors.isEmpty ? (found.authors.isEmpty ? page?.authors ?? [] : found.authors) : draft.authors, editors: editors,
                paragraphs: draft.paragraphs, captions: draft.captions, warnings: decoded.warnings)
            return (article, body)
        }
    }

    /// The outlet: the page's `来源`, then one in the text, then the page's site name, then
    /// whatever else the text says (a footer, a lone site name).
    static func outlet(page: HTMLPage?, found: ArticleMetadata) -> String? {
        if let page, let outlet = page.outlet, page.outletIsSource { return outlet }
        if found.outletEvidence == .source { return found.outlet }
        return page?.outlet ?? found.outlet
    }

    /// One paragraph per non-blank line.
    static func paragraphs(eachLineOf lines: [SourceLine]) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        var gap = 0
        for line in lines {
            if line.text.isEmpty { gap += 1; continue }
            paragraphs.append(Paragraph(line.text, gapBefore: gap))
            gap = 0
        }
        return paragraphs
    }

    /// Line-level steps: repairs, metadata and boilerplate. Removed lines become blank lines
    /// so that they never glue the text around them together.
    ///
    /// Lines are cut out of the UTF-8 bytes directly (a `\n` byte is always a line break after
    /// normalization) and become one `String` each, already trimmed. A line is copied out of
    /// `text` as a substring: its ends lie next to ASCII bytes, so it is valid UTF-8 and the
    /// copy needs no validation.
    /// - Complexity: O(n) in UTF-8 bytes, plus the steps' own costs per line.
    func cleanLines(_ text: String) -> ([SourceLine], ArticleMetadata) {
        var lines: [SourceLine] = []
        var found = ArticleMetadata()
        var ended = false
        var liftedLine: (index: Int, line: SourceLine, before: ArticleMetadata)?
        var contiguous = text
        let utf8 = text.utf8
        contiguous.withUTF8 { bytes in
            let count = bytes.count
            var start = 0
            while start <= count {
                let stop = ByteSearch.firstNewline(in: bytes, from: start)
                defer { start = stop + 1 }
                let indented = start < stop && TextShape.isSpace(byte: bytes[start])
                var first = start
                var last = stop
                while first < last, TextShape.isSpace(byte: bytes[first]) { first += 1 }
                while last > first, TextShape.isSpace(byte: bytes[last - 1]) { last -= 1 }
                if first == last { lines.append(SourceLine("")); continue }
                let lower = utf8.index(utf8.startIndex, offsetBy: first)
                var line = String(text[lower..<utf8.index(lower, offsetBy: last - first)])
                if ended {
                    metadata.absorb(boilerplate: line, into: &found)
                    continue
                }
                line = TextShape.trimmed(spaces.repair(pinyin.repair(doubled.repair(line))))
                // A picture's caption glued to the paragraph after it (…窗口 王刚 摄数据显示…)
                // becomes a line of its own, kept apart by a blank line.
                if let creditEnd = CaptionDetector.gluedCreditEnd(in: line) {
                    classify(String(line[..<creditEnd]), indented: indented)
                    if !ended { lines.append(SourceLine("")) }
                    line = String(line[creditEnd...])
                }
                classify(line, indented: indented)
            }
        }
        return (lines, found)

        /// Lifts metadata and drops boilerplate from one repaired line.
        func classify(_ line: String, indented: Bool) {
            guard !ended else { return }
            // A line lifted as metadata that the next line continues (a column break after
            // `2021年12月3日`, then `,第八个…`) was body text: it goes back.
            if let lifted = liftedLine {
                liftedLine = nil
                if let first = line.unicodeScalars.first, Self.continuations.contains(first) {
                    lines[lifted.index] = lifted.line
                    found = lifted.before
                }
            }
            let before = found
            if metadata.consume(line, into: &found) {
                liftedLine = (lines.count, SourceLine(line, indented: indented), before)
                lines.append(SourceLine(""))
                return
            }
            switch boilerplate.classify(line) {
            case .keep(let kept):
                // A metadata line once furniture is stripped from it (`来源：… 【字体：大 中 小】`).
                if kept != line, metadata.consume(kept, into: &found) { lines.append(SourceLine("")); return }
                lines.append(SourceLine(kept, indented: indented))
            case .drop:
                metadata.absorb(boilerplate: line, into: &found)
                lines.append(SourceLine(""))
            case .end where lines.contains(where: { !$0.text.isEmpty }):
                ended = true
            case .end:
                // A copyright line before any text (a picture credit) ends nothing.
                metadata.absorb(boilerplate: line, into: &found)
                lines.append(SourceLine(""))
            }
        }
    }

    /// Characters that open a line continuing the one before it.
    static let continuations: Set<Unicode.Scalar> = [",", "，", "、", "；", ";", "。", "”", ")", "）", ":", "："]

    /// Why `bytes` look like binary data rather than text, or nil.
    ///
    /// UTF-16 text (full of control bytes) is recognised by its BOM; BOM-less UTF-16 needs a
    /// forced charset, which skips this check.
    static func binaryReason(_ bytes: [UInt8]) -> String? {
        let sample = bytes.prefix(65_536)
        guard !sample.isEmpty else { return nil }
        if TextDecoding.byteOrderMark(Array(sample.prefix(3))).1 != nil { return nil }
        var controls = 0
        for byte in sample where byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 && byte != 0x0C {
            controls += 1
        }
        guard controls * 100 > sample.count else { return nil }
        return "binary data, not text (\(controls) control bytes in the first \(sample.count)); "
            + "for UTF-16 without a byte-order mark, pass --encoding UTF-16LE or UTF-16BE"
    }

    /// The share of U+FFFD among the non-space scalars of the first 100,000 scalars of `text`.
    ///
    /// - Complexity: O(n) in UTF-8 bytes: one word-at-a-time search for the bytes of U+FFFD
    ///   (`EF BF BD`); only text that holds them has its lead bytes counted.
    static func replacementShare(_ text: String) -> Double {
        var total = 0
        var replaced = 0
        var scalars = 0
        var text = text
        // Most text holds no U+FFFD at all: its share is 0 whatever the other counts.
        guard text.withUTF8(containsReplacementCharacter) else { return 0 }
        text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count, scalars < 100_000 {
                let byte = bytes[index]
                index += 1
                if byte & 0xC0 == 0x80 { continue }
                scalars += 1
                if byte == 0x20 || byte == 0x09 || byte == 0x0A { continue }
                total += 1
                if byte == 0xEF, index + 1 < count, bytes[index] == 0xBF, bytes[index + 1] == 0xBD { replaced += 1 }
            }
        }
        return total == 0 ? 0 : Double(replaced) / Double(total)
    }

    /// Whether the UTF-8 `bytes` hold U+FFFD (`EF BF BD`).
    ///
    /// - Complexity: O(n), eight bytes at a time: a window goes on to the exact test only when
    ///   it holds a `BF` byte followed by a `BD` byte (windows overlap by one byte, so no pair
    ///   of neighbours is missed).
    static func containsReplacementCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count >= 3, let base = bytes.baseAddress else { return false }
        func isReplacement(endingAt end: Int) -> Bool {
            bytes[end] == 0xBD && bytes[end - 1] == 0xBF && bytes[end - 2] == 0xEF
        }
        var index = 0
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let pairs = (ByteSearch.bytes(word, equalTo: 0xBF) << 8) & ByteSearch.bytes(word, equalTo: 0xBD)
            if pairs != 0 {
                for end in max(index, 2)..<(index + 8) where isReplacement(endingAt: end) { return true }
            }
            index += 7
        }
        for end in max(index, 2)..<count where isReplacement(endingAt: end) { return true }
        return false
    }
}
