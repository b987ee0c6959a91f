/// How `/healthz` asks a database shared with other processes (PostgreSQL) whether it answers,
/// and how many articles it holds now; a single-file index needs none (its count is read once).
///
/// ```swift
/// let health = DatabaseHealth(name: "postgresql") { try await store.health() }
/// ```
public struct DatabaseHealth: Sendable {
    /// The kind of database, reported as `database` (`postgresql`).
    public var name: String
    /// The current number of articles; throws when the database does not answer in time.
    public var articleCount: @Sendable () async throws -> Int

    /// Creates a check named `name` that counts articles with `articleCount`.
    public init(name: String, articleCount: @escaping @Sendable () async throws -> Int) {
        self.name = name
        self.articleCount = articleCount
    }
}
