import ZhiliText

/// An article's parts as the splitter found them, before the document-level metadata is added.
public struct ArticleDraft: Sendable, Equatable {
    /// Headline.
    public var title: String?
    /// Sub-headline, without its leading dashes.
    public var subtitle: String?
    /// Names from bylines.
    public var authors: [String] = []
    /// Body paragraphs, subheads included.
    public var paragraphs: [String] = []
    /// Captions and picture credits.
    public var captions: [String] = []

    /// An empty draft.
    public init() {}
}

/// Steps e, f and g over paragraphs: sorts paragraphs into body, headings, subtitles, bylines
/// and captions, splits a file that holds several articles, and picks each one's title.
///
/// - A new article starts at a heading that is followed (after an optional subtitle) by a
///   byline, once the current article has body text (`001_9bd966c708ea4a13.txt` holds two).
/// - The title is the article's first heading-shaped paragraph (short, no sentence
///   punctuation), wherever it stands: a newspaper page may put its lead paragraph first.
/// - The subtitle is a `——…`/`—…` line right after the title.
/// - Bylines (`本报记者●李亮 通讯员●王永`), name lists in brackets, trailing bylines
///   (`…。(记者 黄景莲)`) and agency lead-ins (`本报讯（记者 王磊）`) give the authors and leave
///   the body.
/// - Page-gap breaks are joined with ``PageGapJoiner`` once captions and bylines are out.
public struct ArticleSplitter: Sendable {
    private let captions = CaptionDetector()
    private let bylines = BylineParser()
    private let gaps = PageGapJoiner()

    /// Creates the step.
    public init() {}

    /// What one paragraph is.
    enum Kind: Equatable {
        case body
        case heading
        case subtitle(String)
        case byline([String])
        case caption
    }

    /// The articles in `paragraphs`; `title` (from the container) replaces the first article's.
    /// With `fromHTML` (paragraphs that are real, pictures marked by a double gap), no page gap
    /// is joined and a short photo line is a caption only after a picture.
    public func split(_ paragraphs: [Paragraph], title: String? = nil, fromHTML: Bool = false) -> [ArticleDraft] {
        var log = RemovalLog(isOn: false)
        return split(paragraphs, title: title, fromHTML: fromHTML, log: &log)
    }

    /// ``split(_:title:fromHTML:)``, recording in `log` what leaves the bodies (titles,
    /// subtitles, bylines, captions).
    func split(_ paragraphs: [Paragraph], title: String?, fromHTML: Bool, log: inout RemovalLog) -> [ArticleDraft] {
        let kinds = classify(paragraphs, photoGapOnly: fromHTML)
        // Where each article starts: a heading with a byline after body text. Articles are
        // ranges of `paragraphs`, not copies, so a document of many short lines is held once.
        var starts = [0]
        var groupHasBody = false
        for (index, kind) in kinds.enumerated() {
            if kind == .heading, groupHasBody, startsArticle(at: index, in: kinds) {
                starts.append(index)
                groupHasBody = false
            }
            if kind == .body { groupHasBody = true }
        }
        return starts.indices.compactMap { group in
            let end = group + 1 < starts.count ? starts[group + 1] : kinds.count
            let draft = assemble(paragraphs, kinds, starts[group]..<end, containerTitle: group == 0 ? title : nil,
                                 fromHTML: fromHTML, log: &log)
            return draft.paragraphs.isEmpty && draft.title == nil && draft.captions.isEmpty ? nil : draft
        }
    }

    /// What each paragraph is, in order.
    func classify(_ paragraphs: [Paragraph], photoGapOnly: Bool = false) -> [Kind] {
        var kinds: [Kind] = []
        kinds.reserveCapacity(paragraphs.count)
        var previous: Paragraph?
        for paragraph in paragraphs {
            let text = paragraph.text
            let kind: Kind
            if let names = bylines.names(inByline: text) ?? bylines.names(inParenthesized: text) {
                kind = .byline(names)
            } else if captions.isCaption(paragraph, after: previous, photoGapOnly: photoGapOnly) {
                kind = .caption
            } else if let subtitle = Self.subtitle(text), kinds.last == .heading {
                kind = .subtitle(subtitle)
            } else if TextShape.isHeading(text) {
                kind = .heading
            } else {
                kind = .body
            }
            kinds.append(kind)
            previous = paragraph
        }
        return kinds
    }

    /// Whether the heading at `index` is followed by a byline (after an optional subtitle).
    private func startsArticle(at index: Int, in kinds: [Kind]) -> Bool {
        var next = index + 1
        if next < kinds.count, case .subtitle = kinds[next] { next += 1 }
        guard next < kinds.count, case .byline = kinds[next] else { return false }
        return true
    }

    /// One article from the paragraphs in `range` and their kinds.
    private func assemble(_ paragraphs: [Paragraph], _ kinds: [Kind], _ range: Range<Int>, containerTitle: String?,
                          fromHTML: Bool, log: inout RemovalLog) -> ArticleDraft {
        var draft = ArticleDraft()
        var taken = 0..<0 // the title and subtitle paragraphs, not part of the body
        if let titleIndex = range.first(where: { kinds[$0] == .heading }) {
            let heading = paragraphs[titleIndex].text
            if containerTitle == nil || TextShape.equalWithoutSpaces(heading, containerTitle!)
                || (titleIndex == range.lowerBound && (!fromHTML || Self.overlaps(heading, containerTitle!))) {
                draft.title = heading
                log.record(.title, line: paragraphs[titleIndex].lines.lowerBound, heading)
                taken = titleIndex..<(titleIndex + 1)
                let next = titleIndex + 1
                if next < range.upperBound, case .subtitle(let subtitle) = kinds[next] {
                    draft.subtitle = subtitle
                    log.record(.subtitle, line: paragraphs[next].lines.lowerBound, paragraphs[next].text)
                    taken = titleIndex..<(next + 1)
                }
            }
        }
        if let containerTitle { draft.title = containerTitle }
        var body: [Paragraph] = []
        body.reserveCapacity(range.count)
        for index in range where !taken.contains(index) {
            let paragraph = paragraphs[index]
            switch kinds[index] {
            case .body, .heading, .subtitle: body.append(paragraph)
            case .byline(let names):
                draft.authors += names.filter { !draft.authors.contains($0) }
                log.record(.byline, line: paragraph.lines.lowerBound, paragraph.text)
            case .caption:
                draft.captions.append(paragraph.text)
                log.record(.caption, line: paragraph.lines.lowerBound, paragraph.text)
            }
        }
        for var paragraph in fromHTML ? body : gaps.join(body) {
            if let (text, names) = bylines.leadingByline(in: paragraph.text) {
                draft.authors += names.filter { !draft.authors.contains($0) }
                log.record(.byline, line: paragraph.lines.lowerBound,
                           TextShape.trimmed(String(paragraph.text.unicodeScalars.dropLast(text.unicodeScalars.count))))
                paragraph.text = text
            }
            if let (text, names) = bylines.trailingByline(in: paragraph.text) {
                draft.authors += names.filter { !draft.authors.contains($0) }
                // The byline closes the paragraph: it stands on its last line.
                log.record(.byline, line: paragraph.lines.upperBound,
                           TextShape.trimmed(String(paragraph.text.unicodeScalars.dropFirst(text.unicodeScalars.count))))
                if !text.isEmpty { draft.paragraphs.append(text) }
            } else {
                draft.paragraphs.append(paragraph.text)
            }
        }
        return draft
    }

    /// Whether one of two titles holds the other (spaces aside): a page's heading and its
    /// metadata title, one with the site's name or a kicker, are the same title.
    static func overlaps(_ heading: String, _ title: String) -> Bool {
        let a = heading.unicodeScalars.filter { !CharacterClass.isSpace($0) }
        let b = title.unicodeScalars.filter { !CharacterClass.isSpace($0) }
        let (short, long) = a.count <= b.count ? (String(String.UnicodeScalarView(a)), String(String.UnicodeScalarView(b)))
                                               : (String(String.UnicodeScalarView(b)), String(String.UnicodeScalarView(a)))
        return !short.isEmpty && long.contains(short)
    }

    /// The text of a `——…` or `—…` sub-headline without its dashes, or nil.
    static func subtitle(_ text: String) -> String? {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, isDash(first), TextShape.length(text, isAtMost: 60) else { return nil }
        let rest = String(scalars.drop(while: { isDash($0) || CharacterClass.isSpace($0) }))
        return rest.unicodeScalars.contains(where: CharacterClass.isHan) ? rest : nil
    }

    /// The dashes a sub-headline starts with.
    static let dashes: ScalarSet = "—─－-–"

    /// Whether `scalar` is one of ``dashes``.
    @inline(__always)
    static func isDash(_ scalar: Unicode.Scalar) -> Bool { dashes.contains(scalar) }
}
