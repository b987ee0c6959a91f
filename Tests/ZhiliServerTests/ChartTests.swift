import Testing
import ZhiliExtract
@testable import ZhiliServer

@Suite struct ChartTests {
    static let data = [
        ChartDatum(region: "巴彦淖尔市", code: "150800", value: 5780, label: "5780个", href: "/articles/a#f1", sentence: "共划分网格5780个<script>"),
        ChartDatum(region: "兴安盟", code: "152200", value: 4580, label: "4580个", href: "/articles/b#f0", sentence: nil),
        ChartDatum(region: "乌海市", code: "150300", value: nil, label: "", href: nil, sentence: nil),
    ]

    @Test func barChartLinksEachBarAndMarksMissing() {
        let svg = BarChart.svg(Self.data, title: "网格 grids")
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.components(separatedBy: "<rect class=\"bar\"").count == 3)
        #expect(svg.contains("<a href=\"/articles/a#f1\">"))
        #expect(svg.contains("无数据"))
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;"))
    }

    @Test func longestBarBelongsToLargestValue() throws {
        let svg = BarChart.svg(Self.data, title: "t")
        #expect(svg.contains("width=\"420\""))
        #expect(svg.contains("width=\"332.8\""))  // 420 * 4580 / 5780
    }

    /// Changes: a fall grows left of the zero line, a rise right of it, and the legend names both.
    @Test func signedChartDrawsFallsLeftAndRisesRight() {
        let changes = [
            ChartDatum(region: "巴彦淖尔市", code: "150800", value: -31.7, label: "同比↓31.7%", href: "/articles/a#f1", sentence: nil),
            ChartDatum(region: "兴安盟", code: "152200", value: 33, label: "同比↑33%", href: "/articles/b#f0", sentence: nil),
        ]
        let svg = BarChart.svg(changes, title: "破获案件", signed: true)
        // Zero at 110 + 420 / 2 = 320; the longer bar (33) spans the half width, 210.
        #expect(svg.contains("<rect class=\"bar fall\" x=\"118.3\" y=\"35\" width=\"201.7\""))
        #expect(svg.contains("<rect class=\"bar rise\" x=\"320\" y=\"63\" width=\"210\""))
        #expect(svg.contains("<line class=\"axis\" x1=\"320\""))
        #expect(svg.contains("↓ 下降 fall") && svg.contains("↑ 上升 rise"))
        #expect(svg.contains(">同比↓31.7%</text>"))
        // Unsigned, the same magnitudes are levels: no direction classes.
        #expect(!BarChart.svg(Self.data, title: "t").contains("fall"))
    }

    @Test func mapPlacesCirclesAtCentroidsAndDrawsCounties() {
        let svg = RegionMap.svg(Self.data, regions: .bundled, title: "map")
        #expect(svg.components(separatedBy: "class=\"value\"").count == 3)
        #expect(svg.components(separatedBy: "class=\"missing\"").count == 2)
        #expect(svg.components(separatedBy: "class=\"county\"").count > 90)
        // 巴彦淖尔市 (107.4°E) lies west of 兴安盟 (122.0°E).
        func cx(_ code: String) -> Double? {
            guard let range = svg.range(of: "data-code=\"\(code)\" cx=\"") else { return nil }
            return Double(svg[range.upperBound...].prefix { $0 != "\"" })
        }
        let west = cx("150800"), east = cx("152200")
        #expect(west != nil && east != nil && west! < east!)
    }
}
