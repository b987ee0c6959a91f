import Foundation

/// Latency samples of one query kind, in seconds.
struct Latency {
    var samples: [Double] = []

    /// The `p`-th percentile (0…100), nearest rank.
    func percentile(_ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// `p50 p95 p99` in milliseconds.
    var summary: String {
        String(format: "p50 %7.3f ms  p95 %7.3f ms  p99 %7.3f ms", percentile(50) * 1000, percentile(95) * 1000, percentile(99) * 1000)
    }
}

/// Runs `body` and returns its wall time in seconds.
func measure(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
