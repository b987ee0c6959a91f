import ArgumentParser

/// The `zhili` command: turns scraped Chinese local-governance news into structured, searchable data.
@main
struct Zhili: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhili",
        abstract: "Clean, extract, index and search Chinese local-governance news.",
        subcommands: [CleanCommand.self, ExtractCommand.self]
    )
}
