import ZhiliCore

/// Units and measure words a figure may end with, and the kind each one makes.
enum FigureUnits {
    /// Measure words for counts.
    static let counts = [
        "个", "人", "名", "位", "件", "起", "条", "项", "次", "人次", "家次", "户次", "户", "家", "处", "份", "所",
        "座", "支", "批", "宗", "篇", "册", "本", "张", "间", "台", "辆", "套", "场", "场次", "期", "类", "组",
        "只", "头", "株", "棵", "例", "笔", "栋", "幢", "大项", "小项",
    ]
    /// Money.
    static let money = ["元"]
    /// Physical measures and durations.
    static let measures = [
        "平米", "平方米", "平方公里", "公里", "千米", "米", "亩", "公顷", "吨", "千克", "公斤", "小时", "天",
        "分钟", "个月", "周岁", "岁",
    ]

    static let all = counts + money + measures
    static let trie = ScalarTrie(words: all)

    /// The unit at `offset` in `buffer` (longest match) with its end, or nil.
    static func unit(in buffer: UnsafeBufferPointer<Unicode.Scalar>, at offset: Int) -> (unit: String, end: Int)? {
        guard let match = trie.longestMatch(in: buffer, from: offset) else { return nil }
        return (all[match.payload], match.end)
    }

    /// The kind of figure a unit makes.
    static func kind(of unit: String) -> FigureKind {
        switch unit {
        case "%", "‰": return .percent
        case "个百分点": return .points
        case "元": return .money
        default: return measureSet.contains(unit) ? .measure : .count
        }
    }

    private static let measureSet = Set(measures)
}
