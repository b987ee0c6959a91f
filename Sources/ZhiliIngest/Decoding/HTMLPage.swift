import CZhiliHTML
import Foundation

/// An HTML page reduced to its main text and metadata, through libxml2's HTML parser (see
/// `CZhiliHTML` for how the main text is chosen over the DOM).
///
/// Metadata comes from the page's markup, strongest first:
/// - title: `og:title` (or `ArticleTitle`), the article's `<h1>` or `<title>`, each without the
///   site name; the `<h1>` wins when it is the fuller form of the same title;
/// - date: `article:published_time`, `PubDate`, `datePublished`, `<time datetime>`, then
///   `发布时间`/`日期` lines outside the text, then the URL (`/2023/05/12/`, `t20230707_`);
/// - outlet: a `来源：` line outside the text or the `ContentSource` tag (``outletIsSource``),
///   else `og:site_name`/`SiteName`;
/// - canonical URL: `<link rel="canonical">`, `og:url` or the `Url` tag;
/// - editors and authors: `责任编辑` lines and `作者：`/`记者：` fields outside the text.
public struct HTMLPage: Sendable, Equatable {
    /// The main text: paragraphs separated by blank lines, `<br>` as line breaks.
    public var text: String
    /// The article's title, or nil.
    public var title: String?
    /// Publication date, ISO 8601 (`2023-05-12` or `2023-05-12T10:30`), or nil.
    public var date: String?
    /// The outlet: the `来源` the page names, or else the site's name.
    public var outlet: String?
    /// Whether ``outlet`` is a `来源` (the article's source) rather than the site's name.
    public var outletIsSource: Bool
    /// The page's canonical URL, or nil.
    public var canonicalURL: String?
    /// Editors named by a `责任编辑` line outside the text.
    public var editors: [String] = []
    /// Authors named by a `作者：`/`记者：` field outside the text.
    public var authors: [String] = []
    /// Only when parsed `explaining`: the visible blocks the main text left out, as removals of
    /// the rule ``CleaningRule/page(_:)`` (on no line of the text: line 0).
    public var leftOut: [Removal] = []
    /// What reading the page changed that a reader should know (elements nested too deep).
    public var warnings: [String] = []

    /// Creates a page value.
    public init(text: String, title: String? = nil, date: String? = nil, outlet: String? = nil,
                outletIsSource: Bool = false, canonicalURL: String? = nil) {
        self.text = text
        self.title = title
        self.date = date
        self.outlet = outlet
        self.outletIsSource = outletIsSource
        self.canonicalURL = canonicalURL
    }

    private static let dates = DateParser()
    private static let metadata = MetadataExtractor()

    /// Reads `html`; `url` (from the container) is a last source of the date. With
    /// `explaining`, also lists what the main text left out (``leftOut``).
    ///
    /// - Complexity: O(n): one parse, a few linear passes over the elements.
    public static func parse(_ html: String, url: String? = nil, explaining: Bool = false) -> HTMLPage {
        var utf8 = Array(html.utf8)
        guard !utf8.isEmpty, utf8.count < Int(Int32.max) else { return HTMLPage(text: "") }
        let parsed = utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                zhili_html_parse(chars.baseAddress, Int32(chars.count), explaining ? 1 : 0)
            }
        }
        guard let parsed else { return HTMLPage(text: "") }
        defer { zhili_html_page_free(parsed) }
        let raw = parsed.pointee
        func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
            guard let pointer else { return nil }
            let value = String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
        let text = raw.text.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: Int(raw.text_length)), as: UTF8.self) } ?? ""
        var page = HTMLPage(text: text)
        let siteName = string(raw.site_name)
        page.title = chooseTitle(meta: string(raw.meta_title), headline: string(raw.headline),
                                 title: string(raw.title), siteName: siteName)
        page.canonicalURL = string(raw.canonical)
        if raw.unwrapped_elements > 0 {
            page.warnings.append("HTML nested deeper than 200 elements: \(raw.unwrapped_elements) element(s) below that depth unwrapped (their text kept in place, scripts and hidden ones dropped)")
        }
        for line in (string(raw.left_out) ?? "").split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            page.leftOut.append(Removal(.page(String(line[..<tab])), text: String(line[line.index(after: tab)...]), line: 0))
        }

        var found = ArticleMetadata()
        for line in (string(raw.info_lines) ?? "").split(separator: "\n") {
            metadata.read(infoLine: String(line), into: &found)
        }
        // ISO 8601 (`2023-05-12T08:15:00+08:00`) reads as a date and a time once `T` is a space.
        page.date = string(raw.published).flatMap { dates.parse($0.replacingOccurrences(of: "T", with: " ")) }
            ?? found.date
            ?? [page.canonicalURL, url].compactMap { $0 }.lazy.compactMap(date(inURL:)).first
        page.editors = found.editors
        page.authors = found.authors
        if let source = string(raw.source) ?? found.outlet {
            page.outlet = source
            page.outletIsSource = true
        } else if let siteName {
            page.outlet = siteName
        }
        return page
    }

    /// The title: the headline when it is the fuller form of the meta or `<title>` title (without
    /// the site name), else that title, else the headline.
    static func chooseTitle(meta: String?, headline: String?, title: String?, siteName: String?) -> String? {
        // A title that is only the site's name (a portal's bare `<title>`) names no article.
        let named = (meta ?? title).map { withoutSiteName($0, siteName: siteName) }
            .flatMap { siteName.map(compact) == compact($0) ? nil : $0 }
        guard let headline, headline != siteName else { return named }
        guard let named else { return headline }
        let h = compact(headline), n = compact(named)
        if h == n || h.contains(n) || (n.contains(h) && h.count * 2 >= n.count) { return headline }
        return named
    }

    /// Separators between a title and the site's name or column in `<title>` (not `——`, which
    /// sets off a Chinese title's subtitle).
    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", "｜", "_", "--", " » "]

    /// `title` without the site name and column: of the parts that are not `siteName`, the first
    /// (`标题_栏目_站点`, `Title | Site`) unless another is more than twice as long (`Site | Title`).
    static func withoutSiteName(_ title: String, siteName: String?) -> String {
        var parts = [title]
        for separator in separators {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        parts = parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard parts.count > 1 else { return title }
        if let siteName { parts.removeAll { compact($0) == compact(siteName) } }
        guard let first = parts.first, let longest = parts.max(by: { $0.count < $1.count }) else { return title }
        return first.count * 2 >= longest.count ? first : longest
    }

    private static func compact(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)).lowercased()
    }

    /// The date in a URL path: `/2023/05/12/`, `/2023-05-12/`, `/202305/12/`, `t20230707_`,
    /// `-20191115/`.
    static func date(inURL url: String) -> String? {
        for expression in urlDates.expressions {
            guard let match = expression.firstMatch(in: url, range: NSRange(location: 0, length: url.utf16.count)),
                  let year = Range(match.range(at: 1), in: url), let month = Range(match.range(at: 2), in: url),
                  let day = Range(match.range(at: 3), in: url),
                  let m = Int(url[month]), let d = Int(url[day]), (1...12).contains(m), (1...31).contains(d) else { continue }
            return "\(url[year])-\(url[month])-\(url[day])"
        }
        return nil
    }

    /// The URL date patterns, compiled once (year, month and day are groups 1 to 3).
    private struct URLDates: @unchecked Sendable {
        // @unchecked: NSRegularExpression is immutable and thread-safe.
        let expressions = [
            "/((?:19|20)[0-9]{2})[/-]([01][0-9])[/-]([0-3][0-9])(?:[/_.-]|$)",
            "/((?:19|20)[0-9]{2})([01][0-9])/([0-3][0-9])/",
            "[/_t-]((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])(?:[_/.]|$)",
        ].map { try! NSRegularExpression(pattern: $0) }
    }
    private static let urlDates = URLDates()
}
