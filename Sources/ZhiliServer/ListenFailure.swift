import Foundation
import NIOCore

extension ServerConfiguration {
    /// What to tell the operator when `error` means the server could not listen where this
    /// configuration says: the port is taken, needs privileges, or the host is not this machine's.
    /// Nil for any other error.
    public func listenFailure(_ error: any Error) -> String? {
        guard let error = error as? IOError else { return nil }
        switch error.errnoCode {
        case EADDRINUSE:
            return "port \(port) on \(host) is already in use (another zhili serve?); choose another with --port N, or --port 0 for any free port"
        case EACCES:
            return "port \(port) on \(host) needs privileges; choose one above 1023 with --port N"
        case EADDRNOTAVAIL:
            return "\(host) is not an address of this machine; listen on 127.0.0.1 (the default) or 0.0.0.0 with --host"
        default:
            return nil
        }
    }
}
