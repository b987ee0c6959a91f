import ZhiliCore
import ZhiliExtract
import ZhiliStore

/// The map of a program's diffusion: each banner and county colored by the year the program was
/// first reported there, each league and city marked with its own first year, and arrows for text
/// reused between regions; `until` shows the state at the end of a year.
public enum TimelineMap {
    /// Number of year colors (`y0` earliest … `y7` latest in app.css).
    public static let yearClasses = 8

    /// The color class of `year` among first-mention years spanning `years`: `y0` for the first
    /// year, `y7` for the last, evenly between.
    public static func yearClass(_ year: Int, in years: ClosedRange<Int>) -> String {
        let span = years.upperBound - years.lowerBound
        guard span > 0 else { return "y0" }
        let position = Double(min(max(year, years.lowerBound), years.upperBound) - years.lowerBound) / Double(span)
        return "y\(Int((position * Double(yearClasses - 1)).rounded()))"
    }

    /// The first-mention years of a timeline's counties, leagues and cities, or nil when it has none.
    public static func years(of timeline: ProgramTimeline) -> ClosedRange<Int>? {
        let years = timeline.regions.filter { $0.level != .province }.map(\.first.year)
        guard let low = years.min(), let high = years.max() else { return nil }
        return low...high
    }

    /// The map as an inline `<svg>` element; with `until`, only what was reported by the end of that year.
    ///
    /// Every name and title is escaped; a county links to its first article.
    public static func svg(_ timeline: ProgramTimeline, until: Int?, regions: RegionTable, title: String) -> String {
        let canvas = RegionMap.Canvas(shapes: .bundled)
        let f = BarChart.format
        let years = years(of: timeline) ?? 0...0
        func shown(_ article: TimelineArticle) -> Bool { until.map { article.year <= $0 } ?? true }
        let counties = Dictionary(
            timeline.regions(at: .county).filter { shown($0.first) }.map { ($0.region.code, $0) }, uniquingKeysWith: { a, _ in a })

        var svg = canvas.open(title: title, id: "timeline-map-title")
        svg += """
            <defs><marker id="reuse-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">\
            <path class="reuse-head" d="M0,0L10,5L0,10Z"/></marker></defs>
            """
        svg += canvas.boundaries(
            countyClass: { code in counties[code].map { "county reported " + yearClass($0.first.year, in: years) } ?? "county" },
            tip: { code in counties[code].map { "首见 \($0.first.date.prefix(10))：\($0.first.title ?? $0.first.id)" } },
            href: { code in counties[code].map { "/articles/" + HTML.urlComponent($0.first.id) } })

        for link in timeline.reuse where shown(link.target) {
            guard let from = place(link.source.region.code, regions: regions, canvas: canvas),
                  let to = place(link.target.region.code, regions: regions, canvas: canvas) else { continue }
            // A curve bending to the left of the line, so that links both ways stay apart.
            let (dx, dy) = (to.0 - from.0, to.1 - from.1)
            let control = ((from.0 + to.0) / 2 + dy * 0.2, (from.1 + to.1) / 2 - dx * 0.2)
            let tip = "\(link.source.region.name) \(link.source.date.prefix(10)) → \(link.target.region.name) \(link.target.date.prefix(10))：\(link.target.title ?? link.target.id)"
            svg += """
                <path class="reuse" marker-end="url(#reuse-arrow)" d="M\(f(from.0)),\(f(from.1))Q\(f(control.0)),\(f(control.1)) \(f(to.0)),\(f(to.1))">\
                <title>\(HTML.escape(tip))</title></path>
                """
        }
        for entry in timeline.regions(at: .prefecture) where shown(entry.first) {
            guard let (x, y) = place(entry.region.code, regions: regions, canvas: canvas) else { continue }
            let tip = "\(entry.region.name) 首见 \(entry.first.date.prefix(10))：\(entry.first.title ?? entry.first.id)"
            svg += """
                <circle class="league \(yearClass(entry.first.year, in: years))" data-code="\(HTML.escape(entry.region.code))" cx="\(f(x))" cy="\(f(y))" r="6">\
                <title>\(HTML.escape(tip))</title></circle>
                """
            svg += canvas.label("\(entry.region.name) \(entry.first.year)", x: x, y: y + 18)
        }
        return svg + "</svg>"
    }

    /// The pixel position of a division of Inner Mongolia (its centre in the region table), nil elsewhere.
    static func place(_ code: String, regions: RegionTable, canvas: RegionMap.Canvas) -> (Double, Double)? {
        guard code.hasPrefix("15"), code != RegionMap.provinceCode, let region = regions.region(code: code) else { return nil }
        return canvas.point(longitude: region.longitude, latitude: region.latitude)
    }
}
