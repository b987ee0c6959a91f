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
        ("整改问题隐患", "项", false, "hazards_fixed"),
        ("追赃挽损", "元", false, "stolen_money_recovered"),
    ])
    func mapsMetric(_ metric: String, _ unit: String, _ isChange: Bool, _ id: String) {
        #expect(IndicatorTable.bundled.indicator(forMetric: metric, unit: unit, isChange: isChange)?.id == id)
    }

    @Test(arguments: [
        ("刑事案件", "%"),        // a share, not a count of cases, unless it is a 同比 change
        ("网格", "人"),           // people are not grids
        ("工作联络办", "个"),     // no indicator
    ])
    func leavesUnmatched(_ metric: String, _ unit: String) {
        #expect(IndicatorTable.bundled.indicator(forMetric: metric, unit: unit) == nil)
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
