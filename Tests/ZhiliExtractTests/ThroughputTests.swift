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
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for _ in 0..<rounds {
                for article in articles { figures += try extractor.extract(article).figures.count }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(bytesPerRound * rounds) / 1_048_576
        print(String(format: "EXTRACT THROUGHPUT %.1f MB/s (%.1f MB of UTF-8 in %.2f s, %d figures, one core)", megabytes / seconds, megabytes, seconds, figures))
        #expect(figures == rounds * 78 + rounds * 2)
    }
}
