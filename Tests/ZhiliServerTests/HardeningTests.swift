#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import ZhiliServer
import ZhiliStore

/// Issue #19 (8, 14): HEAD, 405, security headers and the idle timeout.
@Suite struct HardeningTests {
    @Test func headIsAnsweredLikeGetWithoutBody() async throws {
        try await ServerFixture.app().test(.router) { client in
            for uri in ["/", "/healthz", "/api/search?q=\(q("调解室"))", "/static/app.css"] {
                try await client.execute(uri: uri, method: .head) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.body.readableBytes == 0, "\(uri)")
                    #expect(response.headers[.contentType] != nil, "\(uri)")
                }
            }
        }
    }

    /// Defect 12: `/healthz` counts and cached answers followed the index as it was at start.
    /// Another process indexing into the file now shows at the next look (here: every request).
    @Test func countsAndCachedAnswersFollowTheIndexWhenItChanges() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zhili-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("zhili.db").path
        let writer = try SQLiteStore(path: path, mode: .readWrite)
        let wuhai = try #require(ServerFixture.records.first { $0.article.id == "wuhai" })
        try await writer.write(ServerFixture.records.filter { $0.article.id != "wuhai" })
        var logger = Logger(label: "zhili.test")
        logger.logLevel = .warning
        let app = try await buildApplication(
            databasePath: path, configuration: ServerConfiguration(port: 0, indexCheckInterval: .zero), logger: logger)
        try await app.test(.router) { client in
            let before = try await client.execute(uri: "/healthz", method: .get) { String(buffer: $0.body) }
            let search = "/api/search?q=\(q("反诈"))"
            let cached = try await client.execute(uri: search, method: .get) { String(buffer: $0.body) }
            #expect(!cached.contains("乌海市打击治理电信网络诈骗"))

            try await writer.write([wuhai])
            let after = try await client.execute(uri: "/healthz", method: .get) { String(buffer: $0.body) }
            #expect(before.contains("\"articles\":\(ServerFixture.records.count - 1)"), "\(before)")
            #expect(after.contains("\"articles\":\(ServerFixture.records.count)"), "\(after)")
            let fresh = try await client.execute(uri: search, method: .get) { String(buffer: $0.body) }
            #expect(fresh.contains("乌海市打击治理电信网络诈骗"), "\(fresh)")
        }
    }

    @Test func unknownMethodsOnKnownPathsAre405() async throws {
        try await ServerFixture.app().test(.router) { client in
            for (uri, method) in [("/api/search?q=x", HTTPRequest.Method.post), ("/", .delete), ("/articles/laoli", .put), ("/programs/x", .patch)] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == "GET, HEAD", "\(method) \(uri)")
                }
            }
            try await client.execute(uri: "/no/such/page", method: .post) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/search", method: .post) { response in
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            }
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await ServerFixture.app().test(.router) { client in
            for uri in ["/", "/api/search?q=\(q("调解室"))", "/no/such/page", "/static/app.js"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[HTTPFields.Element.Name("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                    #expect(response.headers[HTTPFields.Element.Name("X-Frame-Options")!] == "DENY", "\(uri)")
                    let policy = try #require(response.headers[HTTPFields.Element.Name("Content-Security-Policy")!], "\(uri)")
                    #expect(policy.contains("default-src 'self'"))
                    #expect(policy.contains("frame-ancestors 'none'"))
                }
            }
        }
    }

    @Test func anIdleConnectionIsClosed() async throws {
        var logger = Logger(label: "zhili.test")
        logger.logLevel = .warning
        let app = try await buildApplication(
            databasePath: ServerFixture.databasePath, configuration: ServerConfiguration(port: 0, idleTimeout: .milliseconds(300)), logger: logger)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Reads time out after 5 s (RawConnection).
            let connection = try #require(RawConnection(port: port))
            // Half a request header, then nothing: the server must hang up, not wait forever.
            let partial = Array("GET /healthz HTTP/1.1\r\nHost: x\r\n".utf8)
            #expect(write(connection.fd, partial, partial.count) == partial.count)
            let started = Date()
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = read(connection.fd, &buffer, buffer.count)
            #expect(count == 0, "the server kept the idle connection open")
            #expect(Date().timeIntervalSince(started) < 4)
        }
    }
}
