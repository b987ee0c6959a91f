import Testing
@testable import ZhiliIngest

@Suite struct ByteReaderTests {
    private func lines(_ text: String, capacity: Int = 64, maxLength: Int = .max) throws -> [ByteLine] {
        let reader = ByteReader(MemoryByteSource(Array(text.utf8)), capacity: capacity)
        var result: [ByteLine] = []
        while let line = try reader.readLine(maxLength: maxLength) { result.append(line) }
        return result
    }

    @Test(arguments: [
        ("a\nbb\n", ["a", "bb"], [0, 2]),
        ("a\r\nbb", ["a", "bb"], [0, 3]),
        ("\n\n", ["", ""], [0, 1]),
        ("", [], []),
        ("一二三\n四", ["一二三", "四"], [0, 10]),
    ])
    func splitsLinesWithOffsets(text: String, expected: [String], offsets: [Int]) throws {
        let found = try lines(text)
        #expect(found.map { String(decoding: $0.bytes, as: UTF8.self) } == expected)
        #expect(found.map(\.offset) == offsets)
        #expect(found.map(\.number) == Array(stride(from: 1, through: expected.count, by: 1)))
    }

    @Test func longLinesCrossTheBuffer() throws {
        let long = String(repeating: "长", count: 500)
        let found = try lines("x\n" + long + "\ny", capacity: 64)
        #expect(found.map { String(decoding: $0.bytes, as: UTF8.self) } == ["x", long, "y"])
        #expect(found[2].offset == 2 + 1500 + 1)
    }

    @Test func overlongLinesAreSkippedNotStored() throws {
        let long = String(repeating: "a", count: 1000)
        let found = try lines("ok\n" + long + "\nnext\n", capacity: 64, maxLength: 100)
        #expect(found.count == 3)
        #expect(found[1].isOverlong && found[1].bytes.isEmpty && found[1].length == 1000)
        #expect(String(decoding: found[2].bytes, as: UTF8.self) == "next")
        #expect(found[2].offset == 1004)
    }
}
