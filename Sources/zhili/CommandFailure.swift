import ZhiliStore

/// The one way a command fails: a message for standard error and an exit status.
struct CommandFailure: Error, CustomStringConvertible {
    /// One line, without the `zhili <command>:` prefix.
    let message: String
    /// The exit status: 2 for a bad query, 1 otherwise.
    let status: Int32

    /// A failure with `message`.
    init(_ message: String, status: Int32 = 1) {
        self.message = message
        self.status = status
    }

    /// The failure for `error`: a store error (exit status 2 for a bad query), a diagnostic, or anything else.
    init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as StoreError:
            switch error {
            case .invalidQuery, .unknownRegion: self.init(error.description, status: 2)
            default: self.init(error.description)
            }
        default:
            // SQLite finding a damaged page or a full disk mid-run: say so, and what to do.
            if let explained = StoreError.explaining(error, path: nil) {
                self.init(explained.description)
            } else {
                self.init(String(describing: error))
            }
        }
    }

    var description: String { message }
}
