import Foundation
import Testing
import ZhiliBatch

/// Collects outputs from the consuming thread.
private final class Collector<Value>: @unchecked Sendable {
    var values: [Value] = []
}

@Suite struct OrderedParallelMapTests {
    @Test(arguments: [1, 2, 5])
    func outputsFollowInputOrder(jobs: Int) throws {
        let map = OrderedParallelMap<Int, String>(jobs: jobs, windowCount: 8)
        let collector = Collector<String>()
        try map.run(
            makeWorker: {
                { value in
                    // Uneven work so that later items often finish first.
                    if value % 7 == 0 { usleep(2000) }
                    return "item-\(value)"
                }
            },
            produce: { emit in for value in 0..<300 where !emit(value, 1) { return } },
            consume: { collector.values.append($0); return true })
        #expect(collector.values == (0..<300).map { "item-\($0)" })
    }

    @Test func windowBoundsItemsInFlight() throws {
        let (peak, consumed) = try peakInFlight(OrderedParallelMap<Int, Int>(jobs: 2, windowCount: 4), count: 200, consumeDelay: 100)
        #expect(peak <= 5)
        #expect(consumed == 200)
    }

    @Test func consumerCanStopTheRun() throws {
        let map = OrderedParallelMap<Int, Int>(jobs: 3, windowCount: 16)
        let collector = Collector<Int>()
        try map.run(
            makeWorker: { { $0 } },
            produce: { emit in for value in 0..<100_000 where !emit(value, 1) { return } },
            consume: { collector.values.append($0); return $0 < 9 })
        #expect(collector.values == Array(0...9))
    }

    @Test func workerSetupFailureIsThrown() {
        struct Failure: Error {}
        let map = OrderedParallelMap<Int, Int>(jobs: 2)
        #expect(throws: Failure.self) {
            try map.run(
                makeWorker: { throw Failure() },
                produce: { emit in for value in 0..<10 where !emit(value, 1) { return } },
                consume: { _ in true })
        }
    }
}
