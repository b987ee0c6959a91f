import ZhiliCore

/// A division with its children, for a region picker.
public struct RegionNode: Sendable, Codable, Hashable {
    /// Six-digit GB/T 2260 code.
    public var code: String
    /// Official name.
    public var name: String
    /// Province, prefecture or county.
    public var level: RegionLevel
    /// Approximate centroid longitude.
    public var longitude: Double
    /// Approximate centroid latitude.
    public var latitude: Double
    /// Articles about this division or any division below it.
    public var articleCount: Int
    /// Divisions directly below, in code order.
    public var children: [RegionNode]

    /// Creates a node.
    public init(code: String, name: String, level: RegionLevel, longitude: Double, latitude: Double, articleCount: Int, children: [RegionNode]) {
        self.code = code
        self.name = name
        self.level = level
        self.longitude = longitude
        self.latitude = latitude
        self.articleCount = articleCount
        self.children = children
    }

    enum CodingKeys: String, CodingKey { case code, name, level, longitude, latitude, articleCount = "article_count", children }
}
