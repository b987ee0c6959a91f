import Foundation
import Hummingbird

/// An error answered as JSON `{"status": 400, "message": "…"}` with the same HTTP status.
public struct APIError: Error, HTTPResponseError, Sendable, Codable, Equatable {
    /// HTTP status.
    public var status: HTTPResponse.Status
    /// What went wrong and, where useful, what to send instead.
    public var message: String

    /// Creates an error with an HTTP status and a message.
    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case status, message }

    /// Decodes `{"status": 404, "message": "…"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = HTTPResponse.Status(code: try container.decode(Int.self, forKey: .status))
        message = try container.decode(String.self, forKey: .message)
    }

    /// Encodes `{"status": 404, "message": "…"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status.code, forKey: .status)
        try container.encode(message, forKey: .message)
    }

    /// A 400 naming the bad parameter.
    public static func badParameter(_ name: String, _ problem: String) -> APIError {
        APIError(.badRequest, "parameter '\(name)': \(problem)")
    }

    /// A 404 for an id or name that does not exist.
    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, "\(what) not found")
    }

    /// Conformance to `HTTPResponseError`.
    public var headers: HTTPFields { [:] }

    /// The JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(self)) ?? Data("{\"status\":\(status.code),\"message\":\"error\"}".utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
