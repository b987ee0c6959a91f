/// How the bytes of an input file hold articles.
public enum ContainerFormat: String, Sendable, Hashable, CaseIterable {
    /// One plain-text document (which the cleaner may split into several articles).
    case text
    /// One HTML page.
    case html
    /// JSON Lines: one article object per line.
    case jsonLines
    /// WARC: response records with HTML bodies.
    case warc

    /// The format a file name announces, looking past a `.gz` suffix; nil when it says nothing.
    ///
    /// `isCompressed` is set when the name ends in `.gz` or `.gzip`.
    public static func fromName(_ name: String) -> (format: ContainerFormat?, isCompressed: Bool) {
        var lower = name.lowercased()
        var compressed = false
        for suffix in [".gz", ".gzip"] where lower.hasSuffix(suffix) {
            lower.removeLast(suffix.count)
            compressed = true
        }
        guard let dot = lower.lastIndex(of: "."), !lower[dot...].contains("/") else { return (nil, compressed) }
        switch lower[lower.index(after: dot)...] {
        case "txt", "text": return (.text, compressed)
        case "html", "htm", "xhtml", "shtml": return (.html, compressed)
        case "jsonl", "ndjson", "json": return (.jsonLines, compressed)
        case "warc", "arc": return (.warc, compressed)
        default: return (nil, compressed)
        }
    }

    /// True when `prefix` (the first bytes of a file) starts a gzip member.
    public static func isGzip(_ prefix: [UInt8]) -> Bool {
        prefix.count >= 2 && prefix[0] == 0x1f && prefix[1] == 0x8b
    }

    /// The format the first bytes of an (inflated) stream suggest.
    public static func sniff(_ prefix: [UInt8]) -> ContainerFormat {
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: Array("WARC/1.".utf8)) { return .warc }
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return .text }
        if first == UInt8(ascii: "{") { return .jsonLines }
        if first == UInt8(ascii: "<") { return .html }
        return .text
    }
}
