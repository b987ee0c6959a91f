import Foundation
import NIOSSL
import PostgresNIO

/// A PostgreSQL connection string, `postgres://user[:password]@host[:port]/database[?sslmode=…]`,
/// read into a PostgresNIO client configuration.
///
/// ```swift
/// let location = try ConnectionString("postgres://zhili@127.0.0.1:5432/zhili")
/// let client = PostgresClient(configuration: location.configuration)
/// ```
///
/// The password may come from the URL or from `PGPASSWORD`; `sslmode` is `disable` (the default),
/// `prefer` or `require`. The user defaults to `USER`, the port to 5432. libpq's URI format:
/// <https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING>.
public struct ConnectionString: Sendable, CustomStringConvertible {
    /// Why a connection string was rejected; the message says what to write instead.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        /// The rejected string with any password hidden.
        public var text: String
        /// What is wrong with it.
        public var reason: String

        public var description: String {
            "bad PostgreSQL connection string '\(text)': \(reason); expected postgres://user[:password]@host[:port]/database"
        }
    }

    /// How TLS is used.
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    /// Host name or address.
    public var host: String
    /// TCP port.
    public var port: Int
    /// User name.
    public var user: String
    /// Password, if any (never printed).
    public var password: String?
    /// Database name.
    public var database: String
    /// TLS mode.
    public var tls: TLSMode

    /// Whether `text` names a PostgreSQL database rather than an SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`.
    ///
    /// - Throws: ``Invalid`` naming the missing or malformed part.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let shown = Self.redacted(text)
        func invalid(_ reason: String) -> Invalid { Invalid(text: shown, reason: reason) }
        guard Self.isPostgres(text) else { throw invalid("it must start with postgres:// or postgresql://") }
        guard let components = URLComponents(string: text) else { throw invalid("it is not a valid URL (percent-encode special characters in the password)") }
        guard let host = components.host, !host.isEmpty else { throw invalid("no host (write 127.0.0.1 or a host name after @)") }
        if let port = components.port, !(1...65535).contains(port) { throw invalid("port \(port) is not between 1 and 65535") }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !database.isEmpty else { throw invalid("no database name (add /NAME after the host)") }
        guard !database.contains("/") else { throw invalid("the database name '\(database)' holds a '/'") }
        var tls = TLSMode.disable
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw invalid("sslmode must be disable, prefer or require")
                }
                tls = mode
            case "application_name", "connect_timeout":
                continue
            default:
                throw invalid("unknown parameter '\(item.name)' (only sslmode is read)")
            }
        }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 5432
        let user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? environment["USER"] ?? ""
        guard !user.isEmpty else { throw invalid("no user (write USER@ before the host)") }
        self.user = user
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        self.database = database.removingPercentEncoding ?? database
        self.tls = tls
    }

    /// The client configuration: these credentials, with `maximumConnections` pooled.
    public func configuration(maximumConnections: Int = 8) throws -> PostgresClient.Configuration {
        let mode: PostgresClient.Configuration.TLS
        switch tls {
        case .disable: mode = .disable
        case .prefer: mode = .prefer(.makeClientConfiguration())
        case .require: mode = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: mode)
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.connectTimeout = .seconds(10)
        // Zhili's queries are short; compiling them (JIT, on by default in PostgreSQL 15 for
        // costly plans) takes longer than running them.
        configuration.options.additionalStartupParameters = [("jit", "off")]
        return configuration
    }

    /// The configuration of one connection outside the pool (the store's first contact, which
    /// must fail at once with the reason rather than wait for the pool's retries).
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let mode: PostgresConnection.Configuration.TLS
        switch tls {
        case .disable: mode = .disable
        case .prefer: mode = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: mode = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        return PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: mode)
    }

    /// The string without its password, for messages.
    public var description: String { "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }

    /// `text` with the password part of its user info replaced by `***`.
    static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text.range(of: "@", range: schemeEnd.upperBound..<text.endIndex) else { return text }
        let userInfo = text[schemeEnd.upperBound..<at.lowerBound]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at.lowerBound...])
    }
}
