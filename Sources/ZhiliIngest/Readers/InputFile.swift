import Foundation

/// One input file (or standard input), in the order it is read.
public struct InputFile: Sendable, Hashable, Codable {
    /// The path, or `-` for standard input.
    public var path: String
    /// Size in bytes, when known (nil for standard input and pipes).
    public var size: Int?

    /// Creates an input.
    public init(path: String, size: Int?) {
        self.path = path
        self.size = size
    }

    /// The inputs named by `paths`: files as given, directories walked recursively in sorted
    /// order, `-` for standard input.
    ///
    /// In a directory, a file is taken when it matches an `include` glob (by default: any name
    /// `ContainerFormat` knows, such as `.txt`, `.html`, `.jsonl`, `.warc`, with or without
    /// `.gz`) and no `exclude` glob. Files named explicitly are always taken; a path that does
    /// not exist is kept so that reading it reports the problem.
    public static func discover(_ paths: [String], include: [GlobPattern] = [], exclude: [GlobPattern] = []) -> [InputFile] {
        var result: [InputFile] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" {
                result.append(InputFile(path: "-", size: nil))
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                result.append(InputFile(path: path, size: fileSize(path)))
                continue
            }
            let root = path.hasSuffix("/") ? String(path.dropLast()) : path
            for relative in walk(root, manager: manager) {
                let wanted = include.isEmpty
                    ? ContainerFormat.fromName(relative).format != nil
                    : include.contains { $0.matches(relativePath: relative) }
                guard wanted, !exclude.contains(where: { $0.matches(relativePath: relative) }) else { continue }
                let full = root + "/" + relative
                result.append(InputFile(path: full, size: fileSize(full)))
            }
        }
        return result
    }

    /// Relative paths of the regular files below `root`, sorted by bytes; hidden entries skipped.
    private static func walk(_ root: String, manager: FileManager) -> [String] {
        var files: [String] = []
        var pending: [String] = [""]
        while let directory = pending.popLast() {
            let full = directory.isEmpty ? root : root + "/" + directory
            guard let names = try? manager.contentsOfDirectory(atPath: full) else { continue }
            for name in names where !name.hasPrefix(".") {
                let relative = directory.isEmpty ? name : directory + "/" + name
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    pending.append(relative)
                } else {
                    files.append(relative)
                }
            }
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}
