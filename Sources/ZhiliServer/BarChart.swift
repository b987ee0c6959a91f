/// An SVG horizontal bar chart, one bar per region, each bar linking to its source sentence.
public enum BarChart {
    /// The chart as an inline `<svg>` element; regions without a value get a "无数据" row.
    ///
    /// With `signed`, values are changes: bars grow from a zero line, a fall (negative value) to
    /// the left with class `fall`, a rise to the right with class `rise`, and a legend names both;
    /// labels carry their own direction (`同比↓31.7%`). Every name, label and sentence is escaped.
    public static func svg(_ data: [ChartDatum], title: String, signed: Bool = false) -> String {
        let rowHeight = 28.0
        let labelWidth = 110.0
        let barWidth = 420.0
        let valueWidth = 130.0
        let top = signed ? 30.0 : 10.0
        let width = labelWidth + barWidth + valueWidth
        let height = top + 10 + rowHeight * Double(max(data.count, 1))
        let values = data.compactMap(\.value)
        let maximum = values.map { signed ? abs($0) : $0 }.max() ?? 0
        let hasFalls = signed && values.contains { $0 < 0 }
        // Where zero is, and how long the longest bar: half the width each way when there are falls.
        let zero = hasFalls ? labelWidth + barWidth / 2 : labelWidth
        let span = hasFalls ? barWidth / 2 : barWidth
        var svg = """
            <svg class="chart" role="img" viewBox="0 0 \(format(width)) \(format(height))" width="\(format(width))" height="\(format(height))" xmlns="http://www.w3.org/2000/svg" aria-labelledby="bar-title">\
            <title id="bar-title">\(HTML.escape(title))</title>
            """
        if signed {
            svg += "<g class=\"legend\"><rect class=\"bar fall\" x=\"\(format(labelWidth))\" y=\"8\" width=\"12\" height=\"12\"/>"
            svg += "<text class=\"bar-value\" x=\"\(format(labelWidth + 16))\" y=\"14\" dominant-baseline=\"middle\">↓ 下降 fall</text>"
            svg += "<rect class=\"bar rise\" x=\"\(format(labelWidth + 110))\" y=\"8\" width=\"12\" height=\"12\"/>"
            svg += "<text class=\"bar-value\" x=\"\(format(labelWidth + 126))\" y=\"14\" dominant-baseline=\"middle\">↑ 上升 rise</text></g>"
            svg += "<line class=\"axis\" x1=\"\(format(zero))\" y1=\"\(format(top))\" x2=\"\(format(zero))\" y2=\"\(format(height - 10))\"/>"
        }
        for (row, datum) in data.enumerated() {
            let y = top + rowHeight * Double(row)
            let middle = y + rowHeight / 2
            svg += "<g class=\"bar-row\" data-code=\"\(HTML.escape(datum.code))\">"
            svg += "<text class=\"bar-name\" x=\"\(format(labelWidth - 8))\" y=\"\(format(middle))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(HTML.escape(datum.region))</text>"
            if let value = datum.value, maximum > 0 {
                let length = max(2, span * abs(value) / maximum)
                let falls = signed && value < 0
                let x = falls ? zero - length : zero
                let direction = signed ? (falls ? " fall" : " rise") : ""
                var bar = "<rect class=\"bar\(direction)\" x=\"\(format(x))\" y=\"\(format(y + 5))\" width=\"\(format(length))\" height=\"\(format(rowHeight - 10))\">"
                bar += "<title>\(HTML.escape(datum.region)) \(HTML.escape(datum.label))\(datum.sentence.map { "\n" + HTML.escape($0) } ?? "")</title></rect>"
                // A fall's label goes right of the zero line, where its row has no bar.
                let labelX = falls ? zero + 6 : zero + length + 6
                bar += "<text class=\"bar-value\(direction)\" x=\"\(format(labelX))\" y=\"\(format(middle))\" dominant-baseline=\"middle\">\(HTML.escape(datum.label))</text>"
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
