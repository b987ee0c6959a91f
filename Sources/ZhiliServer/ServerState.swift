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
    /// The article count and region tree, read again when the index changes under the server.
    public let watch: IndexWatch
    /// Inner Mongolia's leagues and cities with their counties and article counts.
    public var regionTree: RegionNode { watch.regionTree }
    /// Number of articles in the index.
    public var articleCount: Int? { watch.articleCount }
    /// Page templates.
    public let pages: PageRenderer
    /// Stylesheet and script.
    public let assets: StaticAssets
    /// Encoded `/api/search` answers by query string, emptied when the index changes (``IndexWatch``).
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
        let token = try await store.changeToken()
        self.watch = IndexWatch(
            token: token, articleCount: articleCount, regionTree: try await store.regions(under: RegionResolver.innerMongolia),
            interval: configuration.indexCheckInterval)
        self.pages = try PageRenderer()
        self.assets = try StaticAssets()
        self.searchCache = ResponseCache(capacity: configuration.searchCacheSize)
    }

    /// The 12 leagues and cities, in code order.
    public var prefectures: [RegionNode] { regionTree.children.filter { $0.level == .prefecture } }
}
