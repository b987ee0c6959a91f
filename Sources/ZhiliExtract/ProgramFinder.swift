import ZhiliText
import ZhiliCore

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

/// Finds named programs, initiatives, platforms, mechanisms, campaigns and branded teams.
///
/// A program is a *name*: something in the words marks it as one. Shapes that count:
/// - a quoted name (“枫桥经验”, “三查一控”) — when it is in the known-program lexicon, ends with
///   a program head (经验, 工程, 调解室, 之家, 队 …), is a numeral formula (三查一控,
///   一厅二站七室四中心) or a counted method (三分吸附法), is followed by a program word (活动,
///   建设, 等专项行动, 等特色护边模式), is introduced by a verb that launches programs (推广, 建立,
///   打造 …), or brands a region (平安巴彦淖尔);
/// - a quoted head joined to a type word across a short modifier (“两全”代办制 → 两全代办制,
///   “1+8”矛盾纠纷多元化解新机制 → 1+8矛盾纠纷多元化解机制);
/// - an unquoted name ending in a program suffix (…调解室, …工作法, …专项行动, …代办制) whose
///   modifier makes a proper name (digits, a place, a coinage such as 即知即调, a term quoted
///   elsewhere in the article) — ordinary words describe a mechanism, they do not name one
///   (矛盾纠纷多元化解机制, 劳动纠纷调解室);
/// - the items of a list before 等…品牌 (居延警队、陶来神舟警队等警务品牌).
///
/// Not programs: slogans and sayings (clause punctuation inside, metaphors, “X”的…), manners
/// (一站式, 一体化), facilities (…中心), measures (…率), groups of institutions (四所一庭),
/// goals (“平安乌兰察布”建设目标) and categories (等特色护边模式).
struct ProgramFinder: Sendable {
    /// Names accepted whenever quoted, as a trie to match in the text without building strings.
    let knownTrie: WordTrie

    /// Suffixes of unquoted names, also joined to a quoted head. 中心 is not one: a centre
    /// (综治中心, 调处中心, 诉讼服务中心) is a facility or an institution, not a program, whatever
    /// its name.
    static let suffixes = [
        "调解室", "调解工作室", "工作室", "服务室", "工作法", "工作站", "专项行动", "工程", "热线", "平台", "机制", "模式",
        "警务室", "代办制",
    ]
    /// Suffixes that name a system whatever their modifier (信访代办制, 矛盾化解首席代办制).
    static let systemSuffixes = ["代办制"]
    /// Extra suffixes joined only to a quoted head (“两全”代办制, “接诉即办”制度, “最多跑一地”改革,
    /// “不忘初心、牢记使命”主题教育).
    static let joinSuffixes = suffixes + [
        "体系", "行动", "责任制", "工作制", "制度", "之家", "工作流程", "改革", "主题教育", "主题活动", "主题宣传活动", "系列活动", "系列宣传活动",
        "系列创建活动",
    ]
    /// Endings that make a quoted term a program by themselves.
    static let heads = suffixes + ["经验", "行动", "建设", "之家", "警局", "义警", "队", "制", "工作室", "大练兵", "大比武", "驿站"]
    /// Words after a quoted term (or a chain of them) that mark it as a program, not joined to it.
    static let qualifiers = ["活动", "建设", "行动"]
    /// Words after 等 that mark every quoted term of the clause as a program.
    static let listQualifiers = ["专项行动", "经验做法", "做法", "活动", "行动", "工作方式", "工作法", "模式", "品牌", "工程", "举措"]
    /// Verbs that launch or adopt a program, right before a quoted name.
    static let introducers = ["推广", "建立", "打造", "建成", "实行", "运用", "坚持", "深化", "推行", "开展", "实施", "创建", "固化", "启动", "成立", "推出"]
    /// Words that end a name going left: verbs and adverbs before an unquoted name.
    static let leftStops = [
        "建设", "完善", "健全", "发挥", "推广", "打造", "建成", "建立", "开展", "推进", "实现", "设置", "成立", "构建",
        "推行", "实行", "实施", "创新", "按照", "运用", "落实", "深化", "加强", "提供", "组织", "参与", "纳入", "接入",
        "融入", "依托", "通过", "利用", "形成", "搭建", "启动", "运行", "加快", "全面", "深入", "大力", "积极", "持续",
        "扎实", "强化", "优化", "覆盖", "做好", "联合", "依靠", "借助", "围绕", "对照", "这个", "各个", "一个", "首个", "作为", "成为", "叫做", "称为", "进入",
        "出台", "确保", "推动", "组建", "探索", "不断", "创建",
    ]
    /// Function characters that end a name going left.
    static let leftStopCharacters: Set<Unicode.Scalar> = [
        "的", "在", "与", "和", "及", "等", "了", "个", "为", "对", "将", "把", "从", "向", "是", "以", "由", "该", "这",
        "那", "各", "其", "并", "或", "于", "让", "使", "被", "给", "也", "都", "已", "所", "即", "就", "到", "有", "这",
    ]
    /// Words that start with a stop character but belong inside a name (在线, 等级).
    static let stopExceptions = ["在线", "等级", "和谐", "以人为本", "为民", "到位", "所有", "对接", "已有"]
    /// After a suffix, words that make the phrase name something else (市中心医院, 综治中心覆盖率).
    static let headChangers = ["医院", "覆盖率", "率", "主任", "人员", "负责人", "大楼", "建设方案", "治", "款", "师", "量", "费"]
    /// Vocabulary that alone does not make a name (运行机制, 基层治理模式, 工作机制).
    static let generic = [
        "基层", "治理", "运行", "工作", "规范", "高效", "有序", "长效", "管理", "服务", "社会", "执法", "便民", "首要",
        "重点", "主要", "重要", "相关", "有关", "各类", "综合", "协调", "联动", "多元", "共治", "共建", "共享", "日常",
        "常态化", "新型", "现代化", "一体化", "整体", "全新", "创新", "有效", "科学", "完善", "良好",
    ]
    static let numerals: Set<Unicode.Scalar> = ["一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "双"]
    static let levelPrefixes = ["全市", "全区", "全盟", "全旗", "全县", "区级", "市级", "县级", "旗级", "盟级", "省", "区", "市", "县", "旗"]
    /// Institutions counted in a formula (四所一庭, 两所一庭): a group of institutions, not a program.
    static let institutionCharacters: Set<Unicode.Scalar> = ["所", "庭", "院", "局", "队", "站"]

    static let suffixTrie = WordTrie(words: suffixes)
    static let joinTrie = WordTrie(words: joinSuffixes)
    static let leftStopTrie = WordTrie(words: leftStops, reversed: true)
    static let verbTrie = WordTrie(words: leftStops)
    static let genericTrie = WordTrie(words: generic)

    /// Creates a finder with a lexicon of known program names.
    init(known: Set<String>) {
        knownTrie = WordTrie(words: Array(known))
    }

    /// Programs in `text` (whose quotations are `spans`, whose place names are `regionSpans`),
    /// one per distinct name at its first mention, in text order.
    func programs(
        in text: ArticleText, spans: QuoteSpans, regionSpans: [Range<Int>] = [], isRegionName: (String) -> Bool
    ) -> [ProgramHit] {
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
            for hit in listedBrands(text: text, spans: spans, buffer: buffer) {
                hits.append(hit)
                covered.append(hit.start..<hit.end)
            }
            let suffixes = Self.suffixTrie
            // Terms the writer quoted: a coinage, distinctive wherever it recurs unquoted (“两伊”公路 …
            // 两伊路边调解服务室).
            let quotedTerms = spans.quotes.compactMap { $0.count >= 4 ? $0.lowerBound + 1..<$0.upperBound - 1 : nil }
            let names = NameContext(quotedTerms: quotedTerms, regionSpans: regionSpans)
            var index = 0
            while index < buffer.count {
                guard let match = suffixes.longestMatch(in: buffer, from: index) else {
                    index += 1
                    continue
                }
                defer { index = match.end }
                if spans.isInside(index) || covered.contains(where: { $0.contains(index) }) { continue }
                if let hit = unquoted(suffixStart: index, suffixEnd: match.end, text: text, buffer: buffer, names: names) {
                    hits.append(hit)
                }
            }
        }
        hits.sort { $0.start < $1.start }
        for index in hits.indices { hits[index].name = Self.withoutLayoutSpaces(hits[index].name) }
        return Self.canonical(hits, isRegionName: isRegionName)
    }

    /// `name` without the spaces that page layout puts beside Chinese characters (“老 李调解室”,
    /// a justified column's “老李 调解室”): a Chinese name has none. Spaces between Latin words stay.
    static func withoutLayoutSpaces(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars)
        guard scalars.contains(where: { $0.properties.isWhitespace }) else { return name }
        var kept = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar.properties.isWhitespace {
                let before = scalars[..<index].last { !$0.properties.isWhitespace }
                let after = scalars[(index + 1)...].first { !$0.properties.isWhitespace }
                guard let before, let after, !CharacterClass.isHan(before), !CharacterClass.isHan(after) else { continue }
            }
            kept.append(scalar)
        }
        return String(kept)
    }

    // MARK: Quoted names

    private func quoted(
        _ quote: Range<Int>, index: Int, spans: QuoteSpans, text: ArticleText,
        buffer: UnsafeBufferPointer<Unicode.Scalar>, isRegionName: (String) -> Bool
    ) -> ProgramHit? {
        let inner = (quote.lowerBound + 1)..<(quote.upperBound - 1)
        guard inner.count >= 2 else { return nil }
        // Quote marks nested inside a name (“全民反诈骗‘三个一百万’”) are not part of it. Built only
        // for a hit.
        func content() -> String {
            inner.contains(where: { Self.innerQuoteMarks.contains(text[$0]) })
                ? String(String.UnicodeScalarView(text.scalars[inner].filter { !Self.innerQuoteMarks.contains($0) }))
                : text.string(inner)
        }
        func hit() -> ProgramHit { ProgramHit(name: content(), start: quote.lowerBound, end: quote.upperBound) }
        let isKnown = isKnown(inner, buffer: buffer)
        // 一体化, 一站式: a manner or property, not a name, even before a type word (文化 is a noun).
        let isManner = text[inner.upperBound - 1] == "式"
            || text[inner.upperBound - 1] == "化" && !text.has("文化", endingAt: inner.upperBound)
        // A centre is a facility (“一站式矛盾纠纷调处中心”, but a layout such as 一厅二站七室四中心 is
        // a name); a rate or a score is a measure (“调解成功率”).
        if text.has("中心", endingAt: inner.upperBound) && !isFormula(inner, text)
            || text[inner.upperBound - 1] == "率" || text.has("满意度", endingAt: inner.upperBound) {
            return isKnown ? hit() : nil
        }
        // A quoted head with a type word: “两全”代办制, “1+8”矛盾纠纷多元化解机制.
        if !isManner, let join = joinedSuffix(after: quote.upperBound, text: text, buffer: buffer),
           !hasSentencePunctuation(inner, text) {
            let name = content() + text.string(quote.upperBound..<join.modifierEnd) + text.string(join.suffix)
            return ProgramHit(name: name, start: quote.lowerBound, end: join.suffix.upperBound)
        }
        // 一厅四区15室 names a layout; other names starting with a digit are numbers (“12345”).
        if CharacterClass.isDigit(text[inner.lowerBound]) { return nil }
        if hasClausePunctuation(inner, text) || inner.count > 16 { return nil }
        if isKnown || endsWithHead(inner, text) { return hit() }
        // “X”的…, “X”有机融合的…: X describes what follows.
        if describesFollowingNoun(after: quote.upperBound, text) { return nil }
        if isManner { return nil }
        // A named layout of rooms (一厅二站七室四中心), not a group of institutions (四所一庭) or a goal.
        if isFormula(inner, text) {
            return text.has("目标", at: quote.upperBound) || isInstitutionGroup(inner, text) ? nil : hit()
        }
        if text.has("平安", at: inner.lowerBound), isRegionName(text.string(inner.lowerBound + 2..<inner.upperBound)) {
            // “平安乌兰察布”建设目标: a goal, not a campaign.
            return text.has("目标", at: quote.upperBound) || text.has("建设目标", at: quote.upperBound) ? nil : hit()
        }
        if isQualified(quoteIndex: index, spans: spans, text: text) { return hit() }
        for verb in Self.introducers where text.has(verb, endingAt: quote.lowerBound) { return hit() }
        return nil
    }

    /// Quote marks that may sit inside a quoted name.
    static let innerQuoteMarks: Set<Unicode.Scalar> = ["‘", "’", "'", "\"", "「", "」"]

    /// A type word that continues a quoted head after a short modifier (“三全三新”一站式矛盾纠纷化解工作法):
    /// `modifierEnd` is where the modifier stops (before an adjective 新: 新机制 is the 机制), `suffix`
    /// the type word. The modifier holds no function word and no verb with an object of its own
    /// (“双引双认”推动综治中心实战化运行机制 is a sentence); a verb right before the type word is part
    /// of the name (“周调度、月通报、季总结”推进机制).
    private func joinedSuffix(
        after start: Int, text: ArticleText, buffer: UnsafeBufferPointer<Unicode.Scalar>
    ) -> (modifierEnd: Int, suffix: Range<Int>)? {
        var offset = start
        while offset < text.count, offset - start <= 10 {
            let scalar = text[offset]
            guard CharacterClass.isHan(scalar), !Self.leftStopCharacters.contains(scalar) else { return nil }
            if let match = Self.joinTrie.longestMatch(in: buffer, from: offset) {
                if Self.headChangers.contains(where: { text.has($0, at: match.end) }) { return nil }
                let modifierEnd = offset > start && text[offset - 1] == "新" ? offset - 1 : offset
                return (modifierEnd, offset..<match.end)
            }
            if let verb = Self.verbTrie.longestMatch(in: buffer, from: offset) {
                guard let match = Self.joinTrie.longestMatch(in: buffer, from: verb.end) else { return nil }
                if Self.headChangers.contains(where: { text.has($0, at: match.end) }) { return nil }
                return (verb.end, verb.end..<match.end)
            }
            offset += 1
        }
        return nil
    }

    /// Whether the words after a quote, within its clause, reach a 的: the quote qualifies a noun.
    private func describesFollowingNoun(after start: Int, _ text: ArticleText) -> Bool {
        var offset = start
        while offset < text.count, offset - start <= 6, CharacterClass.isHan(text[offset]) {
            if text[offset] == "的" { return true }
            offset += 1
        }
        return false
    }

    /// A formula counting institutions (四所一庭, 两所一庭): a group of institutions.
    private func isInstitutionGroup(_ range: Range<Int>, _ text: ArticleText) -> Bool {
        range.allSatisfy { Self.numerals.contains(text[$0]) || Self.institutionCharacters.contains(text[$0]) }
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
        for head in Self.heads where text.has(head, endingAt: range.upperBound) && range.count > max(2, head.unicodeScalars.count) {
            return true
        }
        let last = text[range.upperBound - 1]
        // A counted method (三分吸附法, 五步工作法).
        if last == "法", range.count >= 3, Self.numerals.contains(text[range.lowerBound]) { return true }
        // An office abbreviation (呼市电保办), not a manner of doing (一次办, 网上办) or a saying
        // (群众事有地方办).
        return last == "办" && range.count >= 4 && !range.contains { Self.leftStopCharacters.contains(text[$0]) }
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
                // 等专项行动, 等特色护边模式: the qualifier may carry a short modifier.
                let window = offset + 1...offset + 5
                return window.contains { start in
                    (offset + 1..<start).allSatisfy { CharacterClass.isHan(text[$0]) && !Self.leftStopCharacters.contains(text[$0]) }
                        && Self.listQualifiers.contains { text.has($0, at: start) }
                }
            }
            offset += 1
        }
        return false
    }

    // MARK: Unquoted names

    /// What makes an unquoted modifier a name rather than a description.
    struct NameContext {
        /// Where the terms quoted in the article lie (inside their quote marks).
        var quotedTerms: [Range<Int>]
        /// Place names found in the article.
        var regionSpans: [Range<Int>]
    }

    private func unquoted(
        suffixStart: Int, suffixEnd: Int, text: ArticleText, buffer: UnsafeBufferPointer<Unicode.Scalar>, names: NameContext
    ) -> ProgramHit? {
        if Self.headChangers.contains(where: { text.has($0, at: suffixEnd) }) { return nil }
        var left = leftEdge(of: suffixStart, suffixEnd: suffixEnd, text: text, buffer: buffer)
        // 有一间两伊路边调解服务室: a count before the name is not part of it (一条热线: no name).
        if Self.numerals.contains(text[left]), let unit = MeasureWords.trie.longestMatch(in: buffer, from: left + 1) {
            left = min(unit.end, suffixStart)
        }
        // 拖欠3万元工程款, 投入500万元平台: an amount with its unit is a quantity, not part of a name.
        var digit = left
        while digit < suffixStart {
            if CharacterClass.isASCIIDigit(text[digit]) {
                var end = digit
                while end < suffixStart, CharacterClass.isASCIIDigit(text[end]) || text[end] == "." || text[end] == "万" || text[end] == "亿" { end += 1 }
                if let unit = MeasureWords.trie.longestMatch(in: buffer, from: end), unit.end <= suffixStart { left = unit.end }
                digit = end
            } else {
                digit += 1
            }
        }
        // …等特色护边模式: the category of the names listed before it.
        if text[left - 1] == "等" { return nil }
        let modifier = left..<suffixStart
        guard modifier.count >= 2 else { return nil }
        let last = text[modifier.upperBound - 1]
        if last == "性" || last == "新" { return nil }
        if isGenericOnly(modifier, buffer: buffer) { return nil }
        let suffix = suffixStart..<suffixEnd
        if !Self.systemSuffixes.contains(where: { text.has($0, endingAt: suffixEnd) }),
           !isDistinctive(modifier, text: text, buffer: buffer, names: names) {
            return nil
        }
        return ProgramHit(name: text.string(left..<suffix.upperBound), start: left, end: suffixEnd)
    }

    /// Where an unquoted name starts: after the nearest punctuation, function word or verb going
    /// left, and after a bare level word (区矛盾纠纷多元化解中心 is the district's 矛盾纠纷多元化解中心).
    private func leftEdge(of suffixStart: Int, suffixEnd: Int, text: ArticleText, buffer: UnsafeBufferPointer<Unicode.Scalar>) -> Int {
        var left = suffixStart
        scan: while left > 0, suffixStart - left < 16 {
            let scalar = text[left - 1]
            guard CharacterClass.isHan(scalar) || CharacterClass.isDigit(scalar) || scalar == "+" else { break }
            // A stop character repeated in a parallel coinage (即知即调) is part of it.
            let isParallel = text[left - 1] == text[left + 1] || text[left - 1] == text[left - 3]
            if Self.leftStopCharacters.contains(scalar), !isParallel {
                let isException = Self.stopExceptions.contains { text.has($0, at: left - 1) && left - 1 + $0.unicodeScalars.count <= suffixEnd }
                if !isException { break scan }
            }
            if let verb = Self.leftStopTrie.longestMatch(in: buffer, endingAt: left), verb.start >= 0 { break scan }
            left -= 1
        }
        for prefix in Self.levelPrefixes where text.has(prefix, at: left) && suffixEnd - left - prefix.unicodeScalars.count >= (prefix.hasPrefix("全") ? 4 : 6) {
            return left + prefix.unicodeScalars.count
        }
        return left
    }

    /// Whether a modifier makes a proper name: it holds digits or letters (草原110, 1+8), a place
    /// (兴安盟12345…热线), a coinage quoted elsewhere in the article or a known program, a numeral
    /// formula or a parallel coinage of the shape ABAC (即知即调, 月结月清, 分流分调), or a
    /// nickname (老李). A modifier of ordinary words (矛盾纠纷多元化解机制, 跨部门协同办案平台,
    /// 劳动纠纷调解室) describes what the thing does: it is not a name.
    private func isDistinctive(
        _ modifier: Range<Int>, text: ArticleText, buffer: UnsafeBufferPointer<Unicode.Scalar>, names: NameContext
    ) -> Bool {
        for offset in modifier {
            let scalar = text[offset]
            if !CharacterClass.isHan(scalar) { return true }
            // ABAC (即知即调) or two numerals close together (一格一长, 三全三新).
            if offset + 2 < modifier.upperBound, text[offset + 2] == scalar, scalar != "的" { return true }
            if Self.numerals.contains(scalar), offset + 2 < modifier.upperBound,
               (offset + 2..<min(offset + 4, modifier.upperBound)).contains(where: { Self.numerals.contains(text[$0]) }) {
                return true
            }
        }
        if names.regionSpans.contains(where: { $0.overlaps(modifier) }) { return true }
        if (text[modifier.lowerBound] == "老" || text[modifier.lowerBound] == "小"), modifier.count <= 3 { return true }
        let words = text.scalars[modifier]
        if names.quotedTerms.contains(where: { Self.holds(words, text.scalars[$0]) }) { return true }
        return modifier.contains { knownTrie.longestMatch(in: buffer, from: $0).map { $0.end <= modifier.upperBound } ?? false }
    }

    /// Whether `range` is exactly a known program name.
    private func isKnown(_ range: Range<Int>, buffer: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        knownTrie.longestMatch(in: buffer, from: range.lowerBound)?.end == range.upperBound
    }

    /// Whether `part` occurs in `whole`.
    static func holds<Whole: Collection<Unicode.Scalar>, Part: Collection<Unicode.Scalar>>(_ whole: Whole, _ part: Part) -> Bool {
        guard let first = part.first, part.count <= whole.count else { return part.isEmpty }
        var start = whole.startIndex
        while let found = whole[start...].firstIndex(of: first) {
            if whole[found...].starts(with: part) { return true }
            start = whole.index(after: found)
        }
        return false
    }

    /// Names listed before 等…品牌 (组建居延警队、陶来神舟警队、航天护卫队等警务品牌): each item of
    /// the list is a branded team or service, quoted or not.
    private func listedBrands(text: ArticleText, spans: QuoteSpans, buffer: UnsafeBufferPointer<Unicode.Scalar>) -> [ProgramHit] {
        var hits: [ProgramHit] = []
        var offset = 0
        while offset < text.count {
            defer { offset += 1 }
            guard text[offset] == "等", (offset + 1...offset + 5).contains(where: { text.has("品牌", at: $0) }) else { continue }
            var end = offset
            while end > 0 {
                var start = end
                while start > 0, end - start < 12, CharacterClass.isHan(text[start - 1]), !Self.leftStopCharacters.contains(text[start - 1]) {
                    if let verb = Self.leftStopTrie.longestMatch(in: buffer, endingAt: start), verb.start >= 0 { break }
                    start -= 1
                }
                guard end - start >= 3, !spans.isInside(start) else { break }
                hits.append(ProgramHit(name: text.string(start..<end), start: start, end: end))
                guard text[start - 1] == "、" else { break }
                end = start - 1
            }
        }
        return hits
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
        // A quoted name found inside a longer one (三个一百万 in 全民反诈骗三个一百万系列宣传活动) is
        // a mention of it.
        let scalarNames = hits.map { Array($0.name.unicodeScalars) }
        for (index, short) in hits.enumerated() where canonical[short.name] == nil {
            let longer = hits.indices.filter { other in
                scalarNames[other].count > scalarNames[index].count && canonical[hits[other].name] == nil
                    && holds(scalarNames[other], scalarNames[index])
            }
            if let long = longer.min(by: { scalarNames[$0].count < scalarNames[$1].count }) { canonical[short.name] = hits[long].name }
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
            // A formula of parts joined by + (“司法所工作人员+法官+…+N”) is a name however long.
            let isFormula = (index + 1..<end).contains { text[$0] == "+" }
            let isSpeech = span.count > (isFormula ? 40 : 26) || (index + 1..<end).contains { CharacterClass.isSentenceEnd(text[$0]) }
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
