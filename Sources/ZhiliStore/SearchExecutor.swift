import GRDB
import ZhiliCore
import ZhiliExtract

/// Runs a ``SearchPlan`` on one read connection: ranks with BM25 (title weighted), applies the
/// filters, then loads snippets, regions and programs for the page.
struct SearchExecutor {
    /// Weight of a title match relative to a body match in BM25.
    static let titleWeight = 5.0

    let db: Database
    let plan: SearchPlan
    let regionCode: String?
    let regions: RegionTable

    func run() throws -> SearchResults {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let years = plan.request.filters.years {
            conditions.append("a.year BETWEEN ? AND ?")
            arguments += [years.lowerBound, years.upperBound]
        }
        if let regionCode {
            conditions.append("EXISTS (SELECT 1 FROM region_articles ra WHERE ra.code = ? AND ra.article = a.key)")
            arguments.append(regionCode)
        }
        if let program = plan.request.filters.program, !program.isEmpty {
            conditions.append("""
                EXISTS (SELECT 1 FROM program_mentions pm JOIN programs p ON p.key = pm.program
                        WHERE pm.article = a.key AND instr(p.name, ?) > 0)
                """)
            arguments.append(program)
        }
        if let indicator = plan.request.filters.indicator, !indicator.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM figures f WHERE f.article = a.key AND f.indicator = ?)")
            arguments.append(indicator)
        }

        let ranked: [(key: Int64, score: Double, total: Int)]
        if let expression = plan.expression {
            let filter = conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")
            // bm25() only works in the query that scans the FTS5 table, so ranking happens in a
            // materialized CTE and the total is counted over it.
            let sql = """
                WITH matches AS MATERIALIZED (
                    SELECT a.key AS key, -bm25(article_fts, \(Self.titleWeight), 1.0) AS score
                    FROM article_fts JOIN articles a ON a.key = article_fts.rowid
                    WHERE article_fts MATCH ?\(filter)
                )
                SELECT key, score, count(*) OVER () AS total FROM matches
                ORDER BY score DESC, key DESC LIMIT ? OFFSET ?
                """
            let statementArguments = StatementArguments([expression] + arguments + [plan.request.limit, plan.request.offset])
            do {
                ranked = try Row.fetchAll(db, sql: sql, arguments: statementArguments).map { ($0[0], $0[1], $0[2]) }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
                // The expression is built from quoted strings only; reaching this means a bug, reported as such.
                throw StoreError.invalidQuery("the full-text engine rejected the query (\(error.message ?? "no message")); please report it")
            }
        } else {
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let sql = """
                SELECT a.key, 0.0, count(*) OVER () FROM articles a\(filter)
                ORDER BY a.date DESC, a.key DESC LIMIT ? OFFSET ?
                """
            ranked = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments + [plan.request.limit, plan.request.offset]))
                .map { ($0[0], $0[1], $0[2]) }
        }
        let total: Int
        if let first = ranked.first {
            total = first.total
        } else {
            total = plan.request.offset > 0 ? try countAll(conditions: conditions, arguments: arguments) : 0
        }
        let hits = try ranked.map { try hit(key: $0.key, score: $0.score) }
        return SearchResults(
            interpretation: plan.expression ?? "",
            region: regionCode.flatMap { regions.region(code: $0)?.ref },
            total: total, hits: hits)
    }

    /// The number of matches when the page is past the end (the window count is then unavailable).
    private func countAll(conditions: [String], arguments: [(any DatabaseValueConvertible)?]) throws -> Int {
        if let expression = plan.expression {
            let filter = conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")
            return try Int.fetchOne(db, sql: """
                SELECT count(*) FROM article_fts JOIN articles a ON a.key = article_fts.rowid WHERE article_fts MATCH ?\(filter)
                """, arguments: StatementArguments([expression] + arguments)) ?? 0
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM articles a\(filter)", arguments: StatementArguments(arguments)) ?? 0
    }

    private func hit(key: Int64, score: Double) throws -> SearchHit {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, title, date, outlet, body FROM articles WHERE key = ?"), arguments: [key])
        else { throw StoreError.unusableDatabase(path: db.description, reason: "article \(key) vanished during a read") }
        let body: String = row["body"]
        let title: String? = row["title"]
        let regionRows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT name, code FROM article_regions WHERE article = ? ORDER BY rank"), arguments: [key])
        let programNames = try String.fetchAll(
            db.cachedStatement(sql: """
                SELECT p.name FROM program_mentions pm JOIN programs p ON p.key = pm.program
                WHERE pm.article = ? ORDER BY pm.ordinal
                """), arguments: [key])
        var seen = Set<String>()
        let programs = programNames.filter { seen.insert($0).inserted }
        let filterProgram = plan.request.filters.program ?? ""
        let matched = programs.filter { name in
            let folded = TermFolding.fold(name)
            return (!filterProgram.isEmpty && name.contains(filterProgram))
                || plan.terms.contains { !$0.isEmpty && folded.contains($0) }
        }
        return SearchHit(
            articleID: row["id"], title: title, date: row["date"], outlet: row["outlet"],
            snippet: SnippetBuilder.snippet(of: body, needles: plan.needles),
            titleHighlights: title.map { SnippetBuilder.highlights(of: plan.needles, in: SnippetBuilder.foldedScalars($0)) } ?? [],
            regions: regionRows.map { RegionRef(name: $0["name"], code: $0["code"]) },
            matchedPrograms: matched, programs: programs, score: score)
    }
}
