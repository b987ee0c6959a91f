import Hummingbird
import Logging
import NIOCore

/// Logs one line per request (method, path, status, duration) carrying Hummingbird's request id,
/// and returns the id to the client in `X-Request-Id`.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Level of the per-request line.
    let level: Logger.Level

    /// Creates the middleware.
    public init(level: Logger.Level = .info) {
        self.level = level
    }

    /// Conformance to `RouterMiddleware`.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = NIODeadline.now()
        var response = try await next(request, context)
        let elapsed = Double((NIODeadline.now() - start).nanoseconds) / 1_000_000
        let id = context.logger[metadataKey: "hb.request.id"]?.description
        if let id { response.headers[RequestLogMiddleware.requestIDHeader] = id }
        if context.logger.logLevel <= level {
            context.logger.log(
                level: level, "request",
                metadata: [
                    "method": .string(request.method.rawValue),
                    "path": .string(request.uri.path),
                    "status": .stringConvertible(response.status.code),
                    "ms": .string(String(format: "%.2f", elapsed)),
                ])
        }
        return response
    }

    /// `X-Request-Id`.
    public static var requestIDHeader: HTTPFields.Element.Name { HTTPFields.Element.Name("X-Request-Id")! }
}
