import Testing
import ZhiliCore
@testable import ZhiliExtract

@Suite struct FigureTests {
    struct Case: Sendable, CustomStringConvertible {
        var sentence: String
        var text: String
        var value: Double
        var unit: String
        var qualifier: String? = nil
        var valueMax: Double? = nil
        var description: String { sentence }
    }

    @Test(arguments: [
        Case(sentence: "累计排查化解矛盾纠纷2000余起。", text: "2000余起", value: 2000, unit: "起", qualifier: "余"),
        Case(sentence: "配备专兼职网格员2.2万人。", text: "2.2万人", value: 22000, unit: "人"),
        Case(sentence: "追赃挽损384.5万元。", text: "384.5万元", value: 3_845_000, unit: "元"),
        Case(sentence: "累计服务群众1.2万余人次。", text: "1.2万余人次", value: 12000, unit: "人次", qualifier: "余"),
        Case(sentence: "涉案金额三万余元。", text: "三万余元", value: 30000, unit: "元", qualifier: "余"),
        Case(sentence: "现已帮助二十余个基层单位建立制度。", text: "二十余个", value: 20, unit: "个", qualifier: "余"),
        Case(sentence: "案件线上流转率达90%以上。", text: "90%以上", value: 90, unit: "%", qualifier: "以上"),
        Case(sentence: "参与群众超2000人。", text: "超2000人", value: 2000, unit: "人", qualifier: "超"),
        Case(sentence: "近1000名志愿者参与巡逻。", text: "近1000名", value: 1000, unit: "名", qualifier: "近"),
        Case(sentence: "共投入约300万元。", text: "约300万元", value: 3_000_000, unit: "元", qualifier: "约"),
        Case(sentence: "处置时间不到3小时。", text: "不到3小时", value: 3, unit: "小时", qualifier: "不到"),
        // Written variants of a qualifier take its canonical form; the span keeps what is written.
        Case(sentence: "派发宣传品超过200万条。", text: "超过200万条", value: 2000000, unit: "条", qualifier: "超"),
        Case(sentence: "每平方公里不足5人。", text: "不足5人", value: 5, unit: "人", qualifier: "不到"),
        Case(sentence: "发案占比超过3成。", text: "超过3成", value: 3, unit: "成", qualifier: "超"),
        Case(sentence: "依托驿站救助群众2100人(次)。", text: "2100人(次)", value: 2100, unit: "人次", qualifier: nil),
        Case(sentence: "收缴子弹5800发。", text: "5800发", value: 5800, unit: "发", qualifier: nil),
        Case(sentence: "建成5000平米的一站式中心。", text: "5000平米", value: 5000, unit: "平米"),
        Case(sentence: "分发了2500份(件)宣传单。", text: "2500份(件)", value: 2500, unit: "份"),
        Case(sentence: "每村配备3至5名调解员。", text: "3至5名", value: 3, unit: "名", valueMax: 5),
        Case(sentence: "化解成功率41.3%,其余转入速裁。", text: "41.3%", value: 41.3, unit: "%"),
        Case(sentence: "满意率达到百分之九十五。", text: "百分之九十五", value: 95, unit: "%"),
        Case(sentence: "检查生产经营单位3375家次。", text: "3375家次", value: 3375, unit: "家次"),
        Case(sentence: "受理群众来信来访236件次。", text: "236件次", value: 236, unit: "件次"),
        Case(sentence: "投入资金2.3亿元。", text: "2.3亿元", value: 230_000_000, unit: "元"),
        Case(sentence: "全市逾1.5万名志愿者参与巡逻。", text: "逾1.5万名", value: 15000, unit: "名", qualifier: "超"),
        Case(sentence: "电诈案件环比下降三成。", text: "三成", value: 30, unit: "%"),
        // Measure words of the one table (ZhiliCore.MeasureWords), one per kind of thing counted.
        Case(sentence: "热线累计接听群众来电3000余通。", text: "3000余通", value: 3000, unit: "通", qualifier: "余"),
        Case(sentence: "出动无人机12架开展巡查。", text: "12架", value: 12, unit: "架"),
        Case(sentence: "调解员年均培训48学时。", text: "48学时", value: 48, unit: "学时"),
        Case(sentence: "申请材料须在3个工作日内办结。", text: "3个工作日", value: 3, unit: "个工作日"),
        Case(sentence: "自治区司法厅等14部门联合印发通知。", text: "14部门", value: 14, unit: "部门"),
        Case(sentence: "城区新开通夜间公交线路25路。", text: "25路", value: 25, unit: "路"),
        Case(sentence: "整治各类隐患3种以上。", text: "3种以上", value: 3, unit: "种", qualifier: "以上"),
        Case(sentence: "年满18周岁的居民均可报名。", text: "18周岁", value: 18, unit: "周岁"),
        // Years counted, not named: a small whole number before 年.
        Case(sentence: "他在基层从事调解工作22年。", text: "22年", value: 22, unit: "年"),
        Case(sentence: "这起宅基地纠纷持续了20余年。", text: "20余年", value: 20, unit: "年", qualifier: "余"),
        Case(sentence: "该市连续9年上榜全国最安全城市。", text: "9年", value: 9, unit: "年"),
        Case(sentence: "24年来,他走遍了辖区的每一个嘎查。", text: "24年", value: 24, unit: "年"),
        Case(sentence: "早在20年前就设立了党员中心户。", text: "20年", value: 20, unit: "年"),
    ])
    func readsFigure(_ expected: Case) throws {
        let record = try ExtractionFixture.record(expected.sentence)
        let figure = try #require(record.figures.first)
        #expect(record.figures.count == 1)
        #expect(figure.text == expected.text)
        #expect(figure.value == expected.value)
        #expect(figure.unit == expected.unit)
        #expect(figure.qualifier == expected.qualifier)
        #expect(figure.valueMax == expected.valueMax)
        let scalars = Array(expected.sentence.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[figure.start..<figure.end])) == expected.text)
    }

    @Test(arguments: [
        "2021年12月3日,活动隆重举行。",
        "兴安盟12345政务服务便民热线开通以来。",
        "实行“7×24小时”全天候人工服务。",
        "现已在五个旗县成立了电力警务室。",
        "当即召集三方人员,坐在一起协商。",
        "第八个“国家宪法日”前夕。",
        "避免了一起突发性群体事件的发生。",
        "统一部署,两会期间加强巡逻。",
        "一是建章立制,防患未然。",
        "正北方网联系方式:电话:0471-6651113。",
        "制定印发了《筑牢祖国北疆安全稳定屏障2022年重点任务清单》。",
        "建成“乌海24小时警局”。",
        "扎实开展重大事故隐患专项排查整治2023行动。",
        "2023年01月06日09:55 来源:巴彦淖尔日报",
        "经过一个小时的耐心调解。",
        "纳入第十四个五年规划和2035年远景目标纲要。",
        "实行“12345”和“110”两线联动。",
        // A year named, not counted.
        "出生于90年代的民警占一半。",
        "计划于24年底前全部完工。",
        "全市23年度考核结果公布。",
        "24年1月起施行。",
        // A count of people before a rate is its base, not a figure.
        "十万人命案发案率全区最低。",
        "每10万人刑事案件发案率下降。",
        // 成 in a word is no unit.
        "2023年3月15成立了调解委员会。",
    ])
    func ignoresNonFigure(_ sentence: String) throws {
        let record = try ExtractionFixture.record(sentence)
        #expect(record.figures.isEmpty, "\(record.figures.map(\.text))")
    }

    struct ChangeCase: Sendable, CustomStringConvertible {
        var sentence: String
        var texts: [String]
        var change: ChangeDirection?
        var basis: ChangeBasis?
        var unit: String = "%"
        var description: String { sentence }
    }

    @Test(arguments: [
        ChangeCase(sentence: "全年刑事案件同比下降31.7%。", texts: ["31.7%"], change: .下降, basis: .同比),
        ChangeCase(sentence: "侵财、盗窃案件同比分别下降26.5%和31.1%。", texts: ["26.5%", "31.1%"], change: .下降, basis: .同比),
        ChangeCase(sentence: "电诈案件立案和财产损失同比分别下降34%、32%。", texts: ["34%", "32%"], change: .下降, basis: .同比),
        ChangeCase(sentence: "破获案件同比上升33%。", texts: ["33%"], change: .上升, basis: .同比),
        ChangeCase(sentence: "接警量环比增长5.5%。", texts: ["5.5%"], change: .上升, basis: .环比),
        ChangeCase(sentence: "发案率同比降低了2个百分点。", texts: ["2个百分点"], change: .下降, basis: .同比, unit: "个百分点"),
        ChangeCase(sentence: "群众安全感较上年提高2.1个百分点。", texts: ["2.1个百分点"], change: .上升, basis: .同比, unit: "个百分点"),
        // Not a change: a level reached, or no 同比/环比 basis.
        ChangeCase(sentence: "群众信访满意度提升至95%。", texts: ["95%"], change: nil, basis: nil),
        ChangeCase(sentence: "化解率始终保持在96%以上。", texts: ["96%以上"], change: nil, basis: nil),
    ])
    func readsChange(_ expected: ChangeCase) throws {
        let figures = try ExtractionFixture.record(expected.sentence).figures
        #expect(figures.map(\.text) == expected.texts)
        for figure in figures {
            #expect(figure.change == expected.change)
            #expect(figure.basis == expected.basis)
            #expect(figure.unit == expected.unit)
        }
    }

    /// One row per way Chinese news writes a change: each figure's text, direction and basis.
    @Test(arguments: [
        ("电诈案件立案数和损失金额同比分别上升12.5%和8.3%。", [("12.5%", "上升", "同比"), ("8.3%", "上升", "同比")]),
        ("全市专职网格员比2020年增加120人、上升15%。", [("120人", "上升", "2020"), ("15%", "上升", "2020")]),
        ("命案发案数与2014年相比下降67.3%。", [("67.3%", "下降", "2014")]),
        ("信访总量与2019年相较下降21%。", [("21%", "下降", "2019")]),
        ("刑事案件立案数相比2012年下降38.2%。", [("38.2%", "下降", "2012")]),
        ("全市刑事案件下降了12%。", [("12%", "下降", nil)]),
        ("上半年接警量同比涨幅达12%。", [("12%", "上升", "同比")]),
        ("八类案件降幅为20%。", [("20%", "下降", nil)]),
        ("盗窃案件同比增加3起、6人,分别上升20%和15%。",
         [("3起", "上升", "同比"), ("6人", "上升", "同比"), ("20%", "上升", "同比"), ("15%", "上升", "同比")]),
        ("电诈损失降27.2%", [("27.2%", "下降", nil)]),
        ("接处警量环比5月下降11.6%。", [("11.6%", "下降", "环比")]),
        // Levels, even when the text says they rose: no change, no basis.
        ("化解率从2020年的98.40%到2023年的99.46%。", [("98.40%", nil, nil), ("99.46%", nil, nil)]),
        ("工作站从最初的21个增至现有的26个。", [("21个", nil, nil), ("26个", nil, nil)]),
        ("群众安全感达到98.5%,同比上升0.5个百分点。", [("98.5%", nil, nil), ("0.5个百分点", "上升", "同比")]),
    ] as [(String, [(String, String?, String?)])])
    func readsChangeOfEachFigure(_ sentence: String, _ expected: [(String, String?, String?)]) throws {
        let figures = try ExtractionFixture.record(sentence).figures
        #expect(figures.map(\.text) == expected.map(\.0))
        #expect(figures.map(\.change?.rawValue) == expected.map(\.1))
        #expect(figures.map(\.basis?.rawValue) == expected.map(\.2))
    }

    @Test func sharedUnitGoesToBothNumbers() throws {
        let figures = try ExtractionFixture.record("两项指标分别低8.96和7.86个百分点。").figures
        #expect(figures.map(\.text) == ["8.96", "7.86个百分点"])
        #expect(figures.map(\.unit) == ["个百分点", "个百分点"])
        #expect(figures.map(\.kind) == [.points, .points])
        #expect(figures.map(\.value) == [8.96, 7.86])
    }

    /// One row per way a figure's year is written: the year and where it came from.
    @Test(arguments: [
        ("2022年,兴安盟电诈案件同比下降34%。", "2023-01-06", 2022, "stated"),
        ("2024年以来,全市化解矛盾纠纷800余件。", "2025-03-01", 2024, "stated"),
        ("2025年,呼和浩特市持续推进。全市化解纠纷2万余件。", nil, 2025, "stated"),
        ("全年刑事案件同比下降31.7%。", "2023-01-06", 2023, "article_date"),
        ("今年以来,全市化解纠纷800件。", "2023-05-01", 2023, "article_date"),
        ("去年,全市刑事案件下降12%。", "2023-05-01", 2022, "article_date"),
        ("今年1-7月,电诈案件比去年同期下降20%。", "2023-08-09", 2023, "article_date"),
        ("前年全市建成调解室12个。", "2023-08-09", 2021, "article_date"),
    ] as [(String, String?, Int, String)])
    func yearAndWhereItComesFrom(_ sentence: String, _ date: String?, _ year: Int, _ source: String) throws {
        let figure = try #require(try ExtractionFixture.record(sentence, date: date).figures.last)
        #expect(figure.year == year)
        #expect(figure.yearSource?.rawValue == source)
    }

    @Test func undatedArticlesTakeTheDefaultYear() throws {
        let extractor = try Extractor()
        let undated = Article(source: "t", paragraphs: ["去年,全市化解纠纷800件,今年新建调解室12个。"])
        #expect(try extractor.extract(undated).figures.map(\.year) == [nil, nil])
        extractor.defaultYear = 2024
        let figures = try extractor.extract(undated).figures
        #expect(figures.map(\.year) == [2023, 2024])
        #expect(figures.map(\.yearSource) == [.default, .default])
    }

    @Test(arguments: [
        ("余", 2000.0, 2000.0, nil as Double?), ("以上", 90, 90, nil), ("近", 1000, nil, 1000), ("不到", 3, nil, 3),
    ] as [(String, Double, Double?, Double?)])
    func qualifierInterval(_ qualifier: String, _ value: Double, _ lower: Double?, _ upper: Double?) {
        let interval = FigureQualifier.interval(value: value, qualifier: qualifier)
        #expect(interval.lower == lower)
        #expect(interval.upper == upper)
    }

    @Test func noQualifierIsExact() {
        let interval = FigureQualifier.interval(value: 41.3, qualifier: nil)
        #expect(interval.lower == 41.3 && interval.upper == 41.3)
        #expect(FigureQualifier.bound(of: "约") == .around)
    }
}
