import Foundation
import Testing
import ZhiliCore
import ZhiliDedup
import ZhiliIngest

/// Near-duplicate detection on the reprint set (corpus/reprints, built by scripts/make-reprints
/// from the seed articles and the dev set): real articles, their reprints, and distinct articles
/// on the same topic from the same league.
@Suite struct ReprintClusterTests {
    static let reprints = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("corpus/reprints")

    static func article(_ name: String) throws -> Article {
        let url = reprints.appendingPathComponent(name)
        let document = RawDocument(source: url.path, bytes: Array(try Data(contentsOf: url)), format: .text)
        return try #require(try Cleaner().clean(document).first)
    }

    /// Dev-set page 021 (锡林郭勒盟: 党员中心户 and 护边驿站, story 025), its mirror with the first
    /// paragraph cut and another site's header and footer lines (025-1), and page 022 (锡林郭勒边境管理支队's
    /// 护边驿站, story 026): the same program in the same league, a different article.
    @Test func trimmedMirrorIsOneClusterAndSameProgramArticleAnother() throws {
        let original = try Self.article("025-0.txt")
        let mirror = try Self.article("025-1.txt")
        let other = try Self.article("026-0.txt")
        #expect(original.id != mirror.id)
        // 021 and 022 are Traditional-script conversion pages.
        #expect(original.text.contains("護邊驛站") && other.text.contains("護邊驛站"))
        let clusters = DuplicateClusters([original, mirror, other].map(DedupDocument.init))
        #expect(clusters.clusters.count == 1)
        #expect(clusters.clusterOf == [0, 0, nil])

        var index = DuplicateIndex()
        #expect(index.add(DedupDocument(original)).duplicateOf == nil)
        let second = index.add(DedupDocument(mirror))
        #expect(second.cluster == original.id)
        #expect(index.add(DedupDocument(other)).cluster == other.id)
    }

    /// Every reprint kind of a seed article (trimmed, edited in Traditional script, trimmed and
    /// edited with a new headline) joins the original's cluster.
    @Test(arguments: ["000-1.txt", "000-2.txt", "000-3.txt"])
    func reprintOfSeedJoinsItsOriginal(name: String) throws {
        let original = DedupDocument(try Self.article("000-0.txt"))
        let reprint = DedupDocument(try Self.article(name))
        #expect(DuplicateRule.standard.verify(original, reprint) != nil)
    }

    /// The same content at another path has the same id (ids hash content, not paths).
    @Test func sameContentSameID() throws {
        let url = Self.reprints.appendingPathComponent("005-0.txt")
        let bytes = Array(try Data(contentsOf: url))
        let a = try Cleaner().clean(RawDocument(source: "a/005.txt", bytes: bytes, format: .text))
        let b = try Cleaner().clean(RawDocument(source: "b/copy.txt", bytes: bytes, format: .text))
        #expect(a.map(\.id) == b.map(\.id))
        #expect(a.first?.source != b.first?.source)
    }
}

@Suite struct DuplicateIndexTests {
    static func document(_ id: String, _ date: String?, _ text: String) -> DedupDocument {
        DedupDocument(Article(id: id, source: id, date: date, paragraphs: [text]))
    }

    static let story = (0..<30).map { "第\($0)项工作稳步推进，网格员走村入户排查矛盾纠纷\($0 * 7)起" }.joined(separator: "。")

    @Test func earliestDatedCopyIsPreferredThenLongest() {
        var index = DuplicateIndex()
        let late = index.add(Self.document("late", "2024-05-02", Self.story))
        #expect(late == DuplicateIndex.Assignment(cluster: "late", duplicateOf: nil, size: 1))
        let early = index.add(Self.document("early", "2024-05-01", String(Self.story.dropLast(40))))
        #expect(early == DuplicateIndex.Assignment(cluster: "late", duplicateOf: nil, size: 2))
        let undated = index.add(Self.document("undated", nil, Self.story + "。来源：正北方网"))
        #expect(undated.duplicateOf == "early")
        #expect(index.add(Self.document("else", "2024-05-01", "完全不同的一篇文章，讲的是草原生态保护与牧民增收的故事，没有共同的句子。")).duplicateOf == nil)
    }

    @Test func batchClustersPickTheSameRepresentative() {
        let documents = [
            Self.document("late", "2024-05-02", Self.story),
            Self.document("early", "2024-05-01", String(Self.story.dropLast(40))),
            Self.document("undated", nil, Self.story + "。来源：正北方网"),
        ]
        let clusters = DuplicateClusters(documents)
        #expect(clusters.clusters.map(\.id) == ["late"])
        #expect(clusters.clusters.first?.representative == 1)
        #expect(clusters.pairs.count == 3)
    }
}
