import Foundation
import ZhiliCore

/// A set of words the segmenter keeps whole, read from jieba-format dictionaries.
///
/// Each line is `word [freq] [tag]` separated by spaces or tabs; blank lines and lines starting
/// with `#` are skipped. The bundled lexicon holds domain terms (矛盾纠纷, 网格员, 枫桥经验 …) and
/// every region name with its short forms; merge your own on top:
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
    private(set) var trie = LexiconTrie()
    /// Length in UTF-16 units of the longest word.
    private(set) var longestWord = 0

    /// An empty lexicon.
    public init() {}

    /// Words given directly, with no frequency or tag.
    public init(words: some Sequence<String>) {
        for word in words { insert(LexiconEntry(word: word)) }
    }

    /// Parses jieba dictionary text; `source` names it in diagnostics.
    public init(parsing text: String, source: String = "lexicon") {
        var byteOffset = 0
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            defer { byteOffset += line.utf8.count + 1 }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            var frequency: Int?
            var tag: String?
            if fields.count >= 2 {
                if let value = Int(fields[1]), value >= 0 {
                    frequency = value
                    if fields.count >= 3 { tag = String(fields[2]) }
                } else if fields.count == 2, fields[1].allSatisfy({ $0.isASCII && $0.isLetter }) {
                    tag = String(fields[1])      // `word tag`, as jieba's add_word files allow
                } else {
                    diagnostics.append(Diagnostic(
                        .warning, source: source, offset: byteOffset, line: number + 1,
                        reason: "expected `word [freq] [tag]`, got \(fields.count) fields with frequency `\(fields[1])`; line skipped"))
                    continue
                }
            }
            insert(LexiconEntry(word: String(first), frequency: frequency, tag: tag))
        }
    }

    /// Reads a jieba dictionary file (UTF-8).
    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(source: url.path, reason: "lexicon is not valid UTF-8; convert it with iconv -t UTF-8")
        }
        self.init(parsing: text, source: url.path)
    }

    /// Zhili's bundled lexicon: domain terms and region names.
    public static let bundled: Lexicon = {
        var lexicon = Lexicon()
        for name in ["domain", "regions"] {
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
    public mutating func insert(_ entry: LexiconEntry) {
        guard !entry.word.isEmpty else { return }
        let node = trie.insert(entry.word.utf16)
        let existing = trie.wordAt[Int(node)]
        if existing >= 0 {
            entries[Int(existing)] = entry
        } else {
            trie.setWord(node, entry: Int32(entries.count))
            entries.append(entry)
        }
        longestWord = max(longestWord, entry.word.utf16.count)
    }

    /// Adds every word of `other` (its values win for words in both) and its diagnostics.
    public mutating func merge(_ other: Lexicon) {
        for entry in other.entries { insert(entry) }
        diagnostics += other.diagnostics
    }

    /// The entry for `word`, if it is in the lexicon.
    public func entry(for word: String) -> LexiconEntry? {
        var node = LexiconTrie.root
        for unit in word.utf16 {
            node = trie.child(node, unit)
            if node < 0 { return nil }
        }
        let index = trie.wordAt[Int(node)]
        return index >= 0 ? entries[Int(index)] : nil
    }

    /// Whether `word` is in the lexicon.
    public func contains(_ word: String) -> Bool { entry(for: word) != nil }
}
