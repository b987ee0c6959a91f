import ZhiliBatch
import ZhiliCore
import ZhiliStore

/// The CSV tables of `zhili programs --format csv`, written for pandas and spreadsheets alike:
/// one header row, RFC 4180 quoting, codes and years as bare integers, dates as ISO 8601, one
/// row per observation. Columns are documented in docs/schema.md ("Programs as CSV").
///
/// ```python
/// t = pandas.read_csv("timeline.csv", parse_dates=["first_date", "latest_date"])
/// t[t.level == "county"].groupby("first_year").size()
/// ```
enum ProgramCSV {
    /// Columns of ``timelines(_:)``.
    static let timelineColumns = [
        "program", "level", "region_code", "region_name", "prefecture_code", "prefecture_name",
        "first_date", "first_year", "first_article_id", "first_title", "first_region_code",
        "latest_date", "latest_year", "latest_article_id", "latest_title", "clusters", "aliases",
    ]

    /// Columns of ``reuse(_:)``.
    static let reuseColumns = [
        "program", "cluster", "source_region_code", "source_region_name", "source_date", "source_year", "source_article_id",
        "source_title", "target_region_code", "target_region_name", "target_date", "target_year", "target_article_id", "target_title",
    ]

    /// Columns of ``groups(_:)``.
    static let groupColumns = [
        "program", "article_count", "mention_count", "first_date", "first_year", "last_date", "last_year",
        "region_count", "region_codes", "region_names", "years",
    ]

    /// One row per program, level and region of the timelines.
    static func timelines(_ timelines: [ProgramTimeline]) -> [UInt8] {
        var bytes: [UInt8] = []
        CSVTable.appendRow(timelineColumns, to: &bytes)
        for timeline in timelines {
            for entry in timeline.regions {
                CSVTable.appendRow([
                    timeline.program, entry.level.rawValue, entry.region.code, entry.region.name,
                    entry.prefecture?.code ?? "", entry.prefecture?.name ?? "",
                    entry.first.date, String(entry.first.year), entry.first.id, entry.first.title ?? "", entry.first.region.code,
                    entry.latest.date, String(entry.latest.year), entry.latest.id, entry.latest.title ?? "",
                    String(entry.clusters), list(timeline.aliases),
                ], to: &bytes)
            }
        }
        return bytes
    }

    /// One row per reuse link of the timelines.
    static func reuse(_ timelines: [ProgramTimeline]) -> [UInt8] {
        var bytes: [UInt8] = []
        CSVTable.appendRow(reuseColumns, to: &bytes)
        for timeline in timelines {
            for link in timeline.reuse {
                let (source, target) = (link.source, link.target)
                CSVTable.appendRow([
                    timeline.program, source.cluster,
                    source.region.code, source.region.name, source.date, String(source.year), source.id, source.title ?? "",
                    target.region.code, target.region.name, target.date, String(target.year), target.id, target.title ?? "",
                ], to: &bytes)
            }
        }
        return bytes
    }

    /// One row per program of a plain listing.
    static func groups(_ groups: [ProgramGroup]) -> [UInt8] {
        var bytes: [UInt8] = []
        CSVTable.appendRow(groupColumns, to: &bytes)
        for group in groups {
            CSVTable.appendRow([
                group.name, String(group.articleCount), String(group.mentionCount),
                group.firstSeen ?? "", group.firstSeen.flatMap(Article.year(of:)).map(String.init) ?? "",
                group.lastSeen ?? "", group.lastSeen.flatMap(Article.year(of:)).map(String.init) ?? "",
                String(group.regions.count), list(group.regions.map(\.code)), list(group.regions.map(\.name)),
                list(group.years.map(String.init)),
            ], to: &bytes)
        }
        return bytes
    }

    /// Values of a list column, separated by `;`.
    static func list(_ values: [String]) -> String { values.joined(separator: ";") }
}
