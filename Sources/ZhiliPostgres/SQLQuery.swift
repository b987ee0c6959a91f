import Logging
import PostgresNIO

/// A statement built piece by piece with every value bound as a parameter (`$1`, `$2` …), never
/// spliced into the text: only fixed SQL and placeholders go into ``text``.
///
/// ```swift
/// let query = SQLQuery("SELECT id FROM articles WHERE key = ")
/// query.append(query.bind(key))
/// let rows = try await query.rows(on: connection, logger: logger)
/// ```
///
/// A class, so that `query.append("… \(query.bind(value)) …")` reads left to right.
final class SQLQuery {
    /// The SQL text with placeholders.
    private(set) var text: String
    private var bindings = PostgresBindings()
    private var count = 0

    init(_ text: String = "") { self.text = text }

    /// Appends fixed SQL text.
    func append(_ sql: String) { text += sql }

    /// Binds `value` and returns its placeholder.
    func bind<Value: PostgresThrowingDynamicTypeEncodable>(_ value: Value) -> String {
        // Every value type used here (String, Int, Int64, Double, Bool) encodes without throwing.
        try? bindings.append(value)
        count += 1
        return "$\(count)"
    }

    /// Binds `value`, or NULL, and returns its placeholder.
    func bind<Value: PostgresThrowingDynamicTypeEncodable>(_ value: Value?) -> String {
        if let value { return bind(value) }
        bindings.appendNull()
        count += 1
        return "$\(count)"
    }

    /// The statement for PostgresNIO.
    var query: PostgresQuery { PostgresQuery(unsafeSQL: text, binds: bindings) }

    /// Runs the statement and collects its rows.
    func rows(on connection: PostgresConnection, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await connection.query(query, logger: logger) {
            rows.append(row.makeRandomAccess())
        }
        return rows
    }

    /// Runs the statement, discarding any rows.
    func run(on connection: PostgresConnection, logger: Logger) async throws {
        for try await _ in try await connection.query(query, logger: logger) {}
    }
}

extension PostgresRandomAccessRow {
    /// The value of column `name`, decoded as `T` (an optional type for a nullable column).
    func value<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try self[name].decode(T.self, context: .default)
    }

    /// The value of column `index`, decoded as `T`.
    func value<T: PostgresDecodable>(at index: Int, as type: T.Type = T.self) throws -> T {
        try self[index].decode(T.self, context: .default)
    }
}
