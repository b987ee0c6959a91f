import ZhiliText

/// A program name found in the text, before its region is attached.
struct ProgramHit {
    /// Canonical name without quotes.
    var name: String
    /// Offset of the mention (its opening quote, when quoted).
    var start: Int
    /// Offset just past the mention.
    var end: Int
    /// Other forms of the name found in the article.
    var aliases: [String] = []
}

/// Finds named programs, initiatives, platforms, mechanisms, campaigns and offices.
///
/// Three shapes count:
/// - a quoted name (“枫桥经验”, “三查一控”) — when something marks it as a name: it is in the
///   known-program lexicon, ends with a program head (经验, 工程, 调解室, 之家, 队 …), is a numeral
///   formula (三查一控, 一格一长一警一专多兼, 百万警进千万家), is followed by a program word
///   (活动, 建设, 等专项行动, 等做法), is introduced by a verb that launches programs (推广, 建立,
///   打造 …), or brands a region (平安巴彦淖尔);
/// - a quoted head with an unquoted suffix (“两全”代办制 → 两全代办制);
/// - an unquoted name ending in a program suffix (…调解室, …中心, …专项行动), whose left edge is
///   the nearest punctuation, function word or verb, and whose modifier is neither generic
///   vocabulary alone (运行机制, 基层治理模式) nor descriptive (…性工程, 新模式).
///
/// Quoted slogans and sayings fail every test: they hold clause punctuation (随风潜入夜,润物细无声),
/// are words used as metaphors (钱袋子, 连心桥) or qualify a following noun (“以点带面”的效果).
struct ProgramFinder: Sendable {
    /// Names accepted whenever quoted.
    let known: Set<String>

    /// Suffixes of unquoted names, also joined to a quoted head. 中心 is not one: a centre
    /// (综治中心, 调处中心, 诉讼服务中心) is a facility or an institution, not a program, whatever
    /// its name.
    static let suffixes = ["调解室", "工作法", "工作站", "专项行动", "工程", "热线", "平台", "机制", "模式", "警务室"]
    /// Extra suffixes joined only to a quoted head (“两全”代办制).
    static let joinSuffixes = suffixes + ["代办制", "责任制", "工作制", "之家"]
    /// Endings that make a quoted term a program by themselves.
    static let heads = suffixes + ["经验", "行动", "建设", "之家", "警局", "义警", "巡防队", "服务队", "志愿队", "制", "工作室"]
    /// Words after a quoted term (or a chain of them) that mark it as a program, not joined to it.
    static let qualifiers = ["活动", "建设", "行动"]
    /// Words after 等 that mark every quoted term of the clause as a program.
    static let listQualifiers = ["专项行动", "经验做法", "做法", "活动", "行动", "工作方式", "工作法", "模式", "品牌", "工程"]
    /// Verbs that launch or adopt a program, right before a quoted name.
    static let introducers = ["推广", "建立", "打造", "建成", "实行", "运用", "坚持", "深化", "推行", "开展", "实施", "创建", "固化", "启动", "成立", "推出"]
    /// Words that end a name going left: verbs and adverbs before an unquoted name.
    static let leftStops = [
        "建设", "完善", "健全", "发挥", "推广", "打造", "建成", "建立", "开展", "推进", "实现", "设置", "成立", "构建",
        "推行", "实行", "实施", "创新", "按照", "运用", "落实", "深化", "加强", "提供", "组织", "参与", "纳入", "接入",
        "融入", "依托", "通过", "利用", "形成", "搭建", "启动", "运行", "加快", "全面", "深入", "大力", "积极", "持续",
        "扎实", "强化", "优化", "覆盖", "做好", "联合", "依靠", "借助", "围绕", "对照", "这个", "各个", "一个", "首个", "作为", "成为", "叫做", "称为", "进入",
    ]
    /// Function characters that end a name going left.
    static let leftStopCharacters: Set<Unicode.Scalar> = [
        "的", "在", "与", "和", "及", "等", "了", "个", "为", "对", "将", "把", "从", "向", "是", "以", "由", "该", "这",
        "那", "各", "其", "并", "或", "于", "让", "使", "被", "给", "也", "都", "已", "所", "即", "就", "到", "有", "这",
    ]
    /// Words that start with a stop character but belong inside a name (在线, 等级).
    static let stopExceptions = ["在线", "等级", "和谐", "以人为本", "为民", "到位", "所有", "对接", "已有"]
    /// After a suffix, words that make the phrase name something else (市中心医院, 综治中心覆盖率).
    static let headChangers = ["医院", "覆盖率", "率", "主任", "人员", "负责人", "大楼", "建设方案"]
    /// Vocabulary that alone does not make a name (运行机制, 基层治理模式, 工作机制).
    static let generic = [
        "基层", "治理", "运行", "工作", "规范", "高效", "有序", "长效", "管理", "服务", "社会", "执法", "便民", "首要",
        "重点", "主要", "重要", "相关", "有关", "各类", "综合", "协调", "联动", "多元", "共治", "共建", "共享", "日常",
        "常态化", "新型", "现代化", "一体化", "整体", "全新", "创新", "有效", "科学", "完善", "良好",
    ]
    static let numerals: Set<Unicode.Scalar> = ["一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "双"]
    static let levelPrefixes = ["全市", "全区", "全盟", "全旗", "全县", "区级", "市级", "县级", "旗级", "盟级", "区", "市", "县", "旗"]

    static let suffixTrie = ScalarTrie(words: suffixes)
    static let joinTrie = ScalarTrie(words: joinSuffixes)
    static let leftStopTrie = ScalarTrie(words: leftStops, reversed: true)
    static let genericTrie = ScalarTrie(words: generic)

    /// Creates a finder with a lexicon of known program names.
    init(known: Set<String>) {
        self.known = known
    }

    /// Programs in `text` (whose quotations are `spans`), one per distinct name at its first
    /// mention, in text order.
    func programs(in text: ArticleText, spans: QuoteSpans, isRegionName: (String) -> Bool) -> [ProgramHit] {
        var hits: [ProgramHit] = []
        var covered: [Range<Int>] = []
        text.scalars.withUnsafeBufferPointer { buffer in
            // Quoted names first: their spans hide the suffixes inside them from the unquoted scan.
            for (index, quote) in spans.quotes.enumerated() {
                if let hit = quoted(quote, index: index, spans: spans, text: text, buffer: buffer, isRegionName: isRegionName) {
                    hits.append(hit)
                    covered.append(hit.start..<hit.end)
                }
            }
            let suffixes = Self.suffixTrie
            var index = 0
            while index < buffer.count {
                guard let match = suffixes.longestMatch(in: buffer, from: index) else {
                    index += 1
                    continue
                }
                defer { index = match.end }
                if spans.isInside(index) || covered.contains(where: { $0.contains(index) }) { continue }
                if let hit = unquoted(suffixStart: index, suffixEnd: match.end, text: text, buffer: buffer) {
                    hits.append(hit)
                }
            }
        }
        hits.sort { $0.start < $1.start }
        return Self.canonical(hits, isRegionName: isRegionName)
    }

    // MARK: Quoted names

    private func quoted(
        _ quote: Range<Int>, index: Int, spans: QuoteSpans, text: ArticleText,
        buffer: UnsafeBufferPointer<Unicode.Scalar>, isRegionName: (String) -> Bool
    ) -> ProgramHit? {
        let inner = (quote.lowerBound + 1)..<(quote.upperBound - 1)
        guard inner.count >= 2, !CharacterClass.isDigit(text[inner.lowerBound]) else { return nil }
        let content = text.string(inner)
        // A quoted head with a suffix: “两全”代办制, “一员两长”治理模式.
        if let suffixEnd = joinedSuffixEnd(after: quote.upperBound, text: text, buffer: buffer), !hasSentencePunctuation(inner, text) {
            return ProgramHit(name: content + text.string(quote.upperBound..<suffixEnd), start: quote.lowerBound, end: suffixEnd)
        }
        if hasClausePunctuation(inner, text) || inner.count > 16 { return nil }
        let hit = ProgramHit(name: content, start: quote.lowerBound, end: quote.upperBound)
        if known.contains(content) { return hit }
        if endsWithHead(inner, text) { return hit }
        // “X”的…: X describes what follows.
        if text[quote.upperBound] == "的" { return nil }
        // 一体化, 一站式: a manner or property, not a name.
        if text[inner.upperBound - 1] == "化" || text[inner.upperBound - 1] == "式" { return nil }
        if isFormula(inner, text) {
            return text.has("目标", at: quote.upperBound) ? nil : hit
        }
        if content.hasPrefix("平安"), isRegionName(String(content.dropFirst(2))) { return hit }
        if isQualified(quoteIndex: index, spans: spans, text: text) { return hit }
        for verb in Self.introducers where text.has(verb, endingAt: quote.lowerBound) { return hit }
        return nil
    }

    /// End of a program suffix that continues a quoted head within a few characters.
    private func joinedSuffixEnd(after start: Int, text: ArticleText, buffer: UnsafeBufferPointer<Unicode.Scalar>) -> Int? {
        var offset = start
        while offset < text.count, offset - start <= 6 {
            let scalar = text[offset]
            guard CharacterClass.isHan(scalar), !Self.leftStopCharacters.contains(scalar) else { return nil }
            if let match = Self.joinTrie.longestMatch(in: buffer, from: offset) {
                if Self.headChangers.contains(where: { text.has($0, at: match.end) }) { return nil }
                return match.end
            }
            offset += 1
        }
        return nil
    }

    private func hasClausePunctuation(_ range: Range<Int>, _ text: ArticleText) -> Bool {
        range.contains { offset in
            switch text[offset] {
            case "，", ",", "、", "。", "；", ";", "！", "？", "!", "?", "：", ":", "…": return true
            default: return false
            }
        }
    }

    private func hasSentencePunctuation(_ range: Range<Int>, _ text: ArticleText) -> Bool {
        range.contains { CharacterClass.isSentenceEnd(text[$0]) || text[$0] == "，" || text[$0] == "," }
    }

    private func endsWithHead(_ range: Range<Int>, _ text: ArticleText) -> Bool {
        for head in Self.heads where text.has(head, endingAt: range.upperBound) && range.count > head.unicodeScalars.count {
            return true
        }
        // An office abbreviation (呼市电保办), not a manner of doing (一次办, 网上办).
        return text[range.upperBound - 1] == "办" && range.count >= 4
    }

    /// A numeral formula: starts with a numeral and holds another one further on (三查一控, 五位一体).
    private func isFormula(_ range: Range<Int>, _ text: ArticleText) -> Bool {
        guard range.count >= 3, range.count <= 12, Self.numerals.contains(text[range.lowerBound]) else { return false }
        return (range.lowerBound + 2..<range.upperBound).contains { Self.numerals.contains(text[$0]) }
    }

    /// Whether a program word follows the quote, its chain of quotes, or the clause's 等.
    private func isQualified(quoteIndex: Int, spans: QuoteSpans, text: ArticleText) -> Bool {
        // Walk right over adjacent quotes (“雪亮工程”“智慧法院”建设) and list separators.
        var index = quoteIndex
        var after = spans.quotes[index].upperBound
        while index + 1 < spans.quotes.count {
            let next = spans.quotes[index + 1]
            let gap = after..<next.lowerBound
            if gap.isEmpty || gap.count == 1 && text[gap.lowerBound] == "、" {
                index += 1
                after = next.upperBound
            } else { break }
        }
        for word in Self.qualifiers where text.has(word, at: after) { return true }
        // …等专项行动 / 等做法 later in the same clause.
        var offset = after
        while offset < text.count, offset - after < 40, !CharacterClass.isClauseBreak(text[offset]) {
            if text[offset] == "等" {
                for word in Self.listQualifiers where text.has(word, at: offset + 1) { return true }
                return false
            }
            offset += 1
        }
        return false
    }

    // MARK: Unquoted names

    private func unquoted(suffixStart: Int, suffixEnd: Int, text: ArticleText, buffer: UnsafeBufferPointer<Unicode.Scalar>) -> ProgramHit? {
        if Self.headChangers.contains(where: { text.has($0, at: suffixEnd) }) { return nil }
        var left = suffixStart
        scan: while left > 0, suffixStart - left < 16 {
            let scalar = text[left - 1]
            guard CharacterClass.isHan(scalar) || CharacterClass.isDigit(scalar) else { break }
            if Self.leftStopCharacters.contains(scalar) {
                let isException = Self.stopExceptions.contains { text.has($0, at: left - 1) && left - 1 + $0.unicodeScalars.count <= suffixEnd }
                if !isException { break scan }
            }
            if let verb = Self.leftStopTrie.longestMatch(in: buffer, endingAt: left), verb.start >= 0 { break scan }
            left -= 1
        }
        // Drop a bare level word (区矛盾纠纷多元化解中心 is the district's 矛盾纠纷多元化解中心).
        for prefix in Self.levelPrefixes where text.has(prefix, at: left) && suffixEnd - left - prefix.unicodeScalars.count >= (prefix.hasPrefix("全") ? 4 : 6) {
            left += prefix.unicodeScalars.count
            break
        }
        // 一条热线, 三个中心: a count, not a name.
        if Self.numerals.contains(text[left]), FigureUnits.trie.longestMatch(in: buffer, from: left + 1) != nil {
            return nil
        }
        let modifier = left..<suffixStart
        guard modifier.count >= 2 else { return nil }
        let last = text[modifier.upperBound - 1]
        if last == "性" || last == "新" { return nil }
        if isGenericOnly(modifier, buffer: buffer) { return nil }
        return ProgramHit(name: text.string(left..<suffixEnd), start: left, end: suffixEnd)
    }

    /// Whether `range` is made only of generic vocabulary.
    private func isGenericOnly(_ range: Range<Int>, buffer: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        var offset = range.lowerBound
        while offset < range.upperBound {
            guard let match = Self.genericTrie.longestMatch(in: buffer, from: offset), match.end <= range.upperBound else { return false }
            offset = match.end
        }
        return true
    }

    // MARK: Canonical names

    /// One hit per name; a name that is another found name behind a short modifier
    /// (一站式矛盾纠纷多元化解指挥中心, 公司安全信息化平台) becomes that name.
    static func canonical(_ hits: [ProgramHit], isRegionName: (String) -> Bool) -> [ProgramHit] {
        guard hits.count > 1 else { return hits }
        // Names as bytes, deduplicated by sorting: hashing and comparing String normalizes, which
        // is slow on CJK text. Longest first: a name becomes the longest other name it ends with.
        let names = hits.map { Array($0.name.utf8) }
        func precedes(_ left: [UInt8], _ right: [UInt8]) -> Bool {
            left.count != right.count ? left.count > right.count : left.lexicographicallyPrecedes(right)
        }
        var distinct: [[UInt8]] = []
        for name in names.sorted(by: precedes) where distinct.last != name { distinct.append(name) }
        /// The slot of `name` in `distinct` (binary search in its order).
        func slot(of name: [UInt8]) -> Int {
            var low = 0, high = distinct.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(distinct[middle], name) { low = middle + 1 } else { high = middle }
            }
            return low
        }
        var seen = [Bool](repeating: false, count: distinct.count)
        var result: [ProgramHit] = []
        for (index, var hit) in hits.enumerated() {
            var name = names[index]
            for other in distinct {
                guard other.count < name.count, other.count >= 12, name.count - other.count <= 9,
                      name.suffix(other.count).elementsEqual(other) else { continue }
                let prefix = String(decoding: name.prefix(name.count - other.count), as: UTF8.self)
                if !isRegionName(prefix) {
                    hit.name = String(decoding: other, as: UTF8.self)
                    name = other
                    break
                }
            }
            let position = slot(of: name)
            if !seen[position] {
                seen[position] = true
                result.append(hit)
            }
        }
        return mergingVariants(result)
    }

    /// Campaign words written after a program's name that are not part of it: 三查一控专项行动 is
    /// the program 三查一控.
    static let campaignWords = ["专项行动", "行动", "活动", "建设"]

    /// One hit per program when the article writes its name with and without a type word: the
    /// name without a campaign word (三查一控, not 三查一控专项行动), else the name with its type
    /// word (五人小组工作法, not 五人小组); the other form becomes an alias. The program keeps the
    /// place of its first mention.
    static func mergingVariants(_ hits: [ProgramHit]) -> [ProgramHit] {
        guard hits.count > 1 else { return hits }
        // Names compared as UTF-8 bytes: String's own comparisons normalize, slow on CJK text.
        var canonical: [String: String] = [:]
        for short in hits {
            let shortBytes = short.name.utf8
            for long in hits where long.name.utf8.count > shortBytes.count && long.name.utf8.starts(with: shortBytes) {
                let typeWord = String(decoding: long.name.utf8.dropFirst(shortBytes.count), as: UTF8.self)
                if campaignWords.contains(typeWord) {
                    canonical[long.name] = short.name
                } else if heads.contains(typeWord) || joinSuffixes.contains(typeWord) {
                    canonical[short.name] = long.name
                }
            }
        }
        if canonical.isEmpty { return hits }
        var merged: [ProgramHit] = []
        var index: [String: Int] = [:]
        for hit in hits {
            let name = canonical[hit.name] ?? hit.name
            if let existing = index[name] {
                if hit.name != name, !merged[existing].aliases.contains(hit.name) { merged[existing].aliases.append(hit.name) }
                continue
            }
            index[name] = merged.count
            var program = hit
            program.name = name
            if hit.name != name { program.aliases = [hit.name] }
            merged.append(program)
        }
        return merged
    }
}

/// The quotations (“…”, 「…」) and titles (《…》) of a text.
struct QuoteSpans {
    /// Short quotations, each from its opening to just past its closing mark.
    var quotes: [Range<Int>] = []
    /// Every quotation and title span, long ones included, in text order.
    var all: [Range<Int>] = []

    init(_ text: ArticleText) {
        var index = 0
        while index < text.count {
            let scalar = text[index]
            let closer: Unicode.Scalar?
            switch scalar {
            case "“": closer = "”"
            case "「": closer = "」"
            case "《": closer = "》"
            default: closer = nil
            }
            guard let closer else {
                index += 1
                continue
            }
            var end = index + 1
            while end < text.count, text[end] != closer, text[end] != "\n", text[end] != scalar { end += 1 }
            guard end < text.count, text[end] == closer else {
                index += 1
                continue
            }
            let span = index..<(end + 1)
            all.append(span)
            // Speech (long or holding a full stop) quotes no name.
            let isSpeech = span.count > 26 || (index + 1..<end).contains { CharacterClass.isSentenceEnd(text[$0]) }
            if closer != "》", !isSpeech { quotes.append(span) }
            index = end + 1
        }
    }

    /// Whether `offset` lies inside a quotation or title.
    func isInside(_ offset: Int) -> Bool {
        var low = 0, high = all.count
        while low < high {
            let middle = (low + high) / 2
            if all[middle].upperBound <= offset { low = middle + 1 } else { high = middle }
        }
        return low < all.count && all[low].contains(offset)
    }
}
