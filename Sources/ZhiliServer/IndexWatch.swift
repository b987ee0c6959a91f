import Foundation
import Hummingbird
import ZhiliStore

/// What the server derives from its index — the article count, the region tree with its counts —
/// kept until the index changes under the server (another process indexing into the file it
/// reads): the first request after a change reads them again and empties the answer cache.
///
/// The store's ``ArticleStore/changeToken()`` is asked at most once per ``interval``, so a change
/// shows within that time.
public final class IndexWatch: @unchecked Sendable {
    /// Least time between two looks at the store's change token.
    public let interval: Duration
    private let lock = NSLock()
    private var token: String?
    private var lastLook: ContinuousClock.Instant
    private var count: Int?
    private var tree: RegionNode

    /// Starts from what the server read at start: the store's token, its article count and tree.
    init(token: String?, articleCount: Int?, regionTree: RegionNode, interval: Duration) {
        self.token = token
        self.count = articleCount
        self.tree = regionTree
        self.interval = interval
        self.lastLook = .now
    }

    /// Number of articles in the index, as last read.
    public var articleCount: Int? { lock.withLock { count } }

    /// Inner Mongolia's leagues and cities with their counties and article counts, as last read.
    public var regionTree: RegionNode { lock.withLock { tree } }

    /// Reads the count and the tree again, and empties `cache`, when the store's token changed
    /// since the last look (looking at most once per ``interval``).
    func refreshIfChanged(store: any ArticleStore, cache: ResponseCache) async throws {
        let now = ContinuousClock.now
        let due = lock.withLock {
            guard now - lastLook >= interval else { return false }
            lastLook = now
            return true
        }
        guard due, let current = try await store.changeToken(), current != lock.withLock({ token }) else { return }
        // Answers computed before this point may be stale: the cache refuses them from now on.
        cache.removeAll()
        let count = try await store.articleCount()
        let tree = try await store.regions(under: RegionResolver.innerMongolia)
        lock.withLock {
            token = current
            self.count = count
            self.tree = tree
        }
    }
}

/// Before each request, lets the ``IndexWatch`` look whether the index changed.
struct IndexWatchMiddleware<Context: RequestContext>: RouterMiddleware {
    let state: ServerState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await state.watch.refreshIfChanged(store: state.store, cache: state.searchCache)
        return try await next(request, context)
    }
}
