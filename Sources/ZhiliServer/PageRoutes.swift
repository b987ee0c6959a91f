import Foundation
import Hummingbird

/// The web pages (`/`, `/programs`, `/programs/{name}`, `/programs/{name}/timeline`, `/articles/{id}`,
/// `/compare`) and `/static/*`.
enum PageRoutes {
    /// Adds the page and static routes to `router`.
    static func add(to router: GetRoutes<some RequestContext>, state: ServerState) {
        router.get("/") { request, _ in
            try await SearchPage.response(QueryParameters(request), state: state)
        }
        router.get("/programs") { request, _ in
            try await ProgramPages.list(QueryParameters(request), state: state)
        }
        router.get("/programs/{name}") { _, context in
            // Path parameters arrive percent-encoded (老李调解室 is %E8%80%81…).
            try await ProgramPages.detail(name: context.parameters.get("name")?.removingPercentEncoding, state: state)
        }
        router.get("/programs/{name}/timeline") { request, context in
            try await ProgramPages.timeline(
                name: context.parameters.get("name")?.removingPercentEncoding, query: QueryParameters(request), state: state)
        }
        router.get("/articles/{id}") { _, context in
            let record = try await APIRoutes.article(context.parameters.get("id")?.removingPercentEncoding, state: state)
            return ArticlePage.response(ArticleView(record: record), state: state)
        }
        router.get("/compare") { request, _ in
            try await ComparePage.response(QueryParameters(request), state: state)
        }
        router.get("/static/{file}") { request, _ in
            guard let response = state.assets.response(for: request.uri.path) else {
                throw APIError.notFound("file")
            }
            return response
        }
    }
}
