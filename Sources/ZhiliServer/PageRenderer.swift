import Foundation
import Hummingbird
import Mustache

/// Renders the web pages from the Mustache templates bundled with ZhiliServer.
///
/// `{{name}}` escapes; the few `{{{name}}}` slots take HTML that ``HTML``, ``HighlightedText``,
/// ``BarChart`` or ``RegionMap`` built with every piece of text escaped.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads the bundled templates.
    public init() throws {
        guard let directory = Bundle.module.url(forResource: "templates", withExtension: nil) else {
            throw APIError(.internalServerError, "templates missing from the ZhiliServer bundle")
        }
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        self.library = library
    }

    /// The page from template `name` rendered with `values`, as a `text/html` response.
    public func page(_ name: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(values, withTemplate: name) ?? "<!doctype html><title>template \(HTML.escape(name)) missing</title>"
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The HTML error page for `error`.
    public func errorPage(_ error: APIError) -> Response {
        page("error", ["status": error.status.code, "message": error.message], status: error.status)
    }
}
