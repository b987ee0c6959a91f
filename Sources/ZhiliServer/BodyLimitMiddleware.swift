import Hummingbird

/// Refuses request bodies over a size limit with 413 before any handler sees them.
///
/// Every route is a GET, so a body is never needed; the limit bounds what a client can make the server buffer.
public struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Largest accepted body, in bytes.
    let maxBytes: Int

    /// Creates the middleware.
    public init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// Conformance to `RouterMiddleware`.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw APIError(.contentTooLarge, "request body over \(maxBytes) bytes")
        }
        var request = request
        if request.headers[.contentLength] != nil || request.headers[.transferEncoding] != nil {
            do {
                _ = try await request.collectBody(upTo: maxBytes)
            } catch {
                throw APIError(.contentTooLarge, "request body over \(maxBytes) bytes")
            }
        }
        return try await next(request, context)
    }
}
