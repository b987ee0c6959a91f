import ZhiliSegment

/// Segmenters for tests (one per test: a segmenter is not thread-safe).
enum SegmenterFactory {
    static func make() throws -> Segmenter { try Segmenter() }
}
