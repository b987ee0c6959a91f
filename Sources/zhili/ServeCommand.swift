import ArgumentParser
import Logging
import ZhiliPostgres
import ZhiliServer

/// `zhili serve`: the JSON API and the web page over an index, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the search API and web page over an index.",
        discussion: """
            Opens the index read-only (zhili.db unless --db says otherwise, as for every command) and
            listens on 127.0.0.1 unless --host says otherwise.
            Stops gracefully on SIGINT (Ctrl-C) or SIGTERM, finishing requests in flight.

            Examples:
              zhili serve --db zhili.db
              zhili serve --db zhili.db --port 0    # any free port, printed
              zhili serve --db zhili.db --host 0.0.0.0 --port 8080
              zhili serve --db postgres://zhili@db/zhili --host 0.0.0.0  # one of many

            Over PostgreSQL, /healthz asks the database on every call (503 when it does not answer), \
            and no search answers are cached: other processes write the database while it serves.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Interface to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port: Int = 8080

    @Option(help: "Number of /api/search answers kept in memory (the index is read-only, so they stay valid); 0 turns the cache off.")
    var searchCache: Int = 2048

    @Option(help: ArgumentHelp("Connections served at once; past it a new one is answered 503 (Retry-After) and closed. Default: 512, or half the open-file limit when that is lower.", valueName: "n"))
    var maxConnections: Int = ConnectionGate.defaultLimit

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical. Each request is logged at info.")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard searchCache >= 0 else { throw ValidationError("--search-cache must be 0 or more") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be 1 or more") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "zhili.serve")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let location = database.db
        guard ConnectionString.isPostgres(location) else {
            let configuration = ServerConfiguration(host: host, port: port, searchCacheSize: searchCache, maxConnections: maxConnections)
            try await reporter.run {
                let app = try await buildApplication(databasePath: location, configuration: configuration, logger: logger)
                do {
                    try await app.runService()
                } catch {
                    if let message = configuration.listenFailure(error) { throw CommandFailure(message) }
                    throw error
                }
            }
            return
        }
        let configuration = ServerConfiguration(host: host, port: port, searchCacheSize: 0, maxConnections: maxConnections)
        try await reporter.run {
            let store = try await PostgresStore.open(location, mode: .readOnly)
            let state = try await ServerState(
                store: store, configuration: configuration, articleCount: try await store.articleCount(),
                database: DatabaseHealth(name: "postgresql") { try await store.health() })
            do {
                try await buildApplication(state: state, logger: logger).runService()
            } catch {
                if let message = configuration.listenFailure(error) { throw CommandFailure(message) }
                throw error
            }
        }
    }
}
