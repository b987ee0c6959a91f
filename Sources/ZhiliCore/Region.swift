/// Level of an administrative division in GB/T 2260.
public enum RegionLevel: String, Sendable, Codable, Hashable, CaseIterable {
    case province, prefecture, county
}

/// A reference to an administrative division: its name and GB/T 2260 code.
public struct RegionRef: Sendable, Codable, Hashable {
    /// Official name, such as `集宁区`.
    public var name: String
    /// Six-digit GB/T 2260 code, such as `150902`.
    public var code: String

    /// Creates a reference.
    public init(name: String, code: String) {
        self.name = name
        self.code = code
    }
}

/// A division an article is about, with how often and how prominently it is named.
public struct RegionMention: Sendable, Codable, Hashable {
    /// Official name.
    public var name: String
    /// GB/T 2260 code.
    public var code: String
    /// Level of the division.
    public var level: RegionLevel
    /// The prefecture-level division containing it (itself for a prefecture), if any.
    public var prefecture: RegionRef?
    /// Number of mentions in title and body.
    public var mentions: Int

    /// Creates a mention summary.
    public init(name: String, code: String, level: RegionLevel, prefecture: RegionRef?, mentions: Int) {
        self.name = name
        self.code = code
        self.level = level
        self.prefecture = prefecture
        self.mentions = mentions
    }
}
