import GRDB

/// Why a store call failed; `message` says what to change.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The query or a parameter is malformed (a 400 for the server).
    case invalidQuery(String)
    /// A region filter names no known division.
    case unknownRegion(String)
    /// The database file is missing, not a Zhili index, or from a newer Zhili.
    case unusableDatabase(path: String, reason: String)
    /// The database file is damaged (SQLite found a malformed page, or it is not a database);
    /// `path` is nil when the caller does not know which file it read.
    case damagedDatabase(path: String?, detail: String)
    /// The disk (or the quota) holding the database is full; `path` as for ``damagedDatabase(path:detail:)``.
    case diskFull(path: String?)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .invalidQuery(let message): return "invalid query: \(message)"
        case .unknownRegion(let name): return "unknown region '\(name)': give a name (乌兰察布市), a short name (乌兰察布) or a six-digit code (150900)"
        case .unusableDatabase(let path, let reason): return "\(path): \(reason)"
        case .damagedDatabase(let path, let detail):
            return "\(path ?? "the index") is damaged (\(detail)); `zhili check --db \(path ?? "FILE")` lists what is wrong. "
                + "Rebuild it into a new file from your records: `zhili index RECORDS.jsonl --db NEW.db`"
        case .diskFull(let path):
            return "the disk holding \(path ?? "the index") is full: the batch being written was rolled back and every "
                + "batch before it is kept; free some space, then run the same command again with --resume"
        }
    }

    /// The store error `error` stands for when it is SQLite saying the file at `path` is damaged
    /// (`SQLITE_CORRUPT`, `SQLITE_NOTADB`) or its disk is full (`SQLITE_FULL`); nil for any other error.
    public static func explaining(_ error: any Error, path: String?) -> StoreError? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .damagedDatabase(path: path, detail: "SQLite: \(error.message ?? "\(error.resultCode)")")
        case .SQLITE_FULL:
            return .diskFull(path: path)
        default:
            return nil
        }
    }
}
