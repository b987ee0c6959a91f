import Foundation
import ZhiliCore
import ZhiliExtract
import ZhiliSegment
import ZhiliStore

/// Times the pieces of indexing one article: segmentation and term enumeration.
enum TokenizerProfile {
    static func run(generator: CorpusGenerator, count: Int, seed: UInt64, regions: RegionTable) throws {
        var random = SeededGenerator(seed: seed)
        let texts = (0..<count).map { generator.article($0, generator: &random).text }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        let segmenter = try Segmenter()
        var tokens: [Token] = []
        var tokenCount = 0, termCount = 0, colocated = 0
        let segmentTime = try measure {
            for text in texts {
                try segmenter.tokens(in: text, into: &tokens)
                tokenCount += tokens.count
            }
        }
        let termTime = try measure {
            for text in texts {
                try segmenter.tokens(in: text, into: &tokens)
                let scalars = Array(text.unicodeScalars)
                IndexTerms.forEach(in: tokens, scalars: scalars) { _, _, isColocated in
                    termCount += 1
                    if isColocated { colocated += 1 }
                }
            }
        }
        print(String(format: "%d articles, %.1f MB: segmenter %.1f MB/s (%.0f articles/s), %d tokens; segment + terms %.0f articles/s, %d terms (%d colocated, %.1f per token)",
                     count, Double(bytes) / 1e6, Double(bytes) / 1e6 / segmentTime, Double(count) / segmentTime, tokenCount,
                     Double(count) / termTime, termCount, colocated, Double(termCount) / Double(tokenCount)))
    }
}
