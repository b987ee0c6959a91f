import Testing
import ZhiliCore
import ZhiliExtract

@Suite struct RegionTests {
    @Test(arguments: [
        ("集宁区公安分局在社区宣传。", ["150902"]),
        ("乌海市公安局通报。", ["150300"]),
        ("联合成立“呼市电保办”。", ["150100"]),
        ("科右中旗公安局高力板派出所。", ["152222"]),
        ("锡盟、东乌旗、西乌旗、阿左旗、阿右旗联合行动。", ["152500", "152525", "152526", "152921", "152922"]),
        ("昆区、九原、达茂旗、莫旗、鄂温克旗开展演练。", ["150203", "150207", "150223", "150722", "150724"]),
        ("察右前旗、察右中旗、察右后旗、科左后旗、科右前旗。", ["150926", "150927", "150928", "150522", "152221"]),
        ("持续书写平安兴安亮眼答卷。", ["152200"]),
        ("在东胜智慧法院。", ["150602"]),
        ("乌达产业园的企业。", ["150304"]),
        ("烏海市推進平安建設。", ["150300"]),
        ("內蒙古海立電子材料有限公司。", ["150000"]),
        // A county written short right after its province or prefecture, anywhere in the country.
        ("浙江义乌推行调解新模式。", ["330000", "330782"]),
        ("金华义乌、绍兴诸暨两地交流经验。", ["330700", "330782", "330600", "330681"]),
        ("浙江大学的学者来访。", ["330000"]),
        // Names of leagues before they became cities, and the colloquial name of the region.
        ("哲里木盟、伊克昭盟和昭乌达盟的干部。", ["150500", "150600", "150400"]),
        ("内蒙各地开展平安建设。", ["150000"]),
    ])
    func findsRegions(_ sentence: String, _ codes: [String]) throws {
        let regions = try ExtractionFixture.record(sentence).regions
        #expect(Set(regions.map(\.code)) == Set(codes))
    }

    @Test(arguments: [
        ("呼和浩特市新城区", "150102"),
        ("西安市新城区", "610102"),
        ("包头市青山区", "150204"),
        ("武汉市青山区", "420107"),
        ("乌海市海南区", "150303"),
    ])
    func resolvesAmbiguousNamesFromContext(_ sentence: String, _ code: String) throws {
        let regions = try ExtractionFixture.record(sentence + "开展工作。").regions
        #expect(regions.contains { $0.code == code })
        #expect(regions.count == 2)
    }

    @Test(arguments: [
        "维护社会长治久安。",
        "推进平安建设。",
        "公安机关依法处置。",
        "老城区改造稳步推进。",
        "认真落实自治区党委要求。",
        "绿水青山就是金山银山。",
        "人民群众的获得感、幸福感、安全感。",
    ])
    func ignoresCommonWords(_ sentence: String) throws {
        let regions = try ExtractionFixture.record(sentence).regions
        #expect(regions.isEmpty, "\(regions.map(\.name))")
    }

    @Test func ranksTitleAndFrequencyFirst() throws {
        let record = try ExtractionFixture.record(
            "乌海市坚持和发展新时代枫桥经验。海勃湾区、乌达区积极推进。乌海市整合划分了网格。", title: "乌海:平安建设护稳定")
        #expect(record.regions.first?.code == "150300")
        #expect(record.regions.first?.mentions == 3)
        #expect(record.regions.first?.prefecture?.code == "150300")
        let county = try #require(record.regions.first { $0.code == "150302" })
        #expect(county.level == .county)
        #expect(county.prefecture?.name == "乌海市")
    }

    @Test func figureRegionIsTheNearestActorNotAListOfPlaces() throws {
        let record = try ExtractionFixture.record(
            "兴安盟公安机关通报。查证包某骗取分布在山东省聊城市,内蒙古呼和浩特市、通辽市等地的受害人,涉案金额3万余元。海南区检查企业3375家次。")
        let figures = record.figures
        #expect(figures.first { $0.text == "3万余元" }?.region?.code == "152200")
        #expect(figures.first { $0.text == "3375家次" }?.region?.code == "150303")
    }

    /// Subjects and regions named in passing, one row per way a region is named in passing.
    @Test(arguments: [
        // A local article names the province once (an honour): the province is mentioned.
        ("乌海市化解矛盾纠纷2000余起,乌海市获评内蒙古自治区平安建设先进单位。", nil as String?,
         ["乌海市"], ["内蒙古自治区"]),
        // A figure located in the province, as many as in any division below it: the whole region is the subject.
        ("内蒙古自治区边境线长4200公里,共设立护边驿站312处。", nil, ["内蒙古自治区"], []),
        // The title names the subject; a road to another league is named in passing.
        ("民警沿着通往兴安盟的公路巡逻,扎赉特旗共建成调解室86个。", "扎赉特旗:调解室建到家门口",
         ["扎赉特旗"], ["兴安盟"]),
        // A league named with its subject county is a subject too.
        ("赤峰市喀喇沁旗化解纠纷800余件,喀喇沁旗调解成功率达98%。", nil, ["赤峰市", "喀喇沁旗"], []),
        // A dateline names where the story was filed.
        ("新华社杭州8月9日电 长兴县全面推行“最多跑一地”改革。", nil, ["长兴县"], ["杭州市"]),
        // Outlets, streets and stations named after a place are not that place.
        ("据内蒙古日报报道,集宁区新华街派出所民警走访了包头路沿线商户。", nil, ["集宁区"], []),
    ] as [(String, String?, [String], [String])])
    func tellsSubjectsFromPassingMentions(_ text: String, _ title: String?, _ subjects: [String], _ mentioned: [String]) throws {
        let regions = try ExtractionFixture.record(text, title: title).regions
        let subjectNames: Set<String> = Set(regions.filter { $0.role == .subject }.map(\.name))
        let mentionedNames: Set<String> = Set(regions.filter { $0.role == .mentioned }.map(\.name))
        #expect(subjectNames == Set(subjects))
        #expect(mentionedNames == Set(mentioned))
        // Subjects first.
        let roles: [RegionRole] = regions.map(\.role)
        let firstMentioned = roles.firstIndex(of: .mentioned) ?? roles.count
        #expect(!roles[firstMentioned...].contains(.subject))
    }

    /// 全省/全区/全市/全盟/全旗 stand for the article's division at that level.
    @Test(arguments: [
        ("兴安盟科右前旗化解纠纷100件。全盟共化解矛盾纠纷2000余起。", ["100件": "科尔沁右翼前旗", "2000余起": "兴安盟"]),
        ("浙江推动干部下基层,浦江县成为第一站。2022年,全省来信来访数相比2012年下降67.3%。", ["67.3%": "浙江省"]),
        ("近年来,扎赉特旗推进网格化管理。全旗划分网格320个。", ["320个": "扎赉特旗"]),
        ("海勃湾区深化平安建设,全区化解矛盾纠纷900余件。", ["900余件": "海勃湾区"]),
        ("锡林郭勒盟持续推进护边工作,全区边境线长4200公里。", ["4200公里": "内蒙古自治区"]),
        // A place or a rank, not what is counted: the actor named before keeps the figure.
        ("东胜区率先在全市建成5000平米的一站式中心。", ["5000平米": "东胜区"]),
        ("鄂托克旗命案发案率全区最低,破案率达100%。", ["100%": "鄂托克旗"]),
    ] as [(String, [String: String])])
    func wholeRegionWordsResolveToTheArticlesDivision(_ text: String, _ expected: [String: String]) throws {
        let figures = try ExtractionFixture.record(text).figures
        for (figure, region) in expected {
            #expect(figures.first { $0.text == figure }?.region?.name == region, "\(figure)")
        }
    }

    /// A figure whose sentence names no region belongs to a county named earlier in its paragraph,
    /// which is more specific than the article's region.
    @Test func aCountyNamedEarlierInTheParagraphTakesTheFigure() throws {
        let record = try ExtractionFixture.record(
            "近年来,兴安盟深化平安建设,扎赉特旗推行网格化管理。截至目前,共划分网格320个。", title: "兴安盟:平安建设走深走实")
        #expect(record.figures.first { $0.text == "320个" }?.region?.name == "扎赉特旗")
    }

    /// A clause that names its place after the figure gives the figure the most specific name.
    @Test func aPlaceNamedLaterInTheClauseTakesTheFigure() throws {
        let record = try ExtractionFixture.record(
            "赤峰市扎实推进人民调解工作。\n今年58岁的姜志刚是赤峰市喀喇沁旗司法局基层股股长,化解纠纷800余件。")
        #expect(record.figures.first { $0.text == "58岁" }?.region?.name == "喀喇沁旗")
    }

    /// A paragraph that names no place goes on about the county the text was last about.
    @Test func aParagraphWithoutAPlaceKeepsTheLastCounty() throws {
        let record = try ExtractionFixture.record(
            "巴彦淖尔市在临河区率先成立矛盾纠纷多元化解指挥中心。\n中心以6个进驻单位和12个对接单位为载体。",
            title: "巴彦淖尔:化解矛盾纠纷")
        #expect(record.figures.first { $0.text == "6个" }?.region?.name == "临河区")
    }

    /// 县市 after a division word is the compound "counties and cities", not a county named 范县.
    @Test func divisionCompoundsAreNotPlaceNames() throws {
        let regions = try ExtractionFixture.record("5个县市获平安边境模范县市命名,各旗县区积极参与。").regions
        #expect(regions.isEmpty, "\(regions.map(\.name))")
    }
}
