import GRDB
import ZhiliCore
import ZhiliExtract

/// Groups program mentions by name, with their regions, years, articles and nearby figures.
///
/// Counts, dates, regions and years come from the aggregates every write keeps (`programs`,
/// `program_regions`, `program_years`), so a lookup costs the same however often a program is named.
/// A mention belongs to its own region, else to its article's most salient region. With a region
/// filter, counts add up the divisions in the region's subtree (an article naming the program for
/// two of them counts twice).
struct ProgramQuery {
    /// Mentions scanned, newest first, for the figures near a program.
    static let mentionsForFigures = 50

    let db: Database
    let request: ProgramsRequest
    let regionCode: String?
    let regions: RegionTable

    func run() throws -> [ProgramGroup] {
        let query = request.query?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let limit = min(max(request.limit, 1), ProgramsRequest.maximumLimit)
        let nameFilter = query.isEmpty ? "" : " AND instr(p.name, ?) > 0"
        let nameArguments: [(any DatabaseValueConvertible)?] = query.isEmpty ? [] : [query]
        let groups: [Row]
        if let regionCode {
            groups = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT p.key, p.name, sum(pr.article_count) AS articles, sum(pr.mention_count) AS mentions,
                       min(pr.first_seen) AS first, max(pr.last_seen) AS last
                FROM region_tree t JOIN program_regions pr ON pr.code = t.code JOIN programs p ON p.key = pr.program
                WHERE t.ancestor = ? AND pr.article_count > 0\(nameFilter)
                GROUP BY p.key ORDER BY articles DESC, mentions DESC, p.name LIMIT ?
                """), arguments: StatementArguments([regionCode] + nameArguments + [limit]))
        } else {
            groups = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT p.key, p.name, p.article_count AS articles, p.mention_count AS mentions, p.first_seen AS first, p.last_seen AS last
                FROM programs p WHERE p.article_count > 0\(nameFilter)
                ORDER BY p.article_count DESC, p.mention_count DESC, p.name LIMIT ?
                """), arguments: StatementArguments(nameArguments + [limit]))
        }
        return try groups.map { row in
            let key: Int64 = row["key"]
            return ProgramGroup(
                name: row["name"], regions: try regionsOf(program: key), years: try yearsOf(program: key),
                articleCount: row["articles"], mentionCount: row["mentions"], firstSeen: row["first"], lastSeen: row["last"],
                articles: try articlesOf(program: key), figures: try figuresNear(program: key))
        }
    }

    /// `AND <code column> in the filter region`, with its argument.
    private func regionCondition(_ column: String) -> (String, [(any DatabaseValueConvertible)?]) {
        guard let regionCode else { return ("", []) }
        return (" AND \(column) IN (SELECT code FROM region_tree WHERE ancestor = ?)", [regionCode])
    }

    /// The newest ``mentionsForFigures`` mentions of `program` (article, paragraph, sentence), in
    /// the filter region when there is one.
    ///
    /// With a region, the subtree's codes drive lookups in `program_mentions_by_program_region`,
    /// so the mentions of the program elsewhere are never read.
    private func newestMentions(of program: Int64) -> (String, [(any DatabaseValueConvertible)?]) {
        guard let regionCode else {
            return ("""
                SELECT article, paragraph, sentence FROM program_mentions WHERE program = ?
                ORDER BY article DESC LIMIT \(Self.mentionsForFigures)
                """, [program])
        }
        return ("""
            SELECT article, paragraph, sentence FROM program_mentions WHERE (article, ordinal) IN (
                SELECT m.article, m.ordinal FROM region_tree t CROSS JOIN program_mentions m
                WHERE t.ancestor = ? AND m.program = ? AND m.effective_code = t.code
                ORDER BY m.article DESC LIMIT \(Self.mentionsForFigures))
            """, [regionCode, program])
    }

    private func regionsOf(program: Int64) throws -> [RegionRef] {
        let (condition, arguments) = regionCondition("code")
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT code, name FROM program_regions WHERE program = ? AND code <> '' AND article_count > 0\(condition)
            ORDER BY mention_count DESC, code
            """), arguments: StatementArguments([program] + arguments))
            .map { RegionRef(name: $0["name"], code: $0["code"]) }
    }

    private func yearsOf(program: Int64) throws -> [Int] {
        let (condition, arguments) = regionCondition("code")
        return try Int.fetchAll(db.cachedStatement(sql: """
            SELECT DISTINCT year FROM program_years WHERE program = ? AND article_count > 0\(condition) ORDER BY year
            """), arguments: StatementArguments([program] + arguments))
    }

    private func articlesOf(program: Int64) throws -> [ArticleRef] {
        // With a region, its codes drive lookups in program_mentions_by_program_region.
        let newest = regionCode == nil
            ? "SELECT DISTINCT article FROM program_mentions WHERE program = ? ORDER BY article DESC LIMIT 20"
            : """
              SELECT DISTINCT m.article FROM region_tree t CROSS JOIN program_mentions m
              WHERE t.ancestor = ? AND m.program = ? AND m.effective_code = t.code ORDER BY m.article DESC LIMIT 20
              """
        let arguments: [(any DatabaseValueConvertible)?] = regionCode.map { [$0, program] } ?? [program]
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT a.id, a.title, a.date FROM articles a WHERE a.key IN (\(newest)) AND a.duplicate_of IS NULL
            ORDER BY a.date DESC, a.key DESC
            """), arguments: StatementArguments(arguments))
            .map { ArticleRef(id: $0["id"], title: $0["title"], date: $0["date"]) }
    }

    private func figuresNear(program: Int64) throws -> [ProgramFigure] {
        let limit = max(0, request.figuresPerProgram)
        guard limit > 0 else { return [] }
        let (mentions, arguments) = newestMentions(of: program)
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT f.*, a.id AS article_id, min(CASE WHEN f.sentence = pm.sentence THEN 0 ELSE 1 END) AS distance
            FROM (\(mentions)) pm
            JOIN figures f ON f.article = pm.article AND f.paragraph = pm.paragraph
            JOIN articles a ON a.key = pm.article AND a.duplicate_of IS NULL
            GROUP BY f.article, f.ordinal
            ORDER BY distance, f.article DESC, f.ordinal LIMIT ?
            """), arguments: StatementArguments(arguments + [limit]))
        return rows.map { row in
            ProgramFigure(
                figure: RecordReader.figure(row), proximity: (row["distance"] as Int) == 0 ? .sentence : .paragraph,
                articleID: row["article_id"])
        }
    }
}
