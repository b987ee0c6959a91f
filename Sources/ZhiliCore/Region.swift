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
    /// Whether the article is about the division or names it in passing.
    public var role: RegionRole

    /// Creates a mention summary.
    public init(name: String, code: String, level: RegionLevel, prefecture: RegionRef?, mentions: Int, role: RegionRole = .subject) {
        self.name = name
        self.code = code
        self.level = level
        self.prefecture = prefecture
        self.mentions = mentions
        self.role = role
    }

    enum CodingKeys: String, CodingKey {
        case name, code, level, prefecture, mentions, role
    }

    /// Decodes a mention; records written before roles existed read as subjects.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        code = try container.decode(String.self, forKey: .code)
        level = try container.decode(RegionLevel.self, forKey: .level)
        prefecture = try container.decodeIfPresent(RegionRef.self, forKey: .prefecture)
        mentions = try container.decode(Int.self, forKey: .mentions)
        role = try container.decodeIfPresent(RegionRole.self, forKey: .role) ?? .subject
    }
}

/// How an article relates to a division it names.
public enum RegionRole: String, Sendable, Codable, Hashable {
    /// The article reports on it.
    case subject
    /// Every mention of it in the body is in passing: a dateline or a route to or from it.
    case mentioned
}
