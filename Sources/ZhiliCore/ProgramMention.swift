/// A named program, initiative, platform, mechanism, campaign or office reported in an article.
public struct ProgramMention: Sendable, Codable, Hashable {
    /// Canonical name without quotes (`老李调解室`, `两全代办制`).
    public var name: String
    /// Offset of the mention in the article text (Unicode scalars).
    public var start: Int
    /// Offset just past the mention.
    public var end: Int
    /// The sentence holding the mention.
    public var sentence: String
    /// Region the program belongs to.
    public var region: RegionRef?
    /// Other forms of the name in the article (`三查一控专项行动` for `三查一控`), in text order.
    public var aliases: [String]

    /// Creates a mention.
    public init(name: String, start: Int, end: Int, sentence: String, region: RegionRef?, aliases: [String] = []) {
        self.name = name
        self.start = start
        self.end = end
        self.sentence = sentence
        self.region = region
        self.aliases = aliases
    }

    enum CodingKeys: String, CodingKey { case name, start, end, sentence, region, aliases }

    /// Decodes a mention; records written before aliases existed have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        start = try container.decode(Int.self, forKey: .start)
        end = try container.decode(Int.self, forKey: .end)
        sentence = try container.decode(String.self, forKey: .sentence)
        region = try container.decodeIfPresent(RegionRef.self, forKey: .region)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(aliases, forKey: .aliases)
        try container.encode(name, forKey: .name)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(sentence, forKey: .sentence)
        try container.encode(region, forKey: .region)
    }
}
