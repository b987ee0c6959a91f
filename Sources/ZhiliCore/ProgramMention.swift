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

    /// Creates a mention.
    public init(name: String, start: Int, end: Int, sentence: String, region: RegionRef?) {
        self.name = name
        self.start = start
        self.end = end
        self.sentence = sentence
        self.region = region
    }

    enum CodingKeys: String, CodingKey { case name, start, end, sentence, region }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(sentence, forKey: .sentence)
        try container.encode(region, forKey: .region)
    }
}
