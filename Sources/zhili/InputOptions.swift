import ArgumentParser
import ZhiliIngest

/// The inputs of `clean`, `extract` and `index`: paths, the directory filters and the size limit.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files, directories or - for standard input (the default).")
    var paths: [String] = []

    @Option(help: ArgumentHelp("In directories, take only files matching this glob (repeatable; default: known extensions).", valueName: "glob"))
    var include: [String] = []

    @Option(help: ArgumentHelp("In directories, skip files matching this glob (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Option(help: ArgumentHelp("Skip documents larger than this many bytes.", valueName: "bytes"))
    var maxArticleBytes: Int = 16 << 20

    func validate() throws {
        guard maxArticleBytes >= 1 else { throw ValidationError("--max-article-bytes must be positive") }
    }

    /// True when the inputs include standard input.
    var readsStandardInput: Bool { paths.isEmpty || paths.contains("-") }

    /// The input files, in order; in directories, `defaultInclude` applies when no --include is given.
    func files(defaultInclude: [String] = []) -> [InputFile] {
        InputFile.discover(
            paths.isEmpty ? ["-"] : paths,
            include: (include.isEmpty ? defaultInclude : include).map(GlobPattern.init),
            exclude: exclude.map(GlobPattern.init))
    }
}
