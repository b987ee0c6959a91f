import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import ZhiliStore
@testable import ZhiliServer

/// `/healthz` over a shared database asks it on every call (``DatabaseHealth``).
@Suite struct DatabaseHealthTests {
    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "cannot connect to postgres://zhili@127.0.0.1:5432/zhili: connection refused" }
    }

    static func app(_ health: DatabaseHealth) async throws -> some ApplicationProtocol {
        let store = try SQLiteStore(path: ServerFixture.databasePath, mode: .readOnly)
        let state = try await ServerState(store: store, configuration: ServerConfiguration(port: 0), articleCount: 1, database: health)
        var logger = Logger(label: "zhili.test")
        logger.logLevel = .warning
        return buildApplication(state: state, logger: logger)
    }

    @Test func reportsTheLiveCountAndTheDatabase() async throws {
        try await Self.app(DatabaseHealth(name: "postgresql") { 42 }).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let health = try decode([String: APIRouteTests.JSONValue].self, response)
                #expect(health == [
                    "status": .string("ok"), "articles": .number(42), "database": .string("postgresql"),
                ])
            }
        }
    }

    @Test func aDatabaseThatDoesNotAnswerIs503WithTheReason() async throws {
        try await Self.app(DatabaseHealth(name: "postgresql") { throw Unreachable() }).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let health = try decode([String: APIRouteTests.JSONValue].self, response)
                #expect(health == [
                    "status": .string("unavailable"), "database": .string("postgresql"), "error": .string(Unreachable().description),
                ])
            }
        }
    }
}
