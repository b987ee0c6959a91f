import ArgumentParser

/// The `zhili` command: turns scraped Chinese local-governance news into structured, searchable data.
@main
struct Zhili: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhili",
        abstract: "Clean, extract, index and search Chinese local-governance news.",
        version: version,
        subcommands: [
            CleanCommand.self, ExtractCommand.self, DedupCommand.self,
            IndexCommand.self, SearchCommand.self, ProgramsCommand.self, CompareCommand.self, IndicatorsCommand.self,
            ServeCommand.self, CheckCommand.self, QueueCommand.self,
        ]
    )

    /// The release `zhili --version` prints (the record schema in docs/schema.md goes with it).
    static let version = "0.5.0"
}
