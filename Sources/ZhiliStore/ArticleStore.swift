import ZhiliCore

/// A durable index of article records that answers search, program, comparison and region queries.
///
/// ``SQLiteStore`` implements it over one file, `PostgresStore` (ZhiliPostgres) over a PostgreSQL
/// database shared by many processes; both return the same values. Every method is safe to call from several tasks at once, and none blocks the
/// calling task's thread on the database (``SQLiteStore`` awaits GRDB's async reads and writes).
public protocol ArticleStore: Sendable {
    /// Adds or replaces `records` in one transaction; a record whose id is already stored replaces it.
    @discardableResult
    func write(_ records: [ArticleRecord]) async throws -> WriteSummary

    /// Ranked articles matching a query and filters.
    func search(_ request: SearchRequest) async throws -> SearchResults

    /// Named programs matching a query and region, grouped by name.
    func programs(_ request: ProgramsRequest) async throws -> [ProgramGroup]

    /// Where and when each program a request names was first and last reported, by region and level,
    /// with text reused between regions (``ProgramTimeline/build(program:mentions:regions:within:)``
    /// turns fetched mentions into the answer).
    func programTimelines(_ request: ProgramTimelineRequest) async throws -> [ProgramTimeline]

    /// One indicator across the regions of one level within a region.
    func compare(_ request: CompareRequest) async throws -> Comparison

    /// Indicator ids with how many figures and articles report them.
    func indicators() async throws -> [IndicatorSummary]

    /// The division tree below `code` (Inner Mongolia by default), with article counts, for a picker.
    func regions(under code: String) async throws -> RegionNode

    /// The stored record with `id` (text, figures and programs with their offsets), or nil.
    func article(id: String) async throws -> ArticleRecord?

    /// Resolves a region name, alias or GB/T 2260 code (`乌兰察布`, `集宁区`, `150902`), or nil.
    func resolveRegion(_ text: String) async throws -> RegionRef?

    /// Number of stored articles.
    func articleCount() async throws -> Int

    /// A value that changes whenever the stored data changes, also when another process writes
    /// (nil when the store cannot tell). A server compares it to know when the counts and
    /// answers it keeps are stale.
    func changeToken() async throws -> String?
}
