import Hummingbird
import NIOCore

/// Where and how `zhili serve` listens, and the limits it enforces on requests.
public struct ServerConfiguration: Sendable {
    /// Interface to bind; loopback unless the operator says otherwise.
    public var host: String
    /// TCP port; 0 picks a free one.
    public var port: Int
    /// Longest accepted search query, in characters.
    public var maxQueryLength: Int
    /// Largest accepted page size (`limit`).
    public var maxPageSize: Int
    /// Largest accepted request body, in bytes.
    public var maxBodySize: Int
    /// Number of `/api/search` answers kept in memory; 0 turns the cache off.
    public var searchCacheSize: Int
    /// A connection that sends no complete request part (a whole header, say) for this long,
    /// and is not waiting for an answer, is closed: idle and slow clients cannot pile up.
    public var idleTimeout: TimeAmount
    /// How often the server looks whether its index changed (another process indexing into it);
    /// a change shows in counts, the region tree and cached answers within this time.
    public var indexCheckInterval: Duration
    /// Connections served at once; past it a new connection is answered 503 with `Retry-After`
    /// and closed (``ConnectionGate``).
    public var maxConnections: Int

    /// Creates a configuration; the defaults bind 127.0.0.1:8080.
    public init(host: String = "127.0.0.1", port: Int = 8080, maxQueryLength: Int = 200, maxPageSize: Int = 100, maxBodySize: Int = 16 * 1024, searchCacheSize: Int = 2048, idleTimeout: TimeAmount = .seconds(30), indexCheckInterval: Duration = .seconds(1), maxConnections: Int = ConnectionGate.defaultLimit) {
        self.host = host
        self.port = port
        self.maxQueryLength = maxQueryLength
        self.maxPageSize = maxPageSize
        self.maxBodySize = maxBodySize
        self.searchCacheSize = searchCacheSize
        self.idleTimeout = idleTimeout
        self.indexCheckInterval = indexCheckInterval
        self.maxConnections = maxConnections
    }
}
