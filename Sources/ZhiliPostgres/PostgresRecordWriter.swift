import Logging
import PostgresNIO
import ZhiliCore
import ZhiliDedup
import ZhiliExtract
import ZhiliICU
import ZhiliStore
import ZhiliText

/// Writes a batch of prepared records inside one transaction: replaces stored records with the
/// same id, places each article in its cluster of near-duplicate copies, and fills the article,
/// full-text, region, program, figure and indicator tables and the counts they keep, exactly as
/// ``ZhiliStore/SQLiteStore``'s writer does, so both stores answer alike.
///
/// The batch is written in two phases. First, without any lock, every row keyed only by the new
/// article keys (full-text terms, dates, regions, figures: most of the bytes and the GIN index
/// work), in multi-row `INSERT`s across the batch (``RowInserter``); other writers cannot see or
/// touch these rows, so they write theirs at the same time. Then, under the write lock
/// (``PostgresSchema/lock(_:logger:)``), what depends on the other batches: replaced ids, cluster
/// placement, the `articles` rows, sources, program mentions and every count, one record after
/// another with its rows and count updates in one statement (``CombinedStatement``). The lock is
/// held to the commit, so each batch's second phase sees every batch committed before it, as
/// when batches were written one at a time. Every value is a bound parameter.
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
        var summary = WriteSummary()
        guard !records.isEmpty else { return summary }
        // Phase 1, concurrent with other writers: keys, and the rows keyed by them alone.
        let keys = try await newKeys(records.count)
        try await insertKeyedRows(records, keys: keys)
        // Phase 2, one batch at a time.
        try await PostgresSchema.lock(connection, logger: logger)
        var stored = try await storedKeys(records.map(\.record.article.id))
        try await loadProgramKeys(records.flatMap { $0.record.programs.map(\.name) })
        for (prepared, key) in zip(records, keys) {
            let id = prepared.record.article.id
            if let old = stored[id] {
                try await delete(key: old)
                summary.replaced += 1
            } else {
                summary.inserted += 1
            }
            let placement = try await place(prepared.dedup, key: key)
            try await insert(prepared, key: key, placement: placement)
            stored[id] = key
        }
        try await refreshProgramDates()
        return summary
    }

    /// `count` new article keys, in order.
    private func newKeys(_ count: Int) async throws -> [Int64] {
        let query = SQLQuery("SELECT nextval('article_keys') AS key FROM generate_series(1, ")
        query.append(query.bind(count) + ") ORDER BY 1")
        return try await rows(query).map { try $0.value("key") }
    }

    /// The stored keys of those of `ids` that are stored.
    private func storedKeys(_ ids: [String]) async throws -> [String: Int64] {
        let query = SQLQuery("SELECT id, key FROM articles WHERE id = ANY(")
        query.append(query.bind(Array(Set(ids))) + "::text[])")
        var keys: [String: Int64] = [:]
        for row in try await rows(query) { keys[try row.value("id")] = try row.value("key") }
        return keys
    }

    /// Inserts the rows that belong to the new keys alone (`article_terms`, `article_dates`,
    /// `article_regions`, `region_articles`, `figures`): no other batch reads or writes them, so
    /// this runs before the write lock.
    private func insertKeyedRows(_ records: [PreparedRecord], keys: [Int64]) async throws {
        let terms = RowInserter(connection: connection, logger: logger, "INSERT INTO article_terms (key, terms)")
        let dates = RowInserter(connection: connection, logger: logger, "INSERT INTO article_dates (key, year, date)")
        let regionRows = RowInserter(connection: connection, logger: logger,
            "INSERT INTO article_regions (article, rank, code, name, level, prefecture_code, prefecture_name, mentions, role)")
        let scopes = RowInserter(connection: connection, logger: logger, "INSERT INTO region_articles (code, article)",
                                 tail: " ON CONFLICT DO NOTHING")
        let figures = RowInserter(connection: connection, logger: logger, """
            INSERT INTO figures (article, ordinal, text, value, value_max, unit, qualifier, change, basis, kind, metric,
                indicator, year, region_code, region_name, start, "end", paragraph, sentence, period_year, year_source)
            """)
        for (prepared, key) in zip(records, keys) {
            let record = prepared.record
            let article = record.article
            try await terms.add { row in
                [row.bind(key), row.bind(TermVector(title: prepared.titleTerms, body: prepared.bodyTerms).text) + "::tsvector"]
            }
            try await dates.add { row in [row.bind(key), row.bind(article.year), row.bind(article.date)] }
            var scope = Set<String>()
            for (rank, mention) in record.regions.enumerated() {
                try await regionRows.add { row in
                    [
                        row.bind(key), row.bind(rank), row.bind(mention.code), row.bind(mention.name), row.bind(mention.level.rawValue),
                        row.bind(mention.prefecture?.code), row.bind(mention.prefecture?.name), row.bind(mention.mentions),
                        row.bind(mention.role.rawValue),
                    ]
                }
                scope.insert(mention.code)
                scope.formUnion(regions.ancestorCodes(of: mention.code))
            }
            for code in scope.sorted() {
                try await scopes.add { row in [row.bind(code), row.bind(key)] }
            }
            let paragraphStarts = RecordWriter.paragraphStarts(article.paragraphs)
            for (ordinal, figure) in record.figures.enumerated() {
                try await figures.add { row in
                    [
                        row.bind(key), row.bind(ordinal), row.bind(figure.text), row.bind(figure.value), row.bind(figure.valueMax),
                        row.bind(figure.unit), row.bind(figure.qualifier), row.bind(figure.change?.rawValue), row.bind(figure.basis?.rawValue),
                        row.bind(figure.kind.rawValue), row.bind(figure.metric), row.bind(figure.indicator), row.bind(figure.year),
                        row.bind(figure.region?.code), row.bind(figure.region?.name), row.bind(figure.start), row.bind(figure.end),
                        row.bind(RecordWriter.paragraph(of: figure.start, starts: paragraphStarts)), row.bind(figure.sentence),
                        row.bind(figure.year ?? article.year), row.bind(figure.yearSource?.rawValue),
                    ]
                }
            }
        }
        for inserter in [terms, dates, regionRows, scopes, figures] { try await inserter.send() }
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
        /// The new representative of the stored cluster the article joins (nil for a new cluster,
        /// or when the representative stays): the other members' `duplicate_of` is set to it with
        /// the article's insert.
        var representative: String?
        var contributes: Bool { duplicateOf == nil }
    }

    /// Finds the cluster of the new article `document` (to be stored under `key`): LSH candidates
    /// from `article_bands`, verified by containment on their stored bodies; the article joins the
    /// cluster of the copy it shares most with, and when it is the preferred copy it becomes the
    /// representative. The article's bands are recorded by ``insert(_:key:placement:)``.
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
        }
        guard let cluster else { return Placement(cluster: document.id, duplicateOf: nil) }

        // As in ``ZhiliStore/RecordWriter``: the new copy is compared with the representative alone,
        // and with every member only when the cluster has lost its representative.
        let representatives = SQLQuery("SELECT key, id, date, content_length, duplicate_of FROM articles WHERE duplicate_of IS NULL AND cluster = ")
        representatives.append(representatives.bind(cluster))
        var stored = try await rows(representatives)
        if stored.isEmpty {
            let members = SQLQuery("SELECT key, id, date, content_length, duplicate_of FROM articles WHERE cluster = ")
            members.append(members.bind(cluster))
            stored = try await rows(members)
        }
        var best: (key: Int64?, id: String, date: String?, length: Int) = (nil, document.id, document.date, document.length)
        var current: Int64?
        for member in stored {
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
        let changed = current == nil || current != best.key
        return Placement(cluster: cluster, duplicateOf: best.key == nil ? nil : best.id, representative: changed ? best.id : nil)
    }

    /// Inserts the `articles` row of `prepared` under `key`, its sources, bands and program
    /// mentions, and (for a cluster's representative, `placement.contributes`) its program and
    /// indicator counts, as one statement (``CombinedStatement``); its other rows went in before
    /// the lock (``insertKeyedRows(_:keys:)``).
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
        if let representative = placement.representative {
            // Only the rows that change: an update rewrites the whole row (body included) in PostgreSQL.
            try await statement.add(parameters: 2) { update in
                let chosen = update.bind(representative)
                return """
                    UPDATE articles SET duplicate_of = CASE WHEN id = \(chosen) THEN NULL ELSE \(chosen) END
                    WHERE cluster = \(update.bind(placement.cluster))
                      AND duplicate_of IS DISTINCT FROM (CASE WHEN id = \(chosen) THEN NULL ELSE \(chosen) END)
                    """
            }
        }
        try await statement.add(parameters: 3) { source in
            "INSERT INTO article_sources (id, source, position) VALUES (\(source.bind(article.id)), \(source.bind(article.source)), \(source.bind(article.index))) ON CONFLICT DO NOTHING"
        }
        if !prepared.dedup.bands.isEmpty {
            try await statement.add(parameters: 2) { insert in
                "INSERT INTO article_bands (band, article) SELECT DISTINCT unnest(\(insert.bind(prepared.dedup.bands.map { Int64(bitPattern: $0) }))::bigint[]), \(insert.bind(key)) ON CONFLICT DO NOTHING"
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
            var indicatorCounts: [String: (count: Int64, figure: Figure)] = [:]
            var indicatorOrder: [String] = []
            for figure in record.figures {
                guard let indicator = figure.indicator else { continue }
                if indicatorCounts[indicator] == nil { indicatorOrder.append(indicator) }
                indicatorCounts[indicator, default: (0, figure)].count += 1
            }
            for indicator in indicatorOrder {
                guard let entry = indicatorCounts[indicator] else { continue }
                try await addIndicator(indicator, label: entry.figure.metric, unit: entry.figure.unit, figures: entry.count, to: statement)
            }
        }
        try await statement.send()
    }

    /// Looks up (adding those not stored) the keys of the programs `names`, in one round trip
    /// for the batch; ``programKey(_:)`` then finds them here.
    private mutating func loadProgramKeys(_ names: [String]) async throws {
        let missing = Array(Set(names).subtracting(programKeys.keys)).sorted()
        guard !missing.isEmpty else { return }
        let query = SQLQuery("WITH wanted AS (SELECT unnest(")
        let bound = query.bind(missing)
        query.append("""
            \(bound)::text[]) AS name), inserted AS (
                INSERT INTO programs (name) SELECT name FROM wanted ORDER BY name ON CONFLICT (name) DO NOTHING RETURNING key, name)
            SELECT key, name FROM inserted UNION ALL SELECT p.key, p.name FROM programs p JOIN wanted w ON w.name = p.name
            """)
        for row in try await rows(query) { programKeys[try row.value("name")] = try row.value("key") }
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
