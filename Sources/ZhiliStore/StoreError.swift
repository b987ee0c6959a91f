/// Why a store call failed; `message` says what to change.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The query or a parameter is malformed (a 400 for the server).
    case invalidQuery(String)
    /// A region filter names no known division.
    case unknownRegion(String)
    /// The database file is missing, not a Zhili index, or from a newer Zhili.
    case unusableDatabase(path: String, reason: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .invalidQuery(let message): return "invalid query: \(message)"
        case .unknownRegion(let name): return "unknown region '\(name)': give a name (乌兰察布市), a short name (乌兰察布) or a six-digit code (150900)"
        case .unusableDatabase(let path, let reason): return "\(path): \(reason)"
        }
    }
}
