import ZhiliCore
import ZhiliSegment

/// Turns a clean article into a structured record: regions, programs and figures.
///
/// Not thread-safe (it owns a segmenter): give each thread its own extractor.
public final class Extractor {
    /// The segmenter used for tokens and metric phrases.
    public let segmenter: Segmenter
    /// The division table regions resolve against.
    public let regions: RegionTable

    /// Creates an extractor.
    public init(regions: RegionTable = .bundled) throws {
        self.segmenter = try Segmenter()
        self.regions = regions
    }

    /// Extracts the record of `article`; `includeTokens` adds its tokens.
    public func extract(_ article: Article, includeTokens: Bool = false) throws -> ArticleRecord {
        let tokens = includeTokens ? try segmenter.tokens(in: article.text) : nil
        return ArticleRecord(article: article, tokens: tokens)
    }
}
