import Foundation
import ZhiliCore
import ZhiliExtract

/// Extracts a batch of articles on several threads, one ``Extractor`` per thread.
final class ParallelExtractor: @unchecked Sendable {
    private let extractors: [Extractor]

    init(threads: Int, regions: RegionTable) throws {
        extractors = try (0..<max(1, threads)).map { _ in try Extractor(regions: regions) }
    }

    /// Records of `articles`, in order; an article the extractor rejects is left out.
    func extract(_ articles: [Article]) -> [ArticleRecord] {
        let results = Results(count: articles.count)
        let workers = extractors.count
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < articles.count {
                results.set(index, try? self.extractors[worker].extract(articles[index]))
                index += workers
            }
        }
        return results.values.compactMap { $0 }
    }

    /// Slots written by disjoint indices from several threads (a raw buffer: no exclusivity checks).
    private final class Results: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<ArticleRecord?>

        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        func set(_ index: Int, _ value: ArticleRecord?) { slots[index] = value }

        var values: [ArticleRecord?] { Array(slots) }
    }
}
