import Foundation
import ZhiliExtract

/// An SVG map of Inner Mongolia: county centroids as grey dots outline the region, and each league
/// or city gets a circle at its centroid with an area proportional to its value, linking to the source.
public enum RegionMap {
    /// GB/T 2260 code of 内蒙古自治区.
    public static let provinceCode = "150000"

    /// The map as an inline `<svg>` element, projected equirectangularly around the province's latitude.
    ///
    /// Every name, label and sentence is escaped.
    public static func svg(_ data: [ChartDatum], regions: RegionTable, title: String) -> String {
        let all = regions.descendants(of: provinceCode).compactMap { regions.region(code: $0) }.filter { $0.code != provinceCode }
        guard !all.isEmpty else { return "" }
        let longitudes = all.map(\.longitude), latitudes = all.map(\.latitude)
        let minLon = longitudes.min()! - 1, maxLon = longitudes.max()! + 1
        let minLat = latitudes.min()! - 1, maxLat = latitudes.max()! + 1
        let middleLat = (minLat + maxLat) / 2
        let xScale = cos(middleLat * .pi / 180)
        let width = 660.0
        let scale = width / ((maxLon - minLon) * xScale)
        let height = (maxLat - minLat) * scale
        func point(_ region: Region) -> (Double, Double) {
            ((region.longitude - minLon) * xScale * scale, (maxLat - region.latitude) * scale)
        }
        let f = BarChart.format
        var svg = """
            <svg class="map" role="img" viewBox="0 0 \(f(width)) \(f(height))" width="\(f(width))" height="\(f(height))" xmlns="http://www.w3.org/2000/svg" aria-labelledby="map-title">\
            <title id="map-title">\(HTML.escape(title))</title>
            """
        // Graticule every 5 degrees.
        var lon = (minLon / 5).rounded(.up) * 5
        while lon <= maxLon {
            let x = (lon - minLon) * xScale * scale
            svg += "<line class=\"grid\" x1=\"\(f(x))\" y1=\"0\" x2=\"\(f(x))\" y2=\"\(f(height))\"/>"
            if x < width - 40 { svg += "<text class=\"grid-label\" x=\"\(f(x + 3))\" y=\"\(f(height - 4))\">\(Int(lon))°E</text>" }
            lon += 5
        }
        var lat = (minLat / 5).rounded(.up) * 5
        while lat <= maxLat {
            let y = (maxLat - lat) * scale
            svg += "<line class=\"grid\" x1=\"0\" y1=\"\(f(y))\" x2=\"\(f(width))\" y2=\"\(f(y))\"/><text class=\"grid-label\" x=\"4\" y=\"\(f(y - 3))\">\(Int(lat))°N</text>"
            lat += 5
        }
        for county in all where county.level == .county {
            let (x, y) = point(county)
            svg += "<circle class=\"county\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"2.5\"><title>\(HTML.escape(county.name))</title></circle>"
        }
        let maximum = data.compactMap(\.value).max() ?? 0
        let maxRadius = 30.0
        for datum in data {
            guard let region = regions.region(code: datum.code) else { continue }
            let (x, y) = point(region)
            let tip = "\(HTML.escape(datum.region)) \(HTML.escape(datum.label))\(datum.sentence.map { "\n" + HTML.escape($0) } ?? "")"
            var radius = 4.0
            if let value = datum.value, maximum > 0 {
                radius = max(4, maxRadius * (max(value, 0) / maximum).squareRoot())
                let circle = "<circle class=\"value\" data-code=\"\(HTML.escape(datum.code))\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(radius))\"><title>\(tip)</title></circle>"
                svg += datum.href.map { "<a href=\"\(HTML.escape($0))\">\(circle)</a>" } ?? circle
            } else {
                svg += "<circle class=\"missing\" data-code=\"\(HTML.escape(datum.code))\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4\"><title>\(tip)</title></circle>"
            }
            svg += "<text class=\"map-label\" x=\"\(f(x))\" y=\"\(f(y + radius + 12))\" text-anchor=\"middle\">\(HTML.escape(datum.region))</text>"
        }
        svg += "</svg>"
        return svg
    }
}
