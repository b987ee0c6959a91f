import CZhiliHTML

/// The main text of an HTML page, through libxml2's HTML parser (see `CZhiliHTML`).
///
/// Script, style, navigation, header, footer and aside elements and comments are dropped;
/// block elements become paragraph breaks and `<br>` line breaks; entities are decoded.
public enum HTMLText {
    /// The main text of `html`; an empty string when the page has no text.
    ///
    /// - Complexity: O(n): one parse and one walk of the tree.
    public static func extract(_ html: String) -> String {
        var utf8 = Array(html.utf8)
        guard !utf8.isEmpty, utf8.count < Int(Int32.max) else { return "" }
        var length: Int32 = 0
        let text = utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                zhili_html_text(chars.baseAddress, Int32(chars.count), &length)
            }
        }
        guard let text else { return "" }
        defer { zhili_html_free(text) }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: Int(length)), as: UTF8.self)
    }
}
