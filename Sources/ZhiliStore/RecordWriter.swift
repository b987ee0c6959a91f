import Foundation
import ZhiliText
import GRDB
import ZhiliCore
import ZhiliExtract
import ZhiliDedup
import ZhiliICU

/// Writes a batch of records inside one write transaction: replaces stored records with the same
/// id and fills the article, full-text, region, program, figure and indicator tables, so a batch
/// is searchable exactly when its other rows are visible.
package struct RecordWriter {
    let db: Database
    let regions: RegionTable
    /// Segments the stored text of a replaced article, to remove its full-text row.
    let segmenters: SegmenterPool
    private var programKeys: [String: Int64] = [:]

    init(db: Database, regions: RegionTable, segmenters: SegmenterPool) {
        self.db = db
        self.regions = regions
        self.segmenters = segmenters
    }

    /// Writes `records` in order under new keys; a record replaces a stored one with the same id,
    /// and a later record in the batch an earlier one.
    mutating func write(_ records: [PreparedRecord]) throws -> WriteSummary {
        var nextKey = (try Int64.fetchOne(db, sql: "SELECT max(key) FROM articles") ?? 0) + 1
        var inBatch: [String: (key: Int64, prepared: PreparedRecord)] = [:]
        var summary = WriteSummary()
        let lookup = try db.cachedStatement(sql: "SELECT key, title, body FROM articles WHERE id = ?")
        for prepared in records {
            let article = prepared.record.article
            if let earlier = inBatch[article.id] {
                try delete(key: earlier.key, title: earlier.prepared.titleTerms, body: earlier.prepared.bodyTerms)
                summary.replaced += 1
            } else if let stored = try Row.fetchOne(lookup, arguments: [article.id]) {
                let terms = try segmenters.terms(of: [stored["body"], stored["title"] ?? ""])
                try delete(key: stored["key"], title: terms[1], body: terms[0])
                summary.replaced += 1
            } else {
                summary.inserted += 1
            }
            let key = nextKey
            nextKey += 1
            inBatch[article.id] = (key, prepared)
            let placement = try place(prepared.dedup, key: key)
            try insert(prepared.record, key: key, placement: placement, length: prepared.dedup.length)
            try FullTextTable.insert(key: key, title: prepared.titleTerms, body: prepared.bodyTerms, db)
        }
        try refreshProgramDates()
        return summary
    }

    /// Programs that lost mentions in this batch: their first and last dates are recomputed.
    private var touchedPrograms: Set<Int64> = []

    private mutating func refreshProgramDates() throws {
        for program in touchedPrograms {
            for sql in [
                """
                UPDATE programs SET
                    first_seen = (SELECT min(d.date) FROM program_mentions pm JOIN article_dates d ON d.key = pm.article JOIN articles a ON a.key = pm.article AND a.duplicate_of IS NULL WHERE pm.program = ?1),
                    last_seen = (SELECT max(d.date) FROM program_mentions pm JOIN article_dates d ON d.key = pm.article JOIN articles a ON a.key = pm.article AND a.duplicate_of IS NULL WHERE pm.program = ?1)
                WHERE key = ?1
                """,
                """
                UPDATE program_regions SET
                    first_seen = (SELECT min(d.date) FROM program_mentions pm JOIN article_dates d ON d.key = pm.article JOIN articles a ON a.key = pm.article AND a.duplicate_of IS NULL
                                  WHERE pm.program = ?1 AND pm.effective_code = program_regions.code),
                    last_seen = (SELECT max(d.date) FROM program_mentions pm JOIN article_dates d ON d.key = pm.article JOIN articles a ON a.key = pm.article AND a.duplicate_of IS NULL
                                 WHERE pm.program = ?1 AND pm.effective_code = program_regions.code)
                WHERE program = ?1
                """,
                "DELETE FROM program_regions WHERE program = ?1 AND article_count <= 0",
                "DELETE FROM program_years WHERE program = ?1 AND article_count <= 0",
            ] {
                try db.cachedStatement(sql: sql).execute(arguments: [program])
            }
        }
        touchedPrograms.removeAll()
    }

    /// Removes the stored article `key` and everything derived from it; `title` and `body` are
    /// the terms its full-text row was indexed with.
    private mutating func delete(key: Int64, title: TermStream, body: TermStream) throws {
        try FullTextTable.delete(key: key, title: title, body: body, db)
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT duplicate_of IS NULL FROM articles WHERE key = ?"), arguments: [key]) ?? true {
            try removeAggregates(key: key)
        }
        try db.cachedStatement(sql: "DELETE FROM article_dates WHERE key = ?").execute(arguments: [key])
        for table in ["article_regions", "region_articles", "program_mentions", "figures", "article_bands"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE article = ?").execute(arguments: [key])
        }
        try db.cachedStatement(sql: "DELETE FROM articles WHERE key = ?").execute(arguments: [key])
    }

    /// Takes the stored article `key` out of the program and indicator counts (when it stops
    /// being its cluster's representative, or is deleted).
    private mutating func removeAggregates(key: Int64) throws {
        let counts = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT indicator, count(*) AS n FROM figures WHERE article = ? AND indicator IS NOT NULL GROUP BY indicator
            """), arguments: [key])
        for row in counts {
            try db.cachedStatement(sql: """
                UPDATE indicators SET figure_count = figure_count - ?, article_count = article_count - 1 WHERE id = ?
                """).execute(arguments: [row["n"] as Int, row["indicator"] as String])
        }
        let year = try Int.fetchOne(db.cachedStatement(sql: "SELECT year FROM article_dates WHERE key = ?"), arguments: [key])
        let mentions = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT program, effective_code, count(*) AS n FROM program_mentions WHERE article = ? GROUP BY program, effective_code
            """), arguments: [key])
        var perProgram: [Int64: Int] = [:]
        for row in mentions {
            let program: Int64 = row["program"], code: String = row["effective_code"], count: Int = row["n"]
            perProgram[program, default: 0] += count
            try db.cachedStatement(sql: """
                UPDATE program_regions SET article_count = article_count - 1, mention_count = mention_count - ? WHERE program = ? AND code = ?
                """).execute(arguments: [count, program, code])
            if let year {
                try db.cachedStatement(sql: """
                    UPDATE program_years SET article_count = article_count - 1 WHERE program = ? AND code = ? AND year = ?
                    """).execute(arguments: [program, code, year])
            }
        }
        for (program, count) in perProgram {
            try db.cachedStatement(sql: """
                UPDATE programs SET article_count = article_count - 1, mention_count = mention_count - ? WHERE key = ?
                """).execute(arguments: [count, program])
            touchedPrograms.insert(program)
        }
    }

    /// Adds the stored article `key` to the program and indicator counts (when it becomes its
    /// cluster's representative), from its stored rows.
    private mutating func addAggregates(key: Int64) throws {
        let statements = try self.statements ?? InsertStatements(db)
        self.statements = statements
        let dated = try Row.fetchOne(db.cachedStatement(sql: "SELECT year, date FROM article_dates WHERE key = ?"), arguments: [key])
        let year: Int? = dated?["year"]
        let date: String? = dated?["date"]
        var perProgram: [Int64: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT program, effective_code, max(CASE WHEN region_code = effective_code THEN region_name END) AS name, count(*) AS n
            FROM program_mentions WHERE article = ? GROUP BY program, effective_code
            """), arguments: [key]) {
            let program: Int64 = row["program"], code: String = row["effective_code"], count: Int = row["n"]
            let name: String = row["name"] ?? regions.region(code: code)?.name ?? ""
            perProgram[program, default: 0] += count
            try statements.programRegion.run([program, code, name, count, date])
            if let year { try statements.programYear.run([program, code, year]) }
        }
        for (program, count) in perProgram {
            try statements.program.run([count, date, program])
        }
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT indicator, min(metric) AS metric, min(unit) AS unit, count(*) AS n FROM figures
            WHERE article = ? AND indicator IS NOT NULL GROUP BY indicator
            """), arguments: [key]) {
            let indicator: String = row["indicator"], metric: String? = row["metric"], unit: String? = row["unit"], count: Int = row["n"]
            try statements.indicator.run([indicator, metric, unit, count])
        }
    }

    /// Where a new article stands among the stored ones: its cluster, the copy it duplicates, and
    /// whether it is the representative that counts in programs, indicators and compare.
    struct Placement {
        var cluster: String
        var duplicateOf: String?
        var contributes: Bool { duplicateOf == nil }
    }

    /// Finds the cluster of the new article `document` (to be stored under `key`) among the stored
    /// articles: LSH candidates from `article_bands`, verified by containment on their stored
    /// bodies; the article joins the cluster of the copy it shares most with. When it is the
    /// cluster's preferred copy it becomes the representative, and the previous one leaves the
    /// program and indicator counts. Records the article's bands.
    private mutating func place(_ document: DedupDocument, key: Int64) throws -> Placement {
        let bands = document.bands.map { Int64(bitPattern: $0) }
        let placeholders = Array(repeating: "?", count: bands.count).joined(separator: ",")
        let candidates = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT article FROM article_bands WHERE band IN (\(placeholders)) AND article <> ?
            GROUP BY article ORDER BY count(*) DESC, article DESC LIMIT \(DuplicateIndex.candidateLimit)
            """), arguments: StatementArguments(bands + [key]))
        var cluster: String?
        var bestShare = 0.0
        for candidate in candidates {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, date, body, cluster FROM articles WHERE key = ?"), arguments: [candidate]) else { continue }
            let stored = DedupDocument(id: row["id"], date: row["date"], contentScalars: ContentText.scalars(of: row["body"]))
            if let share = DuplicateRule.standard.verify(document, stored), share > bestShare {
                bestShare = share
                cluster = row["cluster"] ?? stored.id
            }
        }
        for band in bands {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_bands (band, article) VALUES (?, ?)").execute(arguments: [band, key])
        }
        guard let cluster else { return Placement(cluster: document.id, duplicateOf: nil) }

        // The current representative and the preferred copy. Every placement leaves the preferred
        // stored copy as the representative, so the new copy is compared with it alone; only a
        // cluster whose representative was deleted has its members compared again.
        var members = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT key, id, date, content_length, duplicate_of FROM articles WHERE cluster = ? AND duplicate_of IS NULL
            """), arguments: [cluster])
        if members.isEmpty {
            members = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT key, id, date, content_length, duplicate_of FROM articles WHERE cluster = ?
                """), arguments: [cluster])
        }
        var best: (key: Int64?, id: String, date: String?, length: Int) = (nil, document.id, document.date, document.length)
        var current: Int64?
        for member in members {
            let candidate: (key: Int64?, id: String, date: String?, length: Int) = (member["key"], member["id"], member["date"], member["content_length"])
            if (member["duplicate_of"] as String?) == nil { current = candidate.key }
            if DedupDocument.prefers(id: candidate.id, date: candidate.date, length: candidate.length,
                                     over: best.id, date: best.date, length: best.length) {
                best = candidate
            }
        }
        if current != best.key {
            if let current { try removeAggregates(key: current) }
            if let key = best.key { try addAggregates(key: key) }
        }
        // The members point at the representative: rewritten only when it changes.
        if current == nil || current != best.key {
            try db.cachedStatement(sql: """
                UPDATE articles SET duplicate_of = CASE WHEN id = ?1 THEN NULL ELSE ?1 END WHERE cluster = ?2
                """).execute(arguments: [best.id, cluster])
        }
        return Placement(cluster: cluster, duplicateOf: best.key == nil ? nil : best.id)
    }

    /// The statements of the insert path, prepared once per batch.
    private struct InsertStatements {
        let article, source, date, region, regionScope, mention, program, programRegion, programYear, figure, indicator: Statement

        init(_ db: Database) throws {
            article = try db.cachedStatement(sql: """
                INSERT INTO articles (key, id, source, position, title, subtitle, date, year, outlet, authors, editors, captions, warnings, body, paragraphs,
                    cluster, duplicate_of, content_length, url)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            source = try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_sources (id, source, position) VALUES (?, ?, ?)")
            date = try db.cachedStatement(sql: "INSERT INTO article_dates (key, year, date) VALUES (?, ?, ?)")
            region = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO article_regions (article, rank, code, name, level, prefecture_code, prefecture_name, mentions, role)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            regionScope = try db.cachedStatement(sql: "INSERT OR IGNORE INTO region_articles (code, article) VALUES (?, ?)")
            mention = try db.cachedStatement(sql: """
                INSERT INTO program_mentions (article, ordinal, program, start, "end", paragraph, sentence, region_code, region_name, effective_code, aliases)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            program = try db.cachedStatement(sql: """
                UPDATE programs SET article_count = article_count + 1, mention_count = mention_count + ?1,
                    first_seen = CASE WHEN ?2 IS NULL THEN first_seen WHEN first_seen IS NULL OR ?2 < first_seen THEN ?2 ELSE first_seen END,
                    last_seen = CASE WHEN ?2 IS NULL THEN last_seen WHEN last_seen IS NULL OR ?2 > last_seen THEN ?2 ELSE last_seen END
                WHERE key = ?3
                """)
            programRegion = try db.cachedStatement(sql: """
                INSERT INTO program_regions (program, code, name, article_count, mention_count, first_seen, last_seen)
                VALUES (?1, ?2, ?3, 1, ?4, ?5, ?5)
                ON CONFLICT (program, code) DO UPDATE SET article_count = article_count + 1, mention_count = mention_count + ?4,
                    first_seen = CASE WHEN ?5 IS NULL THEN first_seen WHEN first_seen IS NULL OR ?5 < first_seen THEN ?5 ELSE first_seen END,
                    last_seen = CASE WHEN ?5 IS NULL THEN last_seen WHEN last_seen IS NULL OR ?5 > last_seen THEN ?5 ELSE last_seen END
                """)
            programYear = try db.cachedStatement(sql: """
                INSERT INTO program_years (program, code, year, article_count) VALUES (?, ?, ?, 1)
                ON CONFLICT (program, code, year) DO UPDATE SET article_count = article_count + 1
                """)
            figure = try db.cachedStatement(sql: """
                INSERT INTO figures (article, ordinal, text, value, value_max, unit, qualifier, change, basis, kind, metric,
                    indicator, year, region_code, region_name, start, "end", paragraph, sentence, period_year, year_source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            indicator = try db.cachedStatement(sql: """
                INSERT INTO indicators (id, label, unit, figure_count, article_count) VALUES (?, ?, ?, ?, 1)
                ON CONFLICT (id) DO UPDATE SET figure_count = figure_count + excluded.figure_count,
                    article_count = article_count + 1,
                    label = coalesce(label, excluded.label), unit = coalesce(unit, excluded.unit)
                """)
        }
    }

    private var statements: InsertStatements?

    /// Inserts the rows of `record` under `key`; only a cluster's representative
    /// (`placement.contributes`) adds to the program and indicator counts.
    private mutating func insert(_ record: ArticleRecord, key: Int64, placement: Placement, length: Int) throws {
        let statements = try self.statements ?? InsertStatements(db)
        self.statements = statements
        let article = record.article
        let body = article.text
        let needsParagraphs = article.paragraphs.isEmpty || article.paragraphs.contains(where: Self.containsLineBreak)
        try statements.article.run([
            key, article.id, article.source, article.index, article.title, article.subtitle, article.date, article.year,
            article.outlet, JSONString.array(article.authors), JSONString.array(article.editors),
            JSONString.array(article.captions), JSONString.array(article.warnings), body,
            needsParagraphs ? JSONString.array(article.paragraphs) : nil, placement.cluster, placement.duplicateOf, length,
            article.url
        ])
        try statements.source.run([article.id, article.source, article.index])
        try statements.date.run([key, article.year, article.date])

        var scope = Set<String>()
        for (rank, mention) in record.regions.enumerated() {
            try statements.region.run([
                key, rank, mention.code, mention.name, mention.level.rawValue, mention.prefecture?.code,
                mention.prefecture?.name, mention.mentions, mention.role.rawValue
            ])
            scope.insert(mention.code)
            scope.formUnion(regions.ancestorCodes(of: mention.code))
        }
        for code in scope {
            try statements.regionScope.run([code, key])
        }

        let paragraphStarts = Self.paragraphStarts(article.paragraphs)
        let fallback = record.regions.first.map { RegionRef(name: $0.name, code: $0.code) }
        var perRegion: [ProgramRegion: (name: String, mentions: Int)] = [:]
        var perProgram: [Int64: Int] = [:]
        for (ordinal, mention) in record.programs.enumerated() {
            let program = try programKey(mention.name)
            let effective = mention.region ?? fallback
            let effectiveCode = effective?.code ?? ""
            try statements.mention.run([
                key, ordinal, program, mention.start, mention.end, Self.paragraph(of: mention.start, starts: paragraphStarts),
                mention.sentence, mention.region?.code, mention.region?.name, effectiveCode,
                mention.aliases.isEmpty ? nil : JSONString.array(mention.aliases)
            ])
            perProgram[program, default: 0] += 1
            perRegion[ProgramRegion(program: program, code: effectiveCode), default: (effective?.name ?? "", 0)].mentions += 1
        }
        for (program, count) in perProgram where placement.contributes {
            try statements.program.run([count, article.date, program])
        }
        for (key, entry) in perRegion where placement.contributes {
            try statements.programRegion.run([key.program, key.code, entry.name, entry.mentions, article.date])
            if let year = article.year {
                try statements.programYear.run([key.program, key.code, year])
            }
        }

        var indicatorCounts: [String: (count: Int, figure: Figure)] = [:]
        for (ordinal, figure) in record.figures.enumerated() {
            try statements.figure.run([
                key, ordinal, figure.text, figure.value, figure.valueMax, figure.unit, figure.qualifier, figure.change?.rawValue,
                figure.basis?.rawValue, figure.kind.rawValue, figure.metric, figure.indicator, figure.year, figure.region?.code,
                figure.region?.name, figure.start, figure.end, Self.paragraph(of: figure.start, starts: paragraphStarts),
                figure.sentence, figure.year ?? article.year, figure.yearSource?.rawValue
            ])
            if let indicator = figure.indicator {
                indicatorCounts[indicator, default: (0, figure)].count += 1
            }
        }
        for (indicator, entry) in indicatorCounts where placement.contributes {
            try statements.indicator.run([indicator, entry.figure.metric, entry.figure.unit, entry.count])
        }
    }

    private mutating func programKey(_ name: String) throws -> Int64 {
        if let key = programKeys[name] { return key }
        let key: Int64
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT key FROM programs WHERE name = ?"), arguments: [name]) {
            key = existing
        } else {
            try db.cachedStatement(sql: "INSERT INTO programs (name) VALUES (?)").execute(arguments: [name])
            key = db.lastInsertedRowID
        }
        programKeys[name] = key
        return key
    }

    /// Offset (Unicode scalars) where each paragraph starts in the text joined by "\n".
    package static func paragraphStarts(_ paragraphs: [String]) -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(paragraphs.count)
        var offset = 0
        for paragraph in paragraphs {
            starts.append(offset)
            offset += UTF8Cursor.scalarCount(paragraph) + 1
        }
        return starts
    }

    /// Whether `text` holds a line feed.
    package static func containsLineBreak(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0x0A, bytes.count) != nil
        }
    }

    /// Index of the paragraph holding `offset`.
    package static func paragraph(of offset: Int, starts: [Int]) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }
}

/// A program in one region, the unit of the per-region program counts.
private struct ProgramRegion: Hashable {
    var program: Int64
    var code: String
}

/// String arrays stored in TEXT columns as JSON (written by ``ZhiliText/JSONString``).
package enum JSONText {
    /// Decodes a stored string array; empty on malformed input.
    package static func strings(_ text: String?) -> [String] {
        guard let text, let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }
}

extension Statement {
    /// Binds `arguments` in parameter order and runs the statement: the writer's hot inserts, about
    /// twenty rows per article. `setUncheckedArguments` skips GRDB's check of the arguments against
    /// the parameters (these are the writer's own statements), with which `execute(arguments:)`
    /// took 21% more CPU per article than binding to SQLite directly; this path measured the same
    /// as direct binding within noise (`zhili index`, eight alternating runs, 2026-12-08).
    fileprivate func run(_ arguments: StatementArguments) throws {
        setUncheckedArguments(arguments)
        try execute()
    }
}
