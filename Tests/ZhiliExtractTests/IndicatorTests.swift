import Foundation
import Testing
import ZhiliExtract

@Suite struct IndicatorTests {
    @Test(arguments: [
        ("配备专兼职网格员", "人", false, "grid_workers"),
        ("合理划分网格", "个", false, "grids"),
        ("全科网格", "个", false, "grids"),
        ("化解成功率", "%", false, "dispute_resolution_rate"),
        ("矛盾纠纷化解率", "%", false, "dispute_resolution_rate"),
        ("排查化解矛盾纠纷", "起", false, "disputes_resolved"),
        ("刑事案件", "%", true, "criminal_cases"),
        ("电诈案件立案", "%", true, "fraud_cases"),
        ("群众安全感和满意度", "%", false, "satisfaction_rate"),
        ("信访事项", "件", false, "petitions"),
        ("整改问题隐患", "处", false, "hazards_fixed"),
        ("已整改", "处", false, "hazards_fixed"),
        ("消除安全事故隐患", "处", false, "hazards_fixed"),   // eliminated, not found
        ("排查安全隐患和问题", "处", false, "hazards_found"),
        ("群众重复访", "%", true, "repeat_petitions"),       // a part of the petitions, not all of them
        ("信访事项", "件", false, "petitions"),
        ("群众重复访", "件", false, "repeat_petitions"),
        ("政务服务事项实现“一次办”", "%", false, "one_visit_service_rate"),
        ("政务服务事项实现“网上办”", "%", false, "online_service_rate"),
        ("收集民生问题", "条", false, "public_concerns_collected"),
        ("协调解决问题", "件", false, "public_concerns_handled"),
        ("追赃挽损", "元", false, "stolen_money_recovered"),
    ])
    func mapsMetric(_ metric: String, _ unit: String, _ isChange: Bool, _ id: String) {
        #expect(IndicatorTable.bundled.indicator(forMetric: metric, unit: unit, isChange: isChange)?.id == id)
    }

    @Test(arguments: [
        ("刑事案件", "%"),        // a share, not a count of cases, unless it is a 同比 change
        ("网格", "人"),           // people are not grids
        ("工作联络办", "个"),     // no indicator
        ("正在整改", "处"),       // under way, not done
        ("正在整改隐患", "处"),
        ("尚未化解矛盾纠纷", "件"),
        ("整改问题隐患", "项"),   // items are not the indicator's one unit (处)
        ("政务服务事项", "%"),    // neither online nor one-visit: the verb is missing
    ])
    func leavesUnmatched(_ metric: String, _ unit: String) {
        #expect(IndicatorTable.bundled.indicator(forMetric: metric, unit: unit) == nil)
    }

    /// Sentences written for the verb rules, through the whole extractor: the indicator each figure gets.
    @Test(arguments: [
        ("今年,海南区排查安全隐患8506处,已整改8466处,正在整改隐患200处,整改率99.5%。",
         ["hazards_found", "hazards_fixed", nil, "rectification_rate"]),
        ("全市受理矛盾纠纷320件,成功化解298件,尚未化解的矛盾纠纷22件。", [nil, "disputes_resolved", nil]),
        ("群众重复访同比下降29%,代办信访事项165件。", ["repeat_petitions", "petitions"]),
        ("收集群众诉求430余条,协调解决问题320余件。", ["public_concerns_collected", "public_concerns_handled"]),
    ] as [(String, [String?])])
    func verbsDecideTheIndicator(_ sentence: String, _ expected: [String?]) throws {
        let record = try Extractor().extract(.init(source: "t", paragraphs: [sentence]))
        #expect(record.figures.map(\.indicator) == expected, "\(record.figures.map { ($0.text, $0.metric ?? "") })")
    }

    @Test func labelsNameIndicatorsAndEachHasOneUnit() {
        let table = IndicatorTable.bundled
        #expect(table.indicator(named: "网格员")?.id == "grid_workers")
        #expect(table.indicator(named: "hazards_fixed")?.label == "整改隐患")
        #expect(table.indicator(named: "no such thing") == nil)
        #expect(Set(table.indicators.map(\.label)).count == table.indicators.count)
        for indicator in table.indicators {
            #expect(indicator.units?.first == indicator.unit, "\(indicator.id): the first unit is the one reported")
        }
    }

    @Test func bundledCoversTheSeeds() {
        #expect(IndicatorTable.bundled.indicators.count >= 20)
        #expect(Set(IndicatorTable.bundled.indicators.map(\.id)).count == IndicatorTable.bundled.indicators.count)
    }

    @Test func userFileReplacesTheBundledOne() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("indicators-\(UUID().uuidString).json")
        try #"{"indicators": [{"id": "cameras", "label": "监控探头", "unit": "个", "patterns": ["探头", "摄像头"]}]}"#
            .write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let table = try IndicatorTable(contentsOf: url)
        let extractor = try Extractor(indicators: table)
        let record = try extractor.extract(.init(source: "t", paragraphs: ["新增高清摄像头1200个。"]))
        #expect(record.figures.first?.indicator == "cameras")
    }

    @Test func invalidFileIsADiagnostic() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json")
        try "{\"indicators\": [{\"id\": 3}]}".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: (any Error).self) { try IndicatorTable(contentsOf: url) }
    }
}
