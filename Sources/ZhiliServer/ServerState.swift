import ZhiliExtract
import ZhiliStore

/// What every handler reads: the store, the renderers and facts computed once at start-up.
public struct ServerState: Sendable {
    /// The index, opened read-only by ``buildApplication(databasePath:configuration:logger:)``.
    public let store: any ArticleStore
    /// Limits and listening address.
    public let configuration: ServerConfiguration
    /// Division table for the region picker and the map.
    public let regions: RegionTable
    /// Inner Mongolia's leagues and cities with their counties and article counts.
    public let regionTree: RegionNode
    /// Number of articles in the index when the server started.
    public let articleCount: Int?
    /// Page templates.
    public let pages: PageRenderer
    /// Stylesheet and script.
    public let assets: StaticAssets
    /// Encoded `/api/search` answers by query string (the index is read-only, so they never go stale).
    public let searchCache: ResponseCache
    /// The live check of a shared database for `/healthz`, or nil for a single-file index.
    public let database: DatabaseHealth?

    /// Loads templates and assets and reads the region tree from `store`.
    public init(
        store: any ArticleStore, configuration: ServerConfiguration, regions: RegionTable = .bundled, articleCount: Int? = nil,
        database: DatabaseHealth? = nil
    ) async throws {
        self.database = database
        self.store = store
        self.configuration = configuration
        self.regions = regions
        self.regionTree = try await store.regions(under: RegionResolver.innerMongolia)
        self.articleCount = articleCount
        self.pages = try PageRenderer()
        self.assets = try StaticAssets()
        self.searchCache = ResponseCache(capacity: configuration.searchCacheSize)
    }

    /// The 12 leagues and cities, in code order.
    public var prefectures: [RegionNode] { regionTree.children.filter { $0.level == .prefecture } }
}
