import Hummingbird
import Logging

/// Turns every error into a response: JSON `{status, message}` under `/api` and `/healthz`,
/// an escaped HTML page elsewhere; unexpected errors become a logged 500 that reveals nothing.
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Renders the HTML error page.
    let pages: PageRenderer

    /// Creates the middleware.
    public init(pages: PageRenderer) {
        self.pages = pages
    }

    /// Conformance to `RouterMiddleware`.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = Self.apiError(for: error)
            if apiError.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            let path = request.uri.path
            if path.hasPrefix("/api/") || path == "/api" || path == "/healthz" {
                return try apiError.response(from: request, context: context)
            }
            return pages.errorPage(apiError)
        }
    }

    /// The status and message to show for `error`.
    static func apiError(for error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            return APIError(error.status, error.body ?? error.status.reasonPhrase.lowercased())
        case let error as any HTTPResponseError:
            return APIError(error.status, error.status.reasonPhrase.lowercased())
        default:
            return APIError(.internalServerError, "internal error; the server log has details")
        }
    }
}
