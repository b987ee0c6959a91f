import ArgumentParser
import ZhiliBatch
import ZhiliStore

/// The `--db` option of the commands that use an index.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index database file.", valueName: "path"))
    var db: String = "zhili.db"

    /// The journal of a batch whose only output is the index: beside it, named like SQLite's own
    /// side files (`zhili.db-batch.journal`).
    var journal: String { Self.journal(for: db) }

    /// The batch journal beside the index at `path`.
    static func journal(for path: String) -> String { path + "-batch.journal" }

    /// Opens the index, read-only for queries.
    func open(_ mode: SQLiteStore.Mode) throws -> SQLiteStore {
        try Self.open(db, mode)
    }

    /// Opens the index at `path`; to write, creates it and the folders above it. A failure names
    /// `path` as the user gave it.
    static func open(_ path: String, _ mode: SQLiteStore.Mode) throws -> SQLiteStore {
        if mode == .readWrite { try OutputFolder.make(of: path) }
        return try SQLiteStore(path: path, mode: mode)
    }
}
