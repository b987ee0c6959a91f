import Foundation
import Hummingbird

/// The stylesheet, script and OpenAPI document, read once at start-up and served from memory.
public struct StaticAssets: Sendable {
    /// One file: its bytes and content type.
    public struct Asset: Sendable {
        /// File contents.
        public var bytes: ByteBuffer
        /// `Content-Type` header value.
        public var contentType: String
    }

    /// Assets by URL path (`/static/app.css`).
    public let byPath: [String: Asset]

    /// Loads the bundled `static/` files.
    public init() throws {
        guard let directory = Bundle.module.url(forResource: "static", withExtension: nil) else {
            throw APIError(.internalServerError, "static files missing from the ZhiliServer bundle")
        }
        var byPath: [String: Asset] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            let type: String
            switch (file as NSString).pathExtension {
            case "css": type = "text/css; charset=utf-8"
            case "js": type = "text/javascript; charset=utf-8"
            case "yaml": type = "application/yaml; charset=utf-8"
            case "svg": type = "image/svg+xml"
            default: type = "application/octet-stream"
            }
            byPath["/static/" + file] = Asset(bytes: ByteBuffer(bytes: data), contentType: type)
        }
        self.byPath = byPath
    }

    /// The response for `path`, or nil when there is no such asset.
    public func response(for path: String) -> Response? {
        guard let asset = byPath[path] else { return nil }
        return Response(
            status: .ok,
            headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: asset.bytes))
    }
}
