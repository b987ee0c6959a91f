import ArgumentParser
import Foundation
import ZhiliBatch
import ZhiliPostgres
import ZhiliStore

/// The `--db` option of the commands that use an index.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The index: an SQLite file, or a PostgreSQL database as postgres://user@host[:port]/db (default: $ZHILI_DB, else zhili.db).",
        valueName: "path|url"))
    var db: String = ProcessInfo.processInfo.environment["ZHILI_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "zhili.db"

    /// The journal of a batch whose only output is the index: beside it, named like SQLite's own
    /// side files (`zhili.db-batch.journal`).
    var journal: String { Self.journal(for: db) }

    /// The batch journal beside the index at `path`; for a PostgreSQL database, in the current
    /// folder, named after its host, port and database (`zhili-127.0.0.1-5432-zhili-batch.journal`).
    static func journal(for path: String) -> String {
        guard ConnectionString.isPostgres(path) else { return path + "-batch.journal" }
        let name = (try? ConnectionString(path)).map { "\($0.host)-\($0.port)-\($0.database)" }
            ?? String(path.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) ? Character($0) : "_" })
        return "zhili-\(name.replacingOccurrences(of: "/", with: "_"))-batch.journal"
    }

    /// Opens the index (SQLite file or PostgreSQL database), read-only for queries.
    func open(_ mode: SQLiteStore.Mode) throws -> CommandStore {
        try Self.open(db, mode)
    }

    /// Opens the index at `path` (a file path or a `postgres://` URL); to write an SQLite file,
    /// creates it and the folders above it. A failure names `path` as the user gave it.
    static func open(_ path: String, _ mode: SQLiteStore.Mode) throws -> CommandStore {
        if mode == .readWrite && !ConnectionString.isPostgres(path) { try OutputFolder.make(of: path) }
        return try CommandStore(path, mode: mode)
    }
}
