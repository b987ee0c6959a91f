#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import ZhiliCore
@testable import ZhiliIngest

/// Issue #19 (2, 4, 6): file names that are not UTF-8, symbolic-link loops and unreadable
/// folders met while listing a directory.
@Suite struct InputFileTests {
    /// "测试.txt" in GBK.
    static let gbkName: [UInt8] = [0xB2, 0xE2, 0xCA, 0xD4] + Array(".txt".utf8)

    /// Creates the file `name` (raw bytes) in `directory` holding `text`.
    static func create(_ name: [UInt8], in directory: URL, text: String) throws {
        let path = Array(directory.path.utf8) + [0x2F] + name
        let fd = InputFile.withCPath(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        try #require(fd >= 0)
        let bytes = Array(text.utf8)
        #expect(write(fd, bytes, bytes.count) == bytes.count)
        close(fd)
    }

    @Test func aGBKFileNameInAFolderIsReadAndShownEscaped() throws {
        let directory = Fixtures.temporaryDirectory()
        try Self.create(Self.gbkName, in: directory, text: "集宁区网格员。")
        let inputs = InputFile.discover([directory.path])
        #expect(inputs.count == 1)
        #expect(inputs.first?.pathBytes == Array(directory.path.utf8) + [0x2F] + Self.gbkName)
        #expect(inputs.first?.path == directory.path + "/\\xB2\\xE2\\xCA\\xD4.txt")
        let items = Array(InputReader(paths: [directory.path]))
        let documents = InputReaderTests.documents(items)
        #expect(InputReaderTests.diagnostics(items).isEmpty)
        #expect(documents.map(\.source) == [directory.path + "/\\xB2\\xE2\\xCA\\xD4.txt"])
    }

    @Test func displayNameEscapesOnlyInvalidBytes() {
        #expect(InputFile.displayName(Array("网格/a.txt".utf8)) == "网格/a.txt")
        #expect(InputFile.displayName([0x61, 0xFF, 0xE7, 0xBD, 0x91, 0xC4]) == "a\\xFF网\\xC4")
    }

    @Test func aSymbolicLinkLoopIsReadOnce() throws {
        let directory = Fixtures.temporaryDirectory()
        let sub = directory.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "甲。".write(to: directory.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "乙。".write(to: sub.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("same.txt").path, withDestinationPath: "a.txt")
        let names = InputFile.discover([directory.path]).map { String($0.path.dropFirst(directory.path.count + 1)) }
        #expect(names == ["a.txt", "sub/b.txt"])
    }

    @Test func anUnreadableSubfolderIsReportedNotSkipped() throws {
        // A folder below a path longer than PATH_MAX cannot be opened, even by root
        // (a folder without read permission would be read by root).
        let directory = Fixtures.temporaryDirectory()
        try "甲。".write(to: directory.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        var fd = open(directory.path, O_RDONLY | O_DIRECTORY)
        let name = String(repeating: "d", count: 200)
        for _ in 0..<22 {
            #expect(mkdirat(fd, name, 0o755) == 0)
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
            try #require(fd >= 0)
        }
        close(fd)
        let inputs = InputFile.discover([directory.path])
        #expect(inputs.filter { $0.problem != nil }.count == 1)
        let items = Array(InputReader(paths: [directory.path]))
        #expect(InputReaderTests.documents(items).count == 1)
        let problems = InputReaderTests.diagnostics(items)
        #expect(problems.count == 1)
        #expect(problems.first?.reason.contains("File name too long") == true)
    }
}
