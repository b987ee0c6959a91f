import Testing
@testable import ZhiliIngest

@Suite struct DateParserTests {
    @Test(arguments: [
        ("2023年01月06日09:55", "2023-01-06T09:55"),
        ("2023年1月6日", "2023-01-06"),
        ("2023-1-6 9:05", "2023-01-06T09:05"),
        ("2023/01/06", "2023-01-06"),
        ("发布时间：2022年12月3日 18:30:12", "2022-12-03T18:30"),
    ])
    func parsesDates(text: String, iso: String) {
        #expect(DateParser().parse(text) == iso)
    }

    @Test(arguments: ["2023年", "12345政务服务", "2023年13月40日", "第2000余起"])
    func rejectsNonDates(text: String) {
        #expect(DateParser().parse(text) == nil)
    }
}

@Suite struct BylineParserTests {
    @Test(arguments: [
        ("本报通讯员●李海立", ["李海立"]),
        ("本报记者●李亮 通讯员●王永●王霞●黄豹", ["李亮", "王永", "王霞", "黄豹"]),
        ("记者 黄景莲", ["黄景莲"]),
        ("本报记者李亮", ["李亮"]),
    ])
    func readsBylines(text: String, names: [String]) {
        #expect(BylineParser().names(inByline: text) == names)
    }

    @Test(arguments: [
        ("(胡日查 韩学文 王越 高敏娜 周新育 李健萍 刘也)", ["胡日查", "韩学文", "王越", "高敏娜", "周新育", "李健萍", "刘也"]),
        ("(本报记者 赛娜 通讯员 张家欣 王小玉)", ["赛娜", "张家欣", "王小玉"]),
        ("（记者 黄景莲）", ["黄景莲"]),
    ])
    func readsBracketedNames(text: String, names: [String]) {
        #expect(BylineParser().names(inParenthesized: text) == names)
    }

    @Test(arguments: [
        "记者走进集宁区泉山街道通和社区,了解情况。",
        "通讯员队伍不断壮大",
        "(电力电信广播电视)",
        "(事)",
        "本报讯 近日,全市召开会议。",
    ])
    func rejectsOrdinaryText(text: String) {
        #expect(BylineParser().names(inByline: text) == nil)
        #expect(BylineParser().names(inParenthesized: text) == nil)
    }

    @Test func splitsLeadingAgencyBylines() {
        let parser = BylineParser()
        let result = parser.leadingByline(in: "本报讯（记者 王磊）近日，呼和浩特市公安局开展行动。")
        #expect(result?.body == "近日，呼和浩特市公安局开展行动。")
        #expect(result?.names == ["王磊"])
        #expect(parser.leadingByline(in: "新华社呼和浩特5月12日电（记者 张三 李四）近日。") == nil)
        #expect(parser.leadingByline(in: "通讯（电力电信）设施安保工作意义重大。") == nil)
    }

    @Test func splitsTrailingBylines() {
        let parser = BylineParser()
        let result = parser.trailingByline(in: "让群众获得感更可持续。(记者 黄景莲)")
        #expect(result?.body == "让群众获得感更可持续。")
        #expect(result?.names == ["黄景莲"])
        #expect(parser.trailingByline(in: "“三电”(电力电信广播电视)设施安保工作意义重大") == nil)
        #expect(parser.trailingByline(in: "处置外力破坏案(事)18起(含未遂)") == nil)
    }
}

@Suite struct MetadataExtractorTests {
    @Test func readsTheDateAndSourceLine() {
        var metadata = ArticleMetadata()
        #expect(MetadataExtractor().consume("2023年01月06日09:55 | 来源:巴彦淖尔日报", into: &metadata))
        #expect(metadata.date == "2023-01-06T09:55")
        #expect(metadata.outlet == "巴彦淖尔日报")
    }

    @Test(arguments: [
        ("[责任编辑:辛永红]", ["辛永红"]),
        ("(责编:刘泽、张雪冬)", ["刘泽", "张雪冬"]),
        ("责任编辑：王磊", ["王磊"]),
    ])
    func readsEditors(line: String, editors: [String]) {
        var metadata = ArticleMetadata()
        #expect(MetadataExtractor().consume(line, into: &metadata))
        #expect(metadata.editors == editors)
    }

    @Test(arguments: [
        "2023年,集宁区认真探索基层党代表联系服务群众新方式。",
        "从2022年起,集宁区公安分局已在12个派出所推广经验做法。",
        "深化基层治理 筑牢社会安全屏障",
        "2021年12月3日,第八个“国家宪法日”前夕,一场普法宣传活动隆重举行。",
    ])
    func leavesBodyLinesAlone(line: String) {
        var metadata = ArticleMetadata()
        #expect(!MetadataExtractor().consume(line, into: &metadata))
        #expect(metadata == ArticleMetadata())
    }

    @Test func aSourceFieldOutranksFootersAndSiteNames() {
        let extractor = MetadataExtractor()
        var metadata = ArticleMetadata()
        extractor.absorb(boilerplate: "人民网", into: &metadata)
        #expect(metadata.outlet == "人民网")
        extractor.absorb(boilerplate: "正北方网联系方式:电话:0471-6651113", into: &metadata)
        #expect(metadata.outlet == "正北方网")
        _ = extractor.consume("来源:巴彦淖尔日报", into: &metadata)
        #expect(metadata.outlet == "巴彦淖尔日报")
        extractor.absorb(boilerplate: "新华网", into: &metadata)
        #expect(metadata.outlet == "巴彦淖尔日报")
    }
}
