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
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(fd >= 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            try #require(connected == 0)
            // Half a request header, then nothing: the server must hang up, not wait forever.
            let partial = Array("GET /healthz HTTP/1.1\r\nHost: x\r\n".utf8)
            #expect(write(fd, partial, partial.count) == partial.count)
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let started = Date()
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = read(fd, &buffer, buffer.count)
            #expect(count == 0, "the server kept the idle connection open")
            #expect(Date().timeIntervalSince(started) < 4)
        }
    }
}
