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

/// CPU time of the calling thread, in seconds (unaffected by other processes competing for cores).
func threadCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// CPU time of the whole process (all threads), in seconds.
func processCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Runs `body` and returns its wall time and the calling thread's CPU time, in seconds.
func measureWithCPU(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let cpuStart = threadCPUTime()
    let wall = try measure(body)
    return (wall, threadCPUTime() - cpuStart)
}
