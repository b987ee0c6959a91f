import ArgumentParser
import ZhiliStore

/// The `--db` option of the commands that use an index.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index database file.", valueName: "path"))
    var db: String = "zhili.db"

    /// Opens the index, read-only for queries.
    func open(_ mode: SQLiteStore.Mode) throws -> SQLiteStore {
        try SQLiteStore(path: db, mode: mode)
    }
}
