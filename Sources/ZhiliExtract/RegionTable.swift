import Foundation
import ZhiliCore

/// One administrative division from the GB/T 2260 table.
public struct Region: Sendable, Hashable {
    /// Six-digit code.
    public var code: String
    /// Official name.
    public var name: String
    /// Province, prefecture or county.
    public var level: RegionLevel
    /// Code of the containing division, nil for provinces.
    public var parent: String?
    /// Approximate centroid longitude.
    public var longitude: Double
    /// Approximate centroid latitude.
    public var latitude: Double

    /// A reference to this division.
    public var ref: RegionRef { RegionRef(name: name, code: code) }
}

/// China's administrative divisions (GB/T 2260), loaded from `regions-cn.tsv`.
public struct RegionTable: Sendable {
    /// Every division, by code.
    public private(set) var byCode: [String: Region] = [:]
    /// Divisions sharing each official name (新城区 names several).
    public private(set) var byName: [String: [Region]] = [:]
    /// Child codes of each division.
    public private(set) var children: [String: [String]] = [:]

    /// The table bundled with Zhili.
    public static let bundled: RegionTable = {
        guard let url = Bundle.module.url(forResource: "regions-cn", withExtension: "tsv"),
              let table = try? RegionTable(contentsOf: url) else {
            preconditionFailure("regions-cn.tsv is missing from the ZhiliExtract bundle")
        }
        return table
    }()

    /// Loads a table from a TSV file with columns adcode, name, level, parent, lon, lat.
    public init(contentsOf url: URL) throws {
        try self.init(tsv: String(contentsOf: url, encoding: .utf8), source: url.path)
    }

    /// Parses a table from TSV text; `source` names it in errors.
    public init(tsv: String, source: String = "regions") throws {
        for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if number == 0 || line.isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 6, let level = RegionLevel(rawValue: String(fields[2])) else {
                throw Diagnostic(source: source, line: number + 1, reason: "expected 6 tab-separated fields: adcode, name, level, parent, lon, lat")
            }
            let region = Region(
                code: String(fields[0]), name: String(fields[1]), level: level,
                parent: fields[3].isEmpty ? nil : String(fields[3]),
                longitude: Double(fields[4]) ?? 0, latitude: Double(fields[5]) ?? 0)
            byCode[region.code] = region
            byName[region.name, default: []].append(region)
            if let parent = region.parent { children[parent, default: []].append(region.code) }
        }
    }

    /// The division with `code`.
    public func region(code: String) -> Region? { byCode[code] }

    /// The chain of containing divisions, nearest first.
    public func ancestors(of code: String) -> [Region] {
        var result: [Region] = []
        var current = byCode[code]?.parent
        while let code = current, let region = byCode[code] {
            result.append(region)
            current = region.parent
        }
        return result
    }

    /// The prefecture-level division containing `code` (itself for a prefecture).
    public func prefecture(of code: String) -> Region? {
        guard let region = byCode[code] else { return nil }
        if region.level == .prefecture { return region }
        return ancestors(of: code).first { $0.level == .prefecture }
    }

    /// `code` and every division below it.
    public func descendants(of code: String) -> [String] {
        var result = [code]
        var index = 0
        while index < result.count {
            result.append(contentsOf: children[result[index]] ?? [])
            index += 1
        }
        return result
    }
}
