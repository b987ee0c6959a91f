import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// Counts the server's open connections and admits a new one only below the limit; past it a
/// connection is answered `503 Service Unavailable` (`Retry-After: 1`, `Connection: close`) and
/// closed at once, so a flood of connections can never take every file descriptor.
///
/// Refusals are logged once per burst: a warning at the first, a notice with the count when a
/// connection is admitted again.
public final class ConnectionGate: Sendable {
    /// Connections served at once.
    public let limit: Int
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var open = 0
        var refusedInBurst = 0
        var lingering = 0
    }

    /// Refused connections kept half-open at once so the client reads its 503 before the close
    /// (a close with its request unread would reset the connection and lose the answer).
    static let maximumLingering = 64
    /// How long a refused connection waits for the client to hang up after its 503.
    static let lingerTime = TimeAmount.milliseconds(500)

    /// What ``admit()`` decided.
    enum Decision: Equatable {
        case admitted
        case refused
    }

    /// Creates a gate admitting at most `limit` connections at once.
    public init(limit: Int, logger: Logger) {
        self.limit = max(1, limit)
        self.logger = logger
    }

    /// Connections open now (admitted and not yet closed).
    public var openConnections: Int { state.withLock { $0.open } }

    /// Admits a connection if fewer than ``limit`` are open; an admitted one must be released once.
    func admit() -> Decision {
        let (decision, refusedBefore, first) = state.withLock { state -> (Decision, Int, Bool) in
            if state.open < limit {
                state.open += 1
                let refused = state.refusedInBurst
                state.refusedInBurst = 0
                return (.admitted, refused, false)
            }
            state.refusedInBurst += 1
            return (.refused, 0, state.refusedInBurst == 1)
        }
        if first {
            logger.warning("connection limit reached: refusing new connections with 503 until one closes", metadata: ["limit": "\(limit)"])
        } else if refusedBefore > 0 {
            logger.notice("accepting connections again", metadata: ["refused": "\(refusedBefore)", "limit": "\(limit)"])
        }
        return decision
    }

    /// Releases an admitted connection.
    func release() {
        state.withLock { $0.open -= 1 }
    }

    /// Whether a refused connection may stay half-open a moment (fewer than ``maximumLingering``
    /// do); one that may must call ``endLinger()`` once.
    func beginLinger() -> Bool {
        state.withLock { state in
            guard state.lingering < Self.maximumLingering else { return false }
            state.lingering += 1
            return true
        }
    }

    /// Ends a linger begun by ``beginLinger()``.
    func endLinger() {
        state.withLock { $0.lingering -= 1 }
    }

    /// The default limit: 512, or fewer when the process may open few files (half the
    /// descriptors left after 64 for the index, logs and the listening socket).
    public static var defaultLimit: Int {
        var limits = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0 else { return 512 }
        let files = Int(clamping: limits.rlim_cur)  // RLIM_INFINITY is the largest value
        return max(1, min(512, (files - 64) / 2))
    }
}

/// The HTTP/1 child channel of Hummingbird behind a ``ConnectionGate``: each accepted connection is
/// admitted (and released when it closes) or refused by a ``ConnectionRefusalHandler`` placed in
/// front of the HTTP codec.
struct GatedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let gate: ConnectionGate

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        switch gate.admit() {
        case .admitted:
            channel.closeFuture.whenComplete { [gate] _ in gate.release() }
        case .refused:
            do {
                try channel.pipeline.syncOperations.addHandler(ConnectionRefusalHandler(gate: gate), position: .first)
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
        }
        return inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// Answers a refused connection with a fixed `503 Service Unavailable` as soon as it is open and
/// closes it; what the client sends is never read into the HTTP codec. After the answer the
/// connection's sending side is shut and it waits up to ``ConnectionGate/lingerTime`` for the
/// client to hang up (unless many already wait: then it closes at once).
final class ConnectionRefusalHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let body = "{\"error\":\"the server has too many open connections; retry in a moment\"}\n"
    static let response = """
        HTTP/1.1 503 Service Unavailable\r
        Retry-After: 1\r
        Connection: close\r
        Content-Type: application/json; charset=utf-8\r
        Content-Length: \(body.utf8.count)\r
        \r
        \(body)
        """

    private let gate: ConnectionGate
    private var answered = false

    init(gate: ConnectionGate) {
        self.gate = gate
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { refuse(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        refuse(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Dropped: the connection gets the 503 whatever it asked.
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func refuse(context: ChannelHandlerContext) {
        guard !answered else { return }
        answered = true
        let channel = context.channel
        let buffer = channel.allocator.buffer(string: Self.response)
        let linger = gate.beginLinger()
        context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { [gate] result in
            guard linger, case .success = result else {
                if linger { gate.endLinger() }
                channel.close(promise: nil)
                return
            }
            channel.closeFuture.whenComplete { _ in gate.endLinger() }
            channel.close(mode: .output, promise: nil)
            channel.eventLoop.scheduleTask(in: ConnectionGate.lingerTime) { channel.close(promise: nil) }
        }
    }
}
