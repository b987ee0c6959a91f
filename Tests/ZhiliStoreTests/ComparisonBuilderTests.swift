import Testing
import ZhiliCore
import ZhiliExtract
@testable import ZhiliStore

/// The grouping and choosing of a comparison, on candidates built by hand (no database).
@Suite struct ComparisonBuilderTests {
    static let wuhai = RegionRef(name: "乌海市", code: "150300")
    static let haibowan = RegionRef(name: "海勃湾区", code: "150302")
    static let hainan = RegionRef(name: "海南区", code: "150303")
    static let wuda = RegionRef(name: "乌达区", code: "150304")
    static let hinggan = RegionRef(name: "兴安盟", code: "152200")
    static let province = RegionRef(name: "内蒙古自治区", code: "150000")
    static let hazards = IndicatorTable.bundled.indicator(id: "hazards_found")!

    /// A candidate whose sentence is `sentence` and whose figure is `text` in it.
    static func candidate(
        _ region: RegionRef, _ sentence: String, _ text: String, value: Double, unit: String, change: ChangeDirection? = nil,
        year: Int?, article: String, date: String? = nil
    ) -> ComparisonCandidate {
        let figure = Figure(
            text: text, value: value, unit: unit, change: change, basis: change == nil ? nil : .同比,
            kind: MeasureWords.kind(of: unit), metric: "排查安全隐患", indicator: "hazards_found", year: year,
            yearSource: year == nil ? nil : .stated, region: region, start: 0, end: text.count, sentence: sentence)
        return ComparisonCandidate(region: region, figure: figure, articleID: article, title: "标题\(article)", date: date)
    }

    static func build(_ request: CompareRequest, _ candidates: [ComparisonCandidate]) -> Comparison {
        ComparisonBuilder(request: request, indicator: hazards, counts: (candidates.count, 1), within: province, regions: .bundled)
            .build(candidates)
    }

    static let mixed = [
        candidate(hinggan, "兴安盟排查安全隐患1200处。", "1200处", value: 1200, unit: "处", year: 2022, article: "a"),
        candidate(hinggan, "兴安盟排查安全隐患1500处。", "1500处", value: 1500, unit: "处", year: 2023, article: "b"),
        candidate(hinggan, "兴安盟安全隐患同比下降12%。", "12%", value: 12, unit: "%", change: .下降, year: 2023, article: "b"),
        candidate(hinggan, "力争排查安全隐患2000处。", "2000处", value: 2000, unit: "处", year: 2024, article: "b"),
        candidate(hinggan, "兴安盟排查安全隐患30项。", "30项", value: 30, unit: "项", year: 2023, article: "c"),
    ]

    @Test func keepsOneKindAndCountsTheOthers() {
        let levels = Self.build(CompareRequest(indicator: "hazards_found"), Self.mixed)
        #expect(levels.kind == .level)
        #expect(levels.rows.map(\.value) == [1500])
        #expect(levels.omitted == ["152200": 1])
        #expect(levels.otherKinds == [.change: 1, .target: 1])

        let changes = Self.build(CompareRequest(indicator: "hazards_found", kind: .change), Self.mixed)
        #expect(changes.rows.map(\.label) == ["同比↓12%"])
        #expect(changes.rows.first?.signedValue == -12)
        #expect(changes.rows.first?.basis == .同比)

        let targets = Self.build(CompareRequest(indicator: "hazards_found", kind: .target), Self.mixed)
        #expect(targets.rows.map(\.value) == [2000])
    }

    @Test func aLevelInAnotherUnitIsNotTheIndicators() {
        let every = Self.build(CompareRequest(indicator: "hazards_found", selection: .all), Self.mixed)
        #expect(every.rows.map(\.value) == [1500, 1200])
        #expect(every.rows.allSatisfy { $0.unit == "处" })
    }

    @Test func aRegionByYearTableLeavesUndatedValuesOutAndSaysSo() {
        let candidates = Self.mixed + [
            Self.candidate(Self.hinggan, "兴安盟排查安全隐患900处。", "900处", value: 900, unit: "处", year: nil, article: "d"),
        ]
        let table = Self.build(CompareRequest(indicator: "hazards_found", selection: .byYear), candidates)
        #expect(table.rows.map(\.year) == [2023, 2022])
        #expect(table.columns == [2023, 2022])
        #expect(table.undatedLeftOut == 1)
        // The latest value: dated before undated.
        #expect(Self.build(CompareRequest(indicator: "hazards_found"), candidates).rows.map(\.value) == [1500])
    }

    @Test func aYearRangeCountsTheUndatedValuesItLeavesOut() {
        let candidates = Self.mixed + [
            Self.candidate(Self.hinggan, "兴安盟排查安全隐患900处。", "900处", value: 900, unit: "处", year: nil, article: "d"),
        ]
        let comparison = Self.build(CompareRequest(indicator: "hazards_found", years: 2021...2022), candidates)
        #expect(comparison.rows.map(\.value) == [1200])
        #expect(comparison.undatedLeftOut == 1)
    }

    @Test func aFigureRepeatedInOneArticleCountsOnce() {
        let twice = [
            Self.candidate(Self.hinggan, "兴安盟排查安全隐患1500处。", "1500处", value: 1500, unit: "处", year: 2023, article: "b"),
            Self.candidate(Self.hinggan, "全盟共排查安全隐患1500处。", "1500处", value: 1500, unit: "处", year: 2023, article: "b"),
        ]
        let comparison = Self.build(CompareRequest(indicator: "hazards_found", selection: .all), twice)
        #expect(comparison.rows.count == 1)
        #expect(comparison.omitted.isEmpty)
    }

    @Test func aLeagueWithoutItsOwnValueShowsItsCounties() {
        let counties = [
            Self.candidate(Self.hainan, "海南区排查安全隐患8506处。", "8506处", value: 8506, unit: "处", year: 2023, article: "e"),
            Self.candidate(Self.wuda, "乌达区排查安全隐患300处。", "300处", value: 300, unit: "处", year: 2022, article: "f"),
        ]
        let comparison = Self.build(CompareRequest(indicator: "hazards_found", rollup: true), counties)
        #expect(comparison.rows.map(\.region) == [Self.wuhai, Self.wuhai])
        #expect(comparison.rows.map(\.reportedBy) == [Self.hainan, Self.wuda])
        #expect(comparison.reportedBelow == ["150300": 2])
        // Two of three counties report: no sum.
        #expect(comparison.rollups == [RegionRollup(region: Self.wuhai, value: nil, unit: "处", reporting: 2, counties: 3, years: [2022, 2023])])

        let all = counties + [
            Self.candidate(Self.haibowan, "海勃湾区排查安全隐患200处。", "200处", value: 200, unit: "处", year: 2023, article: "g"),
        ]
        let summed = Self.build(CompareRequest(indicator: "hazards_found", rollup: true), all)
        #expect(summed.rollups.first?.value == 9006)
        #expect(summed.rollups.first?.reporting == 3)
        // Every value listed, several years of one county: the sum takes each county's latest.
        let older = all + [
            Self.candidate(Self.haibowan, "海勃湾区排查安全隐患150处。", "150处", value: 150, unit: "处", year: 2021, article: "i"),
        ]
        let every = Self.build(CompareRequest(indicator: "hazards_found", selection: .all, rollup: true), older)
        #expect(every.rows.count == 4)
        #expect(every.rollups.first?.value == 9006)
        // Without --rollup nothing is summed.
        #expect(Self.build(CompareRequest(indicator: "hazards_found"), all).rollups.isEmpty)
    }

    @Test func aLeaguesOwnValueHidesItsCounties() {
        let both = [
            Self.candidate(Self.wuhai, "乌海市排查安全隐患9000处。", "9000处", value: 9000, unit: "处", year: 2023, article: "h"),
            Self.candidate(Self.hainan, "海南区排查安全隐患8506处。", "8506处", value: 8506, unit: "处", year: 2023, article: "e"),
        ]
        let comparison = Self.build(CompareRequest(indicator: "hazards_found", selection: .all), both)
        #expect(comparison.rows.map(\.value) == [9000])
        #expect(comparison.rows.first?.reportedBy == nil)
        #expect(comparison.reportedBelow.isEmpty)
        #expect(comparison.missing.count == 11)
    }

    @Test func countyLevelComparesTheCountiesOfALeague() {
        let both = [
            Self.candidate(Self.wuhai, "乌海市排查安全隐患9000处。", "9000处", value: 9000, unit: "处", year: 2023, article: "h"),
            Self.candidate(Self.hainan, "海南区排查安全隐患8506处。", "8506处", value: 8506, unit: "处", year: 2023, article: "e"),
        ]
        let comparison = ComparisonBuilder(
            request: CompareRequest(indicator: "hazards_found", level: .county), indicator: Self.hazards, counts: (2, 2),
            within: Self.wuhai, regions: .bundled
        ).build(both)
        #expect(comparison.rows.map(\.region) == [Self.hainan])
        #expect(comparison.missing == [Self.haibowan, Self.wuda])
        #expect(comparison.aboveLevel == 1)   // 乌海市's own value is no county's
    }
}
