import Foundation
import GRDB

/// How many articles hold each indexed term, remembered between searches.
///
/// Counting a term's articles reads its whole posting list (what makes FTS5's `bm25()` slow for
/// common words), so each count is read once from the `fts5vocab` table and kept. The store
/// forgets them all whenever it writes, and when the file changed under it (another process
/// indexing into the file a server reads).
final class DocumentFrequencies: @unchecked Sendable {
    /// Terms remembered at most; beyond it the memory starts over.
    static let capacity = 50_000

    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    /// The number of articles holding each term of each phrase, the rarest per phrase.
    ///
    /// A plan with a single phrase needs none: its ranking does not depend on them.
    func phraseCounts(of phrases: [[String]], in db: Database) throws -> [Int] {
        guard phrases.count > 1 else { return [] }
        return try phrases.map { tokens in
            try tokens.map { try count(of: $0, in: db) }.min() ?? 0
        }
    }

    /// The store's change token the counts were read under.
    private var token: String?

    /// Forgets every count (after a write).
    func removeAll() {
        lock.lock()
        counts.removeAll()
        lock.unlock()
    }

    /// Forgets every count unless they were read under `token` (``SQLiteStore/changeToken()``).
    func forgetUnless(_ token: String?) {
        lock.lock()
        if token != self.token {
            counts.removeAll()
            self.token = token
        }
        lock.unlock()
    }

    private func count(of term: String, in db: Database) throws -> Int {
        lock.lock()
        let known = counts[term]
        lock.unlock()
        if let known { return known }
        let lookup = try db.cachedStatement(sql: "SELECT doc FROM temp.\(SearchExecutor.vocabularyTable) WHERE term = ?")
        let count = try Int.fetchOne(lookup, arguments: [term]) ?? 0
        lock.lock()
        if counts.count >= Self.capacity { counts.removeAll(keepingCapacity: true) }
        counts[term] = count
        lock.unlock()
        return count
    }
}
