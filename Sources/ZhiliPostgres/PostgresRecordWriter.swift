import Logging
import PostgresNIO
import ZhiliCore
import ZhiliDedup
import ZhiliExtract
import ZhiliICU
import ZhiliStore
import ZhiliText

/// Writes a batch of prepared records inside one transaction that holds the write lock: replaces
/// stored records with the same id, places each article in its cluster of near-duplicate copies,
/// and fills the article, full-text, region, program, figure and indicator tables and the counts
/// they keep, exactly as ``ZhiliStore/SQLiteStore``'s writer does, so both stores answer alike.
///
/// Rows of one record go in one multi-row `INSERT` per table, and a record's inserts and count
/// updates in one statement (``CombinedStatement``); every value is a bound parameter.
struct PostgresRecordWriter {
    let connection: PostgresConnection
    let regions: RegionTable
    let logger: Logger
    private var programKeys: [String: Int64] = [:]
    /// Programs that lost mentions in this batch: their first and last dates are recomputed.
    private var touchedPrograms: Set<Int64> = []

    init(connection: PostgresConnection, regions: RegionTable, logger: Logger) {
        self.connection = connection
        self.regions = regions
        self.logger = logger
    }

    private func rows(_ query: SQLQuery) async throws -> [PostgresRandomAccessRow] {
        try await query.rows(on: connection, logger: logger)
    }

    private func run(_ query: SQLQuery) async throws {
        try await query.run(on: connection, logger: logger)
    }

    /// Writes `records` in order under new keys; a record replaces a stored one with the same id,
    /// and a later record in the batch an earlier one.
    mutating func write(_ records: [PreparedRecord]) async throws -> WriteSummary {
        try await PostgresSchema.lock(connection, logger: logger)
        var summary = WriteSummary()
        for prepared in records {
            let article = prepared.record.article
            let lookup = SQLQuery("SELECT (SELECT key FROM articles WHERE id = ")
            lookup.append(lookup.bind(article.id) + ") AS stored, nextval('article_keys') AS key")
            let row = try await rows(lookup).first!
            if let stored = try row.value("stored", as: Int64?.self) {
                try await delete(key: stored)
                summary.replaced += 1
            } else {
                summary.inserted += 1
            }
            let key: Int64 = try row.value("key")
            let placement = try await place(prepared.dedup, key: key)
            try await insert(prepared, key: key, placement: placement)
        }
        try await refreshProgramDates()
        return summary
    }

    private mutating func refreshProgramDates() async throws {
        for program in touchedPrograms.sorted() {
            for sql in [
                """
                UPDATE programs SET
                    first_seen = (SELECT min(d.date) FROM program_mentions pm JOIN article_dates d ON d.key = pm.article JOIN articles a ON a.key = pm.article AND a.duplicate_of IS NULL WHERE pm.program = $1),
                    last_seen = (SELECT max(d.date) FROM program_mentions pm JOIN article_dates d ON d.key = pm.article JOIN articles a ON a.key = pm.article AND a.duplicate_of IS NULL WHERE pm.program = $1)
                WHERE key = $1
                """,
                """
                UPDATE program_regions SET
                    first_seen = (SELECT min(d.date) FROM program_mentions pm JOIN article_dates d ON d.key = pm.article JOIN articles a ON a.key = pm.article AND a.duplicate_of IS NULL
                                  WHERE pm.program = $1 AND pm.effective_code = program_regions.code),
                    last_seen = (SELECT max(d.date) FROM program_mentions pm JOIN article_dates d ON d.key = pm.article JOIN articles a ON a.key = pm.article AND a.duplicate_of IS NULL
                                 WHERE pm.program = $1 AND pm.effective_code = program_regions.code)
                WHERE program = $1
                """,
                "DELETE FROM program_regions WHERE program = $1 AND article_count <= 0",
                "DELETE FROM program_years WHERE program = $1 AND article_count <= 0",
            ] {
                let query = SQLQuery(sql)
                _ = query.bind(program)
                try await run(query)
            }
        }
        touchedPrograms.removeAll()
    }

    /// Removes the stored article `key` and everything derived from it.
    private mutating func delete(key: Int64) async throws {
        let representative = SQLQuery("SELECT duplicate_of IS NULL AS representative FROM articles WHERE key = ")
        representative.append(representative.bind(key))
        if try await rows(representative).first?.value("representative", as: Bool.self) ?? true {
            try await removeAggregates(key: key)
        }
        let deletes = CombinedStatement(connection: connection, logger: logger)
        for (table, column) in [("article_terms", "key"), ("article_dates", "key"), ("article_regions", "article"), ("region_articles", "article"),
                                ("program_mentions", "article"), ("figures", "article"), ("article_bands", "article"), ("articles", "key")] {
            try await deletes.add(parameters: 1) { query in "DELETE FROM \(table) WHERE \(column) = \(query.bind(key))" }
        }
        try await deletes.send()
    }

    /// Takes the stored article `key` out of the program and indicator counts (when it stops
    /// being its cluster's representative, or is deleted).
    private mutating func removeAggregates(key: Int64) async throws {
        let counts = SQLQuery("SELECT indicator, count(*) AS n FROM figures WHERE article = ")
        counts.append(counts.bind(key) + " AND indicator IS NOT NULL GROUP BY indicator")
        for row in try await rows(counts) {
            let update = SQLQuery("UPDATE indicators SET figure_count = figure_count - ")
            update.append("\(update.bind(try row.value("n", as: Int64.self))), article_count = article_count - 1 WHERE id = \(update.bind(try row.value("indicator", as: String.self)))")
            try await run(update)
        }
        let dated = SQLQuery("SELECT year FROM article_dates WHERE key = ")
        dated.append(dated.bind(key))
        let year: Int64? = try await rows(dated).first?.value("year")
        let mentions = SQLQuery("SELECT program, effective_code, count(*) AS n FROM program_mentions WHERE article = ")
        mentions.append(mentions.bind(key) + " GROUP BY program, effective_code")
        var perProgram: [Int64: Int64] = [:]
        for row in try await rows(mentions) {
            let program: Int64 = try row.value("program"), code: String = try row.value("effective_code"), count: Int64 = try row.value("n")
            perProgram[program, default: 0] += count
            let update = SQLQuery("UPDATE program_regions SET article_count = article_count - 1, mention_count = mention_count - ")
            update.append("\(update.bind(count)) WHERE program = \(update.bind(program)) AND code = \(update.bind(code))")
            try await run(update)
            if let year {
                let years = SQLQuery("UPDATE program_years SET article_count = article_count - 1 WHERE program = ")
                years.append("\(years.bind(program)) AND code = \(years.bind(code)) AND year = \(years.bind(year))")
                try await run(years)
            }
        }
        for (program, count) in perProgram.sorted(by: { $0.key < $1.key }) {
            let update = SQLQuery("UPDATE programs SET article_count = article_count - 1, mention_count = mention_count - ")
            update.append("\(update.bind(count)) WHERE key = \(update.bind(program))")
            try await run(update)
            touchedPrograms.insert(program)
        }
    }

    /// Adds the stored article `key` to the program and indicator counts (when it becomes its
    /// cluster's representative), from its stored rows.
    private func addAggregates(key: Int64) async throws {
        let dated = SQLQuery("SELECT year, date FROM article_dates WHERE key = ")
        dated.append(dated.bind(key))
        let row = try await rows(dated).first
        let year: Int64? = try row?.value("year")
        let date: String? = try row?.value("date")
        let mentions = SQLQuery("""
            SELECT program, effective_code, max(CASE WHEN region_code = effective_code THEN region_name END) AS name, count(*) AS n
            FROM program_mentions WHERE article =
            """)
        mentions.append(" " + mentions.bind(key) + " GROUP BY program, effective_code")
        var perProgram: [Int64: Int64] = [:]
        let counts = CombinedStatement(connection: connection, logger: logger)
        for row in try await rows(mentions) {
            let program: Int64 = try row.value("program"), code: String = try row.value("effective_code"), count: Int64 = try row.value("n")
            let name: String = try row.value("name", as: String?.self) ?? regions.region(code: code)?.name ?? ""
            perProgram[program, default: 0] += count
            try await addProgramRegion(program: program, code: code, name: name, mentions: count, date: date, to: counts)
            if let year { try await addProgramYear(program: program, code: code, year: year, to: counts) }
        }
        for (program, count) in perProgram.sorted(by: { $0.key < $1.key }) {
            try await addProgram(program, mentions: count, date: date, to: counts)
        }
        let indicators = SQLQuery("""
            SELECT indicator, min(metric) AS metric, min(unit) AS unit, count(*) AS n FROM figures
            WHERE indicator IS NOT NULL AND article =
            """)
        indicators.append(" " + indicators.bind(key) + " GROUP BY indicator")
        for row in try await rows(indicators) {
            try await addIndicator(try row.value("indicator"), label: try row.value("metric"), unit: try row.value("unit"), figures: try row.value("n"),
                                   to: counts)
        }
        try await counts.send()
    }

    private func addProgram(_ program: Int64, mentions: Int64, date: String?, to statement: CombinedStatement) async throws {
        try await statement.add(parameters: 3) { query in
            let count = query.bind(mentions), day = query.bind(date), key = query.bind(program)
            return """
                UPDATE programs SET article_count = article_count + 1, mention_count = mention_count + \(count),
                    first_seen = CASE WHEN \(day)::text IS NULL THEN first_seen WHEN first_seen IS NULL OR \(day)::text < first_seen THEN \(day)::text ELSE first_seen END,
                    last_seen = CASE WHEN \(day)::text IS NULL THEN last_seen WHEN last_seen IS NULL OR \(day)::text > last_seen THEN \(day)::text ELSE last_seen END
                WHERE key = \(key)
                """
        }
    }

    private func addProgramRegion(program: Int64, code: String, name: String, mentions: Int64, date: String?,
                                  to statement: CombinedStatement) async throws {
        try await statement.add(parameters: 5) { query in
            let key = query.bind(program), region = query.bind(code), label = query.bind(name), count = query.bind(mentions), day = query.bind(date)
            return """
                INSERT INTO program_regions AS pr (program, code, name, article_count, mention_count, first_seen, last_seen)
                VALUES (\(key), \(region), \(label), 1, \(count), \(day)::text, \(day)::text)
                ON CONFLICT (program, code) DO UPDATE SET article_count = pr.article_count + 1, mention_count = pr.mention_count + \(count),
                    first_seen = CASE WHEN \(day)::text IS NULL THEN pr.first_seen WHEN pr.first_seen IS NULL OR \(day)::text < pr.first_seen THEN \(day)::text ELSE pr.first_seen END,
                    last_seen = CASE WHEN \(day)::text IS NULL THEN pr.last_seen WHEN pr.last_seen IS NULL OR \(day)::text > pr.last_seen THEN \(day)::text ELSE pr.last_seen END
                """
        }
    }

    private func addProgramYear(program: Int64, code: String, year: Int64, to statement: CombinedStatement) async throws {
        try await statement.add(parameters: 3) { query in
            """
            INSERT INTO program_years AS py (program, code, year, article_count) VALUES (\(query.bind(program)), \(query.bind(code)), \(query.bind(year)), 1)
            ON CONFLICT (program, code, year) DO UPDATE SET article_count = py.article_count + 1
            """
        }
    }

    private func addIndicator(_ id: String, label: String?, unit: String?, figures: Int64, to statement: CombinedStatement) async throws {
        try await statement.add(parameters: 4) { query in
            """
            INSERT INTO indicators AS i (id, label, unit, figure_count, article_count)
            VALUES (\(query.bind(id)), \(query.bind(label)), \(query.bind(unit)), \(query.bind(figures)), 1)
            ON CONFLICT (id) DO UPDATE SET figure_count = i.figure_count + excluded.figure_count,
                article_count = i.article_count + 1,
                label = coalesce(i.label, excluded.label), unit = coalesce(i.unit, excluded.unit)
            """
        }
    }

    /// Where a new article stands among the stored ones (see SQLite's writer).
    struct Placement {
        var cluster: String
        var duplicateOf: String?
        var contributes: Bool { duplicateOf == nil }
    }

    /// Finds the cluster of the new article `document` (to be stored under `key`): LSH candidates
    /// from `article_bands`, verified by containment on their stored bodies; the article joins the
    /// cluster of the copy it shares most with, and when it is the preferred copy it becomes the
    /// representative. Records the article's bands.
    private mutating func place(_ document: DedupDocument, key: Int64) async throws -> Placement {
        let bands = document.bands.map { Int64(bitPattern: $0) }
        var cluster: String?
        if !bands.isEmpty {
            // The candidates sharing most bands first, with the stored rows they are checked on.
            let candidates = SQLQuery("""
                SELECT a.id, a.date, a.body, a.cluster FROM (
                    SELECT article, count(*) AS shared FROM article_bands WHERE band = ANY(
                """)
            candidates.append("""
                \(candidates.bind(bands))) AND article <> \(candidates.bind(key))
                    GROUP BY article ORDER BY count(*) DESC, article DESC LIMIT \(DuplicateIndex.candidateLimit)
                ) c JOIN articles a ON a.key = c.article ORDER BY c.shared DESC, c.article DESC
                """)
            var bestShare = 0.0
            for row in try await rows(candidates) {
                let stored = DedupDocument(id: try row.value("id"), date: try row.value("date"), contentScalars: ContentText.scalars(of: try row.value("body")))
                if let share = DuplicateRule.standard.verify(document, stored), share > bestShare {
                    bestShare = share
                    cluster = try row.value("cluster", as: String?.self) ?? stored.id
                }
            }
            let insert = SQLQuery("INSERT INTO article_bands (band, article) SELECT DISTINCT unnest(")
            insert.append("\(insert.bind(bands)) ::bigint[]), \(insert.bind(key)) ON CONFLICT DO NOTHING")
            try await run(insert)
        }
        guard let cluster else { return Placement(cluster: document.id, duplicateOf: nil) }

        let members = SQLQuery("SELECT key, id, date, content_length, duplicate_of FROM articles WHERE cluster = ")
        members.append(members.bind(cluster))
        var best: (key: Int64?, id: String, date: String?, length: Int) = (nil, document.id, document.date, document.length)
        var current: Int64?
        for member in try await rows(members) {
            let candidate: (key: Int64?, id: String, date: String?, length: Int) = (
                try member.value("key"), try member.value("id"), try member.value("date"), try member.value("content_length"))
            if try member.value("duplicate_of", as: String?.self) == nil { current = candidate.key }
            if DedupDocument.prefers(id: candidate.id, date: candidate.date, length: candidate.length,
                                     over: best.id, date: best.date, length: best.length) {
                best = candidate
            }
        }
        if current != best.key {
            if let current { try await removeAggregates(key: current) }
            if let key = best.key { try await addAggregates(key: key) }
        }
        let update = SQLQuery()
        let representative = update.bind(best.id)
        // Only the rows that change: an update rewrites the whole row (body included) in PostgreSQL.
        update.append("""
            UPDATE articles SET duplicate_of = CASE WHEN id = \(representative) THEN NULL ELSE \(representative) END
            WHERE cluster = \(update.bind(cluster))
              AND duplicate_of IS DISTINCT FROM (CASE WHEN id = \(representative) THEN NULL ELSE \(representative) END)
            """)
        try await run(update)
        return Placement(cluster: cluster, duplicateOf: best.key == nil ? nil : best.id)
    }

    /// Inserts the rows of `prepared` under `key`, its index terms included; only a cluster's
    /// representative (`placement.contributes`) adds to the program and indicator counts. The rows
    /// and count updates go to PostgreSQL as one statement (``CombinedStatement``).
    private mutating func insert(_ prepared: PreparedRecord, key: Int64, placement: Placement) async throws {
        let record = prepared.record
        let article = record.article
        let statement = CombinedStatement(connection: connection, logger: logger)
        let needsParagraphs = article.paragraphs.isEmpty || article.paragraphs.contains(where: RecordWriter.containsLineBreak)
        try await statement.add(parameters: 19) { row in
            """
            INSERT INTO articles (key, id, source, position, title, subtitle, date, year, outlet, authors, editors, captions, warnings, body, paragraphs,
                cluster, duplicate_of, content_length, url) VALUES (
            """ + [
                row.bind(key), row.bind(article.id), row.bind(article.source), row.bind(article.index), row.bind(article.title), row.bind(article.subtitle),
                row.bind(article.date), row.bind(article.year), row.bind(article.outlet), row.bind(JSONString.array(article.authors)),
                row.bind(JSONString.array(article.editors)), row.bind(JSONString.array(article.captions)), row.bind(JSONString.array(article.warnings)),
                row.bind(article.text), row.bind(needsParagraphs ? JSONString.array(article.paragraphs) : nil),
                row.bind(placement.cluster), row.bind(placement.duplicateOf), row.bind(prepared.dedup.length), row.bind(article.url),
            ].joined(separator: ", ") + ")"
        }
        try await statement.add(parameters: 3) { source in
            "INSERT INTO article_sources (id, source, position) VALUES (\(source.bind(article.id)), \(source.bind(article.source)), \(source.bind(article.index))) ON CONFLICT DO NOTHING"
        }
        try await statement.add(parameters: 3) { dates in
            "INSERT INTO article_dates (key, year, date) VALUES (\(dates.bind(key)), \(dates.bind(article.year)), \(dates.bind(article.date)))"
        }
        try await statement.add(parameters: 2) { terms in
            "INSERT INTO article_terms (key, terms) VALUES (\(terms.bind(key)), \(terms.bind(TermVector(title: prepared.titleTerms, body: prepared.bodyTerms).text))::tsvector)"
        }

        var scope = Set<String>()
        if !record.regions.isEmpty {
            try await statement.add(parameters: 9 * record.regions.count) { insert in
                var sql = "INSERT INTO article_regions (article, rank, code, name, level, prefecture_code, prefecture_name, mentions, role) VALUES"
                for (rank, mention) in record.regions.enumerated() {
                    sql += (rank == 0 ? " (" : ", (") + [
                        insert.bind(key), insert.bind(rank), insert.bind(mention.code), insert.bind(mention.name), insert.bind(mention.level.rawValue),
                        insert.bind(mention.prefecture?.code), insert.bind(mention.prefecture?.name), insert.bind(mention.mentions),
                        insert.bind(mention.role.rawValue),
                    ].joined(separator: ", ") + ")"
                }
                return sql
            }
            for mention in record.regions {
                scope.insert(mention.code)
                scope.formUnion(regions.ancestorCodes(of: mention.code))
            }
        }
        if !scope.isEmpty {
            try await statement.add(parameters: 2) { insert in
                "INSERT INTO region_articles (code, article) SELECT unnest(\(insert.bind(scope.sorted()))::text[]), \(insert.bind(key)) ON CONFLICT DO NOTHING"
            }
        }

        let paragraphStarts = RecordWriter.paragraphStarts(article.paragraphs)
        let fallback = record.regions.first.map { RegionRef(name: $0.name, code: $0.code) }
        var perRegion: [ProgramRegionKey: (name: String, mentions: Int64)] = [:]
        var regionOrder: [ProgramRegionKey] = []
        var perProgram: [Int64: Int64] = [:]
        if !record.programs.isEmpty {
            var programs: [Int64] = []
            for mention in record.programs { programs.append(try await programKey(mention.name)) }
            try await statement.add(parameters: 11 * record.programs.count) { insert in
                var sql = """
                    INSERT INTO program_mentions (article, ordinal, program, start, "end", paragraph, sentence, region_code, region_name, effective_code, aliases) VALUES
                    """
                for (ordinal, mention) in record.programs.enumerated() {
                    let effective = mention.region ?? fallback
                    sql += (ordinal == 0 ? " (" : ", (") + [
                        insert.bind(key), insert.bind(ordinal), insert.bind(programs[ordinal]), insert.bind(mention.start), insert.bind(mention.end),
                        insert.bind(RecordWriter.paragraph(of: mention.start, starts: paragraphStarts)), insert.bind(mention.sentence),
                        insert.bind(mention.region?.code), insert.bind(mention.region?.name), insert.bind(effective?.code ?? ""),
                        insert.bind(mention.aliases.isEmpty ? nil : JSONString.array(mention.aliases)),
                    ].joined(separator: ", ") + ")"
                }
                return sql
            }
            for (ordinal, mention) in record.programs.enumerated() {
                let program = programs[ordinal]
                let effective = mention.region ?? fallback
                perProgram[program, default: 0] += 1
                let regionKey = ProgramRegionKey(program: program, code: effective?.code ?? "")
                if perRegion[regionKey] == nil { regionOrder.append(regionKey) }
                perRegion[regionKey, default: (effective?.name ?? "", 0)].mentions += 1
            }
        }
        if placement.contributes {
            for (program, count) in perProgram.sorted(by: { $0.key < $1.key }) {
                try await addProgram(program, mentions: count, date: article.date, to: statement)
            }
            for regionKey in regionOrder {
                guard let entry = perRegion[regionKey] else { continue }
                try await addProgramRegion(program: regionKey.program, code: regionKey.code, name: entry.name, mentions: entry.mentions,
                                           date: article.date, to: statement)
                if let year = article.year {
                    try await addProgramYear(program: regionKey.program, code: regionKey.code, year: Int64(year), to: statement)
                }
            }
        }

        var indicatorCounts: [String: (count: Int64, figure: Figure)] = [:]
        var indicatorOrder: [String] = []
        // At most 21 parameters a row: 2,000 rows a part stay under PostgreSQL's limit.
        for start in stride(from: 0, to: record.figures.count, by: 2000) {
            let rows = start..<min(start + 2000, record.figures.count)
            try await statement.add(parameters: 21 * rows.count) { insert in
                var sql = """
                    INSERT INTO figures (article, ordinal, text, value, value_max, unit, qualifier, change, basis, kind, metric,
                        indicator, year, region_code, region_name, start, "end", paragraph, sentence, period_year, year_source) VALUES
                    """
                for ordinal in rows {
                    let figure = record.figures[ordinal]
                    sql += (ordinal == start ? " (" : ", (") + [
                        insert.bind(key), insert.bind(ordinal), insert.bind(figure.text), insert.bind(figure.value), insert.bind(figure.valueMax),
                        insert.bind(figure.unit), insert.bind(figure.qualifier), insert.bind(figure.change?.rawValue), insert.bind(figure.basis?.rawValue),
                        insert.bind(figure.kind.rawValue), insert.bind(figure.metric), insert.bind(figure.indicator), insert.bind(figure.year),
                        insert.bind(figure.region?.code), insert.bind(figure.region?.name), insert.bind(figure.start), insert.bind(figure.end),
                        insert.bind(RecordWriter.paragraph(of: figure.start, starts: paragraphStarts)), insert.bind(figure.sentence),
                        insert.bind(figure.year ?? article.year), insert.bind(figure.yearSource?.rawValue),
                    ].joined(separator: ", ") + ")"
                }
                return sql
            }
        }
        for figure in record.figures {
            guard let indicator = figure.indicator else { continue }
            if indicatorCounts[indicator] == nil { indicatorOrder.append(indicator) }
            indicatorCounts[indicator, default: (0, figure)].count += 1
        }
        if placement.contributes {
            for indicator in indicatorOrder {
                guard let entry = indicatorCounts[indicator] else { continue }
                try await addIndicator(indicator, label: entry.figure.metric, unit: entry.figure.unit, figures: entry.count, to: statement)
            }
        }
        try await statement.send()
    }

    private mutating func programKey(_ name: String) async throws -> Int64 {
        if let key = programKeys[name] { return key }
        let query = SQLQuery("""
            WITH inserted AS (INSERT INTO programs (name) VALUES (
            """)
        let bound = query.bind(name)
        query.append("""
            \(bound)) ON CONFLICT (name) DO NOTHING RETURNING key)
            SELECT key FROM inserted UNION ALL SELECT key FROM programs WHERE name = \(bound)
            """)
        let key: Int64 = try await rows(query).first!.value("key")
        programKeys[name] = key
        return key
    }
}

/// A program in one region, the unit of the per-region program counts.
private struct ProgramRegionKey: Hashable {
    var program: Int64
    var code: String
}
