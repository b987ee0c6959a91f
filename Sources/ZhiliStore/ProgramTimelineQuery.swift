import GRDB
import ZhiliCore
import ZhiliExtract

/// Fetches the mentions of the programs a ``ProgramTimelineRequest`` names and builds their
/// timelines with ``ProgramTimeline/build(program:mentions:regions:within:)``.
///
/// Programs match by name or by an alias a mention recorded; the most widely reported (by
/// representative articles, ``ProgramGroup/articleCount``) come first. Every stored copy's
/// mentions are read, duplicates included: the timeline counts a cluster once per region itself,
/// and needs the copies to find text reuse between regions.
struct ProgramTimelineQuery {
    let db: Database
    let request: ProgramTimelineRequest
    /// The resolved region filter, if any.
    let regionCode: String?
    let regions: RegionTable

    func run() throws -> [ProgramTimeline] {
        let query = request.query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { return [] }
        let limit = min(max(request.limit, 1), ProgramsRequest.maximumLimit)
        let programs: [Row]
        if request.exactName {
            programs = try Row.fetchAll(db.cachedStatement(sql: "SELECT key, name FROM programs WHERE name = ?"), arguments: [query])
        } else {
            programs = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT key, name FROM programs
                WHERE instr(name, ?1) > 0
                   OR key IN (SELECT DISTINCT program FROM program_mentions WHERE aliases IS NOT NULL AND instr(aliases, ?1) > 0)
                ORDER BY article_count DESC, mention_count DESC, name LIMIT ?2
                """), arguments: [query, limit])
        }
        return try programs.map { program in
            let key: Int64 = program["key"]
            return ProgramTimeline.build(program: program["name"], mentions: try mentions(of: key), regions: regions, within: regionCode)
        }
    }

    /// Every mention of `program` with its article's date and cluster, one row per article and region.
    private func mentions(of program: Int64) throws -> [ProgramTimelineMention] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT a.id, a.title, a.date, coalesce(a.cluster, a.id) AS cluster, pm.effective_code, group_concat(pm.aliases, '\u{1F}') AS aliases
            FROM program_mentions pm JOIN articles a ON a.key = pm.article
            WHERE pm.program = ?
            GROUP BY pm.article, pm.effective_code
            """), arguments: [program])
            .map { row in
                let aliases = (row["aliases"] as String?).map { $0.split(separator: "\u{1F}").flatMap { JSONText.strings(String($0)) } } ?? []
                return ProgramTimelineMention(
                    articleID: row["id"], title: row["title"], date: row["date"], cluster: row["cluster"],
                    regionCode: row["effective_code"], aliases: aliases)
            }
    }
}

extension SQLiteStore {
    /// The diffusion timelines of the programs `request` names (see ``ProgramTimeline``).
    ///
    /// - Throws: ``StoreError/unknownRegion(_:)`` for a region filter that names no division.
    public func programTimelines(_ request: ProgramTimelineRequest) throws -> [ProgramTimeline] {
        try pool.read(try programTimelinesWork(request))
    }

    /// The diffusion timelines of the programs `request` names (see ``ProgramTimeline``).
    public func programTimelines(_ request: ProgramTimelineRequest) async throws -> [ProgramTimeline] {
        try await pool.read(try programTimelinesWork(request))
    }

    private func programTimelinesWork(_ request: ProgramTimelineRequest) throws -> Work<[ProgramTimeline]> {
        let regionCode = try request.region.flatMap { $0.isEmpty ? nil : try resolveRegionOrThrow($0) }
        return { [regionTable] db in
            try ProgramTimelineQuery(db: db, request: request, regionCode: regionCode, regions: regionTable).run()
        }
    }
}
