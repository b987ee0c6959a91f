import ZhiliCore
import ZhiliExtract

/// A stored figure of the compared indicator, as a store reads it: the input of ``ComparisonBuilder``.
public struct ComparisonCandidate: Sendable, Hashable {
    /// The figure's own region.
    public var region: RegionRef
    /// The figure as extracted.
    public var figure: Figure
    /// The source article (the representative of its cluster of copies).
    public var articleID: String
    /// The source article's headline.
    public var title: String?
    /// The source article's date.
    public var date: String?

    /// Creates a candidate.
    public init(region: RegionRef, figure: Figure, articleID: String, title: String?, date: String?) {
        self.region = region
        self.figure = figure
        self.articleID = articleID
        self.title = title
        self.date = date
    }
}

/// Groups and chooses the values of a comparison, independent of the store that fetched them.
///
/// A store fetches every figure of the indicator located in the compared region (representatives
/// of clusters of copies only) and hands them to ``build(_:)``, which
/// 1. keeps one kind of value (``FigureRole``) and, for levels and targets, the indicator's units;
/// 2. keeps one of the figures repeated inside one article (same region, value, unit and change);
/// 3. applies the year range, counting the undated values it leaves out;
/// 4. gives each value to the compared division holding its region (counting those located above
///    the compared level, such as a league's own values when its counties are compared): a division's own values when
///    it has some, else those of the divisions below it (a league shown "from N county reports");
/// 5. chooses per division (and per reporting division below it) the latest dated value, the
///    latest of each year, or all, newest first; counts what is not listed;
/// 6. sums county levels for a division without its own when every county reports (`rollup`).
///
/// - Complexity: O(*n* log *n*) for *n* candidates.
public struct ComparisonBuilder: Sendable {
    /// The request, with its indicator resolved.
    public var request: CompareRequest
    /// The indicator compared (label, unit and the units counted as that unit).
    public var indicator: Indicator
    /// Figure and article counts of the indicator.
    public var counts: (figures: Int, articles: Int)
    /// The region whose divisions are compared.
    public var within: RegionRef
    /// The division table.
    public var regions: RegionTable

    /// Creates a builder.
    public init(request: CompareRequest, indicator: Indicator, counts: (figures: Int, articles: Int), within: RegionRef, regions: RegionTable) {
        self.request = request
        self.indicator = indicator
        self.counts = counts
        self.within = within
        self.regions = regions
    }

    /// The kind compared: the request's, else rates for an indicator measured in % and levels otherwise.
    public var kind: FigureRole {
        request.kind ?? (indicator.unit == "%" || indicator.unit == "‰" ? .rate : .level)
    }

    /// The divisions compared, in code order.
    public var divisions: [RegionRef] {
        regions.descendants(of: within.code).dropFirst()
            .compactMap { regions.region(code: $0) }
            .filter { $0.level == request.level }
            .map(\.ref)
            .sorted { $0.code < $1.code }
    }

    /// The comparison of `candidates`.
    public func build(_ candidates: [ComparisonCandidate]) -> Comparison {
        let kind = kind
        let divisions = divisions
        let divisionCodes = Set(divisions.map(\.code))

        // 1–3: kind, units, repeats inside an article, years.
        var otherKinds: [FigureRole: Int] = [:]
        var undatedLeftOut = 0
        var aboveLevel = 0
        var seen = Set<RepeatKey>()
        var rows: [(division: RegionRef, row: ComparisonRow)] = []
        for candidate in candidates {
            let figure = candidate.figure
            let role = figure.role
            guard role == kind else {
                otherKinds[role, default: 0] += 1
                continue
            }
            guard let unit = unit(of: figure, role: role) else { continue }
            guard seen.insert(RepeatKey(candidate, unit: unit)).inserted else { continue }
            if request.years != nil || request.selection == .byYear {
                guard let year = figure.year else {
                    undatedLeftOut += 1
                    continue
                }
                guard request.years?.contains(year) ?? true else { continue }
            }
            guard let division = division(of: candidate.region.code, in: divisionCodes) else {
                aboveLevel += 1
                continue
            }
            let row = ComparisonRow(
                region: division, reportedBy: division.code == candidate.region.code ? nil : candidate.region,
                value: figure.value, valueMax: figure.valueMax, unit: unit, qualifier: figure.qualifier, kind: role,
                change: figure.change, basis: figure.basis, metric: figure.metric, year: figure.year, yearSource: figure.yearSource,
                text: figure.text, articleID: candidate.articleID, title: candidate.title, date: candidate.date,
                sentence: figure.sentence, start: figure.start, end: figure.end)
            rows.append((division, row))
        }

        // 4: a division's own values, else those of the divisions below it.
        var byDivision: [String: [ComparisonRow]] = [:]
        for (division, row) in rows { byDivision[division.code, default: []].append(row) }
        var reportedBelow: [String: Int] = [:]
        for (code, values) in byDivision {
            let own = values.filter { $0.reportedBy == nil }
            if own.isEmpty {
                reportedBelow[code] = Set(values.compactMap(\.reportedBy?.code)).count
            } else {
                byDivision[code] = own
            }
        }

        // 5: choose per division and reporting division, newest first.
        var listed: [ComparisonRow] = []
        var omitted: [String: Int] = [:]
        var missing: [RegionRef] = []
        for division in divisions {
            guard let values = byDivision[division.code] else {
                missing.append(division)
                continue
            }
            let groups = Dictionary(grouping: values) { $0.reportedBy?.code ?? "" }
            for key in groups.keys.sorted() {
                let chosen = choose(groups[key]!.sorted(by: Self.newerFirst))
                listed += chosen
                if groups[key]!.count > chosen.count {
                    omitted[division.code, default: 0] += groups[key]!.count - chosen.count
                }
            }
        }
        // 6: sums of county levels.
        var rollups: [RegionRollup] = []
        if request.rollup && kind == .level {
            for division in divisions where reportedBelow[division.code] != nil {
                rollups.append(rollup(division, listed.filter { $0.region.code == division.code }))
            }
        }

        let columns = Set(listed.compactMap(\.year)).sorted(by: >)
        let summary = IndicatorSummary(
            id: indicator.id, label: indicator.label, unit: indicator.unit, figureCount: counts.figures, articleCount: counts.articles)
        return Comparison(
            indicator: summary, kind: kind, level: request.level, within: within, years: request.years,
            selection: request.selection, rows: listed, columns: columns, missing: missing, omitted: omitted,
            reportedBelow: reportedBelow, rollups: rollups, undatedLeftOut: undatedLeftOut, otherKinds: otherKinds,
            aboveLevel: aboveLevel)
    }

    /// The unit a value of `role` is reported in, or nil when the figure's unit is not the indicator's.
    func unit(of figure: Figure, role: FigureRole) -> String? {
        switch role {
        case .change:
            return figure.unit
        case .rate:
            return figure.unit == "%" || figure.unit == "‰" ? figure.unit : nil
        case .level, .target:
            guard let unit = figure.unit, (indicator.units ?? [indicator.unit]).contains(unit) || unit == indicator.unit else {
                return nil
            }
            return indicator.unit == "%" || indicator.unit == "‰" ? unit : indicator.unit
        }
    }

    /// The compared division holding `code` (itself or its nearest ancestor among `divisions`).
    func division(of code: String, in divisions: Set<String>) -> RegionRef? {
        if divisions.contains(code) { return regions.region(code: code)?.ref }
        for ancestor in regions.ancestorCodes(of: code) where divisions.contains(ancestor) {
            return regions.region(code: ancestor)?.ref
        }
        return nil
    }

    /// The values to list of one region, given newest first.
    func choose(_ values: [ComparisonRow]) -> [ComparisonRow] {
        switch request.selection {
        case .all:
            return values
        case .latest:
            return Array(values.prefix(1))
        case .byYear:
            var years = Set<Int?>()
            return values.filter { years.insert($0.year).inserted }
        }
    }

    /// The sum of the latest county values listed for `division` (given newest first per county),
    /// when every county below it reports.
    func rollup(_ division: RegionRef, _ values: [ComparisonRow]) -> RegionRollup {
        let counties = Set(regions.descendants(of: division.code).filter { regions.region(code: $0)?.level == .county })
        var latest: [String: ComparisonRow] = [:]
        for value in values {
            guard let county = value.reportedBy?.code, counties.contains(county), latest[county] == nil else { continue }
            latest[county] = value
        }
        let reporting = Set(latest.keys)
        let complete = !counties.isEmpty && reporting.count == counties.count
        let summed = Array(latest.values)
        return RegionRollup(
            region: division, value: complete ? summed.reduce(0) { $0 + $1.value } : nil, unit: indicator.unit,
            reporting: reporting.count, counties: counties.count, years: Set(summed.compactMap(\.year)).sorted())
    }

    /// Newest first: dated before undated, then by year, article date, article id; within an article in text order.
    static func newerFirst(_ a: ComparisonRow, _ b: ComparisonRow) -> Bool {
        if (a.year != nil) != (b.year != nil) { return a.year != nil }
        if a.year != b.year { return (a.year ?? 0) > (b.year ?? 0) }
        if a.date != b.date { return (a.date ?? "") > (b.date ?? "") }
        if a.articleID != b.articleID { return a.articleID < b.articleID }
        return a.start < b.start
    }

    /// What makes two figures of one article the same value.
    private struct RepeatKey: Hashable {
        var article: String
        var region: String
        var value: Double
        var unit: String
        var change: ChangeDirection?
        var year: Int?

        init(_ candidate: ComparisonCandidate, unit: String) {
            article = candidate.articleID
            region = candidate.region.code
            value = candidate.figure.value
            self.unit = unit
            change = candidate.figure.change
            year = candidate.figure.year
        }
    }
}
