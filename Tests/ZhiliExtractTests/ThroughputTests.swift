import Foundation
import Testing
import ZhiliCore
import ZhiliExtract

/// Prints extraction throughput on the gold articles repeated to a few megabytes.
///
/// No assertion on time (machines differ and are shared); run it in release to read the number:
/// `swift test -c release --filter ThroughputTests`.
@Suite struct ThroughputTests {
    @Test func printsThroughput() throws {
        let gold = try GoldScorer.loadGold().flatMap(\.articles)
        let articles = gold.enumerated().map { GoldScorer.article($1, source: "bench", index: $0) }
        let bytesPerRound = articles.reduce(0) { $0 + $1.text.utf8.count }
        let rounds = max(1, (4 << 20) / bytesPerRound)
        let extractor = try Extractor()
        var figures = 0
        // Thread CPU time, so other processes on a shared machine do not count against us.
        func cpuSeconds() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let clock = ContinuousClock()
        let cpuStart = cpuSeconds()
        let elapsed = try clock.measure {
            for _ in 0..<rounds {
                for article in articles { figures += try extractor.extract(article).figures.count }
            }
        }
        let cpu = cpuSeconds() - cpuStart
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(bytesPerRound * rounds) / 1_048_576
        print(String(format: "EXTRACT THROUGHPUT %.1f MB/s per core (%.1f MB of UTF-8 in %.2f s CPU, %.2f s wall, %d figures)", megabytes / cpu, megabytes, cpu, wall, figures))
        #expect(figures == rounds * 78 + rounds * 2)
    }
}
