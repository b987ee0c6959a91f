import Foundation
import Hummingbird

/// An error answered as JSON `{"status": 400, "message": "…"}` with the same HTTP status.
public struct APIError: Error, HTTPResponseError, Sendable, Codable, Equatable {
    /// HTTP status code.
    public var status: Int
    /// What went wrong and, where useful, what to send instead.
    public var message: String

    /// Creates an error with an HTTP status and a message.
    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status.code
        self.message = message
    }

    /// A 400 naming the bad parameter.
    public static func badParameter(_ name: String, _ problem: String) -> APIError {
        APIError(.badRequest, "parameter '\(name)': \(problem)")
    }

    /// A 404 for an id or name that does not exist.
    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, "\(what) not found")
    }

    /// The HTTP status as a Hummingbird value.
    public var httpStatus: HTTPResponse.Status { HTTPResponse.Status(code: status) }

    /// Conformance to `HTTPResponseError`.
    public var headers: HTTPFields { [:] }

    /// The JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(self)) ?? Data("{\"status\":\(status),\"message\":\"error\"}".utf8)
        return Response(
            status: httpStatus,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
