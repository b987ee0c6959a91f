import ZhiliCore
import ZhiliExtract

/// A request for the diffusion timeline of programs: where and when each was first and last reported.
public struct ProgramTimelineRequest: Sendable, Codable, Hashable {
    /// Text the program's name or one of its aliases must contain (`调解室`).
    public var query: String
    /// When true, the program's name must equal ``query`` (a program's own page).
    public var exactName: Bool
    /// A region name, alias or code; keeps the regions in it (itself and below).
    public var region: String?
    /// Most programs returned, most widely reported first (clamped to 1…``ProgramsRequest/maximumLimit``).
    public var limit: Int

    /// Creates a request.
    public init(query: String, exactName: Bool = false, region: String? = nil, limit: Int = 20) {
        self.query = query
        self.exactName = exactName
        self.region = region
        self.limit = limit
    }
}

/// One mention of a program as a store fetches it: the input of ``ProgramTimeline/build(program:mentions:regions:within:)``.
///
/// Fetched from every stored copy of an article, representatives and duplicates alike, dated or
/// not: the timeline counts each duplicate cluster once per region, leaves undated articles out,
/// and finds text reuse between regions among a cluster's copies.
public struct ProgramTimelineMention: Sendable, Hashable {
    /// The article's stable id.
    public var articleID: String
    /// Headline.
    public var title: String?
    /// Publication date (ISO 8601, `2023-01-06` or `2023-01-06T09:55`), nil when unknown.
    public var date: String?
    /// The article's near-duplicate cluster (its own id when it has no copies).
    public var cluster: String
    /// GB/T 2260 code of the region the mention belongs to: its own region, else its article's
    /// main region; empty for none.
    public var regionCode: String
    /// Other forms of the program's name in the article.
    public var aliases: [String]

    /// Creates a mention.
    public init(articleID: String, title: String?, date: String?, cluster: String, regionCode: String, aliases: [String] = []) {
        self.articleID = articleID
        self.title = title
        self.date = date
        self.cluster = cluster
        self.regionCode = regionCode
        self.aliases = aliases
    }
}

/// The diffusion of one program: its first and latest dated mention in every county, league or
/// city and province where it was reported, and text reused between regions.
///
/// Built by ``build(program:mentions:regions:within:)`` from fetched mentions, so that every store
/// gives the same answer for the same rows. Rules:
/// - only dated articles count; ``undatedArticles`` says how many were left out;
/// - a mention counts for its own region and every division above it (a banner's mention is also
///   its league's and the province's);
/// - a duplicate cluster counts once per region: by its earliest-dated copy in that region, so
///   ``RegionTimeline/first`` and ``RegionTimeline/latest`` are the earliest and latest such copies
///   and ``RegionTimeline/clusters`` counts clusters, not copies.
public struct ProgramTimeline: Sendable, Codable, Hashable {
    /// The program's canonical name.
    public var program: String
    /// Other names it was reported under, sorted.
    public var aliases: [String]
    /// One entry per region and level: counties, then leagues and cities, then provinces, each
    /// ordered by first mention.
    public var regions: [RegionTimeline]
    /// Copies of one article in two regions, the later reusing the earlier's text, oldest first.
    public var reuse: [ReuseLink]
    /// Distinct articles (duplicate clusters) naming the program with a date and a region.
    public var datedArticles: Int
    /// Distinct articles (duplicate clusters) naming the program with a region but no date, left
    /// out of the timeline.
    public var undatedArticles: Int

    /// Creates a timeline.
    public init(program: String, aliases: [String], regions: [RegionTimeline], reuse: [ReuseLink], datedArticles: Int, undatedArticles: Int) {
        self.program = program
        self.aliases = aliases
        self.regions = regions
        self.reuse = reuse
        self.datedArticles = datedArticles
        self.undatedArticles = undatedArticles
    }

    enum CodingKeys: String, CodingKey {
        case program, aliases, regions, reuse, datedArticles = "dated_articles", undatedArticles = "undated_articles"
    }

    /// The regions of one level, in order of first mention.
    public func regions(at level: RegionLevel) -> [RegionTimeline] {
        regions.filter { $0.level == level }
    }
}

/// A program's first and latest dated mention in one region.
public struct RegionTimeline: Sendable, Codable, Hashable {
    /// The region's level.
    public var level: RegionLevel
    /// The region.
    public var region: RegionRef
    /// The league or city it belongs to (itself for a league or city; nil for a province).
    public var prefecture: RegionRef?
    /// The earliest mention.
    public var first: TimelineArticle
    /// The latest mention (the earliest again when there is one cluster).
    public var latest: TimelineArticle
    /// Duplicate clusters (distinct articles) naming the program in the region.
    public var clusters: Int

    /// Creates an entry.
    public init(level: RegionLevel, region: RegionRef, prefecture: RegionRef?, first: TimelineArticle, latest: TimelineArticle, clusters: Int) {
        self.level = level
        self.region = region
        self.prefecture = prefecture
        self.first = first
        self.latest = latest
        self.clusters = clusters
    }
}

/// A dated article naming a program, with the region the mention belongs to.
public struct TimelineArticle: Sendable, Codable, Hashable {
    /// The article's stable id.
    public var id: String
    /// Headline.
    public var title: String?
    /// Publication date as stored (ISO 8601).
    public var date: String
    /// Publication year.
    public var year: Int
    /// The region the mention belongs to (a county's for a league's first mention that came from it).
    public var region: RegionRef
    /// The article's duplicate cluster.
    public var cluster: String

    /// Creates a reference.
    public init(id: String, title: String?, date: String, year: Int, region: RegionRef, cluster: String) {
        self.id = id
        self.title = title
        self.date = date
        self.year = year
        self.region = region
        self.cluster = cluster
    }
}

/// Text reuse between regions: a later copy of an article, in one region, of an earlier one in another.
///
/// Both are members of one near-duplicate cluster, dated on different days, in regions neither of which
/// contains the other (a league's reprint of its own banner's article is the same story, not reuse).
public struct ReuseLink: Sendable, Codable, Hashable {
    /// The earliest copy of the cluster.
    public var source: TimelineArticle
    /// The earliest copy in another region, dated later.
    public var target: TimelineArticle

    /// Creates a link.
    public init(source: TimelineArticle, target: TimelineArticle) {
        self.source = source
        self.target = target
    }
}

extension ProgramTimeline {
    /// The timeline of `program` from its fetched `mentions`.
    ///
    /// `regions` places each mention's region in the hierarchy; with `within` (a GB/T 2260 code)
    /// only mentions in that region or below it count, and only regions in it are listed.
    ///
    /// ```swift
    /// let timeline = ProgramTimeline.build(program: "老李调解室", mentions: rows, regions: .bundled)
    /// timeline.regions(at: .county).first?.first.date   // "2019-03-02"
    /// ```
    /// - Complexity: O(m log m) for m mentions.
    public static func build(
        program: String, mentions: [ProgramTimelineMention], regions: RegionTable, within: String? = nil
    ) -> ProgramTimeline {
        var aliases = Set<String>()
        var undated = Set<String>()
        var dated: [TimelineArticle] = []
        var seen = Set<String>()  // article id + region code
        for mention in mentions {
            aliases.formUnion(mention.aliases)
            guard !mention.regionCode.isEmpty, let region = regions.region(code: mention.regionCode) else { continue }
            if let within, region.code != within, !regions.ancestorCodes(of: region.code).contains(within) { continue }
            guard let date = mention.date, let year = Article.year(of: date) else {
                undated.insert(mention.cluster)
                continue
            }
            guard seen.insert(mention.articleID + "\u{0}" + region.code).inserted else { continue }
            dated.append(TimelineArticle(
                id: mention.articleID, title: mention.title, date: date, year: year, region: region.ref, cluster: mention.cluster))
        }
        dated.sort(by: Self.precedes)

        // Per region and level, the earliest copy of each cluster (mentions arrive oldest first).
        struct Entry {
            var level: RegionLevel
            var region: Region
            var clusters: [String: TimelineArticle] = [:]
        }
        var entries: [String: Entry] = [:]
        for article in dated {
            for region in Self.levels(of: article.region.code, regions: regions) {
                if let within, region.code != within, !regions.ancestorCodes(of: region.code).contains(within) { continue }
                var entry = entries[region.code] ?? Entry(level: region.level, region: region)
                if entry.clusters[article.cluster] == nil { entry.clusters[article.cluster] = article }
                entries[region.code] = entry
            }
        }
        let timelines = entries.values.compactMap { entry -> RegionTimeline? in
            let counted = entry.clusters.values.sorted(by: Self.precedes)
            guard let first = counted.first, let latest = counted.last else { return nil }
            let prefecture = entry.region.level == .province ? nil : regions.prefecture(of: entry.region.code)?.ref
            return RegionTimeline(
                level: entry.level, region: entry.region.ref, prefecture: prefecture, first: first, latest: latest,
                clusters: counted.count)
        }
        let levelOrder: [RegionLevel: Int] = [.county: 0, .prefecture: 1, .province: 2]
        let ordered = timelines.sorted {
            (levelOrder[$0.level]!, $0.first.date, $0.region.code) < (levelOrder[$1.level]!, $1.first.date, $1.region.code)
        }
        let datedClusters = Set(dated.map(\.cluster))
        return ProgramTimeline(
            program: program, aliases: aliases.subtracting([program]).sorted(), regions: ordered,
            reuse: reuseLinks(dated, regions: regions), datedArticles: datedClusters.count,
            undatedArticles: undated.subtracting(datedClusters).count)
    }

    /// Earlier date first, then article id, then region code: the one order of timeline articles.
    static func precedes(_ a: TimelineArticle, _ b: TimelineArticle) -> Bool {
        (a.date, a.id, a.region.code) < (b.date, b.id, b.region.code)
    }

    /// `code`'s division and those above it that the timeline lists: county, league or city, province.
    static func levels(of code: String, regions: RegionTable) -> [Region] {
        guard let region = regions.region(code: code) else { return [] }
        var result = [region]
        if region.level == .county, let prefecture = regions.prefecture(of: code) { result.append(prefecture) }
        if region.level != .province, let province = regions.province(of: code) { result.append(province) }
        return result
    }

    /// For each cluster with copies in several regions: links from its earliest copy to the
    /// earliest copy in every other region dated later, where neither region contains the other.
    /// `dated` is sorted oldest first.
    static func reuseLinks(_ dated: [TimelineArticle], regions: RegionTable) -> [ReuseLink] {
        var byCluster: [String: [TimelineArticle]] = [:]
        for article in dated { byCluster[article.cluster, default: []].append(article) }
        var links: [ReuseLink] = []
        for copies in byCluster.values {
            guard let source = copies.first else { continue }
            var linked = Set([source.region.code])
            for copy in copies.dropFirst() where copy.date.prefix(10) > source.date.prefix(10) && linked.insert(copy.region.code).inserted {
                let nested = regions.ancestorCodes(of: copy.region.code).contains(source.region.code)
                    || regions.ancestorCodes(of: source.region.code).contains(copy.region.code)
                if !nested { links.append(ReuseLink(source: source, target: copy)) }
            }
        }
        return links.sorted { precedes($0.target, $1.target) }
    }
}
