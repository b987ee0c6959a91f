import Foundation
import Hummingbird

/// Encodes API values as compact JSON responses.
enum JSONResponse {
    /// `value` as `application/json`.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        make(bytes: try encode(value), status: status)
    }

    /// `value` encoded as compact JSON.
    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return ByteBuffer(bytes: try encoder.encode(value))
    }

    /// Already encoded JSON as a response.
    static func make(bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: bytes))
    }
}
