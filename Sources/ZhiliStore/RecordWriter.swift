import Foundation
import GRDB
import ZhiliCore
import ZhiliExtract

/// Writes records inside one write transaction: replaces stored records with the same id, fills
/// the full-text index and the region, program, figure and indicator tables.
struct RecordWriter {
    let db: Database
    let regions: RegionTable
    private var programKeys: [String: Int64] = [:]
    private var ancestorCache: [String: [String]] = [:]

    init(db: Database, regions: RegionTable) throws {
        self.db = db
        self.regions = regions
    }

    /// Writes `records`, in order; a later record with the same id replaces an earlier one.
    mutating func write(_ records: [ArticleRecord]) throws -> WriteSummary {
        var summary = WriteSummary()
        for record in records {
            if try delete(id: record.article.id) {
                summary.replaced += 1
            } else {
                summary.inserted += 1
            }
            try insert(record)
        }
        return summary
    }

    /// Removes the article with `id` and everything derived from it; returns whether it existed.
    private mutating func delete(id: String) throws -> Bool {
        guard let old = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT key, title, body FROM articles WHERE id = ?"), arguments: [id])
        else { return false }
        let key: Int64 = old["key"]
        // A contentless FTS5 table forgets a row when given the values it indexed.
        try db.cachedStatement(sql: "INSERT INTO article_fts (article_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)")
            .execute(arguments: [key, old["title"] as String? ?? "", old["body"] as String])
        let counts = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT indicator, count(*) AS n FROM figures WHERE article = ? AND indicator IS NOT NULL GROUP BY indicator
            """), arguments: [key])
        for row in counts {
            try db.cachedStatement(sql: """
                UPDATE indicators SET figure_count = figure_count - ?, article_count = article_count - 1 WHERE id = ?
                """).execute(arguments: [row["n"] as Int, row["indicator"] as String])
        }
        for table in ["article_regions", "region_articles", "program_mentions", "figures"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE article = ?").execute(arguments: [key])
        }
        try db.cachedStatement(sql: "DELETE FROM articles WHERE key = ?").execute(arguments: [key])
        return true
    }

    private mutating func insert(_ record: ArticleRecord) throws {
        let article = record.article
        let body = article.text
        let needsParagraphs = article.paragraphs.isEmpty || article.paragraphs.contains { $0.contains("\n") }
        try db.cachedStatement(sql: """
            INSERT INTO articles (id, source, position, title, subtitle, date, year, outlet, authors, editors, captions, warnings, body, paragraphs)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                article.id, article.source, article.index, article.title, article.subtitle, article.date, article.year,
                article.outlet, JSONText.array(article.authors), JSONText.array(article.editors),
                JSONText.array(article.captions), JSONText.array(article.warnings), body,
                needsParagraphs ? JSONText.array(article.paragraphs) : nil,
            ])
        let key = db.lastInsertedRowID
        try db.cachedStatement(sql: "INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)")
            .execute(arguments: [key, article.title ?? "", body])

        var scope = Set<String>()
        for (rank, mention) in record.regions.enumerated() {
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO article_regions (article, rank, code, name, level, prefecture_code, prefecture_name, mentions)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    key, rank, mention.code, mention.name, mention.level.rawValue,
                    mention.prefecture?.code, mention.prefecture?.name, mention.mentions,
                ])
            scope.insert(mention.code)
            scope.formUnion(ancestors(of: mention.code))
        }
        for code in scope {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO region_articles (code, article) VALUES (?, ?)")
                .execute(arguments: [code, key])
        }

        let paragraphStarts = Self.paragraphStarts(article.paragraphs)
        for (ordinal, mention) in record.programs.enumerated() {
            let program = try programKey(mention.name)
            try db.cachedStatement(sql: """
                INSERT INTO program_mentions (article, ordinal, program, start, "end", paragraph, sentence, region_code, region_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    key, ordinal, program, mention.start, mention.end, Self.paragraph(of: mention.start, starts: paragraphStarts),
                    mention.sentence, mention.region?.code, mention.region?.name,
                ])
        }

        var indicatorCounts: [String: (count: Int, figure: Figure)] = [:]
        for (ordinal, figure) in record.figures.enumerated() {
            try db.cachedStatement(sql: """
                INSERT INTO figures (article, ordinal, text, value, value_max, unit, qualifier, change, basis, kind, metric,
                    indicator, year, region_code, region_name, start, "end", paragraph, sentence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    key, ordinal, figure.text, figure.value, figure.valueMax, figure.unit, figure.qualifier,
                    figure.change?.rawValue, figure.basis?.rawValue, figure.kind.rawValue, figure.metric,
                    figure.indicator, figure.year, figure.region?.code, figure.region?.name,
                    figure.start, figure.end, Self.paragraph(of: figure.start, starts: paragraphStarts), figure.sentence,
                ])
            if let indicator = figure.indicator {
                indicatorCounts[indicator, default: (0, figure)].count += 1
            }
        }
        for (indicator, entry) in indicatorCounts {
            try db.cachedStatement(sql: """
                INSERT INTO indicators (id, label, unit, figure_count, article_count) VALUES (?, ?, ?, ?, 1)
                ON CONFLICT (id) DO UPDATE SET figure_count = figure_count + excluded.figure_count,
                    article_count = article_count + 1,
                    label = coalesce(label, excluded.label), unit = coalesce(unit, excluded.unit)
                """).execute(arguments: [indicator, entry.figure.metric, entry.figure.unit, entry.count])
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

    private mutating func ancestors(of code: String) -> [String] {
        if let cached = ancestorCache[code] { return cached }
        let result = regions.ancestors(of: code).map(\.code)
        ancestorCache[code] = result
        return result
    }

    /// Offset (Unicode scalars) where each paragraph starts in the text joined by "\n".
    static func paragraphStarts(_ paragraphs: [String]) -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(paragraphs.count)
        var offset = 0
        for paragraph in paragraphs {
            starts.append(offset)
            offset += paragraph.unicodeScalars.count + 1
        }
        return starts
    }

    /// Index of the paragraph holding `offset`.
    static func paragraph(of offset: Int, starts: [Int]) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }
}

/// Minimal JSON text for string arrays stored in TEXT columns (faster than a JSONEncoder per row).
enum JSONText {
    /// `["a","b"]` with JSON escapes.
    static func array(_ strings: [String]) -> String {
        var result = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { result += "," }
            result += "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": result += "\\\""
                case "\\": result += "\\\\"
                case "\n": result += "\\n"
                case "\r": result += "\\r"
                case "\t": result += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        result.unicodeScalars.append(scalar)
                    }
                }
            }
            result += "\""
        }
        return result + "]"
    }

    /// Decodes a string array written by ``array(_:)``; empty on malformed input.
    static func strings(_ text: String?) -> [String] {
        guard let text, let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }
}
