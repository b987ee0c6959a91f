/// A full-text query with its filters and page.
///
/// Query syntax: words separated by spaces must all match (AND); `"…"` or `“…”` is a phrase;
/// `OR` (or `|`) between two words matches either; `-word` excludes. Each word is segmented by
/// Zhili's segmenter, so 1- and 2-character words match inside longer words (调解 in 老李调解室).
/// An empty query with filters lists matching articles, newest first.
///
/// Hits are ranked by BM25 with title matches weighted ×5, every match ranked, in one total order
/// (score, then the store's article key), so pages never overlap and the first hits do not depend
/// on the page size. ``after`` (the previous page's ``SearchResults/next``) continues where a page
/// ended without sorting and collapsing the hits before it again (every match is still scored). Matches are counted up to the store's count
/// limit (500 by default), beyond which the total is a lower bound.
public struct SearchRequest: Sendable, Codable, Hashable {
    /// The user's query text.
    public var query: String
    /// Region, year, program and indicator filters.
    public var filters: SearchFilters
    /// Page size, 1…``SearchRequest/maximumLimit`` (a search outside it fails with ``StoreError/invalidQuery(_:)``).
    public var limit: Int
    /// Hits to skip, 0…``SearchRequest/maximumOffset`` (a search outside it fails with ``StoreError/invalidQuery(_:)``).
    public var offset: Int
    /// Continue after this position (the ``SearchResults/next`` of the previous page); `offset`
    /// then skips hits after it.
    public var after: SearchCursor?

    /// The largest page size a store returns.
    public static let maximumLimit = 200
    /// The deepest page a store returns.
    public static let maximumOffset = 10_000
    /// The longest query, in Unicode scalars, a store accepts.
    public static let maximumQueryLength = 256

    /// Creates a request.
    public init(
        query: String, filters: SearchFilters = SearchFilters(), limit: Int = 20, offset: Int = 0, after: SearchCursor? = nil
    ) {
        self.query = query
        self.filters = filters
        self.limit = limit
        self.offset = offset
        self.after = after
    }
}

/// Restrictions on which articles a search returns.
public struct SearchFilters: Sendable, Codable, Hashable {
    /// A region name, alias or code; matches articles about it or any division below it.
    public var region: String?
    /// Publication years, inclusive.
    public var years: ClosedRange<Int>?
    /// A program name (or part of one) the article must mention.
    public var program: String?
    /// An indicator id the article must report a figure for.
    public var indicator: String?

    /// Creates filters; nil means no restriction.
    public init(region: String? = nil, years: ClosedRange<Int>? = nil, program: String? = nil, indicator: String? = nil) {
        self.region = region
        self.years = years
        self.program = program
        self.indicator = indicator
    }

    /// Whether no filter is set.
    public var isEmpty: Bool { region == nil && years == nil && program == nil && indicator == nil }
}
