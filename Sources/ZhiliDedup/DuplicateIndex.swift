/// Near-duplicate detection one article at a time, in a fixed order (the output order of
/// `zhili extract`): each article is compared with the ones added before it and joins the cluster
/// of the first verified copy among its candidates.
///
/// Candidates come from ``LSHIndex`` (at most ``candidateLimit``, most shared bands first) and are
/// verified exactly by containment (``DuplicateRule``). The answer for an article depends only on the
/// articles before it, so a run gives the same answers whatever the number of worker threads, and
/// a resumed run that re-adds the articles already written gives the same answers again.
///
/// ```swift
/// var index = DuplicateIndex()
/// let first = index.add(DedupDocument(original))   // cluster original.id, duplicateOf nil
/// let copy = index.add(DedupDocument(reprint))     // cluster original.id, duplicateOf original.id
/// ```
public struct DuplicateIndex: Sendable {
    /// Candidates looked at per article, most shared bands first.
    public static let candidateLimit = 8
    /// Exact containment checks per article, among the candidates whose signatures are promising
    /// (``DuplicateRule/isPromising(_:_:)``): a dump where every article shares paragraphs with
    /// many others costs at most this many merges per article.
    public static let verificationLimit = 2

    /// Where an article stands among the articles added so far.
    public struct Assignment: Sendable, Hashable {
        /// The cluster's id: the id of its first article.
        public var cluster: String
        /// The best copy of the cluster so far (``DedupDocument/isPreferred(over:)``) when it is
        /// not this article; nil for that copy and for an article with no copy.
        public var duplicateOf: String?
        /// Articles in the cluster so far, this one included.
        public var size: Int

        /// Creates an assignment.
        public init(cluster: String, duplicateOf: String?, size: Int) {
            self.cluster = cluster
            self.duplicateOf = duplicateOf
            self.size = size
        }
    }

    /// The rule that verifies candidates.
    public let rule: DuplicateRule
    private var lsh = LSHIndex()
    private var members: [Member] = []
    private var clusters: [Cluster] = []
    private var byID: [String: Int32] = [:]

    private struct Member: Sendable {
        var document: DedupDocument
        var cluster: Int
    }

    private struct Cluster: Sendable {
        var id: String
        var best: Int32
        var size: Int
    }

    /// An empty index.
    public init(rule: DuplicateRule = .standard) {
        self.rule = rule
    }

    /// Number of articles added.
    public var count: Int { members.count }

    /// Adds `document` and says which cluster it joined and which copy it duplicates.
    ///
    /// An article whose id was added before (the same content from another source) joins that
    /// article's cluster without a comparison.
    /// - Complexity: O(bands × ``LSHIndex/bucketLimit`` + ``verificationLimit`` × shingles).
    @discardableResult
    public mutating func add(_ document: DedupDocument) -> Assignment {
        var clusterIndex: Int?
        let number = Int32(members.count)
        if let same = byID[document.id] {
            clusterIndex = members[Int(same)].cluster
        } else {
            byID[document.id] = number
            // The first verified candidate, by most shared bands: the likeliest copy.
            var checks = 0
            for candidate in lsh.insert(number, bands: document.bands).prefix(Self.candidateLimit) where checks < Self.verificationLimit {
                let member = members[Int(candidate.member)]
                guard rule.isPromising(document, member.document) else { continue }
                checks += 1
                if rule.verify(document, member.document) != nil {
                    clusterIndex = member.cluster
                    break
                }
            }
        }
        let cluster: Int
        if let clusterIndex {
            cluster = clusterIndex
            clusters[cluster].size += 1
            if document.isPreferred(over: members[Int(clusters[cluster].best)].document) {
                clusters[cluster].best = number
            }
        } else {
            cluster = clusters.count
            clusters.append(Cluster(id: document.id, best: number, size: 1))
        }
        var kept = document
        kept.bands = []   // only needed to insert it
        members.append(Member(document: kept, cluster: cluster))
        let best = members[Int(clusters[cluster].best)].document.id
        return Assignment(cluster: clusters[cluster].id, duplicateOf: best == document.id ? nil : best, size: clusters[cluster].size)
    }
}
