import ArgumentParser
import ZhiliIngest

/// Options naming the fields of JSON Lines dumps, shared by `clean` and `extract`.
struct JSONFieldOptions: ParsableArguments {
    @Option(name: .customLong("text-field"), help: ArgumentHelp("JSON Lines field holding the body; repeatable, tried in order (default: text, content, html).", valueName: "name"))
    var textFields: [String] = []

    @Option(name: .customLong("title-field"), help: ArgumentHelp("JSON Lines field holding the title.", valueName: "name"))
    var titleField: String = "title"

    @Option(name: .customLong("url-field"), help: ArgumentHelp("JSON Lines field holding the URL.", valueName: "name"))
    var urlField: String = "url"

    @Option(name: .customLong("date-field"), help: ArgumentHelp("JSON Lines field holding the date.", valueName: "name"))
    var dateField: String = "date"

    /// The field names these options give.
    var fieldNames: JSONFieldNames {
        var fields = JSONFieldNames(title: titleField, url: urlField, date: dateField)
        if !textFields.isEmpty { fields.text = textFields }
        return fields
    }
}
