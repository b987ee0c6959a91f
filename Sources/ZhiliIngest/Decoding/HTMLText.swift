/// The main text of an HTML page, through libxml2's HTML parser (see `CZhiliHTML`).
///
/// The page's main content is chosen over the DOM (see ``HTMLPage``); scripts, styles,
/// comments, forms, hidden elements and page furniture are dropped; block elements become
/// paragraph breaks and `<br>` line breaks; entities are decoded.
public enum HTMLText {
    /// The main text of `html`; an empty string when the page has no text.
    ///
    /// - Complexity: O(n): one parse and a few passes over the elements.
    public static func extract(_ html: String) -> String {
        HTMLPage.parse(html).text
    }
}
