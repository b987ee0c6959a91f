import ZhiliCore
import ZhiliICU

/// What near-duplicate detection knows of one article: its id, date and length, its body's
/// shingles and their MinHash signature. Built on any thread (it costs one pass over the text and
/// ``MinHash/hashCount`` multiplications per shingle), compared on one.
public struct DedupDocument: Sendable, Hashable {
    /// The article's id.
    public var id: String
    /// The article's date (ISO 8601), if any.
    public var date: String?
    /// Content scalars of the body (``ContentText``): the length that ranks copies.
    public var length: Int
    /// Shingles of the body (of the title when the body is empty).
    public var shingles: ShingleSet
    /// MinHash of ``shingles``.
    public var minHash: MinHash
    /// The LSH band keys of ``minHash`` (``LSHIndex/bandKeys(of:)``), computed with it.
    public var bands: [UInt64]

    /// The document of `article`.
    public init(_ article: Article) {
        var scalars: [UInt32] = []
        for paragraph in article.paragraphs { ContentText.append(paragraph, to: &scalars) }
        self.init(article, body: scalars)
    }

    /// The document of `article` whose body's content scalars are `body` (as the cleaner hands
    /// them on with ``ZhiliIngest``'s `cleanWithContent`).
    public init(_ article: Article, body: [UInt32]) {
        var scalars = body
        if scalars.isEmpty, let title = article.title { ContentText.append(title, to: &scalars) }
        self.init(id: article.id, date: article.date, contentScalars: scalars)
    }

    /// The document of content scalars (``ContentText/scalars(of:)``).
    public init(id: String, date: String?, contentScalars: [UInt32]) {
        self.id = id
        self.date = date
        length = contentScalars.count
        shingles = ShingleSet(scalars: contentScalars)
        minHash = MinHash(shingles)
        bands = LSHIndex.bandKeys(of: minHash)
    }

    /// Whether `self` is the better copy to keep of two duplicates: the earlier dated (a dated copy
    /// before an undated one), else the longer, else the smaller id (so the choice never depends
    /// on input order).
    public func isPreferred(over other: DedupDocument) -> Bool {
        Self.prefers(id: id, date: date, length: length, over: other.id, date: other.date, length: other.length)
    }

    /// ``isPreferred(over:)`` on the fields it reads (for copies known only by their stored row).
    public static func prefers(id: String, date: String?, length: Int, over otherID: String, date otherDate: String?, length otherLength: Int) -> Bool {
        switch (date.map(day), otherDate.map(day)) {
        case let (mine?, theirs?) where mine != theirs: return mine < theirs
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if length != otherLength { return length > otherLength }
        return id < otherID
    }

    /// The `YYYY-MM-DD` part of an ISO date (copies published the same day tie on date).
    private static func day(_ date: String) -> Substring { date.prefix(10) }
}

/// When two documents are copies of one article.
public struct DuplicateRule: Sendable, Hashable {
    /// Least share of the shorter text's shingles that the longer must hold.
    public var containment: Double
    /// Least number of shared shingles (a headline-sized text is never a copy of a long one).
    public var minimumShared: Int

    /// The rule `zhili` uses: half the shorter text's sampled shingles, at least 6 of them shared
    /// (about 24 shingles of the whole texts, ``ShingleSet/defaultSampling``).
    public static let standard = DuplicateRule(containment: 0.5, minimumShared: 6)

    /// Creates a rule.
    public init(containment: Double, minimumShared: Int) {
        self.containment = containment
        self.minimumShared = minimumShared
    }

    /// Whether the pair's MinHash signatures leave it a chance: the containment they estimate
    /// (Jaccard `J` from the signatures, `J(|a| + |b|) / ((1 + J) min(|a|, |b|))`) reaches 0.75 of
    /// ``containment``. The estimate's error at 64 values is about ±0.06 in `J` (±0.07 in the
    /// containment of equal-sized texts), so this skips pairs that share a paragraph or a stock
    /// phrase without an exact comparison, and keeps copies.
    public func isPromising(_ a: DedupDocument, _ b: DedupDocument) -> Bool {
        let smaller = min(a.shingles.count, b.shingles.count)
        guard smaller >= minimumShared else { return false }
        let jaccard = a.minHash.similarity(to: b.minHash)
        let estimate = jaccard * Double(a.shingles.count + b.shingles.count) / ((1 + jaccard) * Double(smaller))
        return estimate >= containment * 0.75
    }

    /// The containment of the pair when it is a duplicate by this rule, else nil: the exact share
    /// of the smaller shingle set found in the other, after ``isPromising(_:_:)``.
    public func verify(_ a: DedupDocument, _ b: DedupDocument) -> Double? {
        guard isPromising(a, b) else { return nil }
        let smaller = min(a.shingles.count, b.shingles.count)
        guard smaller > 0 else { return nil }
        // Not even the smaller set whole could reach the thresholds: no merge needed.
        if smaller < minimumShared { return nil }
        let shared = a.shingles.intersectionCount(with: b.shingles)
        let share = Double(shared) / Double(smaller)
        return shared >= minimumShared && share >= containment ? share : nil
    }
}
