import Testing
@testable import ZhiliIngest

@Suite struct ColumnJoinerTests {
    static func lines(_ text: String) -> [SourceLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, raw in
            SourceLine(String(raw).trimmingCharacters(in: .whitespaces), indent: raw.prefix(while: { $0 == " " }).count, number: index + 1)
        }
    }

    @Test(arguments: [
        // Narrow columns, joined; a final 。 inside the block does not break it.
        ("筑牢祖\n国北疆安全\n稳定屏障，\n是内蒙古必\n须履行好的\n光荣使命。\n近年来，乌\n海市把铸牢", ["筑牢祖国北疆安全稳定屏障，是内蒙古必须履行好的光荣使命。近年来，乌海市把铸牢"]),
        // An indented line starts a new paragraph inside a wrapped block.
        ("截至目前，乌海市公安系统代办165件信访事项，矛盾\n情，达到“调处一件纠纷，留下一片和谐”的社会效果。\n 实行“12345”和“110”两线联动，市民只需拨打\n“12345”就能在市域内获得全方位服务；", ["截至目前，乌海市公安系统代办165件信访事项，矛盾情，达到“调处一件纠纷，留下一片和谐”的社会效果。", "实行“12345”和“110”两线联动，市民只需拨打“12345”就能在市域内获得全方位服务；"]),
        // A heading broken by a narrow column at its space: the space opens the next line,
        // which is no indent (the line before does not end a sentence); two spaces are one.
        ("\u{20}\u{20}深化基层治理\n 筑牢社会安\n全屏障\n\u{20}\u{20}“老李,您看\n我这个事情怎\n么解决。”", ["深化基层治理 筑牢社会安全屏障", "“老李,您看我这个事情怎么解决。”"]),
        // Justification spaces left in a line do not widen the column: the heading's halves stay one.
        ("\u{20}\u{20}安全生产重于\n山毫不懈怠\n促发展\n\u{20}\u{20}近日，笔者走\n进平台（O D R\n了解情况。", ["安全生产重于山毫不懈怠促发展", "近日，笔者走进平台（O D R了解情况。"]),
        // A headline set on two lines is joined with a space.
        ("“两全”代办解民忧\n服务群众“零距离”", ["“两全”代办解民忧 服务群众“零距离”"]),
        // Blank lines separate paragraphs; headings and list items survive.
        ("深化基层治理 筑牢社会安全屏障\n\n“老李,您看我这个事情怎么解决。”\n\n1. 建章立制。\n2. 排查摸底。", ["深化基层治理 筑牢社会安全屏障", "“老李,您看我这个事情怎么解决。”", "1. 建章立制。", "2. 排查摸底。"]),
        // One paragraph per line stays one paragraph per line.
        ("第一段结束了。\n第二段也结束了。\n第三段。", ["第一段结束了。", "第二段也结束了。", "第三段。"]),
        // A heading line right above its paragraph, with no blank line between.
        ("第一部分\n筑牢祖国北疆安全稳定屏障，是内蒙古必须履行好的重大责任和光荣使命，\n乌海市把铸牢中华民族共同体意识作为各项工作的主线。", ["第一部分", "筑牢祖国北疆安全稳定屏障，是内蒙古必须履行好的重大责任和光荣使命，乌海市把铸牢中华民族共同体意识作为各项工作的主线。"]),
        // A short last line of a paragraph inside a wrapped block ends it.
        ("乌海市坚持和发展新时代“枫桥经验”，打造专业性行业性调解\n组织39个，成效明显。\n全市矛盾纠纷化解率始终保持在96%以上，群众安\n全感和满意度连续三年保持在98%以上。", ["乌海市坚持和发展新时代“枫桥经验”，打造专业性行业性调解组织39个，成效明显。", "全市矛盾纠纷化解率始终保持在96%以上，群众安全感和满意度连续三年保持在98%以上。"]),
        // English words broken by a column get their space back.
        ("Inner Mongolia Daily is a news\npaper of the region and it has\nmany readers", ["Inner Mongolia Daily is a news paper of the region and it has many readers"]),
    ])
    func joinsColumns(text: String, expected: [String]) {
        #expect(ColumnJoiner().paragraphs(from: Self.lines(text)).map(\.text) == expected)
    }

    @Test func countsBlankLinesBeforeEachParagraph() {
        let paragraphs = ColumnJoiner().paragraphs(from: Self.lines("甲。\n\n\n\n乙。\n丙。"))
        #expect(paragraphs.map(\.gapBefore) == [0, 3, 0])
        #expect(paragraphs.map(\.lines) == [1...1, 5...5, 6...6])
    }

    /// A removed line (an empty line without a number) ends a block but is no blank line.
    @Test func removedLinesAreNoGap() {
        var lines = Self.lines("甲。\n\n\n乙。")
        lines[1] = SourceLine("")
        let paragraphs = ColumnJoiner().paragraphs(from: lines)
        #expect(paragraphs.map(\.gapBefore) == [0, 1])
    }
}
