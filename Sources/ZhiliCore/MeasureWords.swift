import ZhiliText

/// The one table of units and measure words that turn a number into a figure (`2000余起`,
/// `23700人`, `384.5万元`, `3个工作日`), read by both the segmenter (a figure is one token) and
/// the extractor (a figure's unit and kind). Add a measure word here and both stages know it.
///
/// Dates and clock times (年, 月, 日, 时) are deliberately absent: `2023年` stays a number.
public enum MeasureWords {
    /// Measure words of counted things, by the kind of figure they make.
    static let counts = """
        个 人 名 位 户 家 件 起 宗 次 项 处 所 条 场 支 座 台 辆 套 份 篇 期 批 类 种 队 组 村 镇 乡 街 片 栋 幢 间 张 本 册 部 \
        只 头 块 根 棵 株 盏 例 笔 轮 遍 倍 通 路 架 部门 发 枚 颗 艘 \
        人次 户次 件次 家次 起次 批次 架次 车次 场次 大项 小项
        """
    /// Money.
    static let money = "元 美元 欧元 港元 块钱"
    /// Percentage points.
    static let points = "个百分点 百分点"
    /// Lengths, areas, weights, energy, ages and durations.
    static let measures = """
        成 公里 千米 米 厘米 平米 平方米 平方公里 平方千米 亩 公顷 吨 千克 公斤 克 斤 升 立方米 千瓦 千瓦时 度 \
        岁 周岁 小时 分钟 秒 天 周 个月 个工作日 工作日 学时
        """
    /// Measure words safe after a lone Chinese numeral (两个, 一次, 三项): others, such as 起 in
    /// 一起 or 部 in 一部分, make words with it.
    static let afterLoneNumeralWords = """
        个 名 位 户 件 次 项 处 所 条 场 支 座 台 辆 套 份 篇 批 类 种 人次 个百分点 倍 岁 公里 平方公里 亩 吨 小时 天 个月 轮
        """

    /// 年 after a small number is a duration (`22年`, `20余年`, `连续9年`, `24年来`); after a
    /// four-digit number it is a date (`2023年`), so it is not in ``all``: the extractor decides
    /// by the number before it.
    public static let year = "年"

    /// Every measure word with the kind of figure it makes, in table order.
    public static let all: [(word: String, kind: FigureKind)] =
        words(counts, .count) + words(money, .money) + words(points, .points) + words(measures, .measure)

    /// The measure words safe after a lone Chinese numeral.
    public static let afterLoneNumeral: [String] = afterLoneNumeralWords.split(separator: " ").map(String.init)

    /// Every measure word as a trie (payload: its index in ``all``), for the segmenter's figure
    /// tokens and the extractor's figure units.
    public static let trie = WordTrie(words: all.map(\.word))

    /// The measure words safe after a lone Chinese numeral as a trie.
    public static let afterLoneNumeralTrie = WordTrie(words: afterLoneNumeral)

    /// The longest measure word that starts at `offset` in `scalars`, with its end, or nil.
    public static func unit(in scalars: UnsafeBufferPointer<Unicode.Scalar>, at offset: Int) -> (unit: String, end: Int)? {
        guard let match = trie.longestMatch(in: scalars, from: offset) else { return nil }
        return (all[match.payload].word, match.end)
    }

    /// The kind of figure `unit` makes: percent for `%` and `‰`, the table's kind for a measure
    /// word, count for anything else.
    public static func kind(of unit: String) -> FigureKind {
        if unit == "%" || unit == "‰" { return .percent }
        return kinds[unit] ?? .count
    }

    private static let kinds = Dictionary(all.map { ($0.word, $0.kind) } + [(year, .measure)], uniquingKeysWith: { first, _ in first })

    private static func words(_ list: String, _ kind: FigureKind) -> [(word: String, kind: FigureKind)] {
        list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { (String($0), kind) }
    }
}
