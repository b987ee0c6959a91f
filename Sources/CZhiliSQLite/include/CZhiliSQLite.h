#ifndef CZHILI_SQLITE_H
#define CZHILI_SQLITE_H

/// Registers the FTS5 auxiliary function `zhili_rank` on a connection (a `sqlite3 *`).
///
/// `zhili_rank(fts_table, title_weight, df_0, df_1, ...)` is Okapi BM25 as FTS5's `bm25()`
/// computes it (k1 = 1.2, b = 0.75, the first column weighted by `title_weight`, the others by 1),
/// except that the document frequency of each phrase comes from the arguments, in phrase order,
/// instead of a scan of every match: the caller reads them from an fts5vocab table. Higher is
/// better. A phrase without an argument counts as appearing in one row.
///
/// Returns SQLITE_OK (0) or an SQLite error code. The header names no SQLite type, so Swift
/// modules that import SQLite elsewhere see no conflicting declarations.
int zhili_register_rank(void *db);

/// Configures SQLite for Zhili before its first connection: multi-thread mode (no per-connection
/// mutex; GRDB already gives each connection one thread at a time) and no memory statistics
/// (a global mutex on every allocation). Returns 1 when applied, 0 when SQLite was already
/// initialized by someone else (nothing changes then).
int zhili_configure_sqlite(void);

#endif
