import ZhiliText

/// Finds the phrase naming what a figure counts or measures, from the figure's clause.
///
/// Two shapes cover Chinese reporting:
/// - the figure modifies the noun after it (`12个派出所`, `2600元的燃气改造费用`, `640个线上线下统一的网格`):
///   the metric is that noun phrase, up to the clause end, the next figure or a verb;
/// - the figure closes its clause (`累计排查化解矛盾纠纷2000余起`, `化解成功率41.3%`, `配备专兼职网格员23700人`,
///   `全年刑事案件同比下降31.7%`): the metric is the phrase before it, without the predicate
///   (同比下降, 达, 保持在), leading adverbs (累计, 全年, 全市), a verb of having or providing
///   (配备, 划分, 现有) and a leading region (兴安盟电诈案件 → 电诈案件).
///
/// A list of figures with 分别 (`侵财、盗窃案件同比分别下降26.5%和31.1%`) shares out the items of
/// the phrase (侵财案件, 盗窃案件) when their counts agree.
struct MetricPhrase {
    /// Predicate words stripped from the end of a preceding phrase, longest first.
    static let trailing = [
        "较上年同期", "比上年同期", "较去年同期", "比去年同期", "较上年", "比上年", "较去年", "比去年", "较上月", "比上月",
        "提升至", "提升到", "提高到", "提高至", "下降至", "下降到", "保持在", "稳定在", "达到", "高达", "共计", "总计", "合计",
        "累计", "同比", "环比", "分别", "下降", "上升", "增长", "减少", "提高", "降低", "增加", "提升", "下滑", "回落",
        "就有", "只有", "仅有", "超过", "不足", "不到", "将近", "降至", "升至", "达", "为", "至", "了", "有", "的", "约", "近", "超",
        "逾", "共", "均", "是", "占",
    ]
    /// The last scalars of ``trailing``: a phrase ending in none of them has no predicate to strip.
    static let trailingEnds = ScalarSet(trailing.map { $0.unicodeScalars.last! })
    /// Adverbs that start the predicate inside a phrase (连续三年保持在, 始终保持在, 已累计开展).
    static let predicateStarts = ["始终", "连续", "一直"]
    /// Stock verbs, then counting starts: the phrase begins after the last of each found.
    static let leadWords = stockVerbs + countingStarts
    /// Adverbs after which the counted phrase starts (各站室已累计开展座谈交流 → 座谈交流).
    /// Light verbs are here too: the activity after them is what is counted (组织联防队开展巡逻防范 →
    /// 巡逻防范, 进行回访).
    static let countingStarts = ["累计", "共计", "开展", "进行"]
    /// Verbs of having or providing: what is counted is their object (配备专兼职网格员 → 专兼职网格员),
    /// unlike activities, where the activity is counted (排查化解矛盾纠纷).
    /// Verbs of publishing and handing out count their object the same way (发布预警信息, 发放宣传资料).
    static let stockVerbs = [
        "配备", "配齐", "划分为", "划分", "设置", "设立", "增设", "建成", "组建", "打造", "拥有", "现有", "配置", "新建", "招募", "培育",
        "发布", "发放", "推送", "印发",
    ]
    /// Verbs that open a relative clause after a figure (12名分布在…等地的受害人).
    static let relativeVerbs = ["分布", "位于", "来自"]
    /// Verbs of lasting before a duration that describes the noun after it (横跨20余年的房屋产权纠纷,
    /// 历时3年的改造工程): the noun is what the duration measures.
    static let lastingVerbs = ["横跨", "历时", "长达", "历经", "持续", "跨越", "耗时"]
    /// Verbs that open the activity a duration measures, kept in the phrase (返聘从事司法行政工作30余年
    /// → 从事司法行政工作).
    static let activityStarts = ["从事", "担任"]
    /// Units of time: a duration after an activity (从事…工作20余年的老党员) measures the activity.
    static let durationUnits: Set<String> = ["年", "个月", "月", "天", "日", "小时", "个工作日", "周"]
    /// Copulas after a figure that closes nothing before it (2600元属于燃气报警、改造等费用).
    static let copulas = ["属于", "用于", "是", "为"]
    /// Adverbs and time words stripped from the start of a phrase.
    static let leading = [
        "累计", "共计", "共", "全年", "全市", "全盟", "全区", "全旗", "全县", "全镇", "全乡", "全省", "全州", "全村", "其中", "今年", "去年", "当年", "目前", "同时", "此外", "另外",
        "今日", "当日", "今天", "当天", "先后",
        // Personal pronouns: who did it, not what is counted.
        "他们", "她们", "我们", "他", "她",
    ]
    /// Words that start a predicate after the figure: the figure then closes its phrase.
    static let verbsAfter = [
        "建立", "建成", "属于", "用于", "投入", "全部", "已", "均", "都", "同比", "环比", "比", "较", "占", "为", "是", "在", "左右", "以上", "以下",
        // The start of a span (98.40%到2023年的99.46%, 21个增至26个).
        "到", "增至", "降至", "升至",
        // After a duration: 24年来, 20年前, 3年间.
        "以来", "来", "前", "间",
        // 7公里远的…: a distance closes its phrase (距边境线只有7公里远).
        "远",
    ]
    /// Words right after a figure (or after a comma) that lead to the end of a span from it.
    static let spanEnds = ["到", "增至", "降至", "升至", "增加到", "增长到", "提高到", "下降到", "减少到"]
    /// Words that end a noun phrase after a figure.
    static let nounStops = [
        "设立", "设置", "配备", "建有", "开设", "推广", "建立", "建成", "参与", "开展", "进行", "已", "全部", "均", "都", "接入",
        "得到", "转入", "获得", "成立", "覆盖", "提供", "受到", "分布", "位于", "负责", "承担", "共同", "实现", "联合", "分类",
        "被",
        // Being stationed somewhere, and the manner adverbs before it (6个部门常驻, 7家单位常态化入驻).
        "常驻", "轮驻", "随驻", "入驻", "进驻", "驻守", "长年", "集中", "常态化", "实体化", "对接",
        // 以12个对接单位为载体: the noun is what the construction 以…为… takes.
        "为载体", "为依托", "为抓手", "为基础", "为核心", "为重点",
        // 发挥42个社会组织作用: the object of 发挥 is not what is counted.
        "作用",
        // A noun's predicate: a share of it (24个镇区大部分取得…), an adverb of delay (5万元借款迟迟
        // 未还), what it makes up or tries (300多名牧民组成的队伍, 18户牧民探索…).
        "大部分", "大多数", "取得", "迟迟", "尚未", "仍然", "组成", "探索",
        // Receiving a title (12个嘎查获评…), making something (以3年的实践做出了回答), and 而, which
        // joins predicates, never nouns.
        "获", "做出", "作出", "而",
    ]
    /// Characters that make a word ending in 获 (荣获, 查获, 破获): that 获 is no stop inside the noun.
    static let wordsEndingInHuo: Set<Unicode.Scalar> = ["荣", "查", "破", "缴", "捕", "收", "俘", "截", "抓", "斩"]
    /// Second characters of words starting with 获 (获评, 获得): after 嘎查, 获评 is still the predicate.
    static let wordsStartingWithHuo: Set<Unicode.Scalar> = ["评", "得", "授", "颁"]

    /// Second classifiers after 个: the noun after them is what is counted (8个方面资源和功能).
    static let secondClassifiers = ["方面"]
    /// Collective nouns after a counted noun (11个部门力量): the count is of the noun before.
    static let collectiveSuffixes = ["力量"]
    /// Frequencies written inside a phrase: the subject before them is who, and 平均每年 is written
    /// as its short form (工作室平均每年化解矛盾纠纷 → 年均化解矛盾纠纷).
    static let frequencies: [(written: String, label: String)] = [
        ("平均每年", "年均"), ("平均每月", "月均"), ("平均每天", "日均"), ("平均每日", "日均"),
        ("年均", "年均"), ("月均", "月均"), ("日均", "日均"),
    ]
    /// The first scalars of ``frequencies``.
    static let frequencyStarts = ScalarSet(frequencies.map { $0.written.unicodeScalars.first! })
    /// Agencies named after the region that opens a phrase (包头市公安局, 科尔沁分局): with the region,
    /// they are the subject, not what is counted.
    static let agencies = [
        "公安分局", "公安局", "分局", "人民法院", "法院", "人民检察院", "检察院", "司法局", "司法所", "派出所",
        "人民政府", "政府", "党委",
    ]
    /// Adverbs that end the subject of the clause after a duration (5年来,网格化管理不断深化).
    static let subjectEnds = ["已经", "已", "不断", "一直", "始终", "持续", "累计", "逐步", "都", "均", "也"]
    /// Demonstratives before a subject (这一机制 → 机制).
    static let demonstratives = ["这一", "这些", "这个", "这项", "该"]

    /// The first scalars of ``nounStops``.
    static let nounStopStarts = ScalarSet(nounStops.map { $0.unicodeScalars.first! })

    let text: ArticleText
    let regionSpans: [Range<Int>]

    /// Metric phrases for `figures`, one per figure.
    func metrics(for figures: [FigureHit]) -> [String?] {
        var result = [String?](repeating: nil, count: figures.count)
        var index = 0
        while index < figures.count {
            var last = index
            while last + 1 < figures.count, figures[last + 1].chainHead == figures[index].chainHead { last += 1 }
            let head = figures[index]
            let tail = figures[last]
            let clauseStart = self.clauseStart(before: head.start, previousFigureEnd: index > 0 ? figures[index - 1].tailEnd : nil)
            let clauseEnd = self.clauseEnd(after: tail.tailEnd)
            let nextFigureStart = last + 1 < figures.count ? figures[last + 1].start : Int.max
            let measuresActivity = last == index && Self.durationUnits.contains(head.unit ?? "")
                && Self.activityStarts.contains { word in (clauseStart..<head.start).contains { text.has(word, at: $0) } }
            let startsSpan = last == index && self.startsSpan(at: head.spanStart, clauseStart: clauseStart)
            if last == index, !measuresActivity, !startsSpan, let phrase = following(from: tail.tailEnd, clauseEnd: min(clauseEnd, nextFigureStart), nextFigureInClause: nextFigureStart < clauseEnd) {
                result[index] = phrase
            } else if last == index, Self.lastingVerbs.contains(where: { text.has($0, endingAt: head.spanStart) }),
                      let noun = describedNoun(after: tail.tailEnd) {
                result[index] = noun
            } else if let phrase = preceding(from: clauseStart, to: head.start) {
                let count = last - index + 1
                let items = count > 1 ? share(phrase, count: count) : nil
                for member in index...last { result[member] = items?[member - index] ?? phrase }
            } else if last == index {
                result[index] = complement(after: tail.tailEnd, clauseEnd: clauseEnd)
            }
            if last == index, result[index] == nil, Self.durationUnits.contains(head.unit ?? "") {
                result[index] = subjectAfterDuration(from: tail.tailEnd, nextFigureStart: nextFigureStart)
            }
            index = last + 1
        }
        for index in figures.indices.dropFirst() {
            let previous = figures[index - 1]
            guard text.sentence(at: previous.start) == text.sentence(at: figures[index].start) else { continue }
            // 立案1473起,同比下降16.8%(,环比下降11.6%): a change right after another figure of its
            // sentence is a change of the same thing; so is the end of a span (满意度从2020年的
            // 98.40%到2023年的99.46%, 从21个增至26个).
            let isChange = result[index] == nil && figures[index].change != nil
            let isSpanEnd = figures[index].start - previous.tailEnd <= 12
                && Self.spanEnds.contains { text.has($0, at: previous.tailEnd) || text.has($0, at: previous.tailEnd + 1) }
            if isChange || isSpanEnd { result[index] = result[index - 1] }
        }
        // 18户53名牧民: a figure right before another counts the same noun.
        for index in figures.indices.dropLast().reversed() where figures[index + 1].spanStart == figures[index].tailEnd {
            result[index] = result[index + 1]
        }
        // An age (58岁, 44歲) measures how old someone is, whoever the sentence is about.
        for index in figures.indices where figures[index].unit == "岁" || figures[index].unit == "周岁" {
            result[index] = "年龄"
        }
        return result
    }

    private func clauseStart(before offset: Int, previousFigureEnd: Int?) -> Int {
        var start = offset
        while start > 0, !CharacterClass.isClauseBreak(text[start - 1]) { start -= 1 }
        if let previous = previousFigureEnd, previous > start, previous <= offset {
            start = previous
            while start < offset, FigureFinder.separators.contains(text[start]) { start += 1 }
        }
        return start
    }

    /// Whether a figure at `offset` starts a span (从12项, 从最初的12项增至30项): it then closes its
    /// phrase, named before 从.
    private func startsSpan(at offset: Int, clauseStart: Int) -> Bool {
        guard offset > clauseStart else { return false }
        if text[offset - 1] == "从" { return true }
        guard text[offset - 1] == "的" else { return false }
        return (max(clauseStart, offset - 6)..<(offset - 1)).contains { text[$0] == "从" }
    }

    /// The subject of the clause after a duration written with 来 or 以来 (5年来,网格化管理不断深化 →
    /// 网格化管理): what has lasted that long. Nil when the clause has no adverb ending a short
    /// subject before the next figure.
    private func subjectAfterDuration(from start: Int, nextFigureStart: Int) -> String? {
        var lower = start
        if text.has("以来", at: lower) { lower += 2 } else if text[lower] == "来" { lower += 1 } else { return nil }
        if lower < text.count, CharacterClass.isClauseBreak(text[lower]), !CharacterClass.isSentenceEnd(text[lower]) { lower += 1 }
        let upperLimit = min(clauseEnd(after: lower), nextFigureStart)
        var stripped = true
        while stripped {
            stripped = false
            if let span = regionSpans.first(where: { $0.lowerBound == lower }) {
                lower = span.upperBound
                stripped = true
            }
            for word in Self.leading + Self.demonstratives where text.has(word, at: lower) {
                lower += word.unicodeScalars.count
                stripped = true
                break
            }
        }
        guard let end = (lower + 2..<max(lower + 2, upperLimit)).first(where: { offset in
            Self.subjectEnds.contains { text.has($0, at: offset) }
        }), end - lower <= 8 else { return nil }
        return clean(lower..<end)
    }

    private func clauseEnd(after offset: Int) -> Int {
        var end = offset
        while end < text.count, !CharacterClass.isClauseBreak(text[end]) { end += 1 }
        return end
    }

    /// The phrase after a copula that follows the figure (2600元属于燃气报警、改造等费用).
    private func complement(after start: Int, clauseEnd: Int) -> String? {
        for verb in Self.copulas where text.has(verb, at: start) {
            return clean((start + verb.unicodeScalars.count)..<clauseEnd)
        }
        return nil
    }

    /// The head noun of a relative clause after a figure: …等地的受害人.
    private func relativeHead(from start: Int) -> String? {
        let sentenceEnd = text.sentence(at: start).upperBound
        guard let of = (start..<sentenceEnd).first(where: { text[$0] == "的" }) else { return nil }
        return clean((of + 1)..<clauseEnd(after: of + 1))
    }

    /// Where a noun phrase starting at `start` ends: at the first of ``nounStops`` after its first
    /// character, or at `clauseEnd`.
    private func nounEnd(from start: Int, clauseEnd: Int) -> Int {
        let nounStopStarts = Self.nounStopStarts
        for offset in start..<clauseEnd
        where offset > start && nounStopStarts.contains(text[offset]) && Self.nounStops.contains(where: { text.has($0, at: offset) }) {
            if text[offset] == "获", Self.wordsEndingInHuo.contains(text[offset - 1]), !Self.wordsStartingWithHuo.contains(text[offset + 1]) { continue }
            return offset
        }
        return clauseEnd
    }

    /// The noun a duration describes through 的 later in its clause (横跨20余年、历经多次诉讼的房屋产权纠纷
    /// → 房屋产权纠纷), or nil.
    private func describedNoun(after start: Int) -> String? {
        var offset = start
        while offset < text.count, !CharacterClass.isClauseBreak(text[offset]) {
            if text[offset] == "的" { return clean((offset + 1)..<nounEnd(from: offset + 1, clauseEnd: clauseEnd(after: offset + 1))) }
            offset += 1
        }
        return nil
    }

    /// The noun phrase after a figure, or nil when the figure closes its phrase.
    private func following(from start: Int, clauseEnd: Int, nextFigureInClause: Bool) -> String? {
        guard start < clauseEnd else { return nil }
        let first = text[start]
        guard CharacterClass.isHan(first) || first == "“" else { return nil }
        for verb in Self.verbsAfter where text.has(verb, at: start) { return nil }
        for verb in Self.relativeVerbs where text.has(verb, at: start) { return relativeHead(from: start) }
        var phraseStart = start
        if first == "的" { phraseStart += 1 }
        for word in Self.secondClassifiers where text.has(word, at: phraseStart) && clauseEnd - phraseStart > word.unicodeScalars.count + 1
            && CharacterClass.isHan(text[phraseStart + word.unicodeScalars.count])
            && !FigureFinder.separators.contains(text[phraseStart + word.unicodeScalars.count]) {
            phraseStart += word.unicodeScalars.count
            if text[phraseStart] == "的" { phraseStart += 1 }
        }
        guard phraseStart < clauseEnd else { return nil }
        var end = nounEnd(from: phraseStart, clauseEnd: clauseEnd)
        // Before the next figure of the clause, the phrase ends at the last list separator.
        if nextFigureInClause, end == clauseEnd {
            var cut = end
            while cut > phraseStart, !FigureFinder.separators.contains(text[cut - 1]) { cut -= 1 }
            if cut > phraseStart { end = cut - 1 }
        }
        // 15人自驾游客团在行进至牧区时: a clause of time (在…时) is not part of the noun.
        if end - phraseStart > 3, let at = (phraseStart + 1..<end - 2).first(where: { text[$0] == "在" }),
           (at + 2..<end).contains(where: { text[$0] == "时" }) {
            end = at
        }
        var phrase = phraseStart..<end
        if let lastOf = (phrase).last(where: { text[$0] == "的" }), end - lastOf - 1 >= 2 {
            phrase = (lastOf + 1)..<end
        }
        // 11个部门及调解组织: the figure counts the first noun of a coordination.
        if phrase.count > 1, let and = (phrase.lowerBound + 1..<phrase.upperBound).first(where: isCoordination) {
            phrase = phrase.lowerBound..<and
        }
        for word in Self.collectiveSuffixes where text.has(word, endingAt: phrase.upperBound) && phrase.count > word.unicodeScalars.count {
            phrase = phrase.lowerBound..<(phrase.upperBound - word.unicodeScalars.count)
        }
        // 在25万平方公里的土地上: a place word closes the phrase, it is not what is measured.
        if phrase.count >= 3, ["上", "中", "内", "里"].contains(text[phrase.upperBound - 1]) {
            phrase = phrase.lowerBound..<(phrase.upperBound - 1)
        }
        // A noun after a measure word may be one character (10个村).
        return clean(phrase, minimum: 1)
    }

    /// Whether `offset` holds a conjunction joining nouns: 及, or 和 where it starts no word of its
    /// own (和解, 和谐) and ends none (调和, 温和).
    private func isCoordination(_ offset: Int) -> Bool {
        switch text[offset] {
        case "及": return true
        case "和": return !Self.wordsStartingWithHe.contains(text[offset + 1]) && !Self.wordsEndingInHe.contains(text[offset - 1])
        default: return false
        }
    }
    /// Second characters of words starting with 和 (和解, 和谐), and first characters of words ending in it (调和, 温和).
    static let wordsStartingWithHe: Set<Unicode.Scalar> = ["解", "谐", "平", "睦", "美", "顺", "气"]
    static let wordsEndingInHe: Set<Unicode.Scalar> = ["调", "温", "缓", "柔", "祥", "共", "总", "人", "饱"]

    /// The phrase before a figure, without its predicate.
    private func preceding(from start: Int, to end: Int) -> String? {
        var lower = start, upper = end
        var changed = true
        let trailingEnds = Self.trailingEnds
        while changed, upper > lower, trailingEnds.contains(text[upper - 1]) {
            changed = false
            for word in Self.trailing where text.has(word, endingAt: upper) && upper - word.unicodeScalars.count >= lower {
                upper -= word.unicodeScalars.count
                changed = true
                break
            }
        }
        // 在调解岗位上一干就是(20多年): the idiom of persisting (一干就是, 一守就是) is the predicate.
        if upper - lower > 4, text.has("就", endingAt: upper), text[upper - 3] == "一" { upper -= 3 }
        // 全省来信来访数相比2012年(下降67.3%): the base of the comparison is not what is counted.
        if let basis = comparisonStart(in: lower..<upper) { upper = basis }
        // 群众满意度从2020年的(98.40%到…): what is counted comes before the span's 从.
        // The same with a point of time and 的 (功能场所从最初的(21个增至…), 从原来的).
        if let from = (lower + 2..<max(lower + 2, upper)).first(where: { text[$0] == "从" && CharacterClass.isASCIIDigit(text[$0 + 1]) }) {
            upper = from
        } else if upper - lower > 3, text[end - 1] == "的",
                  let from = (max(lower + 2, upper - 5)..<upper).last(where: { text[$0] == "从" }) {
            upper = from
        }
        for word in Self.predicateStarts {
            let first = word.unicodeScalars.first!
            var offset = lower + 2
            while offset < upper {
                if text[offset] == first, text.has(word, at: offset) {
                    upper = offset
                    break
                }
                offset += 1
            }
        }
        // A year inside the phrase is a time adverbial: what is counted follows it (平台2023年共接警).
        var offset = upper - 3
        while offset > lower + 3 {
            if text[offset] == "年", (1...4).allSatisfy({ CharacterClass.isDigit(text[offset - $0]) }) {
                lower = offset + 1
                for word in ["共计", "共", "累计"] where text.has(word, at: lower) && upper - lower - word.unicodeScalars.count >= 2 {
                    lower += word.unicodeScalars.count
                    break
                }
                break
            }
            offset -= 1
        }
        for word in Self.leadWords {
            let first = word.unicodeScalars.first!
            var offset = upper - word.unicodeScalars.count - 2
            while offset >= lower {
                if text[offset] == first, text.has(word, at: offset) {
                    lower = offset + word.unicodeScalars.count
                    break
                }
                offset -= 1
            }
        }
        if let lastOf = (lower..<upper).last(where: { text[$0] == "的" }), upper - lastOf - 1 >= 2 {
            lower = lastOf + 1
        }
        // 市调解中心也受理行政争议: 也 starts the predicate; the subject before it is who.
        if let also = (lower + 2..<max(lower + 2, upper - 2)).last(where: { text[$0] == "也" && text[$0 + 1] != "许" }) {
            lower = also + 1
        }
        // 从事司法行政工作(30余年), 坐落在距边境线只有(7公里): the activity or the distance starts
        // the phrase, with its verb.
        for word in Self.activityStarts + ["距离", "距"] {
            if let at = (lower..<max(lower, upper - word.unicodeScalars.count - 1)).last(where: { text.has(word, at: $0) }),
               !text.has("距今", at: at) {
                lower = at
                break
            }
        }
        // “今日巡逻边境线(24公里): an opening quote that closes after the figure.
        if lower < upper - 2, ["“", "「", "『", "\""].contains(text[lower]), !(lower + 1..<upper).contains(where: { ["”", "」", "』", "\""].contains(text[$0]) }) {
            lower += 1
        }
        // A region that opens the phrase is its subject, not what is counted; a period that opens
        // it (今年1—7月, 6月份) is when.
        var stripped = true
        while stripped {
            stripped = false
            if let end = periodEnd(from: lower), end < upper - 1 {
                lower = end
                stripped = true
            }
            if let span = regionSpans.first(where: { $0.lowerBound == lower }), span.upperBound < upper - 1 {
                lower = span.upperBound
                // 包头市公安局接报盗窃警情: the region's agency is the subject too.
                if let agency = Self.agencies.first(where: { text.has($0, at: lower) }), lower + agency.unicodeScalars.count < upper - 1 {
                    lower += agency.unicodeScalars.count
                }
                // 科尔沁区、开鲁县两地: the list of places and its count go too.
                while lower < upper - 2, FigureFinder.separators.contains(text[lower]) { lower += 1 }
                for word in ["两地", "三地", "各地", "两级", "三级"] where text.has(word, at: lower) && lower + 2 < upper - 1 { lower += 2 }
                stripped = true
            }
            for word in Self.leading where text.has(word, at: lower) && lower + word.unicodeScalars.count < upper - 1 {
                lower += word.unicodeScalars.count
                stripped = true
                break
            }
        }
        // (老张)在人民调解岗位上(一干就是…): where, as a role.
        if upper - lower > 4, ["上", "中", "里"].contains(text[upper - 1]),
           let at = (lower..<upper - 3).last(where: { text[$0] == "在" }) {
            lower = at + 1
            upper -= 1
        }
        // 工作室平均每年化解矛盾纠纷: the frequency starts what is counted, in its short form.
        var frequency: (written: String, label: String)?
        let frequencyStarts = Self.frequencyStarts
        if let (at, found) = (lower..<upper).lazy.filter({ frequencyStarts.contains(text[$0]) }).compactMap({ offset in
            Self.frequencies.first { text.has($0.written, at: offset) }.map { (offset, $0) }
        }).first, upper - at > found.written.unicodeScalars.count + 1 {
            lower = at
            frequency = found
        }
        // 环比5月(下降11.6%): only the basis of a change; what changed is named before it.
        if ["同比", "环比"].contains(where: { text.has($0, at: lower) }) { return nil }
        guard let phrase = clean(lower..<upper) else { return nil }
        if let frequency, phrase.hasPrefix(frequency.written) {
            return frequency.label + phrase.dropFirst(frequency.written.count)
        }
        return phrase
    }

    /// Where a comparison with a base year starts inside `range` (相比2012年, 与2014年相比, 比2019年,
    /// 较2020年), when it ends the range; or nil.
    private func comparisonStart(in range: Range<Int>) -> Int? {
        guard range.count > 6, text[range.upperBound - 1] == "年" || text.has("相比", endingAt: range.upperBound)
            || text.has("相较", endingAt: range.upperBound) else { return nil }
        var offset = range.upperBound - 1
        while offset > range.lowerBound + 2 {
            for word in ["相比", "相较", "与", "比", "较"] where text.has(word, at: offset) {
                let afterWord = offset + word.unicodeScalars.count
                if (0..<4).allSatisfy({ CharacterClass.isASCIIDigit(text[afterWord + $0]) }), text[afterWord + 4] == "年" {
                    return text[offset - 1] == "相" ? offset - 1 : offset
                }
            }
            offset -= 1
        }
        return nil
    }

    /// The end of a period written at `start` (今年1—7月, 6月份, 1-7月, 上半年), or nil.
    private func periodEnd(from start: Int) -> Int? {
        var offset = start
        for word in ["今年", "去年", "本年", "当年"] where text.has(word, at: offset) {
            offset += 2
            break
        }
        for word in ["上半年", "下半年"] where text.has(word, at: offset) { return offset + 3 }
        let digitsStart = offset
        while CharacterClass.isASCIIDigit(text[offset]) { offset += 1 }
        guard offset > digitsStart else { return nil }
        if ["—", "-", "–", "~", "～", "至"].contains(text[offset]), CharacterClass.isASCIIDigit(text[offset + 1]) {
            offset += 1
            while CharacterClass.isASCIIDigit(text[offset]) { offset += 1 }
        }
        guard text[offset] == "月" else { return nil }
        offset += 1
        if text[offset] == "份" { offset += 1 }
        return offset
    }

    /// Trims spaces and list punctuation; unwraps a phrase that is one quotation.
    private func clean(_ range: Range<Int>, minimum: Int = 2) -> String? {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, [" ", "、", "　"].contains(text[lower]) { lower += 1 }
        while upper > lower, [" ", "、", "　"].contains(text[upper - 1]) { upper -= 1 }
        if upper - lower >= 4, text[lower] == "“", text[upper - 1] == "”",
           !(lower + 1..<upper - 1).contains(where: { text[$0] == "“" || text[$0] == "”" }) {
            lower += 1
            upper -= 1
        }
        guard upper - lower >= minimum else { return nil }
        let phrase = Self.withoutFillers(text.string(lower..<upper))
        return phrase.unicodeScalars.contains(where: CharacterClass.isHan) ? phrase : nil
    }

    /// Words that say nothing about what is counted: quantifiers of kind (化解各类矛盾纠纷 →
    /// 化解矛盾纠纷), quote marks around a name (依托“护边驿站”破获案件), the aspect particle
    /// 了 after a verb (调解了民间纠纷; 了解 and 为了 keep theirs), and 同比/环比 inside a phrase.
    static func withoutFillers(_ phrase: String) -> String {
        guard phrase.unicodeScalars.contains(where: { fillerStarts.contains($0) }) else { return phrase }
        var scalars = abbreviated(Array(phrase.unicodeScalars))
        var kept: [Unicode.Scalar] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if index == 0 || CharacterClass.isHan(scalars[index - 1]), index + 1 < scalars.count, scalar == "各",
               ["类", "种", "项"].contains(scalars[index + 1]), scalars.count - index > 3 {
                index += 2
                continue
            }
            if scalar == "“" || scalar == "”" {
                index += 1
                continue
            }
            // 东凤镇同比发案(下降): the basis of a change inside the phrase is not what changed.
            if scalar == "同" || scalar == "环", index > 0, index + 2 < scalars.count, scalars[index + 1] == "比",
               CharacterClass.isHan(scalars[index + 2]) {
                index += 2
                continue
            }
            // 各级调解组织共受理矛盾纠纷: a total marker (公共, 共建, 共享, 共同 … are words).
            if scalar == "共", index > 0, index + 1 < scalars.count, CharacterClass.isHan(scalars[index - 1]), scalars[index - 1] != "公",
               !Self.wordsAfterGong.contains(scalars[index + 1]) {
                index += 1
                continue
            }
            if scalar == "了", index > 0, index + 1 < scalars.count, CharacterClass.isHan(scalars[index - 1]),
               CharacterClass.isHan(scalars[index + 1]), scalars[index - 1] != "为", scalars[index + 1] != "解" {
                index += 1
                continue
            }
            kept.append(scalar)
            index += 1
        }
        scalars = kept
        return String(String.UnicodeScalarView(scalars))
    }

    static let fillerStarts: Set<Unicode.Scalar> = ["各", "“", "”", "了", "共", "(", "（", "同", "环"]

    /// Introductions of an abbreviation in brackets (县级社会矛盾纠纷调处化解中心(下称县级矛调中心)).
    static let abbreviationMarks = ["下称", "以下简称", "简称", "以下称"]

    /// `scalars` with a name and the abbreviation bracketed after it (X(下称Y)…) written as the
    /// abbreviation (Y…): the name the article uses from there on.
    static func abbreviated(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard let open = scalars.firstIndex(where: { $0 == "(" || $0 == "（" }),
              let close = scalars[open...].firstIndex(where: { $0 == ")" || $0 == "）" }) else { return scalars }
        let inside = String(String.UnicodeScalarView(scalars[(open + 1)..<close]))
        guard let mark = abbreviationMarks.first(where: { inside.hasPrefix($0) }) else { return scalars }
        return Array(inside.unicodeScalars.dropFirst(mark.unicodeScalars.count)) + scalars[(close + 1)...]
    }
    /// Characters that make a word with 共 before them (共建, 共享, 共治, 共同, 共产, 共青团, 共和, 共识).
    static let wordsAfterGong: Set<Unicode.Scalar> = ["建", "享", "治", "同", "产", "青", "和", "识", "商", "用", "性", "计"]

    /// Splits a list phrase among `count` figures (侵财、盗窃案件 → 侵财案件, 盗窃案件), or nil.
    private func share(_ phrase: String, count: Int) -> [String]? {
        var items: [String] = []
        var current = ""
        var depth = 0
        for character in phrase {
            if character == "“" { depth += 1 }
            if character == "”" { depth -= 1 }
            if depth == 0, character == "、" || character == "和" || character == "及" {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        items = items.filter { !$0.isEmpty }
        guard items.count == count, let last = items.last, last.count >= 3 else { return nil }
        // A short item borrows the head noun of the last one (侵财 + 案件).
        let head = String(last.suffix(2))
        return items.map { $0.count <= 2 && !$0.hasSuffix(head) ? $0 + head : $0 }
    }
}
