#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A shell glob such as `*.jsonl.gz` or `2023/**/*.warc`, matched with `fnmatch(3)`.
///
/// A pattern without `/` matches a file's name; a pattern with `/` matches its path relative to
/// the directory given on the command line, where `**/` also matches no directory at all.
public struct GlobPattern: Sendable, Hashable {
    /// The pattern as written.
    public let pattern: String

    /// Creates a pattern.
    public init(_ pattern: String) { self.pattern = pattern }

    /// Whether the file at `relativePath` (below the walked directory) matches.
    public func matches(relativePath: String) -> Bool {
        if !pattern.contains("/") {
            let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
            return fnmatch(pattern, name, 0) == 0
        }
        if fnmatch(pattern, relativePath, 0) == 0 { return true }
        // Let `**/` stand for zero directories too.
        let collapsed = pattern.replacingOccurrences(of: "**/", with: "")
        return collapsed != pattern && fnmatch(collapsed, relativePath, 0) == 0
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
