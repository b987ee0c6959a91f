import GRDB
import GRDBSQLite

/// A cached statement run with values bound straight to its SQLite handle: the writer's hot path
/// (``RecordWriter``'s inserts, about twenty rows per article), which skips GRDB's argument
/// arrays. Everything else goes through GRDB's `execute(arguments:)`.
///
/// Measured with `scripts/bench-search --articles 10000` (2026-12-07, three alternating runs on
/// the shared 2-core VM): with GRDB's `execute(arguments:)` for these inserts the index build took
/// 21% more CPU per article (1,610–1,732 articles per CPU-second against 2,097–2,278) and its
/// build rate fell from 0.54–0.62× to 0.44–0.48× (one outlier 0.72×) of the trigram baseline's.
///
/// ```swift
/// let insert = try BoundStatement(db, "INSERT INTO t (a, b) VALUES (?, ?)")
/// try insert.execute { $0.add("x"); $0.add(42) }
/// ```
struct BoundStatement {
    private let statement: Statement

    init(_ db: Database, _ sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
    }

    /// Binds the values `bind` adds, in parameter order, and runs the statement to completion.
    func execute(_ bind: (inout Bindings) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var bindings = Bindings(handle: handle)
        bind(&bindings)
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// Values bound to a statement's parameters, one after the other.
    struct Bindings {
        fileprivate let handle: OpaquePointer
        private var index: Int32 = 0

        fileprivate init(handle: OpaquePointer) { self.handle = handle }

        /// SQLite copies bound text at once: `SQLITE_TRANSIENT`, a C macro Swift cannot import.
        private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

        mutating func add(_ value: String?) {
            index += 1
            guard var value else {
                sqlite3_bind_null(handle, index)
                return
            }
            let index = self.index, handle = self.handle
            let bound = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                guard let base = bytes.baseAddress else { return false }
                sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
                return true
            }
            if bound != true {
                value.makeContiguousUTF8()
                _ = value.withCString { sqlite3_bind_text(handle, index, $0, -1, Self.transient) }
            }
        }

        mutating func add(_ value: Int?) {
            index += 1
            if let value { sqlite3_bind_int64(handle, index, Int64(value)) } else { sqlite3_bind_null(handle, index) }
        }

        mutating func add(_ value: Int64?) {
            index += 1
            if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
        }

        mutating func add(_ value: Double?) {
            index += 1
            if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
        }
    }
}
