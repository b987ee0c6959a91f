import Foundation
import ZhiliStore
import Hummingbird
import Testing
@testable import ZhiliServer

/// docs/openapi.yaml documents exactly the API routes the router serves.
@Suite struct OpenAPITests {
    static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.yaml")

    /// `GET /path` for each operation under `paths:` (two-space path keys, four-space method keys).
    static func documentedOperations() throws -> Set<String> {
        let text = try String(contentsOf: documentURL, encoding: .utf8)
        var operations = Set<String>()
        var inPaths = false
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty { inPaths = line == "paths:"; continue }
            guard inPaths else { continue }
            if line.hasPrefix("  /") && !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    ") && !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                if ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"].contains(method) { operations.insert("\(method) \(path)") }
            }
        }
        return operations
    }

    @Test func documentedPathsMatchTheRoutes() async throws {
        let state = try await ServerState(store: SQLiteStoreFactory.readOnly(), configuration: ServerConfiguration())
        let router = buildRouter(state: state)
        let served = Set(router.routes.map { "\($0.method) \($0.path)" }.filter { $0.contains(" /api/") || $0.hasSuffix(" /healthz") })
        let documented = try Self.documentedOperations()
        #expect(documented.count == 8)
        #expect(served == documented)
    }
}

/// Opens the fixture index the way the server does.
enum SQLiteStoreFactory {
    static func readOnly() throws -> some ZhiliStore.ArticleStore {
        try ZhiliStore.SQLiteStore(path: ServerFixture.databasePath, mode: .readOnly)
    }
}
