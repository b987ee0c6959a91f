import ZhiliText
import ZhiliCore
import ZhiliSegment

/// A quantity found in the text, before metric, region and indicator are attached.
struct FigureHit {
    /// Start of the number.
    var start: Int
    /// Start of the surface text: a qualifier written right before the number belongs to it
    /// (`超90%`, `近735公里`).
    var spanStart: Int
    /// End of the surface text (the unit, or a trailing `(件)`).
    var end: Int
    /// End including a qualifier written after the unit (`90%以上`).
    var tailEnd: Int
    var value: Double
    var valueMax: Double?
    var unit: String?
    var qualifier: String?
    var change: ChangeDirection?
    var basis: ChangeBasis?
    /// Index of the first figure of the list this one belongs to (`34%、32%`).
    var chainHead: Int
}

/// Finds every quantity in an article's body: a number (through ``ZhiliSegment/NumberReader``)
/// with a unit, measure word or percent sign, or one sharing the unit of the next number
/// (`分别低8.96和7.86个百分点`).
///
/// Not figures: years, dates and times (no unit follows), ordinals (第八个), codes and phone
/// numbers (no unit), lone Chinese numerals (五个旗县, 三方人员), numbers in 《titles》, inside
/// program names (乌海24小时警局) or next to × (7×24小时).
struct FigureFinder {
    static let separators: Set<Unicode.Scalar> = ["、", "和", "及", "与"]

    /// Figures of `text` in order, and the years (offset, year) it states.
    func figures(in text: ArticleText, excluded: [Range<Int>]) -> (figures: [FigureHit], years: [(Int, Int)]) {
        var hits: [FigureHit] = []
        var years: [(Int, Int)] = []
        let numberStarts = Self.numberStarts
        text.scalars.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let scalar = buffer[index]
                guard numberStarts.contains(scalar), !Self.continuesNumber(index > 0 ? buffer[index - 1] : " ") else {
                    index += 1
                    continue
                }
                guard let number = NumberReader.read(buffer, at: index) else {
                    index += 1
                    continue
                }
                let next = max(index + 1, number.end)
                defer { index = next }
                // Years: 2022年, 二〇二三年.
                if text[number.end] == "年", number.valueMax == nil, number.flags.isDisjoint(with: [.percent, .decimal, .multiplier]),
                   number.value >= 1900, number.value <= 2100, number.end - number.start == 4 {
                    years.append((number.start, Int(number.value)))
                    continue
                }
                if number.isNeverQuantity || number.isSingleChineseCharacter || number.flags.contains(.digitSequence) { continue }
                let before = text[number.start - 1]
                if before == "×" || before == "*" || before == "＊" || text[number.end] == "×" { continue }
                if before.isASCII, before.properties.isAlphabetic { continue }
                if excluded.contains(where: { $0.contains(number.start) }) { continue }
                let hit = read(number, in: text, buffer: buffer)
                if Self.isPerCapitaBase(hit, in: text) { continue }
                hits.append(hit)
            }
        }
        return (Self.resolveSharedUnits(hits, text: text), years)
    }

    /// Characters that make a word with 成 (成立, 成为, 成员, 成效 …): 成 is then no unit.
    static let wordsWithCheng: Set<Unicode.Scalar> = ["立", "为", "员", "功", "效", "本", "果", "绩", "交", "熟", "长", "都", "就", "型", "年", "人", "品", "分", "全"]

    /// Whether a count of people is the base of a rate written after it (十万人命案发案率,
    /// 万人发案率): the rate is the statistic, the people are its denominator.
    static func isPerCapitaBase(_ hit: FigureHit, in text: ArticleText) -> Bool {
        guard hit.unit == "人" || hit.unit == "人口" else { return false }
        var offset = hit.tailEnd
        while offset < text.count, offset - hit.tailEnd < 8, CharacterClass.isHan(text[offset]) {
            if text[offset] == "率" { return true }
            offset += 1
        }
        return false
    }

    /// The scalars a number may start with: digits, Chinese and financial numerals.
    static let numberStarts = ScalarSet(
        "0123456789０１２３４５６７８９一二两三四五六七八九十百零〇壹贰叁肆伍陆柒捌玖拾".unicodeScalars)

    /// Whether a number starting after `scalar` would only be the tail of another (1.5, 3,000).
    @inline(__always)
    static func continuesNumber(_ scalar: Unicode.Scalar) -> Bool {
        CharacterClass.isDigit(scalar) || scalar == "." || scalar == "．"
    }

    /// Unit, qualifiers and change of one number.
    private func read(_ number: NumberExpression, in text: ArticleText, buffer: UnsafeBufferPointer<Unicode.Scalar>) -> FigureHit {
        var unit: String?
        var end = number.end
        if number.flags.contains(.percentagePoints) {
            unit = "个百分点"
        } else if number.flags.contains(.percent) {
            unit = "%"
        } else if number.flags.contains(.perMille) {
            unit = "‰"
        } else if Self.isDurationInYears(number, in: text) {
            unit = MeasureWords.year
            end = number.end + 1
        } else if let match = MeasureWords.unit(in: buffer, at: number.end) {
            unit = match.unit
            end = match.end
            // 2500份(件): an alternative unit in brackets belongs to the figure.
            let open = text[end]
            if open == "(" || open == "（", let alternative = MeasureWords.unit(in: buffer, at: end + 1),
               text[alternative.end] == ")" || text[alternative.end] == "）" {
                end = alternative.end + 1
                // 2100人(次): the bracket completes the unit (人次) when the two make one.
                let compound = match.unit + alternative.unit
                if MeasureWords.all.contains(where: { $0.word == compound }) { unit = compound }
            }
            // 3成 is three tenths; 成立, 成为, 成员 … are words.
            if unit == "成", Self.wordsWithCheng.contains(text[end]) { unit = nil; end = number.end }
        }
        var qualifier = number.qualifier?.rawValue
        var tailEnd = end
        if unit != nil {
            for word in ["以上", "以下", "左右"] where text.has(word, at: end) {
                if qualifier == nil { qualifier = word }
                tailEnd = end + word.unicodeScalars.count
                break
            }
        }
        var spanStart = number.start
        if qualifier == nil {
            for word in FigureQualifier.before where text.has(word, endingAt: number.start) {
                qualifier = word
                spanStart = number.start - word.unicodeScalars.count
                break
            }
        }
        return FigureHit(
            start: number.start, spanStart: spanStart, end: end, tailEnd: tailEnd, value: number.value, valueMax: number.valueMax,
            unit: unit, qualifier: qualifier, change: nil, basis: nil, chainHead: 0)
    }

    /// Whether `number` followed by 年 counts years (`22年`, `20余年`, `连续9年`, `24年来`, `20年前`)
    /// rather than naming one: a whole number of one or two Arabic digits, with 年 not starting a
    /// date or period word (`24年底`, `23年度`, `90年代`, `3年级`, `24年1月`).
    static func isDurationInYears(_ number: NumberExpression, in text: ArticleText) -> Bool {
        guard text[number.end] == "年", number.valueMax == nil, number.value >= 1, number.value < 100,
              number.flags.isDisjoint(with: [.percent, .decimal, .multiplier]), CharacterClass.isASCIIDigit(text[number.start])
        else { return false }
        let digits = (number.start..<number.end).prefix { CharacterClass.isASCIIDigit(text[$0]) }.count
        guard digits <= 2 else { return false }
        switch text[number.end + 1] {
        case "度", "代", "级", "底", "初", "末", "中", "份", "月", "春", "夏", "秋", "冬": return false
        default: return !CharacterClass.isDigit(text[number.end + 1])
        }
    }

    /// Gives a unitless number the unit of the next one in its list, drops the rest,
    /// links lists into chains and reads their 同比/环比 change.
    static func resolveSharedUnits(_ raw: [FigureHit], text: ArticleText) -> [FigureHit] {
        var hits = raw
        if hits.count > 1 {
            for index in stride(from: hits.count - 2, through: 0, by: -1) where hits[index].unit == nil {
                let gap = hits[index].end..<hits[index + 1].start
                if gap.count == 1, separators.contains(text[gap.lowerBound]), hits[index + 1].unit != nil {
                    hits[index].unit = hits[index + 1].unit
                }
            }
        }
        hits.removeAll { $0.unit == nil }
        for index in hits.indices {
            hits[index].chainHead = index
            if index > 0 {
                let gap = hits[index - 1].tailEnd..<hits[index].start
                if gap.count == 1, separators.contains(text[gap.lowerBound]) {
                    hits[index].chainHead = hits[index - 1].chainHead
                }
            }
        }
        for index in hits.indices where hits[index].chainHead == index {
            let (change, basis) = Self.change(before: hits[index].start, in: text)
            hits[index].change = change
            hits[index].basis = basis
        }
        for index in hits.indices where hits[index].chainHead != index {
            hits[index].change = hits[hits[index].chainHead].change
            hits[index].basis = hits[hits[index].chainHead].basis
        }
        return hits
    }

    /// The change word right before `offset` (下降31.7%, 同比分别下降, 上升了, 涨幅达12%, bare 降 in a
    /// headline) and what the change is measured against, looked for before the change word in
    /// its sentence (``basis(before:in:)``). A level reached (提升至95%, 保持在96%) has no change word
    /// right before its number and so no change.
    static func change(before offset: Int, in text: ArticleText) -> (ChangeDirection?, ChangeBasis?) {
        var end = offset
        // Skip a qualifier and fillers between the change word and the number.
        for word in FigureQualifier.before where text.has(word, endingAt: end) {
            end -= word.unicodeScalars.count
            break
        }
        for filler in ["了", "分别", "均"] where text.has(filler, endingAt: end) { end -= filler.unicodeScalars.count }
        // A growth noun may take a copula before its number (涨幅达12%, 降幅为20%).
        var rateEnd = end
        for copula in ["达到", "达", "为", "是"] where text.has(copula, endingAt: end) {
            rateEnd = end - copula.unicodeScalars.count
            break
        }
        var found: (word: String, direction: ChangeDirection)?
        for (words, direction) in [(changeUp, ChangeDirection.上升), (changeDown, .下降)] {
            for word in words where text.has(word, endingAt: end) && word.unicodeScalars.count > (found?.word.unicodeScalars.count ?? 0) {
                found = (word, direction)
            }
        }
        for (words, direction) in [(rateUp, ChangeDirection.上升), (rateDown, .下降)] {
            for word in words where found == nil && (text.has(word, endingAt: rateEnd) || text.has(word, endingAt: end)) {
                found = (word, direction)
                end = text.has(word, endingAt: end) ? end : rateEnd
            }
        }
        guard let found else { return (nil, nil) }
        return (found.direction, basis(before: end - found.word.unicodeScalars.count, in: text))
    }

    /// Words that report a rise or a fall right before the number, longest taken.
    static let changeUp = ["上升", "增长", "提高", "增加", "提升", "上涨", "攀升", "升", "涨"]
    static let changeDown = ["下降", "减少", "降低", "下滑", "回落", "降"]
    /// Growth nouns, which may take 达/为 before the number (涨幅达12%).
    static let rateUp = ["涨幅", "增幅", "增速", "升幅"]
    static let rateDown = ["降幅", "减幅", "跌幅"]

    /// What the change word at `wordStart` compares with, looked for leftwards within its
    /// sentence (a change clause may follow the one naming the basis: 同比增加3起，分别上升20%):
    /// 同比/环比, 较上年/比去年 (同比), 较上月/比上季度 (环比), or a base year after 比, 较, 与, 同 or
    /// before 相比 (比2019年, 与2014年相比, 相比2012年).
    static func basis(before wordStart: Int, in text: ArticleText) -> ChangeBasis? {
        let sentence = text.sentence(at: max(0, wordStart - 1))
        var position = wordStart
        while position > sentence.lowerBound, wordStart - position <= 40 {
            if text.has("同比", endingAt: position) { return .同比 }
            if text.has("环比", endingAt: position) { return .环比 }
            for word in ["较上年", "比上年", "较去年", "比去年", "同期"] where text.has(word, endingAt: position) { return .同比 }
            for word in ["较上月", "比上月", "较上季度", "比上季度"] where text.has(word, endingAt: position) { return .环比 }
            if text[position - 1] == "年", let year = Self.baseYear(endingAt: position - 1, in: text) { return year }
            position -= 1
        }
        return nil
    }

    /// The year written as four digits ending at `end` (before 年), when a comparison marks it as
    /// a base: 比/较/与/同/相比 right before it, or 相比/相较 right after its 年.
    private static func baseYear(endingAt end: Int, in text: ArticleText) -> ChangeBasis? {
        let start = end - 4
        guard start >= 0, (start..<end).allSatisfy({ CharacterClass.isASCIIDigit(text[$0]) }),
              !CharacterClass.isDigit(text[start - 1]), let year = Int(text.string(start..<end)) else { return nil }
        let marked = ["比", "较", "与", "同", "相比", "相较", "对比"].contains { text.has($0, endingAt: start) }
            || ["相比", "相较"].contains { text.has($0, at: end + 1) }
        return marked ? ChangeBasis.baseYear(year) : nil
    }
}
