/// Field names to look for in each line of a JSON Lines article dump (`--text-field` and friends).
public struct JSONFieldNames: Sendable, Hashable {
    /// Body fields, tried in order; a field named `html` holds HTML.
    public var text: [String]
    /// Title field.
    public var title: String
    /// URL field.
    public var url: String
    /// Date field.
    public var date: String

    /// The defaults: body `text`, `content` or `html`; `title`, `url`, `date`.
    public init(text: [String] = ["text", "content", "html"], title: String = "title", url: String = "url", date: String = "date") {
        self.text = text
        self.title = title
        self.url = url
        self.date = date
    }
}
