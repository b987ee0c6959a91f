import Foundation
import ZhiliText
import ZhiliCore

/// The words and frequencies the segmenter splits Han text with, read from jieba-format dictionaries.
///
/// Each line is `word [freq] [tag]` separated by spaces or tabs; blank lines and lines starting
/// with `#` are skipped. The bundled lexicon holds domain terms (矛盾纠纷, 网格员, 枫桥经验 …),
/// every region name with its short forms, and jieba's whole dictionary (构建, 坚如磐石);
/// merge your own on top:
///
/// ```swift
/// var lexicon = Lexicon.bundled
/// lexicon.merge(try Lexicon(contentsOf: URL(fileURLWithPath: "my.dict")))
/// let segmenter = try Segmenter(lexicon: lexicon)
/// ```
public struct Lexicon: Sendable {
    /// The words, in insertion order (a re-added word keeps its place and takes the new values).
    public private(set) var entries: [LexiconEntry] = []
    /// Problems found while reading (malformed lines are skipped, never fatal).
    public private(set) var diagnostics: [Diagnostic] = []
    /// The words' paths; a word's payload is its index in ``entries``.
    private(set) var trie = WordTrie()
    /// Natural log of the frequency of the word ending at each trie node (0 elsewhere).
    private var logFrequencyAt: [Float] = [0]
    /// Sum of the words' frequencies: probabilities on the segmenter's best path are `frequency / total`.
    public private(set) var totalFrequency: Double = 0

    /// An empty lexicon.
    public init() {}

    /// Words given directly, with no frequency or tag.
    public init(words: some Sequence<String>) {
        for word in words { insert(LexiconEntry(word: word)) }
    }

    /// Parses jieba dictionary text; `source` names it in diagnostics.
    ///
    /// - Complexity: O(n) in the length of `text`; it scans UTF-8 bytes, not characters.
    public init(parsing text: String, source: String = "lexicon") {
        var text = text
        text.withUTF8 { bytes in parse(bytes, source: source) }
    }

    /// Parses the UTF-8 bytes of a jieba dictionary.
    private mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String) {
        // Size the tables once: about three trie nodes and one entry per line.
        let lines = bytes.reduce(into: 0) { count, byte in if byte == 0x0A { count += 1 } }
        trie.reserveCapacity(nodes: lines * 3)
        logFrequencyAt.reserveCapacity(lines * 3)
        entries.reserveCapacity(lines)
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            // Split on spaces, tabs and a trailing CR.
            var fields: [Range<Int>] = []
            var index = lineStart
            while index < lineEnd {
                while index < lineEnd, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D { index += 1 }
                let fieldStart = index
                while index < lineEnd, !(bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D) { index += 1 }
                if index > fieldStart { fields.append(fieldStart..<index) }
            }
            guard let first = fields.first, bytes[first.lowerBound] != 0x23 /* # */ else { continue }
            func string(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            var frequency: Int?
            var tag: String?
            if fields.count >= 2 {
                let second = fields[1]
                if let value = Lexicon.integer(bytes, second) {
                    frequency = value
                    if fields.count >= 3 { tag = string(fields[2]) }
                } else if fields.count == 2, bytes[second].allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) {
                    tag = string(second)     // `word tag`, as jieba's add_word files allow
                } else {
                    diagnostics.append(Diagnostic(
                        .warning, source: source, offset: lineStart, line: lineNumber,
                        reason: "expected `word [freq] [tag]` with a whole-number frequency, got `\(string(second))`; line skipped"))
                    continue
                }
            }
            insert(LexiconEntry(word: string(first), frequency: frequency, tag: tag))
        }
    }

    /// The non-negative decimal integer spelled by `range` of `bytes`, or nil.
    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard range.count <= 18 else { return nil }
        var value = 0
        for byte in bytes[range] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// Reads a jieba dictionary file (UTF-8).
    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(source: url.path, reason: "lexicon is not valid UTF-8; convert it with iconv -t UTF-8")
        }
        self.init(parsing: text, source: url.path)
    }

    /// Zhili's bundled lexicon: domain terms, region names and jieba's general vocabulary.
    public static let bundled: Lexicon = {
        var lexicon = Lexicon()
        // Later files win for words in several: domain terms over region names over jieba's words.
        for name in ["general", "regions", "domain"] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "dict"),
                  let part = try? Lexicon(contentsOf: url) else {
                preconditionFailure("\(name).dict is missing from the ZhiliSegment bundle")
            }
            lexicon.merge(part)
        }
        return lexicon
    }()

    /// Number of words.
    public var count: Int { entries.count }

    /// Adds a word, or replaces the frequency and tag of one already there.
    ///
    /// A word without a frequency gets one just high enough to beat its own best split by the
    /// words already in the lexicon, as jieba's `suggest_freq` does: it stays whole on its own,
    /// and a better-scoring split in context can still win.
    public mutating func insert(_ entry: LexiconEntry) {
        guard !entry.word.isEmpty else { return }
        let logFrequency = entry.frequency.map { Float(log(Double(max($0, 1)))) } ?? suggestedLogFrequency(entry.word)
        guard let node = trie.insertPath(entry.word.utf16) else {
            diagnostics.append(Diagnostic(source: "lexicon", reason: "lexicon is full (\(WordTrie.maxNodes) trie nodes); `\(entry.word)` not added"))
            return
        }
        if logFrequencyAt.count < trie.nodeCount {
            logFrequencyAt.append(contentsOf: repeatElement(0, count: trie.nodeCount - logFrequencyAt.count))
        }
        let existing = trie.payload(at: node)
        if existing >= 0 {
            totalFrequency -= exp(Double(logFrequencyAt[Int(node)]))
            entries[Int(existing)] = entry
        } else {
            trie.setPayload(node, Int32(entries.count))
            entries.append(entry)
        }
        logFrequencyAt[Int(node)] = logFrequency
        totalFrequency += exp(Double(logFrequency))
    }

    /// Natural log of the total frequency (0 for an empty lexicon).
    var logTotal: Float { Float(log(max(totalFrequency, 1))) }

    /// Calls `body` with a ``BestPath`` over the lexicon's borrowed tables.
    @inline(__always)
    func withBestPath<Result>(logTotal: Float, _ body: (BestPath) throws -> Result) rethrows -> Result {
        try trie.withView { trie in
            try logFrequencyAt.withUnsafeBufferPointer { logFrequencies in
                try body(BestPath(trie: trie, logFrequencies: logFrequencies, logTotal: logTotal))
            }
        }
    }

    /// The log frequency that makes `word` just more probable than its best split.
    private func suggestedLogFrequency(_ word: String) -> Float {
        let split = withBestPath(logTotal: logTotal) { $0.bestScore(of: Array(word.utf16)) }
        // jieba: max(int(P(split) · total) + 1, current frequency).
        let suggested = log(exp(Double(split) + Double(logTotal)) + 1)
        return Float(max(suggested, Double(entry(for: word)?.frequency.map { log(Double(max($0, 1))) } ?? 0)))
    }

    /// Adds every word of `other` (its values win for words in both) and its diagnostics.
    public mutating func merge(_ other: Lexicon) {
        if entries.isEmpty, diagnostics.isEmpty {
            self = other
            return
        }
        for entry in other.entries { insert(entry) }
        diagnostics += other.diagnostics
    }

    /// The entry for `word`, if it is in the lexicon.
    public func entry(for word: String) -> LexiconEntry? {
        guard let node = trie.node(of: word) else { return nil }
        let index = trie.payload(at: node)
        return index >= 0 ? entries[Int(index)] : nil
    }

    /// Whether `word` is in the lexicon.
    public func contains(_ word: String) -> Bool { entry(for: word) != nil }
}
