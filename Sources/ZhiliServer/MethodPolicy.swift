import Hummingbird

/// Adds the server's GET routes to a router and remembers their paths, so that a request with
/// another method on one of them is answered 405 (see ``MethodNotAllowedMiddleware``).
final class GetRoutes<Context: RequestContext> {
    private let router: Router<Context>
    /// The paths added, such as `/programs/{name}`.
    private(set) var paths: [String] = []

    init(_ router: Router<Context>) { self.router = router }

    /// Adds a GET route (HEAD follows, see ``buildRouter(state:)``).
    func get(_ path: String, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) {
        paths.append(path)
        router.get(RouterPath(path), use: handler)
    }
}

/// Answers 405 to a method other than GET and HEAD on a known path (every route is a GET);
/// other unmatched requests go on to 404. ``SecurityHeadersMiddleware`` adds `Allow`.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The routes' paths split into segments; `{name}` segments match any segment.
    let patterns: [[Substring]]

    init(paths: [String]) {
        patterns = paths.map { $0.split(separator: "/") }
    }

    /// The methods every route takes.
    static var allowed: String { "GET, HEAD" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let method = request.method
        if method != .get && method != .head {
            let segments = request.uri.path.split(separator: "/")
            let known = patterns.contains { pattern in
                pattern.count == segments.count
                    && zip(pattern, segments).allSatisfy { $0.first == "{" || $0 == $1 }
            }
            if known { throw APIError(.methodNotAllowed, "method \(method.rawValue) not allowed; use \(Self.allowed)") }
        }
        return try await next(request, context)
    }
}

/// Adds to every response (errors too) the headers that keep browsers from misreading or
/// framing it: `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY` and a
/// `Content-Security-Policy` that lets the bundled page load only its own CSS and script;
/// and `Allow` to a 405.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The page uses /static/app.css and /static/app.js, no inline script or style, and draws
    /// its charts as inline SVG.
    static var contentSecurityPolicy: String {
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[HTTPFields.Element.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPFields.Element.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPFields.Element.Name("Content-Security-Policy")!] = Self.contentSecurityPolicy
        if response.status == .methodNotAllowed { response.headers[.allow] = MethodNotAllowedMiddleware<Context>.allowed }
        return response
    }
}
