import PostgresNIO
import ZhiliStore

/// Why the PostgreSQL store could not do what was asked; the message says what to do.
public enum PostgresStoreError: Error, Sendable, CustomStringConvertible {
    /// The server could not be reached or refused the connection.
    case cannotConnect(location: String, reason: String)
    /// The database has no Zhili schema (read-only commands do not create one).
    case notAnIndex(location: String)
    /// The database was migrated by a newer Zhili.
    case newerSchema(found: Int, known: Int)
    /// The server rejected a statement.
    case server(location: String, message: String)

    public var description: String {
        switch self {
        case .cannotConnect(let location, let reason):
            return "cannot connect to \(location): \(reason)"
        case .notAnIndex(let location):
            return "\(location): no Zhili index in this database; build one with `zhili index FILE --db \(location)`"
        case .newerSchema(let found, let known):
            return "the database has schema version \(found), newer than this zhili's \(known); upgrade zhili"
        case .server(let location, let message):
            return "\(location): \(message)"
        }
    }

    /// `error` from PostgresNIO as a store error naming `location`; other errors unchanged.
    static func wrap(_ error: any Error, location: String) -> any Error {
        if let transaction = error as? PostgresTransactionError,
           let cause = transaction.closureError ?? transaction.beginError ?? transaction.commitError {
            return wrap(cause, location: location)
        }
        guard let error = error as? PSQLError else { return error }
        if let message = error.serverInfo?[.message] {
            let hint = error.serverInfo?[.hint].map { " (\($0))" } ?? ""
            let code = error.serverInfo?[.sqlState].map { " [SQLSTATE \($0)]" } ?? ""
            if let state = error.serverInfo?[.sqlState], state.hasPrefix("28") || state == "3D000" {
                return PostgresStoreError.cannotConnect(location: location, reason: message + hint)
            }
            // disk_full: the same sentence as SQLite's full disk (what is kept, run with --resume).
            if error.serverInfo?[.sqlState] == "53100" { return StoreError.diskFull(path: location) }
            return PostgresStoreError.server(location: location, message: message + hint + code)
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown:
            let underlying = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return PostgresStoreError.cannotConnect(
                location: location, reason: "\(underlying); is the server running and listening there?")
        default:
            return PostgresStoreError.server(location: location, message: "\(error.code)" + (error.underlying.map { ": \($0)" } ?? ""))
        }
    }
}
