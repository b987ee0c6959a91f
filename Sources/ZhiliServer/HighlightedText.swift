/// Renders article text as escaped HTML paragraphs with figure and program spans marked.
public enum HighlightedText {
    /// One `<p>` per line of `text`, with each span wrapped: figures in `<mark class="fig">`, programs
    /// in `<a class="prog">` linking to the program page. Every character of `text` is escaped.
    ///
    /// Spans are in Unicode scalar offsets; a span overlapping an earlier one is dropped, and a span
    /// crossing a line break is cut at the break.
    /// - Complexity: O(n + s log s) for n scalars and s spans.
    public static func html(text: String, spans: [TextSpan]) -> String {
        let ordered = spans.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
        var kept: [TextSpan] = []
        for span in ordered where span.start < span.end && span.start >= 0 {
            if let last = kept.last, span.start < last.end { continue }
            kept.append(span)
        }
        var html = "<p>"
        var offset = 0
        var spanIndex = 0
        var open: TextSpan?
        var pending = ""
        func flush() {
            html += HTML.escape(pending)
            pending = ""
        }
        for scalar in text.unicodeScalars {
            if let current = open, offset == current.end {
                flush()
                html += closeTag(current)
                open = nil
            }
            if open == nil, spanIndex < kept.count {
                while spanIndex < kept.count, kept[spanIndex].end <= offset { spanIndex += 1 }
                if spanIndex < kept.count, kept[spanIndex].start == offset {
                    flush()
                    open = kept[spanIndex]
                    html += openTag(kept[spanIndex])
                    spanIndex += 1
                }
            }
            if scalar == "\n" {
                flush()
                if let current = open { html += closeTag(current) }
                open = nil
                html += "</p>\n<p>"
            } else {
                pending.unicodeScalars.append(scalar)
            }
            offset += 1
        }
        flush()
        if let current = open { html += closeTag(current) }
        html += "</p>"
        return html
    }

    static func openTag(_ span: TextSpan) -> String {
        let title = span.label.map { " title=\"\(HTML.escape($0))\"" } ?? ""
        switch span.kind {
        case .figure:
            return "<mark class=\"fig\" id=\"\(HTML.escape(span.anchor))\"\(title)>"
        case .program:
            let name = span.label ?? span.text
            return "<a class=\"prog\" id=\"\(HTML.escape(span.anchor))\" href=\"/programs/\(HTML.urlComponent(name))\">"
        }
    }

    static func closeTag(_ span: TextSpan) -> String {
        span.kind == .figure ? "</mark>" : "</a>"
    }
}

extension HighlightedText {
    /// `text` escaped, with each range (Unicode scalar offsets, sorted and disjoint) wrapped in `<mark>`.
    ///
    /// Ranges outside the text are clipped; overlapping ones are skipped.
    /// - Complexity: O(n + r) for n scalars and r ranges.
    public static func marked(_ text: String, ranges: [(start: Int, end: Int)]) -> String {
        var html = ""
        var pending = ""
        var offset = 0
        var index = 0
        var open = false
        for scalar in text.unicodeScalars {
            if open, offset == ranges[index].end {
                html += HTML.escape(pending) + "</mark>"
                pending = ""
                open = false
                index += 1
            }
            while !open, index < ranges.count, ranges[index].end <= offset || ranges[index].start < offset {
                index += 1
            }
            if !open, index < ranges.count, ranges[index].start == offset, ranges[index].end > offset {
                html += HTML.escape(pending) + "<mark>"
                pending = ""
                open = true
            }
            pending.unicodeScalars.append(scalar)
            offset += 1
        }
        html += HTML.escape(pending)
        if open { html += "</mark>" }
        return html
    }
}
