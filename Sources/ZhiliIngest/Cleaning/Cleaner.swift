import ZhiliText
import ZhiliCore
import ZhiliICU

/// Turns a raw document into clean articles: the whole ingest pipeline, top to bottom.
///
/// 1. Decode the bytes (``TextDecoding``); HTML pages are reduced to their main text and
///    metadata (``HTMLPage``), whose title, date and outlet win over those found in the text.
/// 2. Normalize characters (``TextNormalizer``).
/// 3. Per line: repair doubled runs (``DoubledRunRepair``), remove pinyin debris of converted
///    pages (``PinyinDebris``), close justification spaces (``JustificationSpaces``), lift metadata lines (``MetadataExtractor``),
///    drop a caption's second copy (``CaptionDetector``) and boilerplate (``BoilerplateFilter``).
/// 4. Join column-broken lines into paragraphs (``ColumnJoiner``); an HTML page's lines are
///    its paragraphs already.
/// 5. Sort paragraphs into body, headings, bylines and captions, split several articles and
///    join page gaps (``ArticleSplitter``, ``CaptionDetector``, ``PageGapJoiner``).
///
/// Asked to (``clean(_:removals:)``), the same steps record what they take out of the body and
/// under which rule (``Removal``): `zhili clean --explain`.
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
        var log = RemovalLog(isOn: false)
        return try cleanWithContent(document, log: &log).map(\.article)
    }

    /// ``clean(_:)``, also appending to `removals` what was left out of the bodies and the rule
    /// that left it out (``Removal``), in the order the steps removed it: what
    /// `zhili clean --explain` prints. The records are appended even when the document
    /// throws (a file of nothing but boilerplate shows what took it all).
    ///
    /// Every non-space character of the cleaned text (a file's text after normalization, or an
    /// HTML page's main text) ends up in a body paragraph, in a caption, or in a removal record.
    public func clean(_ document: RawDocument, removals: inout [Removal]) throws(Diagnostic) -> [Article] {
        var log = RemovalLog(isOn: true)
        defer { removals += log.entries }
        return try cleanWithContent(document, log: &log).map(\.article)
    }

    /// ``clean(_:)``, with the content scalars of each article's body (``ContentText``), computed
    /// once for its id and handed on to near-duplicate detection, which shingles them.
    public func cleanWithContent(_ document: RawDocument) throws(Diagnostic) -> [(article: Article, body: [UInt32])] {
        var log = RemovalLog(isOn: false)
        return try cleanWithContent(document, log: &log)
    }

    /// The whole pipeline; removals go to `log`.
    func cleanWithContent(_ document: RawDocument, log: inout RemovalLog) throws(Diagnostic) -> [(article: Article, body: [UInt32])] {
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
            page = HTMLPage.parse(text, url: document.url, explaining: log.isOn)
            text = page!.text
            for removal in page!.leftOut { log.record(removal.rule, line: 0, removal.text) }
        }
        let (lines, found) = cleanLines(normalizer.normalize(text), log: &log)
        let pageTitle = page?.title.map { TextShape.trimmed(normalizer.normalize($0)) }
        // An HTML page's lines are its own paragraphs and line breaks: nothing to rejoin.
        let paragraphs = page == nil ? joiner.paragraphs(from: lines) : Self.paragraphs(eachLineOf: lines)
        // A title given with the document (a JSON Lines field) is normalized as the text is: no
        // control characters (a NUL would be stored whole and read back cut), full-width digits half-width.
        let givenTitle = document.title.map { TextShape.trimmed(normalizer.normalize($0)) }
        let drafts = splitter.split(paragraphs, title: givenTitle ?? pageTitle, fromHTML: page != nil, log: &log)
        guard !drafts.isEmpty else {
            throw Diagnostic(.warning, source: document.source, offset: document.byteOffset, line: document.line,
                             reason: "no article text found (empty, or only boilerplate)")
        }
        let date = page?.date ?? found.date ?? document.date.map { dates.parse($0) ?? $0 }
        let outlet = Self.outlet(page: page, found: found)
        var editors = found.editors
        for name in page?.editors ?? [] where !editors.contains(name) { editors.append(name) }
        let url = page?.canonicalURL ?? document.url
        return drafts.enumerated().map { index, draft in
            var body: [UInt32] = []
            for paragraph in draft.paragraphs { ContentText.append(paragraph, to: &body) }
            let article = Article(
                id: ContentText.identifier(title: ContentText.scalars(of: draft.title ?? ""), body: body),
                source: document.source, index: index, url: url,
                title: draft.title, subtitle: draft.subtitle, date: date, outlet: outlet,
                authors: draft.authors.isEmpty ? (found.authors.isEmpty ? page?.authors ?? [] : found.authors) : draft.authors, editors: editors,
                paragraphs: draft.paragraphs, captions: draft.captions, warnings: decoded.warnings + (page?.warnings ?? []))
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
            if line.text.isEmpty { gap += line.isBlank ? 1 : 0; continue }
            paragraphs.append(Paragraph(line.text, gapBefore: gap, lines: line.number...line.number))
            gap = 0
        }
        return paragraphs
    }

    /// Line-level steps: repairs, metadata and boilerplate. Removed lines become empty lines
    /// (without a number) so that they never glue the text around them together, yet count as
    /// no blank line; what each step removes goes to `log` (when it records) with the line's
    /// number.
    ///
    /// Lines are cut out of the UTF-8 bytes directly (a `\n` byte is always a line break after
    /// normalization) and become one `String` each, already trimmed. A line is copied out of
    /// `text` as a substring: its ends lie next to ASCII bytes, so it is valid UTF-8 and the
    /// copy needs no validation.
    /// - Complexity: O(n) in UTF-8 bytes, plus the steps' own costs per line.
    func cleanLines(_ text: String, log: inout RemovalLog) -> ([SourceLine], ArticleMetadata) {
        var lines: [SourceLine] = []
        var found = ArticleMetadata()
        var ended: Int?
        var liftedLine: (index: Int, line: SourceLine, before: ArticleMetadata, removals: Int)?
        var previousKept: String?
        var number = 0
        var contiguous = text
        let utf8 = text.utf8
        contiguous.withUTF8 { bytes in
            let count = bytes.count
            var start = 0
            while start <= count {
                let stop = ByteSearch.firstNewline(in: bytes, from: start)
                defer { start = stop + 1 }
                number += 1
                var first = start
                var last = stop
                while first < last, TextShape.isSpace(byte: bytes[first]) { first += 1 }
                while last > first, TextShape.isSpace(byte: bytes[last - 1]) { last -= 1 }
                if first == last { lines.append(SourceLine("", number: number)); continue }
                let indent = first - start
                let lower = utf8.index(utf8.startIndex, offsetBy: first)
                var line = String(text[lower..<utf8.index(lower, offsetBy: last - first)])
                if let ended {
                    metadata.absorb(boilerplate: line, into: &found)
                    log.record(.afterEnd(pattern: boilerplate.patterns.patterns[ended].source), line: number, line)
                    continue
                }
                let undoubled = doubled.repair(line)
                if log.isOn, undoubled != line { log.record(.doubledRun, line: number, Removal.dropped(from: line, leaving: undoubled)) }
                let unpinyined = pinyin.repair(undoubled)
                if log.isOn, unpinyined != undoubled { log.record(.pinyin, line: number, Removal.dropped(from: undoubled, leaving: unpinyined)) }
                line = TextShape.trimmed(spaces.repair(unpinyined))
                // A picture's caption glued to the paragraph after it (…窗口 王刚 摄数据显示…)
                // becomes a line of its own, kept apart by a blank line.
                if let creditEnd = CaptionDetector.gluedCreditEnd(in: line) {
                    classify(String(line[..<creditEnd]), indent: indent)
                    if ended == nil { lines.append(SourceLine("")) }
                    line = String(line[creditEnd...])
                }
                classify(line, indent: indent)
            }
        }
        return (lines, found)

        /// Lifts metadata and drops boilerplate from one repaired line.
        func classify(_ line: String, indent: Int) {
            guard ended == nil else { return }
            // A line lifted as metadata that the next line continues (a column break after
            // `2021年12月3日`, then `,第八个…`) was body text: it goes back.
            if let lifted = liftedLine {
                liftedLine = nil
                if let first = line.unicodeScalars.first, Self.continuations.contains(first) {
                    lines[lifted.index] = lifted.line
                    found = lifted.before
                    log.remove(at: lifted.removals)
                    previousKept = lifted.line.text
                }
            }
            let before = found
            if metadata.consume(line, into: &found) {
                liftedLine = (lines.count, SourceLine(line, indent: indent, number: number), before, log.entries.count)
                log.record(.metadata, line: number, line)
                lines.append(SourceLine(""))
                return
            }
            // A caption printed twice (a newspaper PDF's picture layer and its caption box)
            // keeps its first copy.
            if let previousKept, line == previousKept, CaptionDetector.isCaptionShaped(line) {
                log.record(.repeatedCaption, line: number, line)
                lines.append(SourceLine(""))
                return
            }
            switch boilerplate.classify(line) {
            case .keep(let kept):
                if kept != line {
                    for (pattern, text) in log.isOn ? boilerplate.strips(in: line) : [] {
                        log.record(.boilerplate(.strip, pattern: boilerplate.patterns.patterns[pattern].source), line: number, text)
                    }
                    // A metadata line once furniture is stripped from it (`来源：… 【字体：大 中 小】`).
                    if metadata.consume(kept, into: &found) {
                        log.record(.metadata, line: number, kept)
                        lines.append(SourceLine(""))
                        return
                    }
                }
                lines.append(SourceLine(kept, indent: indent, number: number))
                previousKept = kept
            case .drop(let pattern):
                metadata.absorb(boilerplate: line, into: &found)
                recordDrop(line, pattern: pattern)
                lines.append(SourceLine(""))
            case .end(let pattern) where lines.contains(where: { !$0.text.isEmpty }):
                ended = pattern
                log.record(.boilerplate(.end, pattern: boilerplate.patterns.patterns[pattern].source), line: number, line)
            case .end(let pattern):
                // A copyright line before any text (a picture credit) ends nothing.
                metadata.absorb(boilerplate: line, into: &found)
                log.record(.boilerplate(.end, pattern: boilerplate.patterns.patterns[pattern].source), line: number, line)
                lines.append(SourceLine(""))
            }
        }

        /// Records a dropped line: under its `drop` pattern, or piece by piece under the
        /// `strip` patterns that left nothing of it.
        func recordDrop(_ line: String, pattern: Int) {
            guard log.isOn else { return }
            let dropping = boilerplate.patterns.patterns[pattern]
            guard dropping.kind == .strip else {
                log.record(.boilerplate(.drop, pattern: dropping.source), line: number, line)
                return
            }
            for (pattern, text) in boilerplate.strips(in: line) {
                log.record(.boilerplate(.strip, pattern: boilerplate.patterns.patterns[pattern].source), line: number, text)
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
