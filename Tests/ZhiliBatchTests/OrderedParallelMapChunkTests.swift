import Foundation
import Testing
import ZhiliBatch

/// Collects outputs, and which worker thread made each, from the consuming thread.
private final class ChunkCollector: @unchecked Sendable {
    var values: [Int] = []
}

/// Chunked hand-over keeps order, window and stop semantics whatever the chunk size.
@Suite struct OrderedParallelMapChunkTests {
    static let shapes: [(jobs: Int, chunkCount: Int, chunkWeight: Int)] = [
        (1, 1, 1 << 20), (1, 7, 1 << 20), (2, 16, 1 << 20), (3, 5, 1 << 20), (2, 64, 10), (4, 3, 2),
    ]

    @Test(arguments: shapes)
    func outputsFollowInputOrder(shape: (jobs: Int, chunkCount: Int, chunkWeight: Int)) throws {
        let map = OrderedParallelMap<Int, Int>(jobs: shape.jobs, windowCount: 64, chunkCount: shape.chunkCount, chunkWeight: shape.chunkWeight)
        let collector = ChunkCollector()
        try map.run(
            makeWorker: {
                { value in
                    if value % 13 == 0 { usleep(500) }
                    return value * 3
                }
            },
            produce: { emit in for value in 0..<1001 where !emit(value, value % 5) { return } },
            consume: { collector.values.append($0); return true })
        #expect(collector.values == (0..<1001).map { $0 * 3 })
    }

    @Test func defaultChunksLeaveTwoPerWorkerInTheWindow() {
        let map = OrderedParallelMap<Int, Int>(jobs: 2, windowCount: 128, windowWeight: 1 << 20)
        #expect(map.chunkCount == 32)
        #expect(map.chunkWeight == 256 << 10)
        let small = OrderedParallelMap<Int, Int>(jobs: 2, windowCount: 4, windowWeight: 100)
        #expect(small.chunkCount == 1)
        #expect(small.chunkWeight == 25)
    }

    @Test func windowCountsItemsNotChunks() throws {
        let (peak, consumed) = try peakInFlight(OrderedParallelMap<Int, Int>(jobs: 2, windowCount: 20, chunkCount: 5), count: 500)
        // The window, the chunk being filled, and the chunk being consumed.
        #expect(peak <= 20 + 4 + 5)
        #expect(consumed == 500)
    }

    @Test(arguments: [1, 8, 64])
    func consumerStopsInsideAChunk(chunkCount: Int) throws {
        let map = OrderedParallelMap<Int, Int>(jobs: 2, windowCount: 128, chunkCount: chunkCount)
        let collector = ChunkCollector()
        try map.run(
            makeWorker: { { $0 } },
            produce: { emit in for value in 0..<100_000 where !emit(value, 1) { return } },
            consume: { collector.values.append($0); return $0 < 20 })
        #expect(collector.values == Array(0...20))
    }

    @Test func producerErrorIsThrownAfterEarlierOutputs() throws {
        struct Broken: Error {}
        let map = OrderedParallelMap<Int, Int>(jobs: 2, windowCount: 64, chunkCount: 8)
        let collector = ChunkCollector()
        #expect(throws: Broken.self) {
            try map.run(
                makeWorker: { { $0 } },
                produce: { emit in
                    for value in 0..<10 where !emit(value, 1) { return }
                    throw Broken()
                },
                consume: { collector.values.append($0); return true })
        }
    }

    @Test func emptyStreamEnds() throws {
        let map = OrderedParallelMap<Int, Int>(jobs: 3)
        let collector = ChunkCollector()
        try map.run(makeWorker: { { $0 } }, produce: { _ in }, consume: { collector.values.append($0); return true })
        #expect(collector.values.isEmpty)
    }
}
