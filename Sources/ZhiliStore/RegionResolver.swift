import Foundation
import ZhiliCore
import ZhiliExtract

/// Turns what a user types for a region (`乌兰察布`, `乌兰察布市`, `集宁区`, `150902`, `1509`) into a code.
///
/// Names are matched exactly, then as the region table's aliases (呼市, 锡盟, traditional forms), then
/// without their suffix (市, 盟, 县, 区, 旗, 自治旗 …). When a name
/// is shared (新城区, 兴安), a division in Inner Mongolia wins, then the higher level, then the lower code.
public struct RegionResolver: Sendable {
    /// GB/T 2260 code of the Inner Mongolia Autonomous Region, the default scope.
    public static let innerMongolia = "150000"

    private static let suffixes = ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治旗", "自治县", "地区", "联合旗", "市", "盟", "县", "区", "旗", "省"]

    private let table: RegionTable
    private let byShortName: [String: [String]]

    /// Creates a resolver over `table`.
    public init(table: RegionTable) {
        self.table = table
        var short: [String: [String]] = [:]
        for region in table.byCode.values {
            for suffix in Self.suffixes where region.name.hasSuffix(suffix) && region.name.count > suffix.count + 1 {
                short[String(region.name.dropLast(suffix.count)), default: []].append(region.code)
                break
            }
        }
        byShortName = short
    }

    /// The code `text` names, or nil.
    public func resolve(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.unicodeScalars.count <= 64 else { return nil }
        if trimmed.unicodeScalars.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }) {
            guard trimmed.count <= 6, trimmed.count % 2 == 0 else { return nil }
            let code = trimmed + String(repeating: "0", count: 6 - trimmed.count)
            return table.region(code: code) == nil ? nil : code
        }
        if let exact = table.byName[trimmed], !exact.isEmpty {
            return best(exact.map(\.code))
        }
        let known = table.codes(named: trimmed)
        if !known.isEmpty {
            return best(known)
        }
        if let short = byShortName[trimmed], !short.isEmpty {
            return best(short)
        }
        return nil
    }

    private func best(_ codes: [String]) -> String? {
        codes.min { lhs, rhs in
            let left = table.region(code: lhs), right = table.region(code: rhs)
            let leftHome = lhs.hasPrefix("15"), rightHome = rhs.hasPrefix("15")
            if leftHome != rightHome { return leftHome }
            let leftLevel = left.map { RegionLevel.allCases.firstIndex(of: $0.level) ?? 3 } ?? 3
            let rightLevel = right.map { RegionLevel.allCases.firstIndex(of: $0.level) ?? 3 } ?? 3
            if leftLevel != rightLevel { return leftLevel < rightLevel }
            return lhs < rhs
        }
    }
}
