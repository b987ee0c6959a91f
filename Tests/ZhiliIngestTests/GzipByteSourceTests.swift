import Testing
import ZhiliCore
@testable import ZhiliIngest

@Suite struct GzipByteSourceTests {
    private func inflate(_ compressed: [UInt8], chunk: Int = 7) -> (bytes: [UInt8], error: Diagnostic?) {
        var output: [UInt8] = []
        do {
            let source = try GzipByteSource(MemoryByteSource(compressed), source: "t.gz", inputChunk: chunk)
            var buffer = [UInt8](repeating: 0, count: 5)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if count == 0 { break }
                output += buffer[0..<count]
            }
            return (output, nil)
        } catch {
            return (output, error as? Diagnostic)
        }
    }

    @Test(arguments: [0, 1, 17, 5000])
    func roundTrips(length: Int) {
        let text = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 13) }
        let result = inflate(Gzip.compress(text))
        #expect(result.error == nil)
        #expect(result.bytes == text)
    }

    @Test func readsConcatenatedMembers() {
        let first = Array("第一行\n".utf8), second = Array("第二行\n".utf8)
        let result = inflate(Gzip.compress(first) + Gzip.compress(second))
        #expect(result.error == nil)
        #expect(result.bytes == first + second)
    }

    @Test(arguments: [10, 20, 30])
    func truncatedStreamKeepsBytesBeforeAndReportsOffset(cut: Int) {
        let text = Array(String(repeating: "治理数据一行\n", count: 40).utf8)
        let compressed = Gzip.compress(text, level: 0)
        let truncated = Array(compressed[0..<(compressed.count - cut)])
        let result = inflate(truncated)
        let error = try! #require(result.error)
        #expect(error.offset == truncated.count)
        #expect(error.reason.contains("truncated"))
        #expect(!result.bytes.isEmpty)
        #expect(text.starts(with: result.bytes))
    }

    @Test func corruptDataIsADiagnostic() {
        var compressed = Gzip.compress(Array(String(repeating: "abc", count: 100).utf8))
        for index in 12..<20 { compressed[index] ^= 0x5A }
        let result = inflate(compressed)
        #expect(result.error != nil)
    }

    @Test func trailingGarbageIsReported() {
        let result = inflate(Gzip.compress(Array("ok\n".utf8)) + Array("garbage".utf8))
        #expect(result.bytes == Array("ok\n".utf8))
        #expect(result.error?.reason.contains("not gzip") == true)
    }
}
