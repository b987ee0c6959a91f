/// How many of the best-ranked matches a search keeps as candidates for its page, and what each
/// ranking pass tells, for both stores (``SearchExecutor`` and PostgreSQL's twin).
///
/// A pass ranks every match and keeps the best ``size`` in the total order (score, then key); a
/// cluster of copies is one hit among them. The first window holds ``copiesPerHit`` candidates per
/// hit of the page (at least 200 more), for copies that collapse into a better-ranked copy; when
/// copies took more than that, or a page came out empty while the window may not have held every
/// match, the next pass keeps every match.
public struct CandidateWindow: Sendable, Equatable {
    /// Candidates per hit of the page in the first pass.
    public static let copiesPerHit = 16
    /// The window that keeps every match.
    static let unbounded = Int(Int32.max)

    /// Candidates the next pass keeps.
    public private(set) var size: Int
    private let page: Int
    private let continuing: Bool

    /// The first window for `request`'s page (`offset + limit`).
    public init(_ request: SearchRequest) {
        page = request.limit + request.offset
        continuing = request.after != nil
        size = min(Self.unbounded, max(page * Self.copiesPerHit, page + 200))
    }

    /// What a pass decided.
    public enum Verdict: Sendable, Equatable {
        /// The page is final: whether more hits follow it, and the number of hits when the pass
        /// saw every match (and did not start after a cursor).
        case done(more: Bool, total: Int?)
        /// The page came out empty: count the matches up to ``size`` and ``judge(matches:)``.
        case countMatches
        /// Rank again with the (now unbounded) ``size``.
        case rankAgain

        /// Whether more hits follow and the number of hits, when the page is final; nil when
        /// another pass is needed.
        public var final: (more: Bool, total: Int?)? {
            if case .done(let more, let total) = self { return (more, total) }
            return nil
        }
    }

    /// After a pass that gave `hits` hits for the page, out of `clusters` hits among `candidates`
    /// ranked matches.
    public mutating func judge(hits: Int, clusters: Int, candidates: Int) -> Verdict {
        if hits == 0 { return size == Self.unbounded ? .done(more: false, total: nil) : .countMatches }
        // Every match (below the cursor) was a candidate.
        if candidates < size { return .done(more: clusters > page, total: continuing ? nil : clusters) }
        if clusters >= page || size == Self.unbounded { return .done(more: true, total: nil) }
        size = Self.unbounded
        return .rankAgain
    }

    /// After counting `matches` (up to ``size``) for an empty page: it is final when the window
    /// held every match; else rank them all.
    public mutating func judge(matches: Int) -> Verdict {
        if matches < size { return .done(more: false, total: nil) }
        size = Self.unbounded
        return .rankAgain
    }
}
