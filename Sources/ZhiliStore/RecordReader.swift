import GRDB
import ZhiliCore

/// Rebuilds stored ``ArticleRecord``s from their rows.
struct RecordReader {
    let db: Database

    /// The record with `id`, or nil.
    func record(id: String) throws -> ArticleRecord? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM articles WHERE id = ?"), arguments: [id]) else { return nil }
        let key: Int64 = row["key"]
        let body: String = row["body"]
        let storedParagraphs: String? = row["paragraphs"]
        let paragraphs = storedParagraphs.map { JSONText.strings($0) }
            ?? body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let article = Article(
            id: row["id"], source: row["source"], index: row["position"], url: row["url"], title: row["title"], subtitle: row["subtitle"],
            date: row["date"], outlet: row["outlet"], authors: JSONText.strings(row["authors"]),
            editors: JSONText.strings(row["editors"]), paragraphs: paragraphs,
            captions: JSONText.strings(row["captions"]), warnings: JSONText.strings(row["warnings"]))

        let regions = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM article_regions WHERE article = ? ORDER BY rank"), arguments: [key]).map { row in
            let prefectureCode: String? = row["prefecture_code"]
            let prefectureName: String? = row["prefecture_name"]
            return RegionMention(
                name: row["name"], code: row["code"], level: RegionLevel(rawValue: row["level"]) ?? .county,
                prefecture: prefectureCode.map { RegionRef(name: prefectureName ?? "", code: $0) }, mentions: row["mentions"],
                role: RegionRole(rawValue: row["role"] ?? "") ?? .subject)
        }
        let programs = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT p.name, pm.start, pm."end", pm.sentence, pm.region_code, pm.region_name, pm.aliases
            FROM program_mentions pm JOIN programs p ON p.key = pm.program WHERE pm.article = ? ORDER BY pm.ordinal
            """), arguments: [key]).map { row in
                ProgramMention(
                    name: row["name"], start: row["start"], end: row["end"], sentence: row["sentence"],
                    region: Self.region(code: row["region_code"], name: row["region_name"]), aliases: JSONText.strings(row["aliases"]))
            }
        let figures = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM figures WHERE article = ? ORDER BY ordinal"), arguments: [key])
            .map(Self.figure)
        var record = ArticleRecord(article: article, regions: regions, programs: programs, figures: figures)
        record.cluster = row["cluster"]
        record.duplicateOf = row["duplicate_of"]
        record.sources = try String.fetchAll(db.cachedStatement(sql: "SELECT DISTINCT source FROM article_sources WHERE id = ? ORDER BY source"), arguments: [article.id])
        return record
    }

    static func region(code: String?, name: String?) -> RegionRef? {
        code.map { RegionRef(name: name ?? "", code: $0) }
    }

    /// A ``Figure`` from a `figures` row.
    static func figure(_ row: Row) -> Figure {
        Figure(
            text: row["text"], value: row["value"], valueMax: row["value_max"], unit: row["unit"], qualifier: row["qualifier"],
            change: (row["change"] as String?).flatMap(ChangeDirection.init(rawValue:)),
            basis: (row["basis"] as String?).flatMap(ChangeBasis.init(rawValue:)),
            kind: (row["kind"] as String?).flatMap(FigureKind.init(rawValue:)) ?? .measure,
            metric: row["metric"], indicator: row["indicator"], year: row["year"],
            yearSource: (row["year_source"] as String?).flatMap(YearSource.init(rawValue:)),
            region: region(code: row["region_code"], name: row["region_name"]),
            start: row["start"], end: row["end"], sentence: row["sentence"])
    }
}
