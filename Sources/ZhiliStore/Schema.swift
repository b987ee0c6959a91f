import Foundation
import GRDB
import ZhiliCore
import ZhiliExtract
import ZhiliDedup
import ZhiliICU

/// The database schema and its versioned migrations.
///
/// Tables: `articles` (one row per record, `key` is also the full-text rowid), `article_fts`
/// (``FullTextTable``: contentless FTS5 over title and body, tokenized by ``ZhiliTokenizer``),
/// `regions` and `region_tree` (the division table and its ancestor closure), `article_regions`,
/// `region_articles` (articles by division, divisions above included), `programs`,
/// `program_mentions`, `figures` and `indicators`.
enum Schema {
    /// Every migration, in order. Never edit a shipped migration: add a new one. `segmenters`
    /// segment the stored articles when a migration rebuilds the full-text index.
    static func migrator(segmenters: SegmenterPool) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE regions (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    level TEXT NOT NULL,
                    parent TEXT,
                    prefecture TEXT,
                    longitude REAL NOT NULL,
                    latitude REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX regions_by_parent ON regions(parent);
                CREATE INDEX regions_by_name ON regions(name);

                -- Every (ancestor, division) pair, a division being its own ancestor.
                CREATE TABLE region_tree (
                    ancestor TEXT NOT NULL,
                    code TEXT NOT NULL,
                    PRIMARY KEY (ancestor, code)
                ) WITHOUT ROWID;

                CREATE TABLE articles (
                    key INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    source TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    title TEXT,
                    subtitle TEXT,
                    date TEXT,
                    year INTEGER,
                    outlet TEXT,
                    authors TEXT NOT NULL,
                    editors TEXT NOT NULL,
                    captions TEXT NOT NULL,
                    warnings TEXT NOT NULL,
                    body TEXT NOT NULL,
                    -- JSON array of paragraphs, only when a paragraph holds a newline.
                    paragraphs TEXT
                );
                CREATE INDEX articles_by_date ON articles(date DESC);

                -- Narrow copy of each article's date for filters that run once per search candidate.
                CREATE TABLE article_dates (
                    key INTEGER PRIMARY KEY,
                    year INTEGER,
                    date TEXT
                );

                CREATE TABLE article_regions (
                    article INTEGER NOT NULL,
                    rank INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    level TEXT NOT NULL,
                    prefecture_code TEXT,
                    prefecture_name TEXT,
                    mentions INTEGER NOT NULL,
                    PRIMARY KEY (article, rank)
                ) WITHOUT ROWID;
                CREATE INDEX article_regions_by_code ON article_regions(code, article);

                -- Every (division, article) pair where the article is about the division or one below it.
                CREATE TABLE region_articles (
                    code TEXT NOT NULL,
                    article INTEGER NOT NULL,
                    PRIMARY KEY (code, article)
                ) WITHOUT ROWID;
                CREATE INDEX region_articles_by_article ON region_articles(article);

                -- Programs with counts kept up to date by every write.
                CREATE TABLE programs (
                    key INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    article_count INTEGER NOT NULL DEFAULT 0,
                    mention_count INTEGER NOT NULL DEFAULT 0,
                    first_seen TEXT,
                    last_seen TEXT
                );
                CREATE INDEX programs_by_articles ON programs(article_count DESC, mention_count DESC);

                -- A mention's region is its own, else its article's most salient region ('' for none).
                CREATE TABLE program_mentions (
                    article INTEGER NOT NULL,
                    ordinal INTEGER NOT NULL,
                    program INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    paragraph INTEGER NOT NULL,
                    sentence TEXT NOT NULL,
                    region_code TEXT,
                    region_name TEXT,
                    effective_code TEXT NOT NULL,
                    PRIMARY KEY (article, ordinal)
                ) WITHOUT ROWID;
                CREATE INDEX program_mentions_by_program ON program_mentions(program, article);

                -- Per program and region: counts and dates, kept up to date by every write.
                CREATE TABLE program_regions (
                    program INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    article_count INTEGER NOT NULL,
                    mention_count INTEGER NOT NULL,
                    first_seen TEXT,
                    last_seen TEXT,
                    PRIMARY KEY (program, code)
                ) WITHOUT ROWID;
                CREATE INDEX program_regions_by_code ON program_regions(code, program);

                -- Per program, region and publication year: article counts.
                CREATE TABLE program_years (
                    program INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    article_count INTEGER NOT NULL,
                    PRIMARY KEY (program, code, year)
                ) WITHOUT ROWID;

                CREATE TABLE figures (
                    article INTEGER NOT NULL,
                    ordinal INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    value REAL NOT NULL,
                    value_max REAL,
                    unit TEXT,
                    qualifier TEXT,
                    change TEXT,
                    basis TEXT,
                    kind TEXT NOT NULL,
                    metric TEXT,
                    indicator TEXT,
                    year INTEGER,
                    region_code TEXT,
                    region_name TEXT,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    paragraph INTEGER NOT NULL,
                    sentence TEXT NOT NULL,
                    -- The figure's year, else its article's.
                    period_year INTEGER,
                    PRIMARY KEY (article, ordinal)
                ) WITHOUT ROWID;
                CREATE INDEX figures_by_indicator ON figures(indicator, region_code, period_year, article) WHERE indicator IS NOT NULL;

                -- Indicator catalog; counts are kept up to date by every write.
                CREATE TABLE indicators (
                    id TEXT PRIMARY KEY,
                    label TEXT,
                    unit TEXT,
                    figure_count INTEGER NOT NULL DEFAULT 0,
                    article_count INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;

                CREATE VIRTUAL TABLE article_fts USING fts5(
                    title, body, content='', tokenize='zhili', detail=full
                );
                """)
        }
        migrator.registerMigration("v2: program mentions by region") { db in
            // The newest mentions of a program within a region subtree, without a table lookup per
            // mention of the program elsewhere (programs --region, figures near a program).
            try db.execute(sql: """
                CREATE INDEX IF NOT EXISTS program_mentions_by_program_region
                ON program_mentions(program, effective_code, article)
                """)
        }
        migrator.registerMigration("v3: full text in its own file") { db in
            // Version 3 kept the full-text index in a second file, `<index>-fts`; v4 undoes it.
            try db.execute(sql: """
                DROP TABLE IF EXISTS main.article_fts;
                CREATE TABLE fulltext_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1), generation TEXT NOT NULL, batches INTEGER NOT NULL);
                """)
        }
        migrator.registerMigration("v4: full text back in the index file") { db in
            // Documents are now inserted as term streams (TermStream), so the table is built anew
            // from the stored articles; the second file of v3 is deleted.
            try db.execute(sql: "DROP TABLE fulltext_state")
            try db.execute(sql: FullTextTable.createSQL)
            try FullTextTable.indexStoredArticles(db, segmenters: segmenters)
            let secondFile = try String.fetchOne(db, sql: "SELECT file FROM pragma_database_list WHERE name = 'main'").map { $0 + "-fts" }
            for path in [secondFile, secondFile.map { $0 + "-wal" }, secondFile.map { $0 + "-shm" }].compactMap(\.self) {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        migrator.registerMigration("v5: region roles, program aliases, year sources") { db in
            // Records written before these fields existed read back as they were extracted then:
            // every region a subject, no aliases, years without a stated source.
            try db.execute(sql: """
                ALTER TABLE article_regions ADD COLUMN role TEXT NOT NULL DEFAULT 'subject';
                ALTER TABLE program_mentions ADD COLUMN aliases TEXT;
                ALTER TABLE figures ADD COLUMN year_source TEXT;
                """)
        }
        migrator.registerMigration("v6: sources and duplicate clusters") { db in
            // Ids are now content hashes, so one article found at several sources is one row with
            // several sources. Each article belongs to a cluster of near-duplicate copies (its own
            // id when it has none); `duplicate_of` names the cluster's representative for every
            // other copy, and only representatives count in program, indicator and compare
            // figures. `content_length` ranks copies; `article_bands` holds the LSH bands of each
            // article's MinHash (``LSHIndex``). Stored articles get bands now and stay their own
            // clusters: copies indexed later find them.
            try db.execute(sql: """
                ALTER TABLE articles ADD COLUMN cluster TEXT;
                ALTER TABLE articles ADD COLUMN duplicate_of TEXT;
                ALTER TABLE articles ADD COLUMN content_length INTEGER NOT NULL DEFAULT 0;
                UPDATE articles SET cluster = id;
                CREATE INDEX articles_by_cluster ON articles(cluster);
                CREATE TABLE article_sources (
                    id TEXT NOT NULL,
                    source TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (id, source, position)
                ) WITHOUT ROWID;
                INSERT OR IGNORE INTO article_sources (id, source, position) SELECT id, source, position FROM articles;
                CREATE TABLE article_bands (
                    band INTEGER NOT NULL,
                    article INTEGER NOT NULL,
                    PRIMARY KEY (band, article)
                ) WITHOUT ROWID;
                CREATE INDEX article_bands_by_article ON article_bands(article);
                """)
            let update = try db.makeStatement(sql: "UPDATE articles SET content_length = ? WHERE key = ?")
            let band = try db.makeStatement(sql: "INSERT OR IGNORE INTO article_bands (band, article) VALUES (?, ?)")
            for row in try Row.fetchAll(db, sql: "SELECT key, id, date, body FROM articles") {
                let key: Int64 = row["key"]
                let document = DedupDocument(id: row["id"], date: row["date"], contentScalars: ContentText.scalars(of: row["body"]))
                try update.execute(arguments: [document.length, key])
                for value in LSHIndex.bandKeys(of: document.minHash) {
                    try band.execute(arguments: [Int64(bitPattern: value), key])
                }
            }
        }
        migrator.registerMigration("v7: article url") { db in
            // The page's canonical URL, else its container's (`Article.url`); null for articles
            // stored before.
            try db.execute(sql: "ALTER TABLE articles ADD COLUMN url TEXT")
        }
        migrator.registerMigration("v8: cluster representatives") { db in
            // A new copy is compared with its cluster's representative only, found here without
            // reading every member of a large cluster.
            try db.execute(sql: "CREATE INDEX articles_representatives ON articles(cluster) WHERE duplicate_of IS NULL")
        }
        return migrator
    }

    /// Replaces the `regions` and `region_tree` tables with `table` when they differ in size.
    static func loadRegions(_ table: RegionTable, into db: Database) throws {
        let stored = try Int.fetchOne(db, sql: "SELECT count(*) FROM regions") ?? 0
        let closure = try Int.fetchOne(db, sql: "SELECT count(*) FROM region_tree") ?? 0
        if stored == table.byCode.count && closure > 0 { return }
        try db.execute(sql: "DELETE FROM regions; DELETE FROM region_tree")
        let insertRegion = try db.makeStatement(sql: """
            INSERT INTO regions (code, name, level, parent, prefecture, longitude, latitude) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for region in table.byCode.values {
            try insertRegion.execute(arguments: [
                region.code, region.name, region.level.rawValue, region.parent,
                table.prefecture(of: region.code)?.code, region.longitude, region.latitude,
            ])
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO region_tree (ancestor, code)
            WITH RECURSIVE tree(ancestor, code) AS (
                SELECT code, code FROM regions
                UNION ALL
                SELECT r.parent, tree.code FROM tree JOIN regions r ON r.code = tree.ancestor WHERE r.parent IS NOT NULL
            )
            SELECT ancestor, code FROM tree
            """)
    }
}
