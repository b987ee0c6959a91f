import ZhiliText
import Foundation
import ZhiliCore
import ZhiliICU

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

/// China's administrative divisions (GB/T 2260), loaded from `regions-cn.tsv`, with the
/// names and aliases an article may use for them.
///
/// Besides official names the table knows short forms from `region-aliases.tsv` (呼市, 科右中旗),
/// names without their suffix (集宁 for 集宁区, 内蒙古 for 内蒙古自治区) where that is unambiguous
/// and not a common word, and traditional-character forms of all of them.
public struct RegionTable: Sendable {
    /// Every division, by code.
    public var byCode: [String: Region] { storage.byCode }
    /// Divisions sharing each official name (新城区 names several).
    public var byName: [String: [Region]] { storage.byName }
    /// Child codes of each division.
    public var children: [String: [String]] { storage.children }
    /// Every name the matcher knows, with the codes it may mean; an empty list marks a blocker.
    public var names: [String: [String]] { storage.names }
    /// Provinces whose counties are also known without their suffix (集宁 for 集宁区).
    public var bareCountyProvinces: Set<String> { storage.bareCountyProvinces }
    /// Trie over `nameList`; payloads index `nameList`.
    var matcher: WordTrie { storage.matcher }
    /// Names in matcher payload order.
    var nameList: [String] { storage.nameList }
    /// Candidate codes in matcher payload order (empty for blockers).
    var candidates: [[String]] { storage.candidates }
    /// Codes whose names also read as ordinary phrases (老城区, 新城区): they need context.
    var genericSoundingCodes: Set<String> { storage.genericSoundingCodes }
    /// Per matcher payload: whether the name means one division that needs no context to count.
    var isPlain: [Bool] { storage.isPlain }
    /// The home province: ambiguous names resolve into it when nothing else decides.
    var homeProvince: String? { storage.homeProvince }
    /// Short county names (义乌 for 义乌市) of provinces outside ``bareCountyProvinces``, which
    /// count only right after their province's or prefecture's name (浙江义乌, 金华义乌).
    var contextualMatcher: WordTrie { storage.contextualMatcher }
    /// Candidate codes in ``contextualMatcher`` payload order.
    var contextualCandidates: [[String]] { storage.contextualCandidates }

    private let storage: Storage

    /// The table's contents behind one reference: every extractor, finder and locator holds a
    /// table, and copying one then costs a single retain.
    private final class Storage: Sendable {
        let byCode: [String: Region]
        let byName: [String: [Region]]
        let children: [String: [String]]
        let names: [String: [String]]
        let bareCountyProvinces: Set<String>
        /// Codes of the containing divisions of each division, nearest first.
        let ancestorChains: [String: [String]]
        let matcher: WordTrie
        let nameList: [String]
        let candidates: [[String]]
        let genericSoundingCodes: Set<String>
        let isPlain: [Bool]
        let homeProvince: String?
        /// Trie of the short county names that count only right after their province's or
        /// prefecture's name (浙江义乌); payloads index `contextualCandidates`.
        let contextualMatcher: WordTrie
        let contextualCandidates: [[String]]

        init(
            byCode: [String: Region], byName: [String: [Region]], children: [String: [String]], names: [String: [String]],
            bareCountyProvinces: Set<String>, ancestorChains: [String: [String]], contextual: [String: [String]]
        ) {
            self.byCode = byCode
            self.byName = byName
            self.children = children
            self.names = names
            self.bareCountyProvinces = bareCountyProvinces
            self.ancestorChains = ancestorChains
            (matcher, nameList, candidates) = Self.matcher(of: names)
            (contextualMatcher, _, contextualCandidates) = Self.matcher(of: contextual)
            let genericSoundingCodes = Set(byCode.values.filter { RegionTable.soundsGeneric($0.name) }.map(\.code))
            self.genericSoundingCodes = genericSoundingCodes
            isPlain = candidates.map { $0.count == 1 && !genericSoundingCodes.contains($0[0]) }
            homeProvince = bareCountyProvinces.sorted().first
        }

        /// A trie of the names of `codes`, the names in payload order, and each name's codes.
        static func matcher(of codes: [String: [String]]) -> (WordTrie, [String], [[String]]) {
            let list = codes.keys.sorted()
            return (WordTrie(words: list), list, list.map { codes[$0] ?? [] })
        }
    }

    /// The table bundled with Zhili, with the bundled aliases.
    public static let bundled: RegionTable = {
        guard let url = Bundle.module.url(forResource: "regions-cn", withExtension: "tsv"),
              let aliasURL = Bundle.module.url(forResource: "region-aliases", withExtension: "tsv"),
              let tsv = try? String(contentsOf: url, encoding: .utf8),
              let aliases = try? String(contentsOf: aliasURL, encoding: .utf8),
              let table = try? RegionTable(tsv: tsv, aliases: aliases, source: url.path) else {
            preconditionFailure("regions-cn.tsv or region-aliases.tsv is missing or invalid in the ZhiliExtract bundle")
        }
        return table
    }()

    /// Loads a table from a TSV file with columns adcode, name, level, parent, lon, lat.
    public init(contentsOf url: URL, aliases aliasURL: URL? = nil) throws {
        let aliases = try aliasURL.map { try String(contentsOf: $0, encoding: .utf8) } ?? ""
        try self.init(tsv: String(contentsOf: url, encoding: .utf8), aliases: aliases, source: url.path)
    }

    /// Parses a table from TSV text; `source` names it in errors.
    ///
    /// - Parameters:
    ///   - aliases: alias lines `alias<TAB>code` (`-` for a blocker), `#` comments.
    ///   - bareCountyProvinces: provinces whose counties are also matched without suffix.
    ///   - traditional: also match traditional-character forms (uses ICU's `Simplified-Traditional`).
    public init(
        tsv: String, aliases: String = "", source: String = "regions",
        bareCountyProvinces: Set<String> = ["150000"], traditional: Bool = true
    ) throws {
        var byCode: [String: Region] = [:]
        var byName: [String: [Region]] = [:]
        var children: [String: [String]] = [:]
        var ancestorChains: [String: [String]] = [:]
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
        for code in byCode.keys {
            var chain: [String] = []
            var current = byCode[code]?.parent
            // The division tree is a few levels deep; the bound stops a parent cycle in a user table.
            while let parent = current, let region = byCode[parent], chain.count < 16 {
                chain.append(parent)
                current = region.parent
            }
            ancestorChains[code] = chain
        }
        var names: [String: [String]] = [:]
        for (name, regions) in byName where !Self.isGenericName(name) {
            names[name] = regions.map(\.code).sorted()
        }
        // Explicit aliases and blockers.
        var blockers: Set<String> = []
        for (number, line) in aliases.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: "\t")
            guard fields.count == 2 else {
                throw Diagnostic(source: source + " aliases", line: number + 1, reason: "expected alias<TAB>code")
            }
            let alias = String(fields[0]), code = String(fields[1])
            if code == "-" {
                blockers.insert(alias)
                if names[alias] == nil { names[alias] = [] }
            } else {
                guard byCode[code] != nil else {
                    throw Diagnostic(source: source + " aliases", line: number + 1, reason: "unknown region code \(code)")
                }
                names[alias, default: []].append(code)
            }
        }
        // Names without suffix: a higher level wins a collision, equal levels cancel.
        var bare: [String: (codes: [String], rank: Int)] = [:]
        for region in byCode.values {
            guard let short = Self.bareName(of: region, countyProvinces: bareCountyProvinces) else { continue }
            let rank = region.level == .province ? 0 : region.level == .prefecture ? 1 : 2
            for form in short {
                if let existing = bare[form] {
                    if rank < existing.rank { bare[form] = ([region.code], rank) }
                    else if rank == existing.rank { bare[form] = ([], rank) }
                } else {
                    bare[form] = ([region.code], rank)
                }
            }
        }
        for (form, entry) in bare where !entry.codes.isEmpty && names[form] == nil && !blockers.contains(form) {
            names[form] = entry.codes
        }
        if traditional, let transform = try? Transform("Simplified-Traditional") {
            for (name, codes) in names {
                guard let converted = try? transform.apply(name), converted != name, names[converted] == nil else { continue }
                names[converted] = codes
            }
        }
        // Short county names elsewhere in the country, for use after their parent's name only.
        let allProvinces = Set(byCode.values.filter { $0.level == .province }.map(\.code))
        var contextual: [String: [String]] = [:]
        for region in byCode.values where region.level == .county {
            guard let short = Self.bareName(of: region, countyProvinces: allProvinces) else { continue }
            for form in short where names[form] == nil && !blockers.contains(form) { contextual[form, default: []].append(region.code) }
        }
        storage = Storage(
            byCode: byCode, byName: byName, children: children, names: names,
            bareCountyProvinces: bareCountyProvinces, ancestorChains: ancestorChains, contextual: contextual)
    }

    /// Division names that also read as ordinary phrases: the old town, the new town, the county seat.
    static func soundsGeneric(_ name: String) -> Bool {
        ["老城区", "新城区", "城关区", "城关镇", "市中区", "城中区", "城东区", "城西区", "城南区", "城北区", "新区", "开发区"].contains(name)
    }

    /// The division with `code`.
    public func region(code: String) -> Region? { storage.byCode[code] }

    /// The codes `name` may mean (official name, alias, bare or traditional form).
    public func codes(named name: String) -> [String] { storage.names[name] ?? [] }

    /// The chain of containing divisions, nearest first.
    public func ancestors(of code: String) -> [Region] {
        ancestorCodes(of: code).compactMap { storage.byCode[$0] }
    }

    /// The codes of the containing divisions, nearest first (no allocation: the chains are built once).
    public func ancestorCodes(of code: String) -> [String] {
        storage.ancestorChains[code] ?? []
    }

    /// The prefecture-level division containing `code` (itself for a prefecture).
    public func prefecture(of code: String) -> Region? {
        guard let region = storage.byCode[code] else { return nil }
        if region.level == .prefecture { return region }
        for ancestor in ancestorCodes(of: code) {
            if let found = storage.byCode[ancestor], found.level == .prefecture { return found }
        }
        return nil
    }

    /// The province containing `code` (itself for a province).
    public func province(of code: String) -> Region? {
        guard let region = storage.byCode[code] else { return nil }
        if region.level == .province { return region }
        return ancestorCodes(of: code).last.flatMap { storage.byCode[$0] }
    }

    /// `code` and every division below it.
    public func descendants(of code: String) -> [String] {
        var result = [code]
        var index = 0
        while index < result.count {
            result.append(contentsOf: storage.children[result[index]] ?? [])
            index += 1
        }
        return result
    }

    /// Official names too generic to match as written (城区, 矿区, 郊区 …: 老城区 is no division).
    static func isGenericName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        return scalars.count <= 2 && scalars.last == "区"
    }

    private static let ethnicNames = [
        "维吾尔", "朝鲜", "土家", "布依", "哈尼", "景颇", "傈僳", "蒙古", "柯尔克孜", "哈萨克",
        "达斡尔", "鄂温克", "苗", "藏", "羌", "彝", "侗", "壮", "傣", "白", "回",
    ]

    /// Forms of `region`'s name without its level suffix, or nil when it has none worth matching.
    static func bareName(of region: Region, countyProvinces: Set<String>) -> [String]? {
        var name = region.name
        func strip(_ suffix: String) -> Bool {
            guard name.hasSuffix(suffix), name.count > suffix.count else { return false }
            name.removeLast(suffix.count)
            return true
        }
        func stripEthnic() {
            var changed = true
            while changed {
                changed = false
                if name.hasSuffix("族") { name.removeLast() }
                for ethnic in ethnicNames where name.hasSuffix(ethnic) && name.count > ethnic.count + 1 {
                    name.removeLast(ethnic.count)
                    changed = true
                    break
                }
            }
        }
        switch region.level {
        case .province:
            if strip("特别行政区") || strip("省") || strip("市") {
            } else if strip("自治区") {
                stripEthnic()
            }
            return name.count >= 2 ? [name] : nil
        case .prefecture:
            if strip("自治州") {
                stripEthnic()
                return name.count >= 2 ? [name, name + "州"] : nil
            }
            guard strip("地区") || strip("市") || strip("盟") else { return nil }
            return name.count >= 2 ? [name] : nil
        case .county:
            guard let parent = region.parent, let province = parent.first.map({ _ in String(parent.prefix(2)) + "0000" }),
                  countyProvinces.contains(province) else { return nil }
            if name.hasSuffix("自治旗") || name.hasSuffix("自治县") { return nil }
            for keep in ["左旗", "右旗", "前旗", "中旗", "后旗", "联合旗", "矿区"] where name.hasSuffix(keep) { return nil }
            guard strip("旗") || strip("县") || strip("区") || strip("市") else { return nil }
            return name.count >= 2 ? [name] : nil
        }
    }
}
