import ZhiliText

/// Step e: recognises photo captions and picture credits, which leave the body for `captions`.
///
/// A paragraph is a caption when it is
/// - a credit: it ends with `摄` after a space or inside a closing bracket (`黄海龙 摄`,
///   `(本版图片均由包音德力格尔摄)`), or starts with `图为`/`图:`; or
/// - a stand-alone photo line: at most 16 characters, one sentence ending in `。`, with no
///   comma, enumeration comma or quotation mark (`边境巡逻。`, `民警在社区宣传法律法规。`),
///   standing after a finished paragraph or after two or more blank lines (a picture's gap) —
///   so neither the short tail of a sentence broken by a page gap nor a short lead sentence
///   under a heading is taken for a caption. (A one-clause body paragraph of at most 16
///   characters after a finished paragraph is the known false positive of this rule.)
///
/// A line of either shape that repeats the line kept before it is a caption printed twice (a
/// newspaper PDF's text holds the picture's caption layer and its caption box): the cleaner
/// drops the second copy (``CleaningRule/repeatedCaption``).
public struct CaptionDetector: Sendable {
    /// Creates the step.
    public init() {}

    /// Whether `paragraph` is a caption, given the paragraph before it (nil at the start).
    ///
    /// With `photoGapOnly` (HTML, where a picture leaves a double gap), a stand-alone photo
    /// line must stand after a picture's gap: after a finished paragraph is not enough.
    public func isCaption(_ paragraph: Paragraph, after previous: Paragraph?, photoGapOnly: Bool = false) -> Bool {
        switch Self.shape(of: paragraph.text) {
        case .credit?: return true
        case .photoLine?:
            guard let previous else { return false }
            return paragraph.gapBefore >= 2 || (!photoGapOnly && TextShape.endsSentence(previous.text))
        case nil: return false
        }
    }

    /// The two shapes of a caption.
    enum Shape {
        /// A picture credit: `… 摄`, `(…摄)`, `图为…`, `图:…`.
        case credit
        /// A stand-alone photo line: one short sentence (`边境巡逻。`), a caption only where it stands.
        case photoLine
    }

    /// The caption shape of `text` whatever stands around it, or nil.
    static func shape(of text: String) -> Shape? {
        guard TextShape.length(text, isAtMost: 80), mayBeCaption(text) else { return nil }
        let scalars = Array(text.unicodeScalars)
        guard let last = scalars.last else { return nil }
        if isCredit(scalars, of: text) { return .credit }
        guard last == "。", scalars.count <= 16 else { return nil }
        guard !scalars.dropLast().contains(where: { isForbidden($0) || $0 == "。" }),
              scalars.filter(CharacterClass.isHan).count >= 3 else { return nil }
        return .photoLine
    }

    /// Whether `line` is shaped like a caption (a credit or a photo line) whatever stands
    /// around it: a line repeating the one before it is then the caption's second copy.
    public static func isCaptionShaped(_ line: String) -> Bool { shape(of: line) != nil }

    /// A first test on the ends of `text` alone, false for most body paragraphs: a photo line
    /// ends with `。`; a credit ends with `摄` or `影` (perhaps inside a closing bracket), or
    /// starts as one of its prefixes may (see ``isCredit(_:of:)``).
    static func mayBeCaption(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        switch last {
        case "。", "摄", "影", ")", "）", "]", "】": return true
        default: return first.value < 0x80 ? first == "(" : !(0x4E00...0x9FFF).contains(first.value) || first == "图"
        }
    }

    /// Punctuation a stand-alone photo line does not hold.
    private static let forbidden: ScalarSet = "，,、；;“”\"：:！？"

    /// Whether `scalar` is one of ``forbidden``.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool { forbidden.contains(scalar) }

    /// Where a photo credit ends inside a line that goes on with body text (`长兴县矛调中心窗口
    /// 王刚 摄数据显示,…`: a page's caption glued to the next paragraph), or nil. The credit is a
    /// name of two to four Han characters between spaces, then `摄`, then Han text, at most 60
    /// characters into the line.
    public static func gluedCreditEnd(in line: String) -> String.Index? {
        // 摄 is E6 91 84 in UTF-8: a line without the byte 0x84 after 0x91 holds none.
        var previous: UInt8 = 0
        guard ByteSearch.contains(in: line, where: { byte in
            defer { previous = byte }
            return byte == 0x84 && previous == 0x91
        }) else { return nil }
        let scalars = line.unicodeScalars
        var index = scalars.startIndex
        var position = 0
        while index != scalars.endIndex, position < 64 {
            defer { index = scalars.index(after: index); position += 1 }
            guard scalars[index] == "摄", position >= 4 else { continue }
            let after = scalars.index(after: index)
            guard after != scalars.endIndex, CharacterClass.isHan(scalars[after]), scalars[after] != "影" else { continue }
            var cursor = scalars.index(before: index)
            guard CharacterClass.isSpace(scalars[cursor]) else { continue }
            var nameLength = 0
            while cursor != scalars.startIndex {
                let previous = scalars.index(before: cursor)
                guard CharacterClass.isHan(scalars[previous]) else { break }
                cursor = previous
                nameLength += 1
            }
            guard (2...4).contains(nameLength), cursor != scalars.startIndex,
                  CharacterClass.isSpace(scalars[scalars.index(before: cursor)]) else { continue }
            return after
        }
        return nil
    }

    /// `… 摄`, `(…摄)`, `图为…`, `图:…`; `scalars` are those of `text`.
    private static func isCredit(_ scalars: [Unicode.Scalar], of text: String) -> Bool {
        guard scalars.count <= 80 else { return false }
        var end = scalars.count - 1
        let bracketed = scalars[end] == ")" || scalars[end] == "）" || scalars[end] == "]" || scalars[end] == "】"
        if bracketed { end -= 1 }
        guard end >= 1 else { return false }
        if scalars[end] == "摄" || (end >= 2 && scalars[end] == "影" && scalars[end - 1] == "摄") {
            let before = scalars[end - (scalars[end] == "摄" ? 1 : 2)]
            if bracketed || CharacterClass.isSpace(before) || before == "/" { return true }
        }
        // The prefixes below start with 图, ( or （: other ASCII or Han starts cannot match them.
        let first = scalars[0]
        if first.value < 0x80 ? first != "(" : (0x4E00...0x9FFF).contains(first.value) && first != "图" { return false }
        return text.hasPrefix("图为") || text.hasPrefix("图：") || text.hasPrefix("图:") || text.hasPrefix("(图") || text.hasPrefix("（图")
    }
}
