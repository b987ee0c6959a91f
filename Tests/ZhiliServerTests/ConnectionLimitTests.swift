#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import ZhiliServer

/// A blocking TCP client connection to 127.0.0.1, for tests that need connections held open.
final class RawConnection {
    let fd: Int32

    /// Connects to `port`; nil when the connection is not made.
    init?(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connected == 0 else {
            close(fd)
            return nil
        }
    }

    deinit { close(fd) }

    /// Sends a keep-alive GET for `path`.
    func get(_ path: String) -> Bool {
        let request = Array("GET \(path) HTTP/1.1\r\nHost: test\r\n\r\n".utf8)
        return write(fd, request, request.count) == request.count
    }

    /// Reads one response (headers and a `Content-Length` body), or everything up to the
    /// server's close; nil when nothing came.
    func readResponse() -> String? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = received.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                if received.count >= end.upperBound + length { return String(decoding: received, as: UTF8.self) }
            }
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { return received.isEmpty ? nil : String(decoding: received, as: UTF8.self) }
            received += buffer[..<count]
        }
    }

    /// Whether the server closed the connection (a read returns end of file).
    func isClosedByServer() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 256)
        return read(fd, &buffer, buffer.count) == 0
    }
}

/// Runs `body` on a thread of its own: blocking socket calls on the cooperative pool would starve
/// the server under test, whose requests run on that pool.
func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}

@Suite struct ConnectionLimitTests {
    /// What the clients of ``connectionsPastTheLimitAreRefusedWith503AndTheOthersStillServed()`` saw.
    struct Observed: Sendable {
        var first: [String?] = []
        var refusal: String?
        var refusedIsClosed = false
        var eager: String?
        var again: [String?] = []
        var servedAfterClosing = 0
    }

    /// `count` connections answered and held, one more refused, one refused though it sent its
    /// request at once, the held ones answered again, then two closed and two new ones served.
    static func scenario(port: Int, count: Int) -> Observed {
        var observed = Observed()
        var open: [RawConnection] = []
        for _ in 0..<count {
            guard let connection = RawConnection(port: port) else { return observed }
            _ = connection.get("/healthz")
            observed.first.append(connection.readResponse())
            open.append(connection)
        }
        if let extra = RawConnection(port: port) {
            observed.refusal = extra.readResponse()
            observed.refusedIsClosed = extra.isClosedByServer()
        }
        if let eager = RawConnection(port: port) {
            _ = eager.get("/healthz")
            observed.eager = eager.readResponse()
        }
        for connection in open {
            _ = connection.get("/healthz")
            observed.again.append(connection.readResponse())
        }
        open.removeFirst(2)
        var kept: [RawConnection] = []
        for _ in 0..<50 where observed.servedAfterClosing < 2 {
            if let connection = RawConnection(port: port), connection.get("/healthz"),
               connection.readResponse()?.hasPrefix("HTTP/1.1 200") == true {
                observed.servedAfterClosing += 1
                kept.append(connection)
            } else {
                usleep(20_000)
            }
        }
        return observed
    }

    @Test func connectionsPastTheLimitAreRefusedWith503AndTheOthersStillServed() async throws {
        var logger = Logger(label: "zhili.test")
        logger.logLevel = .error
        let limit = 3
        let app = try await buildApplication(
            databasePath: ServerFixture.databasePath, configuration: ServerConfiguration(port: 0, maxConnections: limit), logger: logger)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // The test framework's own client holds one connection from the start.
            let held = limit - 1
            let observed = await onThread { Self.scenario(port: port, count: held) }
            #expect(observed.first.count == held)
            #expect(observed.first.allSatisfy { $0?.hasPrefix("HTTP/1.1 200") == true }, "\(observed.first)")
            // Refused at once, politely, and closed.
            let refusal = try #require(observed.refusal)
            #expect(refusal.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
            #expect(refusal.contains("\r\nRetry-After: 1\r\n"))
            #expect(refusal.contains("\r\nConnection: close\r\n"))
            #expect(observed.refusedIsClosed)
            // A client that sends its request before reading still gets the 503.
            #expect(observed.eager?.hasPrefix("HTTP/1.1 503") == true, "\(observed.eager ?? "nothing")")
            // The admitted connections are still served, and after two close, two new ones are.
            #expect(observed.again.allSatisfy { $0?.hasPrefix("HTTP/1.1 200") == true }, "\(observed.again)")
            #expect(observed.servedAfterClosing == 2)
        }
    }

    @Test func theDefaultLimitLeavesDescriptorsToSpare() {
        var limits = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits)
        let limit = ConnectionGate.defaultLimit
        #expect(limit >= 1 && limit <= 512)
        #expect(limit <= max(1, (Int(clamping: limits.rlim_cur) - 64) / 2))
    }
}
