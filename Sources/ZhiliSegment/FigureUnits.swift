/// Units and measure words that turn a number into a figure (`2000余起`, `23700人`, `384.5万元`).
///
/// Dates and times (年, 月, 日, 时) are deliberately absent: `2023年` stays a number.
enum FigureUnits {
    /// Units after any number, longest first within a shared prefix.
    static let all: [String] = [
        "个百分点", "百分点", "人次", "户次", "件次", "架次", "车次", "个", "人", "名", "位", "户", "家", "件", "起",
        "宗", "次", "项", "处", "所", "条", "场", "支", "座", "台", "辆", "套", "份", "篇", "期", "批", "类", "种", "队",
        "组", "村", "镇", "乡", "街", "片", "栋", "间", "张", "本", "册", "部", "只", "头", "块", "根", "棵", "株", "盏",
        "元", "美元", "欧元", "港元", "块钱", "倍", "岁", "周岁", "公里", "千米", "米", "厘米", "平方米", "平方公里",
        "平方千米", "亩", "公顷", "吨", "千克", "公斤", "克", "斤", "升", "立方米", "千瓦", "千瓦时", "度", "小时", "分钟",
        "秒", "天", "周", "个月", "轮", "遍",
    ]

    /// Measure words safe after a lone Chinese numeral (两个, 一次, 三项): others, such as 起 in
    /// 一起 or 线 in 一线, make words with it.
    static let afterLoneNumeral: [String] = [
        "个", "名", "位", "户", "件", "次", "项", "处", "所", "条", "场", "支", "座", "台", "辆", "套", "份", "篇",
        "批", "类", "种", "人次", "个百分点", "倍", "岁", "公里", "平方公里", "亩", "吨", "小时", "天", "个月", "轮",
    ]

    /// A trie of ``all``.
    static let trie: LexiconTrie = build(all)
    /// A trie of ``afterLoneNumeral``.
    static let loneTrie: LexiconTrie = build(afterLoneNumeral)

    private static func build(_ units: [String]) -> LexiconTrie {
        var trie = LexiconTrie()
        for (index, unit) in units.enumerated() {
            if let node = trie.insert(unit.utf16) { trie.setWord(node, entry: Int32(index), logFrequency: 0) }
        }
        return trie
    }
}

extension LexiconTrie {
    /// The end of the longest word of the trie that starts at `start` in `text`, or nil.
    ///
    /// - Complexity: O(k) in the length k of the longest word.
    @inline(__always)
    func longestMatch(in text: UnsafeBufferPointer<UInt16>, from start: Int) -> Int? {
        withView { trie in
            var node = LexiconTrie.root
            var index = start
            var best: Int?
            while index < text.count {
                let cursor = trie.step(node, text[index])
                if cursor < 0 { break }
                index += 1
                if LexiconTrie.isWord(cursor) { best = index }
                node = LexiconTrie.node(cursor)
            }
            return best
        }
    }
}
