import Foundation
import ZhiliCore

/// Reads back the JSON Lines records of an output file, up to a byte size (the part an
/// interrupted run had checkpointed).
final class RecordFileReader {
    private let data: Data
    private var offset = 0
    private let decoder = JSONDecoder()

    /// Opens `path` and keeps its first `size` bytes.
    init(path: String, size: Int) throws {
        let all = try Data(contentsOf: URL(fileURLWithPath: path))
        data = all.prefix(size)
    }

    /// The next record, or nil at the end.
    func next() throws -> ArticleRecord? {
        while offset < data.count {
            let end = data[offset...].firstIndex(of: 0x0A) ?? data.count
            defer { offset = end + 1 }
            if end > offset { return try decoder.decode(ArticleRecord.self, from: data[offset..<end]) }
        }
        return nil
    }
}
