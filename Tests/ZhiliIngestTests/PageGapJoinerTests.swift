import Testing
@testable import ZhiliIngest

@Suite struct PageGapJoinerTests {
    @Test(arguments: [
        (["向居民们分发了宣传单,并现场讲解电力保护法", "律法规,受到了群众的交口称赞。"], ["向居民们分发了宣传单,并现场讲解电力保护法律法规,受到了群众的交口称赞。"]),
        (["今年，乌海市采取最坚决的态度、最有力的措施、最", "严格的要求，扎实开展专项整治。"], ["今年，乌海市采取最坚决的态度、最有力的措施、最严格的要求，扎实开展专项整治。"]),
        (["区矛盾纠纷多元化解中心运行一年以来,共受理诉前调解案", "件12446件,处置完毕10870件。"], ["区矛盾纠纷多元化解中心运行一年以来,共受理诉前调解案件12446件,处置完毕10870件。"]),
    ])
    func joinsBrokenSentences(paragraphs: [String], expected: [String]) {
        #expect(PageGapJoiner().join(paragraphs.map { Paragraph($0) }).map(\.text) == expected)
    }

    @Test(arguments: [
        ["第一段结束了。", "第二段。"],
        ["深化基层治理 筑牢社会安全屏障", "“老李,您看我这个事情怎么解决。”"],
        ["打出了一系列“组合拳”,具体如下:", "一是建章立制,防患未然。"],
        ["工作分三步进行,包括", "1. 建章立制。"],
        ["他说:“好。”", "延伸社会治理触角"],
        ["一、强化巡逻防控", "市公安局在重点区域增设巡逻点位20个。"],
        ["（二）织密防护网络", "全市新增视频监控点位300个。"],
        ["日前,家住乌兰浩特市的白先生致电兴安盟12345政务服务", "延伸社会治理触角"],
        ["“两全”代办解民忧 服务群众“零距离”", "近日，笔者走进乌达产业园。"],
    ])
    func keepsRealBreaks(paragraphs: [String]) {
        #expect(PageGapJoiner().join(paragraphs.map { Paragraph($0) }).map(\.text) == paragraphs)
    }
}
