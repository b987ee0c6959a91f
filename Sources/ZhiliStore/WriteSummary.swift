/// What one batch write did.
public struct WriteSummary: Sendable, Codable, Hashable {
    /// Records whose id was new.
    public var inserted: Int
    /// Records that replaced a stored record with the same id.
    public var replaced: Int

    /// Creates a summary.
    public init(inserted: Int = 0, replaced: Int = 0) {
        self.inserted = inserted
        self.replaced = replaced
    }

    /// Adds another batch's counts.
    public static func + (lhs: WriteSummary, rhs: WriteSummary) -> WriteSummary {
        WriteSummary(inserted: lhs.inserted + rhs.inserted, replaced: lhs.replaced + rhs.replaced)
    }
}
