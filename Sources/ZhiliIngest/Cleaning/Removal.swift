/// A named cleaning rule that takes text out of an article's body.
public enum CleaningRule: Sendable, Hashable, CustomStringConvertible {
    /// A visible block of an HTML page that its main text left out (``HTMLPage``), and why:
    /// `navigation`, `link list`, `caption`, `outside the main text`, `cleaned from the text`.
    case page(String)
    /// A boilerplate pattern (`Resources/boilerplate.txt` or `--boilerplate FILE`): a `drop` or
    /// `end` line, or the part of a line a `strip` pattern cut out.
    case boilerplate(BoilerplatePatterns.Kind, pattern: String)
    /// A line after an `end` line (a copyright block and what follows it).
    case afterEnd(pattern: String)
    /// A line that carries metadata only (a date, `来源`, `作者`, `责任编辑`), lifted into the record.
    case metadata
    /// The headline, lifted into `title`.
    case title
    /// The `——` sub-headline, lifted into `subtitle`.
    case subtitle
    /// A byline (`本报记者●李亮`, `(记者 黄景莲)`, `本报讯（记者 王磊）`), lifted into `authors`.
    case byline
    /// A photo caption or picture credit, moved to `captions`.
    case caption
    /// The second copy of a caption printed twice (newspaper PDFs' text).
    case repeatedCaption
    /// The second copy of each run of a line printed twice (``DoubledRunRepair``).
    case doubledRun
    /// Pinyin printed after characters by conversion pages (``PinyinDebris``).
    case pinyin

    /// The rule's name as `zhili clean --explain` prints it: `drop 返回顶部|…`, `caption`.
    public var description: String {
        switch self {
        case .page(let reason): "page: \(reason)"
        case .boilerplate(let kind, let pattern): "\(kind.rawValue) \(pattern)"
        case .afterEnd(let pattern): "after end \(pattern)"
        case .metadata: "metadata"
        case .title: "title"
        case .subtitle: "subtitle"
        case .byline: "byline"
        case .caption: "caption"
        case .repeatedCaption: "repeated caption"
        case .doubledRun: "doubled run"
        case .pinyin: "pinyin"
        }
    }
}

/// Text the cleaner left out of an article's body, and the rule that did it: what
/// `zhili clean --explain` prints, so that a user sees why text is missing.
public struct Removal: Sendable, Hashable {
    /// The rule.
    public var rule: CleaningRule
    /// The text removed: a whole line or paragraph, or the characters a rule cut out of one.
    public var text: String
    /// The 1-based line of the cleaned text (a file's own lines; an HTML page's main text)
    /// where the removed text stands, or where its paragraph starts; 0 for a block of an HTML
    /// page outside its main text.
    public var line: Int

    /// Creates a record.
    public init(_ rule: CleaningRule, text: String, line: Int) {
        self.rule = rule
        self.text = text
        self.line = line
    }

    /// The scalars of `original` that `repaired` (a subsequence of it, spaces aside) lacks, in
    /// order: what a repair cut out of a line (`普法早市普法早市` → `普法早市`).
    ///
    /// - Complexity: O(n) in scalars: a greedy walk of both.
    public static func dropped(from original: String, leaving repaired: String) -> String {
        var kept = repaired.unicodeScalars.makeIterator()
        var next = kept.next()
        var result = String.UnicodeScalarView()
        for scalar in original.unicodeScalars {
            while let current = next, current == " " || current == "\t" { next = kept.next() }
            if scalar == next {
                next = kept.next()
            } else if scalar != " ", scalar != "\t" {
                result.append(scalar)
            }
        }
        return String(result)
    }
}

/// The removals recorded while one document is cleaned, when asked for: each step calls
/// ``record(_:line:_:)`` and, when recording is off, builds no text.
struct RemovalLog {
    /// Whether removals are recorded.
    let isOn: Bool
    /// The records, in the order the steps made them.
    private(set) var entries: [Removal] = []

    /// A log that records when `isOn`.
    init(isOn: Bool) { self.isOn = isOn }

    /// Records that `rule` removed `text` (evaluated only when recording) at `line`.
    @inline(__always)
    mutating func record(_ rule: CleaningRule, line: Int, _ text: @autoclosure () -> String) {
        guard isOn else { return }
        let text = text()
        if !text.isEmpty { entries.append(Removal(rule, text: text, line: line)) }
    }

    /// Takes back the record at `index` (a removal a later step undid); nothing when not recording.
    mutating func remove(at index: Int) {
        guard isOn, index < entries.count else { return }
        entries.remove(at: index)
    }
}
