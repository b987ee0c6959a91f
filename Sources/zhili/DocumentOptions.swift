import ArgumentParser
import ZhiliIngest

/// How `clean` and `extract` read documents: the charset and the fields of JSON Lines dumps.
struct DocumentOptions: ParsableArguments {
    @Option(help: "Read every input in this charset (e.g. GBK, GB18030, Big5, UTF-16) instead of detecting it.")
    var encoding: String?

    @Option(name: .customLong("text-field"), help: ArgumentHelp("JSON Lines field holding the body; repeatable, tried in order (default: text, content, html).", valueName: "name"))
    var textFields: [String] = []

    @Option(name: .customLong("title-field"), help: ArgumentHelp("JSON Lines field holding the title.", valueName: "name"))
    var titleField: String = "title"

    @Option(name: .customLong("url-field"), help: ArgumentHelp("JSON Lines field holding the URL.", valueName: "name"))
    var urlField: String = "url"

    @Option(name: .customLong("date-field"), help: ArgumentHelp("JSON Lines field holding the date.", valueName: "name"))
    var dateField: String = "date"

    @Option(help: ArgumentHelp("Extra boilerplate pattern file (same format as the built-in boilerplate.txt); repeatable.", valueName: "file"))
    var boilerplate: [String] = []

    /// How JSON lines become documents.
    var decoder: JSONLineDecoder {
        var fields = JSONFieldNames(title: titleField, url: urlField, date: dateField)
        if !textFields.isEmpty { fields.text = textFields }
        return JSONLineDecoder(fields: fields, encoding: encoding)
    }

    /// The cleaner, with the extra boilerplate files.
    func cleaner() throws -> Cleaner {
        for file in boilerplate { _ = try UserFile.text(file, option: "--boilerplate") }
        do {
            return try Cleaner(configuration: CleanerConfiguration(boilerplateFiles: boilerplate))
        } catch {
            throw ValidationError("boilerplate: \(error)")
        }
    }
}
