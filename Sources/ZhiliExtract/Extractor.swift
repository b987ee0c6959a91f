import Foundation
import ZhiliCore
import ZhiliText
import ZhiliSegment
import ZhiliICU

/// Turns a clean article into a structured record: regions, programs and figures.
///
/// The tables (regions, indicators, known programs) are immutable and shared; only the
/// segmenter is per instance. Not thread-safe (it owns a segmenter): give each thread its own
/// extractor.
///
/// ```swift
/// let extractor = try Extractor()
/// let record = try extractor.extract(article)
/// record.figures.first?.metric   // "排查化解矛盾纠纷"
/// ```
public final class Extractor {
    /// The lexicon tokens are segmented with (nil: the bundled one).
    public let lexicon: Lexicon?
    /// The segmenter for tokens, made on the first request for them: loading the lexicon takes a
    /// moment that extraction without tokens does not need.
    private var tokenSegmenter: Segmenter?
    /// The division table regions resolve against.
    public let regions: RegionTable
    /// The indicators metrics map to.
    public let indicators: IndicatorTable
    /// Program names accepted whenever quoted.
    public let knownPrograms: Set<String>
    /// The year of articles without a date (`--default-year`): relative years (今年, 去年) and
    /// figures naming no year resolve against it.
    public var defaultYear: Int?

    private let programFinder: ProgramFinder
    private let figureFinder = FigureFinder()

    /// The program names bundled with Zhili (`Resources/programs.txt`).
    public static let bundledPrograms: Set<String> = {
        guard let url = Bundle.module.url(forResource: "programs", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Extractor.programNames(fromList: text)
    }()

    /// Creates an extractor.
    ///
    /// - Parameters:
    ///   - regions: divisions and aliases to resolve mentions against.
    ///   - indicators: canonical indicators for metrics (a user file via ``IndicatorTable/init(contentsOf:)``).
    ///   - knownPrograms: names that are programs whenever quoted.
    ///   - lexicon: the lexicon for tokens (the bundled one merged with users' files); nil for the bundled one.
    public init(
        regions: RegionTable = .bundled, indicators: IndicatorTable = .bundled,
        knownPrograms: Set<String> = Extractor.bundledPrograms, lexicon: Lexicon? = nil
    ) throws {
        self.lexicon = lexicon
        self.regions = regions
        self.indicators = indicators
        self.knownPrograms = knownPrograms
        programFinder = ProgramFinder(known: knownPrograms)
    }

    /// The segmenter for tokens, made on first use.
    private func segmenter() throws -> Segmenter {
        if let tokenSegmenter { return tokenSegmenter }
        let made = try Segmenter(lexicon: lexicon ?? .bundled)
        tokenSegmenter = made
        return made
    }

    /// Program names from a list file: one per line, `#` comments.
    public static func programNames(fromList text: String) -> Set<String> {
        Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    /// Extracts the record of `article`; `includeTokens` adds its tokens.
    ///
    /// - Complexity: O(*n*) in the length of the text.
    public func extract(_ article: Article, includeTokens: Bool = false) throws -> ArticleRecord {
        // Everything is matched and named on the text folded to Simplified; spans and sentences
        // are quoted from the text as written (the fold keeps every offset).
        let folded = TraditionalFolding.folded(article.text)
        let written = ArticleText(article.text)
        let text = folded.map(ArticleText.init) ?? written
        let tokens = includeTokens ? try segmenter().tokens(in: folded ?? article.text) : nil
        let finder = RegionFinder(table: regions)

        // Regions.
        var hits = finder.hits(in: text.scalars)
        let heading = TraditionalFolding.fold([article.title, article.subtitle].compactMap { $0 }.joined(separator: "\n"))
        var titleHits = finder.hits(in: Array(heading.unicodeScalars))
        finder.resolve(&hits, titleHits: &titleHits, text: text)
        let ranked = finder.ranked(hits: hits, titleHits: titleHits)
        // The fallback for figures whose paragraph names no region: the most salient division not
        // named only in passing (a dateline's city is where the story was filed, not what it is about).
        let passing = RegionRoles.namedOnlyInPassing(hits, text: text)
        let about = ranked.filter { !passing.contains($0.code) }
        let top = about.first { $0.level != .province } ?? about.first ?? ranked.first
        let topRef = top.map { RegionRef(name: $0.name, code: $0.code) }
        let locator = RegionLocator(text: text, hits: hits, table: regions, fallback: topRef, about: about)
        var sentences = SentenceCache(text: written)

        // Programs.
        let quotes = QuoteSpans(text)
        let regionSpans = hits.map { $0.start..<$0.end }
        let programHits = programFinder.programs(in: text, spans: quotes, regionSpans: regionSpans) {
            !regions.codes(named: $0).isEmpty
        }
        let programs = programHits.map { hit in
            ProgramMention(
                name: hit.name, start: hit.start, end: hit.end,
                sentence: sentences.sentence(around: hit.start..<hit.end), region: locator.region(for: hit.start),
                aliases: hit.aliases)
        }

        // Figures.
        let excluded = quotes.all.filter { text[$0.lowerBound] == "《" } + programHits.map { $0.start..<$0.end }
        let (figureHits, years) = figureFinder.figures(in: text, excluded: excluded)
        let metrics = MetricPhrase(text: text, regionSpans: regionSpans).metrics(for: figureHits)
        let (referenceYear, referenceSource): (Int?, YearSource) = article.year.map { ($0, .articleDate) } ?? (defaultYear, .default)
        let figures = zip(figureHits, metrics).map { hit, metric -> Figure in
            let unit = hit.unit
            let kind = unit.map(MeasureWords.kind(of:)) ?? .count
            let indicator = metric.flatMap {
                indicators.indicator(forMetric: $0, unit: unit, isChange: hit.change != nil, clause: Self.clause(before: hit.spanStart, in: text))
            }
            let (year, yearSource) = Self.year(
                at: hit.start, in: text, years: years, reference: referenceYear, referenceSource: referenceSource)
            return Figure(
                text: written.string(hit.spanStart..<hit.tailEnd), value: hit.value, valueMax: hit.valueMax, unit: unit,
                qualifier: hit.qualifier.map(FigureQualifier.canonical), change: hit.change, basis: hit.basis, kind: kind, metric: metric,
                indicator: indicator?.id, year: year, yearSource: yearSource,
                region: locator.region(for: hit.start), start: hit.spanStart, end: hit.tailEnd,
                sentence: sentences.sentence(around: hit.spanStart..<hit.tailEnd))
        }
        let mentions = RegionRoles.assign(
            ranked, titleCodes: Set(titleHits.map(\.code)), figureRegions: figures.compactMap(\.region?.code),
            passing: passing)
        return ArticleRecord(article: article, regions: mentions, programs: programs, figures: figures, tokens: tokens)
    }

    /// The text of the clause before `offset`: back to the nearest clause or sentence break, at most 40 scalars.
    static func clause(before offset: Int, in text: ArticleText) -> String {
        var start = offset
        while start > 0, offset - start < 40, !CharacterClass.isClauseBreak(text[start - 1]) { start -= 1 }
        return text.string(start..<offset)
    }

    /// The year a figure at `offset` refers to, and where it comes from: a year stated in its
    /// sentence (the nearest before it, else the first after it); else a relative year in the
    /// sentence before it (今年, 去年, 前年, 上半年 …, not one in a comparison: 比去年同期) counted
    /// from `reference`; else a year heading its paragraph (`2025年,…`); else `reference` itself.
    static func year(
        at offset: Int, in text: ArticleText, years: [(Int, Int)], reference: Int?, referenceSource: YearSource
    ) -> (Int?, YearSource?) {
        let sentence = text.sentence(at: offset)
        var before: Int?, after: Int?
        for (start, year) in years where sentence.contains(start) {
            if start < offset { before = year } else if after == nil { after = year }
        }
        if let stated = before ?? after { return (stated, .stated) }
        if let reference, let shift = relativeYear(in: sentence.lowerBound..<offset, text: text) {
            return (reference + shift, referenceSource)
        }
        let paragraph = text.paragraph(at: offset)
        if let (start, year) = years.first(where: { paragraph.contains($0.0) }), start == paragraph.lowerBound {
            return (year, .stated)
        }
        return (reference, reference == nil ? nil : referenceSource)
    }

    /// Relative year words and the years they count from the article's year.
    static let relativeYears: [(word: String, shift: Int)] = [
        ("今年", 0), ("本年度", 0), ("上半年", 0), ("下半年", 0), ("去年", -1), ("上年度", -1), ("前年", -2),
    ]

    /// The shift of the last relative year word in `range` that is not part of a comparison
    /// (比去年, 较去年, 与去年, 去年同期).
    static func relativeYear(in range: Range<Int>, text: ArticleText) -> Int? {
        var offset = range.upperBound - 2
        while offset >= range.lowerBound {
            defer { offset -= 1 }
            guard relativeYearStarts.contains(text[offset]) else { continue }
            for (word, shift) in relativeYears where text.has(word, at: offset) {
                let compared = ["比", "较", "与", "同"].contains { text.has($0, endingAt: offset) }
                    || text.has("同期", at: offset + word.unicodeScalars.count)
                if !compared { return shift }
            }
        }
        return nil
    }

    /// The first characters of ``relativeYears``: most offsets start none of them.
    static let relativeYearStarts = ScalarSet(relativeYears.map { $0.word.unicodeScalars.first! })
}

/// The sentence text around a span, built once per sentence.
///
/// A runaway sentence (longer than ``maximumLength`` scalars, as when cleaning lost the
/// punctuation) is clipped to a window around the span so records stay small.
struct SentenceCache {
    static let maximumLength = 400
    let text: ArticleText
    private var cache: [Int: String] = [:]

    init(text: ArticleText) { self.text = text }

    mutating func sentence(around span: Range<Int>) -> String {
        let sentence = text.sentence(at: span.lowerBound)
        guard sentence.count <= Self.maximumLength else {
            let half = Self.maximumLength / 2
            return text.string(max(sentence.lowerBound, span.lowerBound - half)..<min(sentence.upperBound, span.upperBound + half))
        }
        if let cached = cache[sentence.lowerBound] { return cached }
        let string = text.string(sentence)
        cache[sentence.lowerBound] = string
        return string
    }
}

/// Chooses the region a figure or program at an offset is about.
///
/// The nearer before it in its sentence of a region named there (not one of a list of places,
/// …等地) and a whole-region word (全市, 全盟, 全旗, 全区, 全省), which stands for the article's
/// division at that level; else the last county named earlier in its paragraph; else the region
/// that opens its paragraph; else the article's most salient region.
struct RegionLocator {
    let text: ArticleText
    let hits: [RegionHit]
    let table: RegionTable
    let fallback: RegionRef?
    /// The article's divisions, most salient first, without those named only in passing.
    let about: [RegionMention]

    func region(for offset: Int) -> RegionRef? {
        let sentence = text.sentence(at: offset)
        let named = hits.last(where: { sentence.contains($0.start) && $0.start < offset && !$0.isLocative })
        if let whole = wholeRegionWord(in: sentence.lowerBound..<offset), named.map({ $0.end <= whole.start }) ?? true,
           let region = resolve(whole.word) {
            return region
        }
        if let named { return table.region(code: named.code)?.ref }
        // A clause that names its place after the figure (58岁的姜志刚是赤峰市喀喇沁旗…): the most
        // specific of the names written together.
        if let later = laterInClause(after: offset, sentence: sentence) { return later }
        let paragraph = text.paragraph(at: offset)
        // A county named earlier in the paragraph is more specific than a league opening it.
        if let hit = hits.last(where: { paragraph.contains($0.start) && $0.start < offset && !$0.isLocative }),
           let region = table.region(code: hit.code), region.level == .county {
            return region.ref
        }
        if let hit = hits.first(where: { paragraph.contains($0.start) }), hit.start - paragraph.lowerBound <= 4, hit.start < offset {
            return table.region(code: hit.code)?.ref
        }
        // A paragraph that names no place goes on about the county the text was last about.
        if !hits.contains(where: { paragraph.contains($0.start) }),
           let hit = hits.last(where: { hit in hit.start < paragraph.lowerBound && !hit.isLocative && about.contains { $0.code == hit.code } }),
           let region = table.region(code: hit.code), region.level == .county {
            return region.ref
        }
        return fallback
    }

    /// The region named after `offset` in its clause, the last of a run of names written
    /// together (赤峰市喀喇沁旗 → 喀喇沁旗), or nil.
    private func laterInClause(after offset: Int, sentence: Range<Int>) -> RegionRef? {
        guard var index = hits.firstIndex(where: { $0.start > offset && sentence.contains($0.start) && !$0.isLocative }) else { return nil }
        guard !(offset..<hits[index].start).contains(where: { CharacterClass.isClauseBreak(text[$0]) }) else { return nil }
        while index + 1 < hits.count, hits[index + 1].start == hits[index].end { index += 1 }
        return table.region(code: hits[index].code)?.ref
    }

    /// Words for the whole of the division an article is about.
    static let wholeRegionWords = ["全省", "全区", "全市", "全盟", "全旗", "全县"]

    /// The last whole-region word in `range` that names what is counted, with its offset: not a
    /// place (在全市建成, 于全区推广) or a rank (全市第一, 全区最低, 居全盟前列).
    private func wholeRegionWord(in range: Range<Int>) -> (word: String, start: Int)? {
        var offset = range.upperBound - 2
        while offset >= range.lowerBound {
            if text[offset] == "全", let word = Self.wholeRegionWords.first(where: { text.has($0, at: offset) }) {
                let isPlace = ["在", "于", "居", "列", "位", "向", "到"].contains { text.has($0, endingAt: offset) }
                let isRank = ["第", "最", "首", "前列", "领先", "率先"].contains { text.has($0, at: offset + 2) }
                if !isPlace && !isRank { return (word, offset) }
            }
            offset -= 1
        }
        return nil
    }

    /// The article's division that a whole-region word stands for: 全省 the province; 全区 a
    /// district when the article is about one, else the province (自治区); 全市 a county-level
    /// city when the article is about one, else the prefecture; 全盟 the league; 全旗/全县 the county.
    private func resolve(_ word: String) -> RegionRef? {
        let top = about.first { $0.level != .province }
        func province() -> RegionRef? {
            if let named = about.first(where: { $0.level == .province }) { return RegionRef(name: named.name, code: named.code) }
            guard let top, let code = table.ancestorCodes(of: top.code).last else { return nil }
            return table.region(code: code)?.ref
        }
        func first(_ level: RegionLevel, endingWith suffix: String) -> RegionRef? {
            about.first { $0.level == level && $0.name.hasSuffix(suffix) }.map { RegionRef(name: $0.name, code: $0.code) }
        }
        switch word {
        case "全省": return province()
        case "全区": return top?.level == .county && top?.name.hasSuffix("区") == true ? first(.county, endingWith: "区") : province()
        case "全市": return top?.level == .county && top?.name.hasSuffix("市") == true ? first(.county, endingWith: "市") : first(.prefecture, endingWith: "市")
        case "全盟": return first(.prefecture, endingWith: "盟")
        case "全旗": return first(.county, endingWith: "旗")
        default: return first(.county, endingWith: "县")
        }
    }
}

/// Tells the regions an article is about (subjects) from those it names in passing.
///
/// A division is a subject unless every mention of it in the body is in passing: a dateline
/// (新华社杭州8月9日电, 本报呼和浩特讯) or a route (通往兴安盟, 前往, 途经, 来自). The province is a
/// subject only when the article reports on the whole region: the title names it, at least as many
/// figures are located in it as in any one division below it, or it is the only division named.
/// Subjects come first, each group in rank order.
enum RegionRoles {
    /// Words right before a name that mark it as a destination or an origin (赴 also ends 赶赴, 奔赴).
    static let routeWords = ["通往", "前往", "途经", "来自", "开往", "赴"]

    /// Codes of the divisions whose every body mention is in passing.
    static func namedOnlyInPassing(_ hits: [RegionHit], text: ArticleText) -> Set<String> {
        var passing = Set<String>(), notPassing = Set<String>()
        for hit in hits {
            let isRoute = routeWords.contains { text.has($0, endingAt: hit.start) }
            if isRoute || isDateline(hit, text: text) { passing.insert(hit.code) } else { notPassing.insert(hit.code) }
        }
        return passing.subtracting(notPassing)
    }

    /// A dateline: an agency or paper right before the place (社, 网, 报, 台) and 电 or 讯 after
    /// it within a date's length (新华社杭州8月9日电, 本报呼和浩特讯).
    static func isDateline(_ hit: RegionHit, text: ArticleText) -> Bool {
        let agency = ["社", "网", "报", "台"].contains { text.has($0, endingAt: hit.start) }
        guard agency else { return false }
        var offset = hit.end
        while offset < text.count, offset - hit.end <= 8 {
            let scalar = text[offset]
            if scalar == "电" || scalar == "讯" { return true }
            guard CharacterClass.isDigit(scalar) || scalar == "月" || scalar == "日" || scalar == " " else { return false }
            offset += 1
        }
        return false
    }

    /// `ranked` with each region's role, subjects first.
    static func assign(_ ranked: [RegionMention], titleCodes: Set<String>, figureRegions: [String], passing: Set<String>) -> [RegionMention] {
        var figureCounts: [String: Int] = [:]
        for code in figureRegions { figureCounts[code, default: 0] += 1 }
        var subjects = Set<String>()
        for region in ranked where region.level != .province && (titleCodes.contains(region.code) || !passing.contains(region.code)) {
            subjects.insert(region.code)
        }
        let mostBelow = ranked.filter { $0.level != .province }.map { figureCounts[$0.code, default: 0] }.max() ?? 0
        for region in ranked where region.level == .province {
            let figuresHere = figureCounts[region.code, default: 0]
            if titleCodes.contains(region.code) || (figuresHere > 0 && figuresHere >= mostBelow) || subjects.isEmpty {
                subjects.insert(region.code)
            }
        }
        let withRoles = ranked.map { region -> RegionMention in
            var region = region
            region.role = subjects.contains(region.code) ? .subject : .mentioned
            return region
        }
        return withRoles.filter { $0.role == .subject } + withRoles.filter { $0.role == .mentioned }
    }
}
