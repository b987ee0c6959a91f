import Logging
import PostgresNIO
import ZhiliExtract

/// The PostgreSQL schema and its versioned migrations.
///
/// The tables mirror ``ZhiliStore/SQLiteStore``'s schema (its migrations v1–v8) column for column,
/// so the queries and the counts they keep read the same; text columns use the `"C"` collation so
/// that ordering by name, date or code is bytewise, as in SQLite. Two things differ:
/// `article_keys` hands out article keys (many writers share one database), and the full-text
/// index is `article_terms`, one `tsvector` per article under a GIN index (see ``TermVector``).
///
/// `zhili_migrations` records each applied version. Migrations run under an advisory lock, so
/// several workers starting at once apply each version exactly once.
enum PostgresSchema {
    /// One migration: applied in one transaction, recorded under `version`.
    struct Migration {
        var version: Int
        var name: String
        var sql: String
    }

    /// The lock key every schema change and every batch write holds (`pg_advisory_xact_lock`).
    static let writeLock: Int64 = 0x7A68_696C_6900

    /// Every migration, in order. Never edit a shipped one: add a new one.
    static let migrations: [Migration] = [
        Migration(version: 1, name: "articles, regions, programs, figures, full text", sql: """
            CREATE TABLE regions (
                code text COLLATE "C" PRIMARY KEY,
                name text COLLATE "C" NOT NULL,
                level text COLLATE "C" NOT NULL,
                parent text COLLATE "C",
                prefecture text COLLATE "C",
                longitude double precision NOT NULL,
                latitude double precision NOT NULL
            );
            CREATE INDEX regions_by_parent ON regions(parent);
            CREATE INDEX regions_by_name ON regions(name);

            -- Every (ancestor, division) pair, a division being its own ancestor.
            CREATE TABLE region_tree (
                ancestor text COLLATE "C" NOT NULL,
                code text COLLATE "C" NOT NULL,
                PRIMARY KEY (ancestor, code)
            );

            CREATE SEQUENCE article_keys;
            CREATE TABLE articles (
                key bigint PRIMARY KEY,
                id text COLLATE "C" NOT NULL UNIQUE,
                source text COLLATE "C" NOT NULL,
                position bigint NOT NULL,
                title text COLLATE "C",
                subtitle text COLLATE "C",
                date text COLLATE "C",
                year bigint,
                outlet text COLLATE "C",
                authors text NOT NULL,
                editors text NOT NULL,
                captions text NOT NULL,
                warnings text NOT NULL,
                body text NOT NULL,
                -- JSON array of paragraphs, only when a paragraph holds a newline.
                paragraphs text,
                cluster text COLLATE "C",
                duplicate_of text COLLATE "C",
                content_length bigint NOT NULL DEFAULT 0
            );
            CREATE INDEX articles_by_date ON articles(date DESC);
            CREATE INDEX articles_by_cluster ON articles(cluster);

            -- Narrow copy of each article's date for filters that run once per search candidate.
            CREATE TABLE article_dates (
                key bigint PRIMARY KEY,
                year bigint,
                date text COLLATE "C"
            );

            CREATE TABLE article_regions (
                article bigint NOT NULL,
                rank bigint NOT NULL,
                code text COLLATE "C" NOT NULL,
                name text COLLATE "C" NOT NULL,
                level text COLLATE "C" NOT NULL,
                prefecture_code text COLLATE "C",
                prefecture_name text COLLATE "C",
                mentions bigint NOT NULL,
                role text COLLATE "C" NOT NULL DEFAULT 'subject',
                PRIMARY KEY (article, rank)
            );
            CREATE INDEX article_regions_by_code ON article_regions(code, article);

            -- Every (division, article) pair where the article is about the division or one below it.
            CREATE TABLE region_articles (
                code text COLLATE "C" NOT NULL,
                article bigint NOT NULL,
                PRIMARY KEY (code, article)
            );
            CREATE INDEX region_articles_by_article ON region_articles(article);

            -- Programs with counts kept up to date by every write.
            CREATE TABLE programs (
                key bigserial PRIMARY KEY,
                name text COLLATE "C" NOT NULL UNIQUE,
                article_count bigint NOT NULL DEFAULT 0,
                mention_count bigint NOT NULL DEFAULT 0,
                first_seen text COLLATE "C",
                last_seen text COLLATE "C"
            );
            CREATE INDEX programs_by_articles ON programs(article_count DESC, mention_count DESC);

            -- A mention's region is its own, else its article's most salient region ('' for none).
            CREATE TABLE program_mentions (
                article bigint NOT NULL,
                ordinal bigint NOT NULL,
                program bigint NOT NULL,
                start bigint NOT NULL,
                "end" bigint NOT NULL,
                paragraph bigint NOT NULL,
                sentence text NOT NULL,
                region_code text COLLATE "C",
                region_name text COLLATE "C",
                effective_code text COLLATE "C" NOT NULL,
                aliases text,
                PRIMARY KEY (article, ordinal)
            );
            CREATE INDEX program_mentions_by_program ON program_mentions(program, article);
            CREATE INDEX program_mentions_by_program_region ON program_mentions(program, effective_code, article);

            -- Per program and region: counts and dates, kept up to date by every write.
            CREATE TABLE program_regions (
                program bigint NOT NULL,
                code text COLLATE "C" NOT NULL,
                name text COLLATE "C" NOT NULL,
                article_count bigint NOT NULL,
                mention_count bigint NOT NULL,
                first_seen text COLLATE "C",
                last_seen text COLLATE "C",
                PRIMARY KEY (program, code)
            );
            CREATE INDEX program_regions_by_code ON program_regions(code, program);

            -- Per program, region and publication year: article counts.
            CREATE TABLE program_years (
                program bigint NOT NULL,
                code text COLLATE "C" NOT NULL,
                year bigint NOT NULL,
                article_count bigint NOT NULL,
                PRIMARY KEY (program, code, year)
            );

            CREATE TABLE figures (
                article bigint NOT NULL,
                ordinal bigint NOT NULL,
                text text NOT NULL,
                value double precision NOT NULL,
                value_max double precision,
                unit text COLLATE "C",
                qualifier text COLLATE "C",
                change text COLLATE "C",
                basis text COLLATE "C",
                kind text COLLATE "C" NOT NULL,
                metric text COLLATE "C",
                indicator text COLLATE "C",
                year bigint,
                region_code text COLLATE "C",
                region_name text COLLATE "C",
                start bigint NOT NULL,
                "end" bigint NOT NULL,
                paragraph bigint NOT NULL,
                sentence text NOT NULL,
                -- The figure's year, else its article's.
                period_year bigint,
                year_source text COLLATE "C",
                PRIMARY KEY (article, ordinal)
            );
            CREATE INDEX figures_by_indicator ON figures(indicator, region_code, period_year, article) WHERE indicator IS NOT NULL;

            -- Indicator catalog; counts are kept up to date by every write.
            CREATE TABLE indicators (
                id text COLLATE "C" PRIMARY KEY,
                label text COLLATE "C",
                unit text COLLATE "C",
                figure_count bigint NOT NULL DEFAULT 0,
                article_count bigint NOT NULL DEFAULT 0
            );

            -- Every source each article id was read from.
            CREATE TABLE article_sources (
                id text COLLATE "C" NOT NULL,
                source text COLLATE "C" NOT NULL,
                position bigint NOT NULL,
                PRIMARY KEY (id, source, position)
            );

            -- LSH bands of each article's MinHash, for near-duplicate candidates.
            CREATE TABLE article_bands (
                band bigint NOT NULL,
                article bigint NOT NULL,
                PRIMARY KEY (band, article)
            );
            CREATE INDEX article_bands_by_article ON article_bands(article);

            -- The full-text index: each article's segmented title (weight A) and body terms.
            CREATE TABLE article_terms (
                key bigint PRIMARY KEY,
                terms tsvector NOT NULL
            );
            CREATE INDEX article_terms_search ON article_terms USING gin (terms);
            """),
        // SQLite's "v7: article url": the page's canonical URL, else its container's
        // (`Article.url`); null for articles stored before.
        Migration(version: 2, name: "article url", sql: """
            ALTER TABLE articles ADD COLUMN url text COLLATE "C";
            """),
        // The work queue of `zhili extract --queue` (``PostgresWorkQueue``): inputs and byte
        // ranges of inputs as items claimed under a lease, and the records they could not read.
        Migration(version: 3, name: "work queue", sql: """
            CREATE TABLE queues (
                name text COLLATE "C" PRIMARY KEY,
                range_bytes bigint NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            -- One file, or one byte range of a file (range_end NULL: to its end).
            CREATE TABLE queue_items (
                id bigserial PRIMARY KEY,
                queue text COLLATE "C" NOT NULL REFERENCES queues(name) ON DELETE CASCADE,
                path text COLLATE "C" NOT NULL,
                range_start bigint NOT NULL,
                range_end bigint,
                lines_before bigint NOT NULL DEFAULT 0,
                file_size bigint,
                state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'done', 'failed')),
                claimed_by text,
                claimed_at timestamptz,
                lease_until timestamptz,
                attempts integer NOT NULL DEFAULT 0,
                completions integer NOT NULL DEFAULT 0,
                records bigint NOT NULL DEFAULT 0,
                errors bigint NOT NULL DEFAULT 0,
                finished_at timestamptz,
                last_error text,
                UNIQUE (queue, path, range_start)
            );
            CREATE INDEX queue_items_open ON queue_items(queue, state, id);
            -- Records an item's worker skipped, as `--errors` lists them for files.
            CREATE TABLE queue_errors (
                item bigint NOT NULL REFERENCES queue_items(id) ON DELETE CASCADE,
                file text NOT NULL,
                source text NOT NULL,
                byte_offset bigint,
                line bigint,
                severity text NOT NULL,
                reason text NOT NULL
            );
            CREATE INDEX queue_errors_by_item ON queue_errors(item);
            """),
        Migration(version: 4, name: "cluster representatives", sql: """
            CREATE INDEX articles_representatives ON articles(cluster) WHERE duplicate_of IS NULL;
            """),
    ]

    /// Recreates the full-text GIN index migration 1 creates, when it is missing (dropped for a
    /// bulk load into an empty store, ``PostgresStore/beginBulkLoad()``).
    static let createFullTextIndex = "CREATE INDEX IF NOT EXISTS article_terms_search ON article_terms USING gin (terms)"

    /// Whether the full-text GIN index exists.
    static func hasFullTextIndex(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await SQLQuery("SELECT to_regclass('article_terms_search') IS NOT NULL AS present")
            .rows(on: connection, logger: logger).first?.value("present", as: Bool.self) ?? false
    }

    /// The newest version this build knows.
    static var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies the migrations `connection`'s database lacks, each in its own transaction, then
    /// loads the division table when it differs in size.
    ///
    /// - Throws: ``PostgresStoreError/newerSchema(found:known:)`` for a database migrated by a newer Zhili.
    static func migrate(_ connection: PostgresConnection, regions: RegionTable, logger: Logger) async throws {
        try await SQLQuery("""
            CREATE TABLE IF NOT EXISTS zhili_migrations (
                version bigint PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
            """).run(on: connection, logger: logger)
        try await connection.withTransaction(logger: logger) { connection in
            try await lock(connection, logger: logger)
            let applied = try await appliedVersion(connection, logger: logger)
            if applied > latestVersion { throw PostgresStoreError.newerSchema(found: applied, known: latestVersion) }
            for migration in migrations where migration.version > applied {
                // Each statement separately: the extended protocol takes one statement per query.
                for statement in statements(of: migration.sql) {
                    try await SQLQuery(statement).run(on: connection, logger: logger)
                }
                let record = SQLQuery("INSERT INTO zhili_migrations (version, name) VALUES (")
                record.append("\(record.bind(migration.version)), \(record.bind(migration.name)))")
                try await record.run(on: connection, logger: logger)
            }
            try await loadRegions(regions, connection: connection, logger: logger)
        }
    }

    /// The newest applied version (0 for an empty database).
    static func appliedVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await SQLQuery("""
            SELECT coalesce(max(version), 0) AS version FROM zhili_migrations
            """).rows(on: connection, logger: logger)
        return try rows.first?.value("version") ?? 0
    }

    /// Takes the write lock until the end of the current transaction.
    static func lock(_ connection: PostgresConnection, logger: Logger) async throws {
        let query = SQLQuery("SELECT pg_advisory_xact_lock(")
        query.append(query.bind(writeLock) + ")")
        try await query.run(on: connection, logger: logger)
    }

    /// The statements of a migration script: split at each `;` that ends a line.
    static func statements(of script: String) -> [String] {
        script.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }
            .filter { !$0.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") || $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    /// Replaces `regions` and `region_tree` with `table` when the stored table differs in size.
    static func loadRegions(_ table: RegionTable, connection: PostgresConnection, logger: Logger) async throws {
        let counts = try await SQLQuery("""
            SELECT (SELECT count(*) FROM regions) AS stored, (SELECT count(*) FROM region_tree) AS closure
            """).rows(on: connection, logger: logger)
        if let row = counts.first, try row.value("stored", as: Int.self) == table.byCode.count, try row.value("closure", as: Int.self) > 0 {
            return
        }
        try await SQLQuery("DELETE FROM regions").run(on: connection, logger: logger)
        try await SQLQuery("DELETE FROM region_tree").run(on: connection, logger: logger)
        let regions = Array(table.byCode.values)
        // A few hundred rows per statement keep the parameter count far below its limit.
        for start in stride(from: 0, to: regions.count, by: 500) {
            let insert = SQLQuery("INSERT INTO regions (code, name, level, parent, prefecture, longitude, latitude) VALUES ")
            for (offset, region) in regions[start..<min(start + 500, regions.count)].enumerated() {
                insert.append(offset == 0 ? "(" : ", (")
                insert.append([
                    insert.bind(region.code), insert.bind(region.name), insert.bind(region.level.rawValue), insert.bind(region.parent),
                    insert.bind(table.prefecture(of: region.code)?.code), insert.bind(region.longitude), insert.bind(region.latitude),
                ].joined(separator: ", ") + ")")
            }
            try await insert.run(on: connection, logger: logger)
        }
        try await SQLQuery("""
            INSERT INTO region_tree (ancestor, code)
            WITH RECURSIVE tree(ancestor, code) AS (
                SELECT code, code FROM regions
                UNION ALL
                SELECT r.parent, tree.code FROM tree JOIN regions r ON r.code = tree.ancestor WHERE r.parent IS NOT NULL
            )
            SELECT DISTINCT ancestor, code FROM tree
            ON CONFLICT DO NOTHING
            """).run(on: connection, logger: logger)
    }
}
