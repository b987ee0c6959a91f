import Foundation
import ZhiliExtract

/// SVG maps of Inner Mongolia drawn from real boundaries (``RegionShapes``): every banner and
/// county outlined, league and city borders drawn thicker, and a layer on top — value circles for
/// a comparison (``svg(_:regions:title:)``), first-mention years for a program's timeline
/// (``TimelineMap``).
public enum RegionMap {
    /// GB/T 2260 code of 内蒙古自治区.
    public static let provinceCode = "150000"

    /// The comparison map as an inline `<svg>` element: each league or city gets a circle at its
    /// centre with an area proportional to its value, linking to the source.
    ///
    /// Every name, label and sentence is escaped.
    public static func svg(_ data: [ChartDatum], regions: RegionTable, title: String) -> String {
        let canvas = Canvas(shapes: .bundled)
        var svg = canvas.open(title: title, id: "map-title")
        svg += canvas.boundaries(countyClass: { _ in "county" })
        let maximum = data.compactMap(\.value).max() ?? 0
        let maxRadius = 30.0
        let f = BarChart.format
        for datum in data {
            guard let region = regions.region(code: datum.code) else { continue }
            let (x, y) = canvas.point(longitude: region.longitude, latitude: region.latitude)
            let tip = "\(HTML.escape(datum.region)) \(HTML.escape(datum.label))\(datum.sentence.map { "\n" + HTML.escape($0) } ?? "")"
            var radius = 4.0
            if let value = datum.value, maximum > 0 {
                radius = max(4, maxRadius * (max(value, 0) / maximum).squareRoot())
                let circle = "<circle class=\"value\" data-code=\"\(HTML.escape(datum.code))\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(radius))\"><title>\(tip)</title></circle>"
                svg += datum.href.map { "<a href=\"\(HTML.escape($0))\">\(circle)</a>" } ?? circle
            } else {
                svg += "<circle class=\"missing\" data-code=\"\(HTML.escape(datum.code))\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4\"><title>\(tip)</title></circle>"
            }
            svg += canvas.label(datum.region, x: x, y: y + radius + 12)
        }
        return svg + "</svg>"
    }

    /// A projected drawing area: equirectangular around the province's middle latitude, 660 px wide.
    struct Canvas {
        let shapes: RegionShapes
        let width = 660.0
        let height: Double
        private let west, north, xScale, scale: Double

        init(shapes: RegionShapes) {
            self.shapes = shapes
            let margin = 0.5
            let bounds = shapes.bounds
            west = bounds.west - margin
            north = bounds.north + margin
            let south = bounds.south - margin, east = bounds.east + margin
            xScale = cos((north + south) / 2 * .pi / 180)
            scale = width / max((east - west) * xScale, 1e-9)
            height = (north - south) * scale
        }

        /// Pixel position of a longitude and latitude.
        func point(longitude: Double, latitude: Double) -> (Double, Double) {
            ((longitude - west) * xScale * scale, (north - latitude) * scale)
        }

        /// The opening `<svg>` tag with its accessible title, and a 5° graticule.
        func open(title: String, id: String) -> String {
            let f = BarChart.format
            var svg = """
                <svg class="map" role="img" viewBox="0 0 \(f(width)) \(f(height))" width="\(f(width))" height="\(f(height))" xmlns="http://www.w3.org/2000/svg" aria-labelledby="\(id)">\
                <title id="\(id)">\(HTML.escape(title))</title>
                """
            let south = north - height / scale, east = west + width / (xScale * scale)
            var lon = (west / 5).rounded(.up) * 5
            while lon <= east {
                let (x, _) = point(longitude: lon, latitude: north)
                svg += "<line class=\"grid\" x1=\"\(f(x))\" y1=\"0\" x2=\"\(f(x))\" y2=\"\(f(height))\"/>"
                if x < width - 40 { svg += "<text class=\"grid-label\" x=\"\(f(x + 3))\" y=\"\(f(height - 4))\">\(Int(lon))°E</text>" }
                lon += 5
            }
            var lat = (south / 5).rounded(.up) * 5
            while lat <= north {
                let (_, y) = point(longitude: west, latitude: lat)
                svg += "<line class=\"grid\" x1=\"0\" y1=\"\(f(y))\" x2=\"\(f(width))\" y2=\"\(f(y))\"/><text class=\"grid-label\" x=\"4\" y=\"\(f(y - 3))\">\(Int(lat))°N</text>"
                lat += 5
            }
            return svg
        }

        /// Every county as a `<path>` (class from `countyClass`, `data-code`, a `<title>` with its
        /// name and `tip`, a link when `href` gives one), then the league and city borders.
        func boundaries(
            countyClass: (String) -> String, tip: (String) -> String? = { _ in nil }, href: (String) -> String? = { _ in nil }
        ) -> String {
            var svg = ""
            for code in shapes.counties.keys.sorted() {
                let shape = shapes.counties[code]!
                let d = shape.polygons.joined().map { path($0) }.joined()
                let title = HTML.escape(shape.name) + (tip(code).map { " " + HTML.escape($0) } ?? "")
                let element = "<path class=\"\(countyClass(code))\" data-code=\"\(code)\" d=\"\(d)\"><title>\(title)</title></path>"
                svg += href(code).map { "<a href=\"\(HTML.escape($0))\">\(element)</a>" } ?? element
            }
            svg += "<path class=\"league-border\" d=\"\(shapes.leagueBorders.map { path($0, closed: false) }.joined())\"/>"
            return svg
        }

        /// A text label centred at `x`, `y`, escaped.
        func label(_ text: String, x: Double, y: Double) -> String {
            let f = BarChart.format
            return "<text class=\"map-label\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"middle\">\(HTML.escape(text))</text>"
        }

        /// SVG path data for a line of points; a closed ring ends with `Z`.
        func path(_ points: [RegionShapes.Point], closed: Bool = true) -> String {
            var d = ""
            var last = ""
            for (index, point) in points.enumerated() {
                let (x, y) = self.point(longitude: point.longitude, latitude: point.latitude)
                let pair = BarChart.format(x) + "," + BarChart.format(y)
                if pair == last && index > 0 { continue }  // a step below a tenth of a pixel
                d += (index == 0 ? "M" : "L") + pair
                last = pair
            }
            return closed ? d + "Z" : d
        }
    }
}
