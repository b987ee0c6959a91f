/// What the lines around an article say about it: step f's result.
public struct ArticleMetadata: Sendable, Equatable {
    /// How sure a source of the outlet is; a higher one replaces a lower one.
    public enum OutletEvidence: Int, Sendable, Comparable {
        /// A lone site name (`人民网`).
        case siteName = 1
        /// A contact or footer line naming the site (`正北方网联系方式`).
        case footer = 2
        /// An explicit `来源:` field.
        case source = 3

        /// Orders by strength.
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// ISO date, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    public var date: String?
    /// Publishing newspaper or site.
    public var outlet: String?
    /// Where `outlet` came from.
    public var outletEvidence: OutletEvidence?
    /// Reporters and correspondents, in order, without repeats.
    public var authors: [String] = []
    /// Editors, in order, without repeats.
    public var editors: [String] = []

    /// Empty metadata.
    public init() {}

    /// Records an outlet unless a stronger source already named one.
    public mutating func setOutlet(_ name: String, evidence: OutletEvidence) {
        let name = TextShape.trimmed(name)
        guard !name.isEmpty else { return }
        if let current = outletEvidence, current >= evidence { return }
        outlet = name
        outletEvidence = evidence
    }

    /// Adds authors, skipping repeats.
    public mutating func addAuthors(_ names: [String]) {
        for name in names where !authors.contains(name) { authors.append(name) }
    }

    /// Adds editors, skipping repeats.
    public mutating func addEditors(_ names: [String]) {
        for name in names where !editors.contains(name) { editors.append(name) }
    }
}
