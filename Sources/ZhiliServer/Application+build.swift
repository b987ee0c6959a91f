import Hummingbird
import HummingbirdCore
import Logging
import ZhiliStore

/// Opens the index at `databasePath` read-only and builds the server application on it.
///
/// ```swift
/// let app = try await buildApplication(databasePath: "zhili.db", configuration: ServerConfiguration(port: 8080))
/// try await app.runService()   // stops gracefully on SIGINT or SIGTERM
/// ```
public func buildApplication(
    databasePath: String, configuration: ServerConfiguration, logger: Logger = Logger(label: "zhili.serve")
) async throws -> some ApplicationProtocol {
    let store = try SQLiteStore(path: databasePath, mode: .readOnly)
    let state = try await ServerState(store: store, configuration: configuration, articleCount: try store.articleCount())
    return buildApplication(state: state, logger: logger)
}

/// Builds the server application over prepared state; tests call this with a store they filled.
public func buildApplication(state: ServerState, logger: Logger = Logger(label: "zhili.serve")) -> some ApplicationProtocol {
    let address = "http://\(state.configuration.host):"
    let gate = ConnectionGate(limit: state.configuration.maxConnections, logger: logger)
    let http1 = HTTP1Channel.Configuration(idleTimeout: state.configuration.idleTimeout)
    return Application(
        router: buildRouter(state: state),
        // Past `maxConnections` open connections a new one is answered 503 and closed at once.
        server: HTTPServerBuilder { responder in
            GatedHTTP1Channel(inner: HTTP1Channel(responder: responder, configuration: http1), gate: gate)
        },
        configuration: .init(address: .hostname(state.configuration.host, port: state.configuration.port), serverName: "zhili"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? state.configuration.port
            logger.notice("listening on \(address)\(port)", metadata: ["articles": "\(state.articleCount ?? 0)", "max_connections": "\(gate.limit)"])
        },
        logger: logger)
}

/// The router: security headers, request logging with ids, JSON or HTML errors, a body limit,
/// the API, the pages and static files; HEAD is answered like GET without a body, and any other
/// method on a known path is 405.
public func buildRouter(state: ServerState) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ErrorMiddleware(pages: state.pages))
    router.add(middleware: BodyLimitMiddleware(maxBytes: state.configuration.maxBodySize))
    router.add(middleware: IndexWatchMiddleware(state: state))
    let routes = GetRoutes(router)
    APIRoutes.add(to: routes, state: state)
    PageRoutes.add(to: routes, state: state)
    // Added after the routes, so it sees only requests no route answered.
    router.add(middleware: MethodNotAllowedMiddleware(paths: routes.paths))
    return router
}
