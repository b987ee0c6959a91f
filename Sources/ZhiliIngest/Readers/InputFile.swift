#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZhiliText

/// One input file (or standard input), in the order it is read.
///
/// A path is kept as the bytes the file system has (``pathBytes``): a name that is not UTF-8,
/// such as a GBK name from a Windows archive, is still opened; ``path`` shows such bytes
/// escaped (`\xB2`) in sources and messages.
public struct InputFile: Sendable, Hashable, Codable {
    /// The path for display and as the documents' source, or `-` for standard input; bytes that
    /// are not UTF-8 are written `\xHH`.
    public var path: String
    /// The path as the file system spells it, used to open the file.
    public var pathBytes: [UInt8]
    /// Size in bytes, when known (nil for standard input and pipes).
    public var size: Int?
    /// Why the input cannot be read, found while listing it (an unreadable directory), or nil.
    public var problem: String?
    /// The part of the file this input covers (a work item of `extract --queue`), or nil for the
    /// whole file; it starts and ends at record boundaries (see ``InputSplitter``).
    public var range: Range<Int>?
    /// Lines of the file before ``range``, so that JSON Lines sources (`path:line`) and error
    /// lines count from the start of the file; nil for 0.
    public var linesBefore: Int?

    /// Creates an input from a path that is valid UTF-8.
    public init(path: String, size: Int?) {
        self.init(pathBytes: Array(path.utf8), size: size)
    }

    /// Creates an input from the bytes of a path.
    public init(pathBytes: [UInt8], size: Int?, problem: String? = nil) {
        self.path = Self.displayName(pathBytes)
        self.pathBytes = pathBytes
        self.size = size
        self.problem = problem
    }

    /// The part `range` of the file `input`, after `linesBefore` lines; ``size`` is the range's length.
    public init(_ input: InputFile, range: Range<Int>, linesBefore: Int) {
        self = input
        self.range = range
        self.linesBefore = linesBefore
        size = range.count
    }

    /// `bytes` decoded as UTF-8, each byte that is not part of a valid sequence written `\xHH`.
    public static func displayName(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var result = ""
        var index = 0
        while index < bytes.count {
            let end = min(index + UTF8Cursor.length(lead: bytes[index]), bytes.count)
            if let scalar = String(validating: bytes[index..<end], as: UTF8.self) {
                result += scalar
                index = end
            } else {
                let hex = String(bytes[index], radix: 16, uppercase: true)
                result += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                index += 1
            }
        }
        return result
    }

    /// The inputs named by `paths`: files as given, directories walked recursively in sorted
    /// order, `-` for standard input.
    ///
    /// In a directory, a file is taken when it matches an `include` glob (by default: any name
    /// `ContainerFormat` knows, such as `.txt`, `.html`, `.jsonl`, `.warc`, with or without
    /// `.gz`) and no `exclude` glob. Symbolic links are followed, but a directory or file already
    /// seen (same device and inode) is not taken again, so a link loop ends and each file is read
    /// once. A subdirectory that cannot be listed is kept as an input whose ``problem`` reading
    /// reports. Files named explicitly are always taken; a path that does not exist is kept so
    /// that reading it reports the problem.
    public static func discover(_ paths: [String], include: [GlobPattern] = [], exclude: [GlobPattern] = []) -> [InputFile] {
        var result: [InputFile] = []
        var seen = Set<FileIdentity>()
        for path in paths {
            if path == "-" {
                result.append(InputFile(path: "-", size: nil))
                continue
            }
            let bytes = commandLineBytes(path)
            guard let info = status(bytes), (info.st_mode & S_IFMT) == S_IFDIR else {
                result.append(InputFile(pathBytes: bytes, size: fileSize(bytes)))
                continue
            }
            let root = bytes.last == 0x2F && bytes.count > 1 ? Array(bytes.dropLast()) : bytes
            var found: [(relative: [UInt8], input: InputFile)] = []
            walk(root, relative: [], info: info, seen: &seen, into: &found)
            for (relative, input) in found.sorted(by: { $0.relative.lexicographicallyPrecedes($1.relative) }) {
                if input.problem == nil {
                    let name = displayName(relative)
                    let wanted = include.isEmpty
                        ? ContainerFormat.fromName(name).format != nil
                        : include.contains { $0.matches(relativePath: name) }
                    guard wanted, !exclude.contains(where: { $0.matches(relativePath: name) }) else { continue }
                }
                result.append(input)
            }
        }
        return result
    }

    private struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// Adds the regular files below the directory `root + relative` (hidden entries skipped),
    /// each directory and file once by device and inode.
    private static func walk(_ root: [UInt8], relative: [UInt8], info: stat, seen: inout Set<FileIdentity>, into found: inout [(relative: [UInt8], input: InputFile)]) {
        guard seen.insert(FileIdentity(info)).inserted else { return }
        let full = relative.isEmpty ? root : root + [0x2F] + relative
        let listed = names(in: full)
        guard case .success(let names) = listed else {
            if case .failure(let reason) = listed {
                found.append((relative, InputFile(pathBytes: full, size: nil, problem: "cannot read directory: \(reason)")))
            }
            return
        }
        for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) where name.first != 0x2E {
            let child = relative.isEmpty ? name : relative + [0x2F] + name
            let childPath = root + [0x2F] + child
            guard let childInfo = status(childPath) else {
                // A dangling link holds nothing; any other failure hides what the entry holds.
                if errno != ENOENT {
                    found.append((child, InputFile(pathBytes: childPath, size: nil, problem: "cannot read: \(String(cString: strerror(errno)))")))
                }
                continue
            }
            switch childInfo.st_mode & S_IFMT {
            case S_IFDIR:
                walk(root, relative: child, info: childInfo, seen: &seen, into: &found)
            case S_IFREG:
                guard seen.insert(FileIdentity(childInfo)).inserted else { continue }
                found.append((child, InputFile(pathBytes: childPath, size: Int(childInfo.st_size))))
            default:
                continue
            }
        }
    }

    private struct ListingError: Error { var reason: String }

    /// The entry names of a directory, as bytes, or why it cannot be listed.
    private static func names(in directory: [UInt8]) -> Result<[[UInt8]], ListingError> {
        guard let handle = withCPath(directory, { opendir($0) }) else {
            return .failure(ListingError(reason: String(cString: strerror(errno))))
        }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(handle) else {
                if errno != 0 { return .failure(ListingError(reason: String(cString: strerror(errno)))) }
                return .success(names)
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
    }

    /// `stat(2)` of a path given as bytes (following links), or nil when it fails.
    static func status(_ path: [UInt8]) -> stat? {
        var info = stat()
        guard withCPath(path, { stat($0, &info) }) == 0 else { return nil }
        return info
    }

    /// Calls `body` with `path` as a NUL-terminated C string.
    static func withCPath<R>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (path + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    /// The bytes of a command-line path: Swift's `CommandLine.arguments` replaces bytes that are
    /// not UTF-8 with U+FFFD, so such a path is looked up among the raw arguments.
    static func commandLineBytes(_ path: String) -> [UInt8] {
        guard path.unicodeScalars.contains("\u{FFFD}") else { return Array(path.utf8) }
        for index in 0..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: argument, count: strlen(argument))).map { UInt8(bitPattern: $0) }
            if String(decoding: bytes, as: UTF8.self) == path { return bytes }
        }
        return Array(path.utf8)
    }

    private static func fileSize(_ path: [UInt8]) -> Int? {
        guard let info = status(path), (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}
