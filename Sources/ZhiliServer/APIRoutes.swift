import Foundation
import Hummingbird
import ZhiliCore
import ZhiliStore

/// The JSON API: `/api/search`, `/api/programs`, `/api/programs/timeline`, `/api/compare`, `/api/indicators`, `/api/regions`,
/// `/api/articles/{id}` and `/healthz`. Documented in `docs/openapi.yaml`.
enum APIRoutes {
    /// Longest accepted program filter, region name, indicator id or article id.
    static let maxNameLength = 64

    /// Adds the API routes to `router`.
    static func add(to router: GetRoutes<some RequestContext>, state: ServerState) {
        router.get("/healthz") { _, _ in
            guard let database = state.database else { return try JSONResponse.make(Health(status: "ok", articles: state.articleCount)) }
            do {
                let count = try await database.articleCount()
                return try JSONResponse.make(Health(status: "ok", articles: count, database: database.name))
            } catch {
                return try JSONResponse.make(
                    Health(status: "unavailable", articles: nil, database: database.name, error: "\(error)"), status: .serviceUnavailable)
            }
        }
        router.get("/api/search") { request, _ in
            let key = request.uri.query ?? ""
            if let cached = state.searchCache.value(for: key) { return JSONResponse.make(bytes: cached) }
            let generation = state.searchCache.generation
            let search = try searchRequest(QueryParameters(request), state: state)
            let bytes = try JSONResponse.encode(try await storeCall { try await state.store.search(search) })
            state.searchCache.store(bytes, for: key, generation: generation)
            return JSONResponse.make(bytes: bytes)
        }
        router.get("/api/programs") { request, _ in
            let query = QueryParameters(request)
            let programs = ProgramsRequest(
                query: try query.string("q", maxLength: maxNameLength),
                region: try query.string("region", maxLength: maxNameLength),
                limit: try query.int("limit", in: 1...state.configuration.maxPageSize, default: 50)!)
            let groups = try await storeCall { try await state.store.programs(programs) }
            return try JSONResponse.make(ProgramList(programs: groups))
        }
        router.get("/api/programs/timeline") { request, _ in
            let query = QueryParameters(request)
            guard let text = try query.string("q", maxLength: maxNameLength) else {
                throw APIError.badParameter("q", "required: a program name or part of one")
            }
            let exact = try query.string("exact", maxLength: 5)
            guard exact == nil || exact == "true" || exact == "false" else {
                throw APIError.badParameter("exact", "expected true or false")
            }
            let timelines = ProgramTimelineRequest(
                query: text, exactName: exact == "true", region: try query.string("region", maxLength: maxNameLength),
                limit: try query.int("limit", in: 1...state.configuration.maxPageSize, default: 20)!)
            return try JSONResponse.make(TimelineList(timelines: try await storeCall { try await state.store.programTimelines(timelines) }))
        }
        router.get("/api/compare") { request, _ in
            let compare = try compareRequest(QueryParameters(request), required: true)!
            return try JSONResponse.make(try await storeCall { try await state.store.compare(compare) })
        }
        router.get("/api/indicators") { _, _ in
            let indicators = try await storeCall { try await state.store.indicators() }
            return try JSONResponse.make(IndicatorList(indicators: indicators))
        }
        router.get("/api/regions") { request, _ in
            let under = try QueryParameters(request).string("under", maxLength: maxNameLength) ?? RegionResolver.innerMongolia
            if under == RegionResolver.innerMongolia { return try JSONResponse.make(state.regionTree) }
            return try JSONResponse.make(try await storeCall { try await state.store.regions(under: under) })
        }
        router.get("/api/articles/{id}") { request, context in
            let record = try await article(context.parameters.get("id")?.removingPercentEncoding, state: state)
            return try JSONResponse.make(ArticleView(record: record))
        }
    }

    /// The search a request asks for; 400 for a missing query without filters or a bad parameter.
    static func searchRequest(_ query: QueryParameters, state: ServerState) throws -> SearchRequest {
        let text = try query.string("q", maxLength: state.configuration.maxQueryLength)
        let filters = SearchFilters(
            region: try query.string("region", maxLength: maxNameLength),
            years: try query.years("year"),
            program: try query.string("program", maxLength: maxNameLength),
            indicator: try query.string("indicator", maxLength: maxNameLength))
        if text == nil && filters.isEmpty {
            throw APIError.badParameter("q", "required unless a filter (region, year, program, indicator) is given")
        }
        var after: SearchCursor?
        if let token = try query.string("after", maxLength: 200) {
            guard let cursor = SearchCursor(token: token) else {
                throw APIError.badParameter("after", "not a cursor this server gave; use the \"next\" of the previous page")
            }
            after = cursor
        }
        return SearchRequest(
            query: text ?? "", filters: filters,
            limit: try query.int("limit", in: 1...state.configuration.maxPageSize, default: 20)!,
            offset: try query.int("offset", in: 0...SearchRequest.maximumOffset, default: 0)!, after: after)
    }

    /// The comparison a request asks for; nil when `indicator` is absent and not `required`.
    ///
    /// Parameters: `indicator` (id or Chinese label), `level` (prefecture|county), `within`,
    /// `year` (`2022` or `2021..2023`), `kind` (level|change|rate|target), `select`
    /// (latest|all|by_year) and `rollup` (1 or true).
    static func compareRequest(_ query: QueryParameters, required: Bool) throws -> CompareRequest? {
        guard let indicator = try query.string("indicator", maxLength: maxNameLength) else {
            if required { throw APIError.badParameter("indicator", "required; /api/indicators lists the ids and labels") }
            return nil
        }
        var level = RegionLevel.prefecture
        if let raw = try query.string("level", maxLength: 16) {
            guard let parsed = RegionLevel(rawValue: raw), parsed != .province else {
                throw APIError.badParameter("level", "expected prefecture or county, got '\(raw)'")
            }
            level = parsed
        }
        var kind: FigureRole?
        if let raw = try query.string("kind", maxLength: 16) {
            guard let parsed = FigureRole(rawValue: raw) else {
                throw APIError.badParameter("kind", "expected level, change, rate or target, got '\(raw)'")
            }
            kind = parsed
        }
        var selection = CompareRequest.Selection.latest
        if let raw = try query.string("select", maxLength: 16) {
            guard let parsed = CompareRequest.Selection(rawValue: raw) else {
                throw APIError.badParameter("select", "expected latest, all or by_year, got '\(raw)'")
            }
            selection = parsed
        }
        var rollup = false
        if let raw = try query.string("rollup", maxLength: 8) {
            guard ["1", "true", "0", "false"].contains(raw) else { throw APIError.badParameter("rollup", "expected 1 or 0, got '\(raw)'") }
            rollup = raw == "1" || raw == "true"
        }
        return CompareRequest(
            indicator: indicator, level: level,
            within: try query.string("within", maxLength: maxNameLength),
            years: try query.years("year"), kind: kind, selection: selection, rollup: rollup)
    }

    /// The stored record `id`; 400 for an over-long id, 404 when there is none.
    static func article(_ id: String?, state: ServerState) async throws -> ArticleRecord {
        guard let id, !id.isEmpty, id.unicodeScalars.count <= maxNameLength else {
            throw APIError.badParameter("id", "expected an article id of at most \(maxNameLength) characters")
        }
        guard let record = try await storeCall({ try await state.store.article(id: id) }) else {
            throw APIError.notFound("article '\(id)'")
        }
        return record
    }

    /// `/healthz` answer; `database` and `error` only for a shared database (``DatabaseHealth``).
    struct Health: Encodable {
        var status: String
        var articles: Int?
        var database: String? = nil
        var error: String? = nil
    }

    /// `/api/programs` answer.
    struct ProgramList: Encodable {
        let programs: [ProgramGroup]
    }

    /// `/api/programs/timeline` answer.
    struct TimelineList: Encodable {
        let timelines: [ProgramTimeline]
    }

    /// `/api/indicators` answer.
    struct IndicatorList: Encodable {
        let indicators: [IndicatorSummary]
    }
}
