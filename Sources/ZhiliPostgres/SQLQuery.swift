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

/// Data-modifying statements sent to PostgreSQL as one, `WITH s1 AS (…), s2 AS (…) SELECT 1`:
/// one round trip instead of one each. PostgreSQL runs every part to completion, all against the
/// same snapshot, so the parts must not read what another part writes (the writer's inserts of
/// one article's rows, and its count updates of distinct rows, do not). Before the parameters
/// would pass PostgreSQL's limit of 65,535, the statement so far is sent and another begun.
final class CombinedStatement {
    /// Parameters in one statement, under PostgreSQL's 65,535.
    static let parameterLimit = 60_000

    private let connection: PostgresConnection
    private let logger: Logger
    private var query = SQLQuery("WITH ")
    private var parts = 0
    private var parameters = 0

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Adds the statement `build` writes (binding its values on the query it is given), which
    /// binds `parameters` values.
    func add(parameters count: Int, _ build: (SQLQuery) -> String) async throws {
        if parts > 0, parameters + count > Self.parameterLimit { try await send() }
        let sql = build(query)
        query.append((parts == 0 ? "" : ", ") + "s\(parts) AS (" + sql + ")")
        parts += 1
        parameters += count
    }

    /// Sends what was added since the last send.
    func send() async throws {
        guard parts > 0 else { return }
        query.append(" SELECT 1")
        try await query.run(on: connection, logger: logger)
        query = SQLQuery("WITH ")
        parts = 0
        parameters = 0
    }
}

/// Rows for one table sent as multi-row `INSERT … VALUES (…), (…) …` statements: rows are added
/// one at a time and go to PostgreSQL in as few statements as its parameter limit allows (one
/// round trip each), so a batch of records fills a table in a few statements.
final class RowInserter {
    /// Rows in one statement at most (a full-text row is about 14 KB of text).
    static let rowLimit = 1000

    private let connection: PostgresConnection
    private let logger: Logger
    private let head: String
    private let tail: String
    private var query: SQLQuery
    private var rows = 0
    private var parameters = 0

    /// An insert into the table and columns `head` names (`INSERT INTO t (a, b)`), with `tail`
    /// (e.g. ` ON CONFLICT DO NOTHING`) after the rows.
    init(connection: PostgresConnection, logger: Logger, _ head: String, tail: String = "") {
        self.connection = connection
        self.logger = logger
        self.head = head
        self.tail = tail
        query = SQLQuery(head + " VALUES ")
    }

    /// Adds the row whose values `build` binds on the query it is given (placeholders, or
    /// placeholders with a cast, one string per column).
    func add(_ build: (SQLQuery) -> [String]) async throws {
        let values = build(query)
        query.append((rows == 0 ? "(" : ", (") + values.joined(separator: ", ") + ")")
        rows += 1
        parameters += values.count
        if rows >= Self.rowLimit || parameters + values.count > CombinedStatement.parameterLimit { try await send() }
    }

    /// Sends the rows added since the last send.
    func send() async throws {
        guard rows > 0 else { return }
        query.append(tail)
        try await query.run(on: connection, logger: logger)
        query = SQLQuery(head + " VALUES ")
        rows = 0
        parameters = 0
    }
}
