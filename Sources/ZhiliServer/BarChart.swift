/// An SVG horizontal bar chart, one bar per region, each bar linking to its source sentence.
public enum BarChart {
    /// The chart as an inline `<svg>` element; regions without a value get a "无数据" row.
    ///
    /// Every name, label and sentence is escaped.
    public static func svg(_ data: [ChartDatum], title: String) -> String {
        let rowHeight = 28.0
        let labelWidth = 110.0
        let barWidth = 420.0
        let valueWidth = 130.0
        let top = 10.0
        let width = labelWidth + barWidth + valueWidth
        let height = top * 2 + rowHeight * Double(max(data.count, 1))
        let maximum = data.compactMap(\.value).max() ?? 0
        var svg = """
            <svg class="chart" role="img" viewBox="0 0 \(format(width)) \(format(height))" width="\(format(width))" height="\(format(height))" xmlns="http://www.w3.org/2000/svg" aria-labelledby="bar-title">\
            <title id="bar-title">\(HTML.escape(title))</title>
            """
        for (row, datum) in data.enumerated() {
            let y = top + rowHeight * Double(row)
            let middle = y + rowHeight / 2
            svg += "<g class=\"bar-row\" data-code=\"\(HTML.escape(datum.code))\">"
            svg += "<text class=\"bar-name\" x=\"\(format(labelWidth - 8))\" y=\"\(format(middle))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(HTML.escape(datum.region))</text>"
            if let value = datum.value, maximum > 0 {
                let length = max(2, barWidth * value / maximum)
                var bar = "<rect class=\"bar\" x=\"\(format(labelWidth))\" y=\"\(format(y + 5))\" width=\"\(format(length))\" height=\"\(format(rowHeight - 10))\">"
                bar += "<title>\(HTML.escape(datum.region)) \(HTML.escape(datum.label))\(datum.sentence.map { "\n" + HTML.escape($0) } ?? "")</title></rect>"
                bar += "<text class=\"bar-value\" x=\"\(format(labelWidth + length + 6))\" y=\"\(format(middle))\" dominant-baseline=\"middle\">\(HTML.escape(datum.label))</text>"
                if let href = datum.href {
                    svg += "<a href=\"\(HTML.escape(href))\">\(bar)</a>"
                } else {
                    svg += bar
                }
            } else {
                svg += "<text class=\"bar-missing\" x=\"\(format(labelWidth + 4))\" y=\"\(format(middle))\" dominant-baseline=\"middle\">无数据</text>"
            }
            svg += "</g>"
        }
        svg += "</svg>"
        return svg
    }

    /// A coordinate with at most one decimal, as SVG wants it.
    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
