/// Near-duplicate clusters of a whole set of articles (`zhili dedup`, the reprint score): every
/// pair of copies found (LSH candidates verified by containment), joined transitively.
///
/// Unlike ``DuplicateIndex``, which answers in order with what came before, this sees the whole
/// set: each cluster's representative is its preferred copy (earliest dated, else longest), and
/// every other member is a duplicate of it.
public struct DuplicateClusters: Sendable {
    /// A set of copies of one article.
    public struct Cluster: Sendable, Hashable {
        /// The cluster id: the id of its first member in input order.
        public var id: String
        /// Members' positions in the input, the representative first, then in input order.
        public var members: [Int]
        /// Position of the representative: the copy the others are duplicates of.
        public var representative: Int { members[0] }
    }

    /// A pair of copies: positions in the input (`first < second`) and the share of the shorter
    /// text found in the longer.
    public struct Pair: Sendable, Hashable {
        /// Position of the earlier document.
        public var first: Int
        /// Position of the later document.
        public var second: Int
        /// Containment of the pair.
        public var containment: Double
    }

    /// Every verified pair, in input order.
    public let pairs: [Pair]
    /// Clusters of two or more documents, in the input order of their first members.
    public let clusters: [Cluster]
    /// For each input position, the index of its cluster in ``clusters`` (nil when it has no copy).
    public let clusterOf: [Int?]

    /// Finds the copies among `documents`.
    ///
    /// Candidates are the documents sharing an LSH band (each bucket holding its newest
    /// ``LSHIndex/bucketLimit`` members), at most `candidateLimit` per document.
    /// - Complexity: O(n × (bands × bucket limit + candidateLimit × shingles)).
    public init(_ documents: [DedupDocument], rule: DuplicateRule = .standard, candidateLimit: Int = 16) {
        var lsh = LSHIndex()
        var found: [Pair] = []
        var parent = Array(documents.indices)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var firstOfID: [String: Int] = [:]
        for (position, document) in documents.enumerated() {
            if let same = firstOfID[document.id] {
                found.append(Pair(first: same, second: position, containment: 1))
                let (a, b) = (root(same), root(position))
                if a != b { parent[max(a, b)] = min(a, b) }
                continue
            }
            firstOfID[document.id] = position
            for candidate in lsh.insert(Int32(position), bands: document.bands).prefix(candidateLimit) {
                let other = Int(candidate.member)
                guard let share = rule.verify(document, documents[other]) else { continue }
                found.append(Pair(first: other, second: position, containment: share))
                let (a, b) = (root(other), root(position))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var groups: [Int: [Int]] = [:]
        for position in documents.indices { groups[root(position), default: []].append(position) }
        var clusters: [Cluster] = []
        var clusterOf = [Int?](repeating: nil, count: documents.count)
        for first in documents.indices where root(first) == first {
            let members = groups[first]!
            guard members.count > 1 else { continue }
            var best = members[0]
            for member in members.dropFirst() where documents[member].isPreferred(over: documents[best]) { best = member }
            for member in members { clusterOf[member] = clusters.count }
            clusters.append(Cluster(id: documents[first].id, members: [best] + members.filter { $0 != best }))
        }
        self.pairs = found.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
        self.clusters = clusters
        self.clusterOf = clusterOf
    }
}
