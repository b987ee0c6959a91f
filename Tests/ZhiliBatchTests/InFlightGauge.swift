import Foundation
import ZhiliBatch

/// Runs `map` as an identity over `count` items and returns the most items ever produced but
/// not yet consumed, and how many were consumed; `consumeDelay` slows the consumer (microseconds).
func peakInFlight(_ map: OrderedParallelMap<Int, Int>, count: Int, consumeDelay: UInt32 = 0) throws -> (peak: Int, consumed: Int) {
    final class Gauge: @unchecked Sendable {
        let lock = NSLock()
        var produced = 0
        var consumed = 0
        var peak = 0
    }
    let gauge = Gauge()
    try map.run(
        makeWorker: { { $0 } },
        produce: { emit in
            for value in 0..<count {
                guard emit(value, 1) else { return }
                gauge.lock.lock()
                gauge.produced += 1
                gauge.peak = max(gauge.peak, gauge.produced - gauge.consumed)
                gauge.lock.unlock()
            }
        },
        consume: { _ in
            if consumeDelay > 0 { usleep(consumeDelay) }
            gauge.lock.lock()
            gauge.consumed += 1
            gauge.lock.unlock()
            return true
        })
    return (gauge.peak, gauge.consumed)
}
